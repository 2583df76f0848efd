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
from dataclasses import dataclass
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
from typing import Literal

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
        if variance is None:
            width = CONTEXT.multiply(2, radius)
            variance = CONTEXT.divide(CONTEXT.multiply(width, width), TWELVE)
        return cls(value, _DOWN.subtract(value, radius), _UP.add(value, radius), variance, quantum)

    @property
    def tolerance(self) -> Decimal:
        """The largest distance from the value to either end of the interval."""
        return max(_UP.subtract(self.value, self.low), _UP.subtract(self.high, self.value))

    @property
    def sigma(self) -> Decimal:
        """Standard deviation of the total rounding error."""
        return self.variance.sqrt(CONTEXT)

    @property
    def is_exact(self) -> bool:
        """No rounding can move it: a count, a share, or a product of such."""
        return self.low == self.high

    def __add__(self, other: Figure) -> Figure:
        return Figure(
            CONTEXT.add(self.value, other.value),
            _DOWN.add(self.low, other.low),
            _UP.add(self.high, other.high),
            CONTEXT.add(self.variance, other.variance),
            min(self.quantum, other.quantum),
        )

    def __sub__(self, other: Figure) -> Figure:
        return self + -other

    def __neg__(self) -> Figure:
        return Figure(
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
        return Figure(
            CONTEXT.multiply(self.value, factor),
            _DOWN.multiply(low, factor),
            _UP.multiply(high, factor),
            CONTEXT.multiply(self.variance, CONTEXT.multiply(factor, factor)),
            _scaled_quantum(self.quantum, abs(factor)),
        )

    def per(self, count: int) -> Figure:
        """An average over ``count`` years; the display quantum stays that of the sum."""
        if count == 0:
            raise DivisorIsZero("cannot average over zero years")
        if count < 0:
            raise ValueError(f"cannot average over {count} years")
        divisor = Decimal(count)
        return Figure(
            CONTEXT.divide(self.value, divisor),
            _DOWN.divide(self.low, divisor),
            _UP.divide(self.high, divisor),
            CONTEXT.divide(self.variance, CONTEXT.multiply(divisor, divisor)),
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
        return Figure(
            CONTEXT.multiply(self.value, factor),
            _DOWN.multiply(self.low, factor),
            _UP.multiply(self.high, factor),
            CONTEXT.multiply(self.variance, CONTEXT.multiply(factor, factor)),
            self.quantum,
        )

    def __mul__(self, other: Figure) -> Figure:
        if self.is_exact and other.is_exact:
            # Bounds still rounded outward: past 60 digits even exact inputs round.
            return Figure(
                CONTEXT.multiply(self.value, other.value),
                _DOWN.multiply(self.value, other.value),
                _UP.multiply(self.value, other.value),
                ZERO,
                min(self.quantum, other.quantum),
            )
        if other.is_exact:
            return self.scaled(other.value)
        if self.is_exact:
            return other.scaled(self.value)
        ends = [(a, b) for a in (self.low, self.high) for b in (other.low, other.high)]
        # var(ab) ≈ b²·var(a) + a²·var(b), to first order.
        variance = CONTEXT.add(
            CONTEXT.multiply(CONTEXT.multiply(other.value, other.value), self.variance),
            CONTEXT.multiply(CONTEXT.multiply(self.value, self.value), other.variance),
        )
        low = min(_DOWN.multiply(a, b) for a, b in ends)
        high = max(_UP.multiply(a, b) for a, b in ends)
        return Figure(
            CONTEXT.multiply(self.value, other.value),
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
        low = min(_DOWN.divide(a, b) for a, b in ends)
        high = max(_UP.divide(a, b) for a, b in ends)
        # var(a/b) ≈ var(a)/b² + a²·var(b)/b⁴, to first order.
        b_squared = CONTEXT.multiply(other.value, other.value)
        variance = CONTEXT.add(
            CONTEXT.divide(self.variance, b_squared),
            CONTEXT.divide(
                CONTEXT.multiply(CONTEXT.multiply(self.value, self.value), other.variance),
                CONTEXT.multiply(b_squared, b_squared),
            ),
        )
        if other.is_exact:
            quantum = _scaled_quantum(self.quantum, CONTEXT.divide(ONE, abs(other.value)))
        else:
            quantum = _uncertain_quantum(low, high)
        return Figure(CONTEXT.divide(self.value, other.value), low, high, variance, quantum)


def total(figures: Iterable[Figure]) -> Figure:
    """The sum of ``figures``, starting from an exact zero."""
    result = Figure.exact(ZERO)
    for figure in figures:
        result = result + figure
    return result


def from_amount(amount: Amount) -> Figure:
    """A written amount as a Figure, in the amount's own unit."""
    return Figure.written(amount.value, amount.tolerance, amount.quantum)


def _scaled_quantum(quantum: Decimal, factor: Decimal) -> Decimal:
    """Scale a display quantum, kept a clean power of ten: 0,1 mio. kr. is 100 t.kr."""
    scaled = CONTEXT.multiply(quantum, factor)
    return ONE.scaleb(scaled.adjusted(), CONTEXT) if scaled else quantum


def _uncertain_quantum(low: Decimal, high: Decimal) -> Decimal:
    """Display quantum of a product or quotient of two uncertain figures: the power of
    ten of the interval's half-width's leading digit, so that the digits shown are the
    ones the inputs support (8,5936 ± 0,0073 shows as 8,594). Display only."""
    radius = CONTEXT.divide(CONTEXT.subtract(high, low), 2)
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
    difference = CONTEXT.subtract(computed.value, stated.value)
    if difference >= 0:
        # The computed value is the larger: its interval reaches down, the stated one up.
        worst_case = _UP.add(
            _UP.subtract(computed.value, computed.low), _UP.subtract(stated.high, stated.value)
        )
    else:
        worst_case = _UP.add(
            _UP.subtract(computed.high, computed.value), _UP.subtract(stated.value, stated.low)
        )
    spread = CONTEXT.add(computed.variance, stated.variance).sqrt(CONTEXT)
    likely = min(CONTEXT.multiply(LIKELY_SIGMAS, spread), worst_case)
    if _rounds_to(computed.value, stated.quantum, stated.value):
        kind: Kind = "equal"
    elif abs(difference) > worst_case:
        kind = "error"
    elif abs(difference) > likely:
        kind = "unlikely"
    else:
        kind = "rounding"
    return Verdict(kind, difference, worst_case, likely)


def _rounds_to(value: Decimal, quantum: Decimal, target: Decimal) -> bool:
    """Whether ``value`` rounds half up at ``quantum`` to ``target``."""
    # Far apart figures cannot round to each other; checking first also keeps quantize
    # from needing more digits than the context has.
    if abs(CONTEXT.subtract(value, target)) > quantum:
        return False
    return value.quantize(quantum, ROUND_HALF_UP, CONTEXT) == target
