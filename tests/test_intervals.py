"""intervals.Figure: worst-case bounds and likely spread, every figure computed by hand."""

from __future__ import annotations

import os
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bcalc.intervals import (
    LIKELY_SIGMAS,
    DivisorIsZero,
    DivisorMayBeZero,
    Figure,
    from_amount,
    total,
    verdict,
)
from bcalc.numbers import parse_danish

D = Decimal
LONG = os.environ.get("BCALC_FUZZ_LONG") == "1"
EXAMPLES = 2000 if LONG else 300


def written(text: str) -> Figure:
    """A Danish figure as a document writes it: "2,6", "ca. 6,1"."""
    return from_amount(parse_danish(text))


def close(computed: Decimal, expected: Decimal) -> bool:
    """Equal to 20 decimals: bcalc divides at 60 digits, the test's own Decimals at 28."""
    return abs(computed - expected) < D("1e-20")


def bounds(figure: Figure) -> tuple[Decimal, Decimal, Decimal]:
    return figure.low, figure.value, figure.high


# Constructors and properties


def test_a_written_figure_lies_within_half_its_last_digit() -> None:
    figure = written("2,6")
    assert bounds(figure) == (D("2.55"), D("2.6"), D("2.65"))
    # Uniform on ±0,05: variance 0,1²/12 = 0,01/12.
    assert close(figure.variance, D("0.01") / 12)
    assert (figure.tolerance, figure.quantum) == (D("0.05"), D("0.1"))


def test_ca_widens_to_one_and_a_half_units() -> None:
    figure = written("ca. 6,1")
    assert bounds(figure) == (D("5.95"), D("6.1"), D("6.25"))
    # Uniform on ±0,15: (3 × 0,1)²/12 = 0,09/12 = 0,0075.
    assert close(figure.variance, D("0.0075"))


def test_an_exact_figure_has_no_spread() -> None:
    figure = Figure.exact(D(4))
    assert bounds(figure) == (D(4), D(4), D(4))
    assert (figure.variance, figure.tolerance, figure.sigma) == (D(0), D(0), D(0))


def test_written_takes_an_explicit_variance() -> None:
    figure = Figure.written(D(10), D(1), D(1), variance=D("0.5"))
    assert (bounds(figure), figure.variance) == ((D(9), D(10), D(11)), D("0.5"))
    with pytest.raises(ValueError, match="a rounding radius cannot be negative"):
        Figure.written(D(10), D(-1), D(1))


def test_fourteen_tenths_worst_case_and_likely() -> None:
    # Beskæftigelsesplan 2023, Tabel 1: 14 rows written to tenths. Worst case
    # 14 × 0,05 = ±0,7; σ = 0,1 × √(14/12) = 0,10801...
    rows = [written(text) for text in ["2,5"] * 14]
    figure = total(rows)
    assert bounds(figure) == (D("34.3"), D("35.0"), D("35.7"))
    assert figure.tolerance == D("0.7")
    assert round(figure.sigma, 5) == D("0.10801")


# Sums, differences, negation


def test_sums_and_differences_add_the_radii_and_the_variances() -> None:
    # 2,6 − 1,3 = 1,3; low 2,55 − 1,35 = 1,20, high 2,65 − 1,25 = 1,40.
    difference = written("2,6") - written("1,3")
    assert bounds(difference) == (D("1.20"), D("1.3"), D("1.40"))
    assert close(difference.variance, 2 * (D("0.01") / 12))
    # 2,6 + 300 (kr. figures of different precision): the finer quantum is kept.
    assert (written("2,6") + written("300")).quantum == D("0.1")


def test_negation_swaps_the_bounds() -> None:
    assert bounds(-written("2,6")) == (D("-2.65"), D("-2.6"), D("-2.55"))


def test_an_asymmetric_interval_reports_its_wider_side() -> None:
    figure = Figure(D(10), D(9), D("10.2"), D(0), D(1))
    assert figure.tolerance == D(1)


# Scaling, averages, repetition


def test_scaled_by_a_negative_factor_swaps_the_bounds() -> None:
    # 2,6 × −2 = −5,2; 2,65 × −2 = −5,3 becomes the low end; variance × 4.
    figure = written("2,6").scaled(D(-2))
    assert bounds(figure) == (D("-5.30"), D("-5.2"), D("-5.10"))
    assert close(figure.variance, 4 * (D("0.01") / 12))


