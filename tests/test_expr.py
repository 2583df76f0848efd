"""expr: the claims' expression language, with every figure computed by hand."""

from __future__ import annotations

import inspect
import os
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from bcalc.expr import (
    MAX_DEPTH,
    MAX_LENGTH,
    MAX_TOKENS,
    MONEY,
    PERSONS,
    RATIO,
    Dimension,
    ExpressionError,
    Quantity,
    convert,
    evaluate,
    money,
    parse,
    persons,
    ratio,
    target_unit,
)
from bcalc.intervals import Figure, from_amount, verdict
from bcalc.numbers import format_danish, parse_danish
from bcalc.units import Unit

D = Decimal
HOSTILE = Path(__file__).parent / "hostile_expr"
LONG = os.environ.get("BCALC_FUZZ_LONG") == "1"
EXAMPLES = 2000 if LONG else 200


def written(text: str) -> Figure:
    return from_amount(parse_danish(text))


def bounds(figure: Figure) -> tuple[Decimal, Decimal, Decimal]:
    return figure.low, figure.value, figure.high


def error_of(text: str, figures: dict[str, Quantity] | None = None) -> tuple[int | None, str]:
    """(column, message) of the ExpressionError ``text`` gives."""
    names = figures or {}
    with pytest.raises(ExpressionError) as raised:
        evaluate(text, names.get, names.keys)
    return raised.value.column, raised.value.message


# The documents' own arithmetic


def test_forsoergelse_per_indsatskrone_is_far_from_ca_10_5() -> None:
    # 2026 slides: 5.689 mio. kr. forsørgelse beside 662 mio. kr. indsats: 8,5936...,
    # in [5.688,5 / 662,5; 5.689,5 / 661,5] = [8,58641...; 8,60090...].
    result = evaluate("5.689 mio. kr. / 662 mio. kr.")
    assert result.dimension == RATIO
    figure = convert(result, None)
    assert round(figure.value, 5) == D("8.59366")
    assert (round(figure.low, 5), round(figure.high, 5)) == (D("8.58642"), D("8.60091"))
    # "ca. 10,5" lies in [10,35; 10,65]: no rounding gets there.
    assert verdict(figure, written("ca. 10,5")).kind == "error"


def test_a_share_of_a_krone_amount() -> None:
    # 12.345.678 kr. × 6,5 % = 802.469,07 kr. = 0,80246907 mio. kr.;
    # low 12.345.677,5 × 0,0645 = 796.296,19875, high 12.345.678,5 × 0,0655 = 808.641,94175.
    figure = convert(evaluate("12.345.678 kr. * 6,5 %"), "mio. kr.")
    assert bounds(figure) == (D("0.79629619875"), D("0.80246907"), D("0.80864194175"))
    assert verdict(figure, written("0,8")).kind == "equal"


def test_persons_of_persons_as_a_percentage() -> None:
    # 212 af 1.480 personer = 14,324 %; [211,5 / 1.480,5; 212,5 / 1.479,5] = [14,286; 14,363] %.
    figure = convert(evaluate("212 personer / 1.480 personer"), "%")
    assert round(figure.value, 3) == D("14.324")
    assert (round(figure.low, 3), round(figure.high, 3)) == (D("14.286"), D("14.363"))
    assert verdict(figure, written("14,3")).kind == "equal"


def test_a_half_counts_exactly() -> None:
    # 1.204 + 310 + ½ × 520 = 1.774 personer; radius 0,5 + 0,5 + ½ × 0,5 = 1,25;
    # variance 1/12 + 1/12 + ¼ × 1/12 = 0,1875.
    for text in (
        "1.204 personer + 310 personer + ½ * 520 personer",
        "1.204 personer + 310 personer + 1/2 * 520 personer",
    ):
        figure = convert(evaluate(text), "personer")
        assert bounds(figure) == (D("1772.75"), D(1774), D("1775.25"))
        assert figure.variance == D("0.1875")
        assert verdict(figure, written("1.774")).kind == "equal"


def test_thirty_percent_of_five_point_two_million() -> None:
    # 30 % af 5,2 mio. kr. = 1,56 mio. kr.; [0,295 × 5,15; 0,305 × 5,25] = [1,51925; 1,60125];
    # "ca. 1,6": 1,56 rounds to 1,6.
    figure = convert(evaluate("30 % * 5,2 mio. kr."), "mio. kr.")
    assert bounds(figure) == (D("1.51925"), D("1.56"), D("1.60125"))
    assert verdict(figure, written("ca. 1,6")).kind == "equal"


