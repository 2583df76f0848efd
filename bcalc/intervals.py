"""Figures that know how far rounding of their inputs could have moved them.

A document prints "2,6" and means "somewhere in 2,55–2,65". Every figure bcalc
computes is a ``Figure``: its exact value from the written inputs, the interval
``[low, high]`` that rounding of those inputs allows in the worst case, and the
variance of its total rounding error if the inputs' rounding errors are independent
(each uniform over its interval). The worst case says what is *possible*; the
variance says what is *likely*: fourteen figures written to tenths may all be off by
0,05 the same way (±0,7), but their errors usually cancel (σ ≈ 0,108).

Arithmetic is exact interval arithmetic: sums, differences, products and quotients
of the endpoints, rounded outward. Variances add for sums and are propagated to first
order for products and quotients.

Decimal context: every operation here uses ``CONTEXT`` (60 significant digits) for
values and variances, and copies of it that round down for lower bounds and up for
upper bounds, so that a bound never moves inward. Written figures are below 10^15
with at most six decimals (``numbers.py``): at most 21 significant digits, so sums
and products of two of them (at most 42 digits) are exact, and quotients are rounded
at the 60th digit, outward for the bounds. Overflow needs an exponent beyond
999.999, far out of reach of such figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import (
    ROUND_CEILING,
    ROUND_FLOOR,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)
from typing import Any, Literal

from bcalc.numbers import Amount

CONTEXT = Context(
    prec=60,
    rounding=ROUND_HALF_EVEN,
    Emin=-999_999,
    Emax=999_999,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)
_DOWN = CONTEXT.copy()
_DOWN.rounding = ROUND_FLOOR
_UP = CONTEXT.copy()
_UP.rounding = ROUND_CEILING

ZERO = Decimal(0)
ONE = Decimal(1)
TWELVE = Decimal(12)

# Every figure of a national corpus goes through these a few thousand times a file:
# the methods are looked up once, and figures are made without the dataclass's
# __init__ (``_figure``), which costs more than the arithmetic. The operations and
# their order are exactly those the methods below document.
_add, _sub, _mul, _div = CONTEXT.add, CONTEXT.subtract, CONTEXT.multiply, CONTEXT.divide
_add_down, _sub_down, _mul_down, _div_down = _DOWN.add, _DOWN.subtract, _DOWN.multiply, _DOWN.divide
_add_up, _sub_up, _mul_up, _div_up = _UP.add, _UP.subtract, _UP.multiply, _UP.divide

# How many standard deviations of the combined rounding error a difference may reach
# and still count as ordinary rounding. Rounding errors of several figures add up to
# something close to a normal distribution, which exceeds 3σ in about 0,3 % of cases
# (a sum of bounded uniform errors even less often): rare enough that a difference
# beyond it means nearly all rounding went the same way, common enough that honest
# documents with a few hundred figures are seldom flagged. One uniform error never
# exceeds 3σ (its radius q/2 is 1,73σ), so only a sum of many figures can be "unlikely".
LIKELY_SIGMAS = Decimal(3)


class FigureError(ArithmeticError):
    """Arithmetic that has no figure as its result; ``message`` is bcalc's words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DivisorIsZero(FigureError, ZeroDivisionError):
    """Division by a figure that is zero."""


class DivisorMayBeZero(FigureError):
    """Division by a figure whose rounding interval contains zero: no bound exists."""

    def __init__(self, message: str, low: Decimal, high: Decimal) -> None:
        super().__init__(message)
        self.low = low
        self.high = high