def test_scaled_keeps_a_clean_power_of_ten_for_display() -> None:
    # 0,1 mio. kr. × 1000 = 100 t.kr.; 0,1 × 1/8 = 0,0125, shown at 0,01.
    assert written("2,6").scaled(D(1000)).quantum == D(100)
    assert written("2,6").scaled(D("0.125")).quantum == D("0.01")


def test_per_averages_over_years_and_keeps_the_sums_quantum() -> None:
    # 4 × 2,6 = 10,4 in [10,2; 10,6]; over 4 years: 2,6 in [2,55; 2,65];
    # variance (4 × 0,01/12) / 16 = 0,01/48.
    average = total([written("2,6")] * 4).per(4)
    assert bounds(average) == (D("2.55"), D("2.6"), D("2.65"))
    assert close(average.variance, D("0.01") / 48)
    assert average.quantum == D("0.1")
    with pytest.raises(DivisorIsZero, match="cannot average over zero years"):
        average.per(0)


def test_a_figure_repeated_moves_as_one_but_independent_figures_cancel() -> None:
    # "2 mio. kr. every year", written once, over 4 years: 8 in [6; 10] either way.
    once = written("2").repeated(4)
    separately = total([written("2")] * 4)
    assert bounds(once) == bounds(separately) == (D(6), D(8), D(10))
    # One error counted 4 times: variance 16 × 1/12 = 4/3, σ = 1,1547;
    # four independent errors: 4 × 1/12 = 1/3, σ = 0,5774.
    assert round(once.variance, 6) == round(D(4) / 3, 6)
    assert round(separately.variance, 6) == round(D(1) / 3, 6)
    assert (round(once.sigma, 4), round(separately.sigma, 4)) == (D("1.1547"), D("0.5774"))


# Products


def test_product_of_two_written_figures() -> None:
    # 2,6 mio. kr. saved per person × 15 persons = 39; [2,55 × 14,5; 2,65 × 15,5]
    # = [36,975; 41,075]; variance 15² × 0,01/12 + 2,6² × 1/12 = 9,01/12.
    product = written("2,6") * written("15")
    assert bounds(product) == (D("36.975"), D("39.0"), D("41.075"))
    assert close(product.variance, D("9.01") / 12)
    # Half-width 2,05: shown to whole units.
    assert product.quantum == D(1)


def test_product_of_two_negative_figures() -> None:
    # [−2,5; −1,5] × [−3,5; −2,5]: endpoint products 8,75, 6,25, 5,25, 3,75.
    product = written("-2") * written("-3")
    assert bounds(product) == (D("3.75"), D(6), D("8.75"))


def test_product_with_a_factor_straddling_zero() -> None:
    # [−0,5; 0,5] × [2,5; 3,5]: endpoint products −1,25, −1,75, 1,25, 1,75.
    product = written("0") * written("3")
    assert bounds(product) == (D("-1.75"), D(0), D("1.75"))
    # 3² × 1/12 + 0² × 1/12 = 0,75.
    assert close(product.variance, D("0.75"))


def test_product_of_two_intervals_straddling_zero() -> None:
    # [−1; 2] × [−3; 1]: endpoint products 3, −1, −6, 2.
    a = Figure(D("0.5"), D(-1), D(2), D(0), D(1))
    b = Figure(D(-1), D(-3), D(1), D(0), D(1))
    assert bounds(a * b) == (D(-6), D("-0.5"), D(3))


def test_product_with_an_exact_factor_is_scaling() -> None:
    assert written("2,6") * Figure.exact(D(2)) == written("2,6").scaled(D(2))
    assert Figure.exact(D(2)) * written("2,6") == written("2,6").scaled(D(2))
    # ½ × 520 exactly: 260, nothing to round.
    half = Figure.exact(D("0.5")) * Figure.exact(D(520))
    assert bounds(half) == (D(260), D(260), D(260))


# Quotients


def test_quotient_of_two_written_figures() -> None:
    # 5.689 / 662 = 8,59365...; [5.688,5 / 662,5; 5.689,5 / 661,5] = [8,58641...; 8,60090...].
    quotient = written("5.689") / written("662")
    assert round(quotient.value, 5) == D("8.59366")
    assert (round(quotient.low, 5), round(quotient.high, 5)) == (D("8.58642"), D("8.60091"))
    # var = (1/12)/662² + 5.689² × (1/12)/662⁴ = 1,9015e-7 + 1,40429e-5 = 1,42331e-5;
    # σ = 0,0037727.
    assert round(quotient.sigma, 7) == D("0.0037727")
    # Half-width 0,0072: shown at 0,001.
    assert quotient.quantum == D("0.001")