# Precision: units mark written figures, bare numbers are exact


def test_a_bare_number_is_exact_and_a_unit_makes_it_written() -> None:
    assert bounds(evaluate("4").figure) == (D(4), D(4), D(4))
    assert bounds(evaluate("4 kr.").figure) == (D("3.5"), D(4), D("4.5"))
    # "ca." widens to 1,5 units and makes even a bare number approximate.
    assert bounds(evaluate("ca. 4").figure) == (D("2.5"), D(4), D("5.5"))
    assert bounds(evaluate("omkring 4 kr.").figure) == (D("2.5"), D(4), D("5.5"))


def test_fractions_are_exact_even_with_a_unit() -> None:
    assert bounds(evaluate("¾").figure) == (D("0.75"), D("0.75"), D("0.75"))
    assert bounds(evaluate("½ mio. kr.").figure) == (D(500000), D(500000), D(500000))


def test_money_is_carried_in_kroner() -> None:
    # 2,6 mio. kr. = 2.600.000 kr. ± 50.000.
    figure = evaluate("2,6 mio. kr.").figure
    assert bounds(figure) == (D(2550000), D(2600000), D(2650000))
    assert convert(evaluate("3.450 t.kr."), "mio. kr.").value == D("3.45")


@pytest.mark.parametrize(
    ("text", "value", "dimension"),
    [
        ("2 kr.", "2", MONEY),
        ("2 kr", "2", MONEY),
        ("2 kroner", "2", MONEY),
        ("2 t.kr.", "2000", MONEY),
        ("2 t. kr.", "2000", MONEY),
        ("2 tkr.", "2000", MONEY),
        ("2 tusind kr.", "2000", MONEY),
        ("2 mio. kr.", "2000000", MONEY),
        ("2 mio.kr.", "2000000", MONEY),
        ("2 Mio. kr.", "2000000", MONEY),
        ("2 mio.", "2000000", MONEY),
        ("2 mill. kr.", "2000000", MONEY),
        ("2 millioner kroner", "2000000", MONEY),
        ("2mio. kr.", "2000000", MONEY),
        ("2 personer", "2", PERSONS),
        ("2 person", "2", PERSONS),
        ("2 helårspersoner", "2", PERSONS),
        ("2 helårsperson", "2", PERSONS),
        ("2 fuldtidspersoner", "2", PERSONS),
        ("2 %", "0.02", RATIO),
        ("2%", "0.02", RATIO),
        ("2 pct.", "0.02", RATIO),
        ("2 procent", "0.02", RATIO),
        ("2 kr. pr. person", "2", Dimension(1, -1)),
        ("2 t.kr. per helårsperson", "2000", Dimension(1, -1)),
    ],
)
def test_unit_spellings(text: str, value: str, dimension: Dimension) -> None:
    result = evaluate(text)
    assert (result.figure.value, result.dimension) == (D(value), dimension)


def test_danish_numbers_follow_numbers_py() -> None:
    assert evaluate("12.345.678").figure.value == D(12345678)
    assert evaluate("1.234,5").figure.value == D("1234.5")
    assert evaluate("12 345 678").figure.value == D(12345678)
    assert evaluate("1\u00a0234,5 kr.").figure.value == D("1234.5")


# Operators and dimensions


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2 + 3 * 4", "14"),
        ("(2 + 3) * 4", "20"),
        ("2 - 3 - 4", "-5"),  # left to right: (2 − 3) − 4
        ("8 / 4 / 2", "1"),  # (8 / 4) / 2
        ("-2 * 3", "-6"),
        ("- - 2", "2"),
        ("+2", "2"),
        ("2 × 3 · 4", "24"),
        ("12 ÷ 4 − 1", "2"),
        ("2 * -3", "-6"),
        ("2 −3", "-1"),
    ],
)
def test_operators_and_precedence(text: str, value: str) -> None:
    assert evaluate(text).figure.value == D(value)


def test_dimensions_combine_under_multiplication_and_division() -> None:
    # 2,6 mio. kr. / 15 personer = 173.333 kr. per person.
    per_person = evaluate("2,6 mio. kr. / 15 personer")
    assert per_person.dimension == Dimension(1, -1)
    assert round(convert(per_person, "kr. pr. person").value) == 173333
    # × persons gives kroner again.
    assert evaluate("173.333 kr. pr. person * 15 personer").dimension == MONEY
    assert evaluate("2 kr. * 3 kr.").dimension == Dimension(2, 0)