@dataclass(frozen=True, slots=True)
class Figure:
    """A computed figure with its worst-case interval and its likely spread."""

    value: Decimal  # exact value computed from the written inputs
    low: Decimal  # worst case: the smallest value rounding of the inputs allows
    high: Decimal  # worst case: the largest
    variance: Decimal  # variance of the total rounding error, inputs' errors independent
    quantum: Decimal  # finest written precision among the inputs (for display only)

    @classmethod
    def exact(cls, value: Decimal, quantum: Decimal = ONE) -> Figure:
        """A figure without uncertainty: a count, a share, a constant."""
        if cls is Figure:
            return _figure(value, value, value, ZERO, quantum)
        return cls(value, value, value, ZERO, quantum)

    @classmethod
    def written(
        cls,
        value: Decimal,
        radius: Decimal,
        quantum: Decimal,
        variance: Decimal | None = None,
    ) -> Figure:
        """A figure as written: the true figure lies within ``value ± radius``.

        Rounded to ``quantum`` the radius is quantum/2, and the rounding error is
        uniform on that interval: variance (2·radius)²/12 = quantum²/12, the default.
        Marked "ca." the radius is 1,5·quantum, variance (3·quantum)²/12.
        """
        if radius < 0:
            raise ValueError(f"a rounding radius cannot be negative ({_plain(radius)})")
        if variance is not None or cls is not Figure or not (value and radius and quantum):
            # (Zeros are left out of the memo below: 0 and -0 are equal keys.)
            low, high = _sub_down(value, radius), _add_up(value, radius)
            if variance is None:
                variance = _uniform_variance(radius)
            return cls(value, low, high, variance, quantum)
        # A file reads the same written figures again and again (per year, per
        # period, for every check): each is made once. Keys compare Decimals by
        # value, so an entry is used only where all three have the same exponents
        # (equal non-zero Decimals with equal exponents are the same digits).
        key: tuple[Decimal, Decimal, Decimal] | None = (value, radius, quantum)
        try:
            known = _WRITTEN.get(key)  # type: ignore[arg-type]
        except TypeError:  # a signalling NaN cannot be hashed: computed as always
            known = key = None
        if (
            known is not None
            and known[0].same_quantum(radius)
            and known[1].value.same_quantum(value)
            and known[1].quantum.same_quantum(quantum)
        ):
            return known[1]
        low, high = _sub_down(value, radius), _add_up(value, radius)
        figure = _figure(value, low, high, _uniform_variance(radius), quantum)
        if known is None and key is not None:
            if len(_WRITTEN) >= _WRITTEN_MAX:
                _WRITTEN.clear()
            _WRITTEN[key] = (radius, figure)
        return figure

    @property
    def tolerance(self) -> Decimal:
        """The largest distance from the value to either end of the interval."""
        return max(_sub_up(self.value, self.low), _sub_up(self.high, self.value))

    @property
    def sigma(self) -> Decimal:
        """Standard deviation of the total rounding error."""
        return self.variance.sqrt(CONTEXT)

    @property
    def is_exact(self) -> bool:
        """No rounding can move it: a count, a share, or a product of such."""
        return self.low == self.high

    def __add__(self, other: Figure) -> Figure:
        return _figure(
            _add(self.value, other.value),
            _add_down(self.low, other.low),
            _add_up(self.high, other.high),
            _add(self.variance, other.variance),
            min(self.quantum, other.quantum),
        )

    def __sub__(self, other: Figure) -> Figure:
        # self + (-other), without making -other
        return _figure(
            _add(self.value, other.value.copy_negate()),
            _add_down(self.low, other.high.copy_negate()),
            _add_up(self.high, other.low.copy_negate()),
            _add(self.variance, other.variance),
            min(self.quantum, other.quantum),
        )

    def __neg__(self) -> Figure:
        return _figure(
            self.value.copy_negate(),
            self.high.copy_negate(),
            self.low.copy_negate(),
            self.variance,
            self.quantum,
        )

    def scaled(self, factor: Decimal) -> Figure:
        """Multiply by an exact factor (a unit conversion or a share)."""
        low, high = self.low, self.high
        if factor < 0:
            low, high = high, low
        return _figure(
            _mul(self.value, factor),
            _mul_down(low, factor),
            _mul_up(high, factor),
            _mul(self.variance, _mul(factor, factor)),
            _scaled_quantum(self.quantum, abs(factor)),
        )

    def per(self, count: int) -> Figure:
        """An average over ``count`` years; the display quantum stays that of the sum."""
        if count == 0:
            raise DivisorIsZero("cannot average over zero years")
        if count < 0:
            raise ValueError(f"cannot average over {count} years")
        divisor = Decimal(count)
        return _figure(
            _div(self.value, divisor),
            _div_down(self.low, divisor),
            _div_up(self.high, divisor),
            _div(self.variance, _mul(divisor, divisor)),
            self.quantum,
        )

    def repeated(self, count: int) -> Figure:
        """The same written figure counted ``count`` times ("2 mio. kr. every year").

        One rounding error counted ``count`` times moves the total ``count`` times as
        far: the variance grows by count², not by count as for ``count`` figures
        written one by one, whose errors partly cancel.
        """
        if count < 0:
            raise ValueError(f"cannot count a figure {count} times")
        factor = Decimal(count)
        return _figure(
            _mul(self.value, factor),
            _mul_down(self.low, factor),
            _mul_up(self.high, factor),
            _mul(self.variance, _mul(factor, factor)),
            self.quantum,
        )

    def __mul__(self, other: Figure) -> Figure:
        if self.is_exact and other.is_exact:
            # Bounds still rounded outward: past 60 digits even exact inputs round.
            return _figure(
                _mul(self.value, other.value),
                _mul_down(self.value, other.value),
                _mul_up(self.value, other.value),
                ZERO,
                min(self.quantum, other.quantum),
            )
        if other.is_exact:
            return self.scaled(other.value)
        if self.is_exact:
            return other.scaled(self.value)
        ends = [(a, b) for a in (self.low, self.high) for b in (other.low, other.high)]
        # var(ab) ≈ b²·var(a) + a²·var(b), to first order.
        variance = _add(
            _mul(_mul(other.value, other.value), self.variance),
            _mul(_mul(self.value, self.value), other.variance),
        )
        low = min(_mul_down(a, b) for a, b in ends)
        high = max(_mul_up(a, b) for a, b in ends)
        return _figure(
            _mul(self.value, other.value),
            low,
            high,
            variance,
            _uncertain_quantum(low, high),
        )

    def __truediv__(self, other: Figure) -> Figure:
        if other.value == 0:
            raise DivisorIsZero("cannot divide by zero")
        if other.low <= 0 <= other.high:
            raise DivisorMayBeZero(
                f"cannot divide by a figure that rounding allows to be zero: it lies "
                f"between {_plain(other.low)} and {_plain(other.high)}",
                other.low,
                other.high,
            )
        ends = [(a, b) for a in (self.low, self.high) for b in (other.low, other.high)]
        low = min(_div_down(a, b) for a, b in ends)
        high = max(_div_up(a, b) for a, b in ends)
        # var(a/b) ≈ var(a)/b² + a²·var(b)/b⁴, to first order.
        b_squared = _mul(other.value, other.value)
        variance = _add(
            _div(self.variance, b_squared),
            _div(
                _mul(_mul(self.value, self.value), other.variance),
                _mul(b_squared, b_squared),
            ),
        )
        if other.is_exact:
            quantum = _scaled_quantum(self.quantum, _div(ONE, abs(other.value)))
        else:
            quantum = _uncertain_quantum(low, high)
        return _figure(_div(self.value, other.value), low, high, variance, quantum)