def test_quotient_by_a_negative_figure() -> None:
    # [9,5; 10,5] / [−2,5; −1,5]: −3,8, −6,33..., −4,2, −7.
    quotient = written("10") / written("-2")
    assert bounds(quotient) == (D(-7), D(-5), D("-3.8"))


def test_quotient_of_an_interval_straddling_zero_rounds_outward() -> None:
    # [−0,5; 0,5] / [1,5; 2,5]: from −1/3 to 1/3; 1/3 has no end, so the low bound is
    # rounded down and the high bound up.
    quotient = written("0") / written("2")
    assert Fraction(quotient.low) < Fraction(-1, 3) < Fraction(-333, 1000)
    assert Fraction(333, 1000) < Fraction(1, 3) < Fraction(quotient.high)


def test_quotient_by_an_exact_count() -> None:
    # 10,4 / 8 = 1,3 in [10,35/8; 10,45/8] = [1,29375; 1,30625]; shown at 0,01
    # (0,1 / 8 = 0,0125).
    quotient = written("10,4") / Figure.exact(D(8))
    assert bounds(quotient) == (D("1.29375"), D("1.3"), D("1.30625"))
    assert quotient.quantum == D("0.01")


def test_division_by_zero_in_bcalcs_words() -> None:
    with pytest.raises(DivisorIsZero) as raised:
        written("2,6") / Figure.exact(D(0))
    assert raised.value.message == "cannot divide by zero"
    assert isinstance(raised.value, ZeroDivisionError)
    with pytest.raises(DivisorIsZero) as raised:
        written("2,6") / written("0")
    assert raised.value.message == "cannot divide by zero"


def test_division_by_a_figure_that_may_be_zero() -> None:
    # "ca. 1" lies within −0,5 to 2,5: the quotient has no bound.
    with pytest.raises(DivisorMayBeZero) as raised:
        written("2,6") / written("ca. 1")
    assert raised.value.message == (
        "cannot divide by a figure that rounding allows to be zero: it lies between -0.5 and 2.5"
    )
    assert (raised.value.low, raised.value.high) == (D("-0.5"), D("2.5"))


# Verdicts


def test_verdict_equal_when_the_value_rounds_to_the_statement() -> None:
    # 1,32 + 1,32 = 2,64, which rounds to 2,6.
    result = verdict(written("1,32") + written("1,32"), written("2,6"))
    assert result.kind == "equal"
    # Half up: 2,65 rounds to 2,7, not to 2,6.
    assert verdict(written("1,30") + written("1,35"), written("2,7")).kind == "equal"
    assert verdict(written("1,30") + written("1,35"), written("2,6")).kind == "rounding"


def test_verdict_rounding_for_the_2023_total() -> None:
    # Beskæftigelsesplan 2023: the 14 rows sum to 35,4, "Samlet investering 35,3".
    # Worst case 14 × 0,05 + 0,05 = 0,75; likely 3 × √(15 × 0,01/12) = 0,3354.
    rows = [written("2,5")] * 13 + [written("2,9")]
    result = verdict(total(rows), written("35,3"))
    assert (result.kind, result.difference, result.worst_case) == (
        "rounding",
        D("0.1"),
        D("0.75"),
    )
    assert round(result.likely, 4) == D("0.3354")


def test_verdict_unlikely_when_nearly_all_rounding_must_line_up() -> None:
    # Tabel 2, Okt 2018: twelve rounded counts sum to 38.992, "I alt 38.988".
    # Difference 4; worst case 12 × 0,5 + 0,5 = 6,5; likely 3 × √(12/12 + 1/12) = 3,1225.
    rows = ["6.293", "4.143", "2.498", "354", "135", "829"]
    rows += ["3.251", "1.346", "1.312", "1.287", "4.595", "12.949"]
    result = verdict(total(written(row) for row in rows), written("38.988"))
    assert (result.kind, result.difference, result.worst_case) == ("unlikely", D(4), D("6.5"))
    assert round(result.likely, 4) == D("3.1225")


def test_verdict_error_when_no_rounding_explains_it() -> None:
    # 5.689 / 662 = 8,59 in [8,586; 8,601]; "ca. 10,5" lies in [10,35; 10,65].
    result = verdict(written("5.689") / written("662"), written("ca. 10,5"))
    assert result.kind == "error"
    # Stated above computed: the computed interval reaches up 0,00725..., the
    # stated one down 0,15.
    assert round(result.worst_case, 5) == D("0.15725")