@pytest.mark.parametrize(
    ("dimension", "words"),
    [
        (RATIO, "a ratio"),
        (MONEY, "kroner"),
        (PERSONS, "persons"),
        (Dimension(1, -1), "kroner per person"),
        (Dimension(-1, 1), "persons per krone"),
        (Dimension(2, 0), "kroner^2"),
        (Dimension(0, -1), "1 per person"),
    ],
)
def test_dimensions_in_words(dimension: Dimension, words: str) -> None:
    assert dimension.describe() == words


def test_adding_different_dimensions_is_refused() -> None:
    assert error_of("2 kr. + 3 personer") == (7, "cannot add kroner and persons")
    assert error_of("2 kr. - 3") == (7, "cannot subtract kroner and a ratio")


def test_convert_refuses_another_dimension() -> None:
    with pytest.raises(ExpressionError) as raised:
        convert(evaluate("2,6 mio. kr. / 15 personer"), None)
    assert (raised.value.column, raised.value.message) == (
        None,
        "the expression gives kroner per person, but the claim states a ratio",
    )
    with pytest.raises(ExpressionError) as raised:
        convert(evaluate("2 personer"), "mio. kr.")
    assert raised.value.message == "the expression gives persons, but the claim states kroner"


def test_target_units() -> None:
    assert target_unit(None) == target_unit("") == (D(1), RATIO)
    assert target_unit("%") == (D("0.01"), RATIO)
    assert target_unit(" t.kr. ") == (D(1000), MONEY)
    assert target_unit("kr. pr. helårsperson") == (D(1), Dimension(1, -1))
    with pytest.raises(ExpressionError) as raised:
        target_unit("mia. kr.")
    assert raised.value.message == (
        "unknown unit 'mia. kr.'; use kr., t.kr., mio. kr., personer, %, "
        "a unit pr. a unit (kr. pr. person), or none for a ratio"
    )


# Names

FIGURES = {
    "akademikere-opkvalificering.period.net_gain": money(written("2,4"), Unit.MIO),
    "akademikere-opkvalificering.period.investment": money(written("8"), Unit.MIO),
    "file.average_investment": money(written("10,7"), Unit.MIO),
    "claims.forsoergelse-pr-indsatskrone": ratio(written("8,6")),
    "igu.helårspersoner": persons(written("59")),
    "a": ratio(Figure.exact(D(2))),
}


def test_names_are_resolved_by_the_callers_figures() -> None:
    # 2,4 / 8 = 0,3; [2,35 / 8,5; 2,45 / 7,5] = [0,27647...; 0,32666...].
    result = evaluate(
        "akademikere-opkvalificering.period.net_gain / "
        "akademikere-opkvalificering.period.investment",
        FIGURES.get,
    )
    assert result.dimension == RATIO
    assert result.figure.value == D("0.3")
    assert (round(result.figure.low, 5), round(result.figure.high, 5)) == (
        D("0.27647"),
        D("0.32667"),
    )
    assert evaluate("igu.helårspersoner * 2", FIGURES.get).figure.value == D(118)


def test_an_expression_lists_its_names() -> None:
    expression = parse("a * file.average_investment - a * 2 kr.")
    assert expression.names == ("a", "file.average_investment")


def test_an_unknown_name_suggests_close_ones() -> None:
    assert error_of("akademiker.period.net_gain", FIGURES) == (
        1,
        "unknown figure 'akademiker.period.net_gain'; "
        "did you mean 'akademikere-opkvalificering.period.net_gain'?",
    )
    assert error_of("2 * akademikere-opkvalificering.period.net", FIGURES) == (
        5,
        "unknown figure 'akademikere-opkvalificering.period.net'; did you mean "
        "'akademikere-opkvalificering.period.net_gain' or "
        "'akademikere-opkvalificering.period.investment'?",
    )
    assert error_of("zzz", FIGURES) == (1, "unknown figure 'zzz'")
    # Without a list of known names, no suggestion.
    with pytest.raises(ExpressionError) as raised:
        evaluate("b", FIGURES.get)
    assert raised.value.message == "unknown figure 'b'"