_new = object.__new__
_slots: dict[str, Any] = dict(Figure.__dict__)  # the slots' descriptors
_set_value = _slots["value"].__set__
_set_low = _slots["low"].__set__
_set_high = _slots["high"].__set__
_set_variance = _slots["variance"].__set__
_set_quantum = _slots["quantum"].__set__


def _figure(
    value: Decimal, low: Decimal, high: Decimal, variance: Decimal, quantum: Decimal
) -> Figure:
    """``Figure(value, low, high, variance, quantum)``, without the frozen dataclass's
    __init__ (five calls of object.__setattr__ through the class): the same object."""
    figure: Figure = _new(Figure)
    _set_value(figure, value)
    _set_low(figure, low)
    _set_high(figure, high)
    _set_variance(figure, variance)
    _set_quantum(figure, quantum)
    return figure


_WRITTEN: dict[tuple[Decimal, Decimal, Decimal], tuple[Decimal, Figure]] = {}
_WRITTEN_MAX = 1 << 16

# The variance of a uniform rounding error depends on the radius alone, and a file has
# a handful of radii (0,05, 0,005, 0,15, ...): each is computed once. The key is the
# radius's value; an entry is used only for a radius with the same exponent, so that
# 0,05 and 0,050 keep the variances (and digits) they always had.
_VARIANCES: dict[Decimal, tuple[Decimal, Decimal]] = {}


def _uniform_variance(radius: Decimal) -> Decimal:
    known = _VARIANCES.get(radius)
    if known is not None and known[0].same_quantum(radius):
        return known[1]
    width = _mul(2, radius)
    variance = _div(_mul(width, width), TWELVE)
    if known is None and len(_VARIANCES) < 1000:
        _VARIANCES[radius] = (radius, variance)
    return variance


def total(figures: Iterable[Figure]) -> Figure:
    """The sum of ``figures``, starting from an exact zero: the same additions, in the
    same order, as ``Figure.exact(ZERO) + a + b + ...``, without the figures between."""
    value = low = high = variance = ZERO
    quantum = ONE
    for figure in figures:
        value = _add(value, figure.value)
        low = _add_down(low, figure.low)
        high = _add_up(high, figure.high)
        variance = _add(variance, figure.variance)
        quantum = min(quantum, figure.quantum)
    return _figure(value, low, high, variance, quantum)


def from_amount(amount: Amount) -> Figure:
    """A written amount as a Figure, in the amount's own unit."""
    return Figure.written(amount.value, amount.tolerance, amount.quantum)


def _scaled_quantum(quantum: Decimal, factor: Decimal) -> Decimal:
    """Scale a display quantum, kept a clean power of ten: 0,1 mio. kr. is 100 t.kr."""
    scaled = _mul(quantum, factor)
    return ONE.scaleb(scaled.adjusted(), CONTEXT) if scaled else quantum


