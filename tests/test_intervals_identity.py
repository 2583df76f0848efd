"""intervals.py's short cuts give the very same Decimals as its documented arithmetic.

``Figure`` makes figures without the dataclass's __init__, keeps one figure per written
(value, radius, quantum), one variance per radius, sums ``total`` without the figures
between, and ``verdict`` takes the square root for ``likely`` only when it is read.
Here a plain statement of the documented operations (each a call of CONTEXT or of
its rounding-down and rounding-up copies, as the module's docstrings give them) is
compared with the module on random figures, digit for digit: value, bounds, variance
and quantum must have the same sign, digits and exponent (``Decimal.as_tuple``), and
an operation that raises must raise the same error.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from bcalc import intervals
from bcalc.intervals import CONTEXT, LIKELY_SIGMAS, TWELVE, Figure

D = Decimal
DOWN, UP = intervals._DOWN, intervals._UP
SPECIAL = ["-0", "-0.0", "0E+2", "1E+3", "1.0E+3", "1000", "2.60", "2.6", "-2.6", "0.050", "1E-7"]


# The reference: the operations as documented, on (value, low, high, variance, quantum).
Plain = tuple[Decimal, Decimal, Decimal, Decimal, Decimal]


def ref_written(value: Decimal, radius: Decimal, quantum: Decimal) -> Plain:
    if radius < 0:
        raise ValueError("negative radius")
    width = CONTEXT.multiply(2, radius)
    variance = CONTEXT.divide(CONTEXT.multiply(width, width), TWELVE)
    return (value, DOWN.subtract(value, radius), UP.add(value, radius), variance, quantum)


def ref_add(a: Plain, b: Plain) -> Plain:
    return (
        CONTEXT.add(a[0], b[0]),
        DOWN.add(a[1], b[1]),
        UP.add(a[2], b[2]),
        CONTEXT.add(a[3], b[3]),
        min(a[4], b[4]),
    )


def ref_neg(a: Plain) -> Plain:
    return (a[0].copy_negate(), a[2].copy_negate(), a[1].copy_negate(), a[3], a[4])


def ref_scaled(a: Plain, factor: Decimal) -> Plain:
    low, high = (a[2], a[1]) if factor < 0 else (a[1], a[2])
    scaled = CONTEXT.multiply(a[4], abs(factor))
    quantum = D(1).scaleb(scaled.adjusted(), CONTEXT) if scaled else a[4]
    return (
        CONTEXT.multiply(a[0], factor),
        DOWN.multiply(low, factor),
        UP.multiply(high, factor),
        CONTEXT.multiply(a[3], CONTEXT.multiply(factor, factor)),
        quantum,
    )


def ref_per(a: Plain, count: int) -> Plain:
    if count <= 0:
        raise ValueError("count")
    n = D(count)
    return (
        CONTEXT.divide(a[0], n),
        DOWN.divide(a[1], n),
        UP.divide(a[2], n),
        CONTEXT.divide(a[3], CONTEXT.multiply(n, n)),
        a[4],
    )


def ref_total(figures: list[Plain]) -> Plain:
    result: Plain = (D(0), D(0), D(0), D(0), D(1))
    for figure in figures:
        result = ref_add(result, figure)
    return result


def ref_verdict(c: Plain, s: Plain) -> tuple[str, Decimal, Decimal, Decimal]:
    difference = CONTEXT.subtract(c[0], s[0])
    if difference >= 0:
        worst = UP.add(UP.subtract(c[0], c[1]), UP.subtract(s[2], s[0]))
    else:
        worst = UP.add(UP.subtract(c[2], c[0]), UP.subtract(s[0], s[1]))
    spread = CONTEXT.add(c[3], s[3]).sqrt(CONTEXT)
    likely = min(CONTEXT.multiply(LIKELY_SIGMAS, spread), worst)
    if (
        abs(CONTEXT.subtract(c[0], s[0])) <= s[4]
        and c[0].quantize(s[4], "ROUND_HALF_UP", CONTEXT) == s[0]
    ):
        kind = "equal"
    elif abs(difference) > worst:
        kind = "error"
    elif abs(difference) > likely:
        kind = "unlikely"
    else:
        kind = "rounding"
    return kind, difference, worst, likely


def digits(figure: Figure | Plain) -> Any:
    fields = (
        (figure.value, figure.low, figure.high, figure.variance, figure.quantum)
        if isinstance(figure, Figure)
        else figure
    )
    return tuple(x.as_tuple() for x in fields)


def plain(figure: Figure) -> Plain:
    return (figure.value, figure.low, figure.high, figure.variance, figure.quantum)


def number(rng: random.Random) -> Decimal:
    if rng.random() < 0.2:
        return D(rng.choice(SPECIAL))
    return D(rng.choice((1, 1, -1)) * rng.randrange(10 ** rng.randint(1, 15))).scaleb(
        rng.randint(-6, 2)
    )


QUANTA = ["0.10", "1.0", "0.050", "5", "0E+2", "1E+3", "0", "-0"]


def quantum(rng: random.Random) -> Decimal:
    return D(1).scaleb(rng.randint(-4, 2)) if rng.random() < 0.85 else D(rng.choice(QUANTA))


def written(rng: random.Random) -> tuple[Figure, Plain]:
    value, step = number(rng), quantum(rng)
    radius = rng.choice([step / 2, step / 2 + step, D("0.050"), D("0.05"), D(0), D("-0")])
    return Figure.written(value, radius, step), ref_written(value, radius, step)


def test_figures_are_digit_for_digit_those_of_the_documented_arithmetic() -> None:
    for seed in range(400):
        rng = random.Random(seed)
        pool = [written(rng) for _ in range(5)]
        for _ in range(30):
            (a, ra), (b, rb) = rng.choice(pool), rng.choice(pool)
            step = rng.randrange(7)
            if step == 0:
                made, expected = a + b, ref_add(ra, rb)
            elif step == 1:
                made, expected = a - b, ref_add(ra, ref_neg(rb))
            elif step == 2:
                factor = rng.choice([D(1), D(-1), D(1000), D("0.001"), D("1.0"), number(rng)])
                made, expected = a.scaled(factor), ref_scaled(ra, factor)
            elif step == 3:
                count = rng.randint(1, 10)
                made, expected = a.per(count), ref_per(ra, count)
            elif step == 4:
                chosen = [rng.choice(pool) for _ in range(rng.randint(0, 6))]
                made = intervals.total(f for f, _ in chosen)
                expected = ref_total([r for _, r in chosen])
            elif step == 5:
                outcome = intervals.verdict(a, b)
                kind, difference, worst, likely = ref_verdict(ra, rb)
                assert outcome.kind == kind
                assert [x.as_tuple() for x in (outcome.difference, outcome.worst_case)] == [
                    difference.as_tuple(),
                    worst.as_tuple(),
                ]
                assert outcome.likely.as_tuple() == likely.as_tuple()
                continue
            else:
                pool.append(written(rng))
                continue
            assert type(made) is Figure
            assert digits(made) == digits(expected), seed
            pool.append((made, expected))


def test_a_remembered_written_figure_is_never_one_of_other_digits() -> None:
    # Equal as numbers, different as written: each keeps its own digits and sign.
    for value, radius, step in [
        ("2.6", "0.05", "0.1"),
        ("2.60", "0.05", "0.1"),
        ("2.6", "0.050", "0.1"),
        ("2.6", "0.05", "0.10"),
        ("1E+3", "0.5", "1"),
        ("1000", "0.5", "1"),
        ("0", "0.5", "1"),
        ("-0", "0.5", "1"),
        ("2", "0", "1"),
        ("2", "-0", "1"),
    ]:
        for _ in range(2):  # the second time from the memo, where there is one
            made = Figure.written(D(value), D(radius), D(step))
            assert digits(made) == digits(ref_written(D(value), D(radius), D(step)))


def test_a_lazy_verdict_compares_hashes_and_pickles_like_an_eager_one() -> None:
    import pickle

    computed, stated = Figure.written(D("2.64"), D("0.005"), D("0.01")), Figure.exact(D("2.6"))
    lazy = intervals.verdict(computed, stated)
    eager = intervals.Verdict(lazy.kind, lazy.difference, lazy.worst_case, lazy.likely)
    assert lazy == eager and hash(lazy) == hash(eager) and repr(lazy) == repr(eager)
    assert pickle.loads(pickle.dumps(intervals.verdict(computed, stated))) == eager