def test_a_minus_without_spaces_is_part_of_the_name() -> None:
    assert error_of("a-2", FIGURES) == (
        1,
        "unknown figure 'a-2'; if you meant a subtraction, put spaces around the minus: 'a - 2'",
    )
    assert error_of("a- 2", FIGURES) == (
        4,
        "expected an operator (+, -, *, /) between 'a-' and '2'; "
        "a minus needs spaces on both sides: 'a - 2'",
    )
    assert evaluate("a - 2", FIGURES.get).figure.value == 0
    assert evaluate("a -2", FIGURES.get).figure.value == 0


def test_a_unit_word_is_not_a_name() -> None:
    assert error_of("2 * kr.") == (5, "'kr' is a unit, but no number stands right before it")
    assert error_of("t.kr.") == (1, "'t.kr' is a unit, but no number stands right before it")
    # But a name may begin with a unit's word.
    assert error_of("personer.total") == (1, "unknown figure 'personer.total'")


# Errors, each with its column


@pytest.mark.parametrize(
    ("text", "column", "message"),
    [
        ("", 1, "the expression is empty"),
        ("  \t ", 1, "the expression is empty"),
        ("2 +", 4, "the expression ends after '+'; a number, a name or '(' must follow"),
        ("2 * * 3", 5, "expected a number, a name or '(' where '*' stands"),
        ("()", 1, "empty parentheses"),
        ("(2", 1, "the '(' at column 1 is never closed"),
        ("2)", 2, "')' has no matching '('"),
        ("2 (3)", 3, "expected an operator (+, -, *, /) between '2' and '('"),
        (
            "2 3",
            3,
            "expected an operator (+, -, *, /) between '2' and '3'; "
            "a space may only group thousands in threes, as in 1 234",
        ),
        (
            "30 % af 5,2 mio. kr.",
            6,
            "expected an operator (+, -, *, /) between '30 %' and 'af'; to multiply, write * or ×",
        ),
        ("2 ** 3", 3, "'**' (a power) is not supported; write the multiplication out"),
        ("2 ^ 3", 3, "'^' (a power) is not supported; write the multiplication out"),
        (
            "2 = 2",
            3,
            "'=' does not belong in the expression; the stated figure is written separately",
        ),
        ("2 : 3", 3, "':' is not an operator; divide with / or ÷"),
        ("2 – 1", 3, "'–' (a dash) is not a minus sign; write - or −"),
        ("[2]", 1, "only round parentheses ( ) group"),
        ("2 , 5", 3, "a decimal comma stands between digits, as in 6,5"),
        ("% 5", 1, "'%' must follow a number, as in 6,5 %"),
        ("'2'", 1, "text in quotes is not part of an expression"),
        ("2 + __x", 5, "a name starts with a letter, not '_'"),
        ("sum(2)", 1, "'sum(' looks like a function call; expressions have no functions"),
        ("2 & 3", 3, "unexpected character '&'"),
        ("1e6", 1, "scientific notation such as 1e6 is not allowed; write the number in digits"),
        ("2x", 2, "unknown unit 'x'; use kr., t.kr., mio. kr., personer or %"),
        ("2 mia. kr.", 3, "unknown unit 'mia.'; use kr., t.kr., mio. kr., personer or %"),
        ("2 kr. pr.", 7, "'pr.' must be followed by a unit, as in 'kr. pr. person'"),
        ("ca. ½", 1, "½ is exact; 'ca.' cannot mark it"),
        ("1.23", 1, '\'1.23\' is not a Danish number; write e.g. "2,6", "8.500" or "1.234,5"'),
        ("2,1234567 kr.", 1, "'2,1234567' has more than 6 decimals"),
        ("1.000.000.000.000.000", 1, "'1.000.000.000.000.000' is too large to be a budget figure"),
        ("1 / 0", 3, "cannot divide by zero"),
        ("1 / (2 - 2)", 3, "cannot divide by zero"),
        ("5 kr. / 0 kr.", 7, "cannot divide by zero"),
        (
            "5 mio. kr. / ca. 1 mio. kr.",
            12,
            "cannot divide by a figure that rounding allows to be zero: "
            "the divisor lies between -500000 kroner and 2500000 kroner",
        ),
        (
            "2 / (2 - ca. 1)",  # 2 − [−0,5; 2,5]
            3,
            "cannot divide by a figure that rounding allows to be zero: "
            "the divisor lies between -0.5 and 2.5",
        ),
    ],
)
def test_errors_name_their_column(text: str, column: int, message: str) -> None:
    assert error_of(text) == (column, message)