def test_verdict_worst_case_follows_the_direction_of_the_difference() -> None:
    computed = Figure(D(10), D(9), D(13), D(0), D(1))  # reaches 1 down, 3 up
    # Stated 8: the computed interval reaches 1 down, the stated one 0,5 up: 2 > 1,5.
    below = verdict(computed, written("8"))
    # Stated 12: 3 up and 0,5 down allow 3,5 ≥ 2, but 2 > 3 × √(1/12) = 0,866.
    above = verdict(computed, written("12"))
    assert (below.kind, below.worst_case) == ("error", D("1.5"))
    assert (above.kind, above.worst_case) == ("unlikely", D("3.5"))


def test_likely_is_three_standard_deviations() -> None:
    assert LIKELY_SIGMAS == 3


def test_likely_never_exceeds_the_worst_case() -> None:
    # 2 + 3 against 5,3: worst 0,5 + 0,5 + 0,05 = 1,05; 3σ = 3 × √(2/12 + 0,01/12)
    # = 1,228 would exceed it, so likely is 1,05 too.
    result = verdict(written("2") + written("3"), written("5,3"))
    assert (result.kind, result.worst_case, result.likely) == ("rounding", D("1.05"), D("1.05"))


def test_verdict_on_a_figure_far_beyond_the_statements_precision() -> None:
    # 10^40 against 1: rounding 10^40 to whole units would need 41 digits; no need.
    assert verdict(Figure.exact(D(10) ** 40), written("1")).kind == "error"


# Soundness: every actual result lies within the computed bounds

LIMIT = 10**15


@st.composite
def written_figures(draw: st.DrawFn) -> tuple[Figure, Fraction]:
    """A written figure within numbers.py's bounds and an actual value its rounding
    allows (the ends of the interval included)."""
    decimals = draw(st.integers(0, 6))
    digits = draw(st.integers(-(LIMIT - 1), LIMIT - 1) | st.integers(-2000, 2000))
    value = D(digits).scaleb(-decimals)
    quantum = D(1).scaleb(-decimals)
    kind = draw(st.sampled_from(["written", "ca", "exact"]))
    if kind == "exact":
        return Figure.exact(value, quantum), Fraction(value)
    radius = quantum * (D("1.5") if kind == "ca" else D("0.5"))
    figure = Figure.written(value, radius, quantum)
    step = draw(st.integers(0, 1000))
    actual = Fraction(figure.low) + (Fraction(figure.high) - Fraction(figure.low)) * step / 1000
    return figure, actual


def _within(figure: Figure, actual: Fraction) -> bool:
    return Fraction(figure.low) <= actual <= Fraction(figure.high) and (
        figure.low <= figure.value <= figure.high
    )


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    first=written_figures(),
    rest=st.lists(st.tuples(st.sampled_from("+-*/"), written_figures()), min_size=1, max_size=4),
)
def test_actual_results_lie_within_the_bounds(
    first: tuple[Figure, Fraction], rest: list[tuple[str, tuple[Figure, Fraction]]]
) -> None:
    figure, actual = first
    for operator, (other, other_actual) in rest:
        if operator == "+":
            figure, actual = figure + other, actual + other_actual
        elif operator == "-":
            figure, actual = figure - other, actual - other_actual
        elif operator == "*":
            figure, actual = figure * other, actual * other_actual
        else:
            try:
                figure = figure / other
            except DivisorIsZero:
                assert other.value == 0
                return
            except DivisorMayBeZero:
                assert other.low <= 0 <= other.high
                return
            if other_actual == 0:
                assume(False)  # possible only at the end of a half-open rounding interval
            actual = actual / other_actual
        assert _within(figure, actual)


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    pair=written_figures(),
    factor=st.decimals(min_value=-(10**6), max_value=10**6, places=6),
    count=st.integers(1, 50),
)
def test_scaled_per_and_repeated_are_sound(
    pair: tuple[Figure, Fraction], factor: Decimal, count: int
) -> None:
    figure, actual = pair
    assert _within(figure.scaled(factor), actual * Fraction(factor))
    assert _within(figure.per(count), actual / count)
    assert _within(figure.repeated(count), actual * count)
    assert _within(-figure, -actual)