def _uncertain_quantum(low: Decimal, high: Decimal) -> Decimal:
    """Display quantum of a product or quotient of two uncertain figures: the power of
    ten of the interval's half-width's leading digit, so that the digits shown are the
    ones the inputs support (8,5936 ± 0,0073 shows as 8,594). Display only."""
    radius = _div(_sub(high, low), 2)
    return ONE.scaleb(radius.adjusted(), CONTEXT) if radius else ONE


def _plain(value: Decimal) -> str:
    return f"{value.normalize(CONTEXT):f}"


Kind = Literal["equal", "rounding", "unlikely", "error"]


@dataclass(frozen=True, slots=True)
class Verdict:
    """How a stated figure compares with the computed one.

    ``difference`` is computed − stated. ``worst_case`` is the largest difference
    rounding of the inputs and of the stated figure can explain in that direction (the
    intervals just touch); ``likely`` is ``LIKELY_SIGMAS`` standard deviations of the
    two rounding errors together, but never more than ``worst_case`` (with few
    inputs 3σ exceeds what is possible at all, and then nothing is "unlikely").
    """

    kind: Kind
    difference: Decimal
    worst_case: Decimal
    likely: Decimal
    # ``verdict`` leaves ``likely`` unset where the kind did not need it (most stated
    # figures are equal, and a square root to 60 digits is the dearest step of a
    # check): the variance of the two errors together, from which ``likely`` is
    # computed when it is first read, exactly as ``verdict`` would have.
    spread_variance: Decimal | None = field(default=None, compare=False, repr=False)

    def __getattr__(self, name: str) -> Decimal:
        # Reached only for a slot not yet set: ``likely`` of a lazy verdict.
        spread_variance = object.__getattribute__(self, "spread_variance")
        if name != "likely" or spread_variance is None:
            raise AttributeError(name)
        likely = _likely(spread_variance, self.worst_case)
        _set_likely(self, likely)
        return likely


_set_likely = dict(Verdict.__dict__)["likely"].__set__
_set_kind = dict(Verdict.__dict__)["kind"].__set__
_set_difference = dict(Verdict.__dict__)["difference"].__set__
_set_worst_case = dict(Verdict.__dict__)["worst_case"].__set__
_set_spread_variance = dict(Verdict.__dict__)["spread_variance"].__set__


def _likely(spread_variance: Decimal, worst_case: Decimal) -> Decimal:
    return min(_mul(LIKELY_SIGMAS, spread_variance.sqrt(CONTEXT)), worst_case)


def verdict(computed: Figure, stated: Figure) -> Verdict:
    """Judge a stated figure (written: its interval, variance and quantum) against the
    figure the written inputs give.

    * **equal**: the computed value rounds, half up at the stated quantum, to the
      stated value;
    * **error**: the two intervals do not overlap; no rounding explains the difference;
    * **unlikely**: they overlap, but the difference exceeds ``LIKELY_SIGMAS`` σ, so only
      nearly all rounding errors lining up explains it;
    * **rounding**: otherwise.
    """
    difference = _sub(computed.value, stated.value)
    if difference >= 0:
        # The computed value is the larger: its interval reaches down, the stated one up.
        worst_case = _add_up(
            _sub_up(computed.value, computed.low), _sub_up(stated.high, stated.value)
        )
    else:
        worst_case = _add_up(
            _sub_up(computed.high, computed.value), _sub_up(stated.value, stated.low)
        )
    spread_variance = _add(computed.variance, stated.variance)
    # A negative or undefined variance makes the square root (or the comparison with
    # the worst case) raise: then it is taken at once, as it always was.
    lazy = spread_variance.is_finite() and not spread_variance.is_signed()
    likely = None if lazy else _likely(spread_variance, worst_case)
    if _rounds_to(computed.value, stated.quantum, stated.value):
        kind: Kind = "equal"
    elif abs(difference) > worst_case:
        kind = "error"
    else:
        if likely is None:
            likely = _likely(spread_variance, worst_case)
        kind = "unlikely" if abs(difference) > likely else "rounding"
    result: Verdict = _new(Verdict)
    _set_kind(result, kind)
    _set_difference(result, difference)
    _set_worst_case(result, worst_case)
    if likely is None:
        _set_spread_variance(result, spread_variance)
    else:
        _set_likely(result, likely)
        _set_spread_variance(result, None)
    return result


def _rounds_to(value: Decimal, quantum: Decimal, target: Decimal) -> bool:
    """Whether ``value`` rounds half up at ``quantum`` to ``target``."""
    # Far apart figures cannot round to each other; checking first also keeps quantize
    # from needing more digits than the context has.
    if abs(CONTEXT.subtract(value, target)) > quantum:
        return False
    return value.quantize(quantum, ROUND_HALF_UP, CONTEXT) == target