def test_the_error_is_the_message() -> None:
    assert str(ExpressionError("cannot divide by zero", 3)) == "cannot divide by zero"


# Hostile input: always an ExpressionError, never another exception or a hang

HOSTILE_ERRORS = {
    "bidi_override.txt": (5, "unexpected character '\\u202e'"),
    "caret_power.txt": (3, "'^' (a power) is not supported; write the multiplication out"),
    "deep_parentheses.txt": (51, "parentheses are nested more than 50 deep"),
    "division_by_zero.txt": (12, "cannot divide by zero"),
    "divisor_may_be_zero.txt": (
        12,
        "cannot divide by a figure that rounding allows to be zero: "
        "the divisor lies between -500000 kroner and 2500000 kroner",
    ),
    "dunder_attribute.txt": (1, "unknown figure 'a.__class__'"),
    "empty.txt": (1, "the expression is empty"),
    "eval_call.txt": (1, "'eval(' looks like a function call; expressions have no functions"),
    "import.txt": (1, "a name starts with a letter, not '_'"),
    "lambda.txt": (7, "':' is not an operator; divide with / or ÷"),
    "many_decimals.txt": (1, "'0,0000001' has more than 6 decimals"),
    "many_tokens.txt": (501, "the expression has more than 500 numbers, names and operators"),
    "nul.txt": (4, "unexpected character '\\x00'"),
    "only_whitespace.txt": (1, "the expression is empty"),
    "power.txt": (3, "'**' (a power) is not supported; write the multiplication out"),
    # 999.999.999.999.999 kr. ≈ 10^15: the third factor passes 10^45 (the 3rd '*').
    "runaway_product.txt": (
        77,
        "a result reaches 10^45 or more; no budget calculation needs figures that large",
    ),
    "scientific.txt": (
        1,
        "scientific notation such as 1e6 is not allowed; write the number in digits",
    ),
    "semicolon.txt": (2, "';' is not allowed: an expression is one calculation"),
    "string.txt": (1, "text in quotes is not part of an expression"),
    "too_large.txt": (1, "'9.999.999.999.999.999' is too large to be a budget figure"),
    "unclosed.txt": (3, "the '(' at column 3 is never closed"),
    "unmatched_close.txt": (6, "')' has no matching '('"),
    "zero_width_space.txt": (2, "unexpected character '\\u200b'"),
}


def test_every_hostile_file_is_pinned() -> None:
    files = {path.name for path in HOSTILE.iterdir()}
    assert files == set(HOSTILE_ERRORS) | {"unary_chain.txt"}


@pytest.mark.parametrize("name", sorted(HOSTILE_ERRORS))
def test_hostile_expressions(name: str) -> None:
    text = (HOSTILE / name).read_text(encoding="utf-8")
    assert error_of(text, {"a": ratio(Figure.exact(D(1)))}) == HOSTILE_ERRORS[name]


def test_a_long_chain_of_signs_is_no_recursion() -> None:
    # 499 minus signs: an odd count, so −5.
    text = (HOSTILE / "unary_chain.txt").read_text(encoding="utf-8")
    assert evaluate(text).figure.value == -5


def test_ten_thousand_parentheses_and_a_megabyte() -> None:
    too_long = f"the expression is longer than {MAX_LENGTH} characters"
    assert error_of("(" * 10_000 + "1" + ")" * 10_000) == (MAX_LENGTH + 1, too_long)
    assert error_of("1" * 1_000_000) == (MAX_LENGTH + 1, too_long)
    # Within the length limit, the nesting limit speaks at the 51st '('.
    assert error_of("(" * MAX_LENGTH) == (51, "parentheses are nested more than 50 deep")


def test_the_deepest_expression_allowed_fits_a_small_stack() -> None:
    # The parser recurses only at '(' (four frames a level), at most MAX_DEPTH deep;
    # signs, sums and products are loops, evaluation walks postfix steps. So the
    # deepest and longest expression the limits allow parses within 300 frames.
    # 50 + 351 + 1 + 2 × 24 + 50 = 500 tokens, the most allowed.
    assert 2 * MAX_DEPTH + 351 + 1 + 2 * 24 == MAX_TOKENS
    deepest = "(" * MAX_DEPTH + "-" * 351 + "1" + " + 1" * 24 + ")" * MAX_DEPTH
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 300)
    try:
        result = evaluate(deepest)
    finally:
        sys.setrecursionlimit(limit)
    assert result.figure.value == 23  # 351 minus signs: −1, then + 24


# Properties

FRAGMENTS = [
    *"0123456789",
    *",. +-−*×·/÷()½%_~'\"^=;:[]–\u00a0\u200b\x00",
    "kr.",
    "mio. kr.",
    "t.kr.",
    "personer",
    "pr. person",
    "ca. ",
    "omkring ",
    "a",
    "b.c",
    "x-y",
    "e",
    "**",
    "1.000",
    "12.345",
    "pct.",
    "æ",
    "f(",
    "__import__",
]
NAMES = {
    "a": ratio(written("2,5")),
    "b.c": money(written("3"), Unit.MIO),
    "x-y": persons(Figure.exact(D(0))),
}


@settings(max_examples=EXAMPLES * 5, deadline=None)
@given(text=st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join))
def test_random_text_gives_a_result_or_an_expression_error(text: str) -> None:
    try:
        result = evaluate(text, NAMES.get, NAMES.keys)
    except ExpressionError as error:
        assert error.column is None or 1 <= error.column <= len(text) + 1
    else:
        assert result.figure.low <= result.figure.value <= result.figure.high


LEAF_UNITS: dict[Dimension, list[tuple[str, Fraction]]] = {
    MONEY: [("kr.", Fraction(1)), ("t.kr.", Fraction(1000)), ("mio. kr.", Fraction(10**6))],
    PERSONS: [("personer", Fraction(1))],
    RATIO: [("", Fraction(1)), ("%", Fraction(1, 100))],
}


@st.composite
def leaves(draw: st.DrawFn, dimension: Dimension) -> tuple[str, Fraction]:
    """A written number and a value its rounding allows, in kroner/persons/ratio."""
    decimals = draw(st.integers(0, 3))
    quantum = D(1).scaleb(-decimals)
    value = D(draw(st.integers(0, 10**7))).scaleb(-decimals)
    unit, factor = draw(st.sampled_from(LEAF_UNITS[dimension]))
    approx = draw(st.booleans())
    text = ("ca. " if approx else "") + format_danish(value, quantum)
    if not unit and not approx:
        return text, Fraction(value)
    radius = Fraction(quantum) * (Fraction(3, 2) if approx else Fraction(1, 2))
    actual = Fraction(value) - radius + 2 * radius * draw(st.integers(0, 100)) / 100
    return f"{text} {unit}".strip(), actual * factor


@st.composite
def expressions(draw: st.DrawFn, dimension: Dimension, depth: int) -> tuple[str, Fraction]:
    """A well-formed expression of ``dimension`` and its value at actual inputs."""
    kind = draw(st.sampled_from(["leaf", "+", "-", "*", "/", "negate"])) if depth else "leaf"
    if kind == "leaf":
        return draw(leaves(dimension))
    if kind == "negate":
        text, value = draw(expressions(dimension, depth - 1))
        return f"-({text})", -value
    if kind in "+-":
        dimensions = (dimension, dimension)
    elif kind == "*":
        dimensions = draw(st.sampled_from([(dimension, RATIO), (RATIO, dimension)]))
    elif dimension == RATIO:
        same = draw(st.sampled_from([RATIO, MONEY, PERSONS]))
        dimensions = (same, same)
    else:
        dimensions = (dimension, RATIO)
    left, left_value = draw(expressions(dimensions[0], depth - 1))
    right, right_value = draw(expressions(dimensions[1], depth - 1))
    text = f"({left}) {kind} ({right})"
    if kind == "+":
        return text, left_value + right_value
    if kind == "-":
        return text, left_value - right_value
    if kind == "*":
        return text, left_value * right_value
    assume(right_value != 0)
    return text, left_value / right_value


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(
    dimension=st.sampled_from([RATIO, MONEY, PERSONS]),
    data=st.data(),
)
def test_well_formed_expressions_contain_their_actual_value(
    dimension: Dimension, data: st.DataObject
) -> None:
    text, actual = data.draw(expressions(dimension, 3))
    try:
        result = evaluate(text)
    except ExpressionError as error:
        # Only the divisor's rounding or runaway size may stop a well-formed expression.
        assert error.message.startswith(("cannot divide by", "a result reaches"))
        event(error.message.split(":")[0])
        return
    assert result.dimension == dimension
    assert Fraction(result.figure.low) <= actual <= Fraction(result.figure.high)
