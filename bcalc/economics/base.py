"""What every economics module shares: the Decimal context and the problem value.

**The context.** Every public function in ``bcalc.economics`` computes in
``CONTEXT``: 34 significant digits (IEEE decimal128), rounding half to even, and
traps for invalid operations, division by zero and overflow. Sums and products of
budget figures (at most 15 integer digits and 6 decimals, see ``bcalc.numbers``)
are exact in it. A quotient (2 / 2,6) or a discount factor ((1 + r) ** -t with an
integer t) is correct to 34 significant digits: on a figure of a thousand billion
kroner that is an error below 10^-19 kr. The functions set the context themselves,
so a caller's context (or a test's) never changes a result.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import (
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)
from typing import ParamSpec, TypeVar

from bcalc.findings import Severity
from bcalc.numbers import format_plain

CONTEXT = Context(
    prec=34,
    rounding=ROUND_HALF_EVEN,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)

ZERO = Decimal(0)
ONE = Decimal(1)

# Money or helårspersoner per year: {2026: Decimal("2.6"), 2027: ...}.
YearValues = Mapping[int, Decimal]

P = ParamSpec("P")
R = TypeVar("R")


def in_context(function: Callable[P, R]) -> Callable[P, R]:
    """Run ``function`` in ``CONTEXT``, whatever the caller's context is."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with localcontext(CONTEXT):
            return function(*args, **kwargs)

    return wrapper


@dataclass(frozen=True, slots=True)
class Problem:
    """Something a reviewer should see, as a plain value without a file location.

    ``code`` is the rule code suggested for it (see docs/economics.md); ``subject``
    names what it is about when that is narrower than the whole table or proposal
    (a benefit type such as ``"sygedagpenge"``), so that a caller can point at the
    right line.
    """

    code: str
    severity: Severity
    message: str
    subject: str | None = None


def period_sum(values: YearValues) -> Decimal:
    """The sum over every year given."""
    return sum(values.values(), ZERO)


def years_of(*series: YearValues) -> list[int]:
    """Every year that any of the series gives, in order."""
    years: set[int] = set()
    for values in series:
        years.update(values)
    return sorted(years)


def weighted_sum(values: YearValues, weights: Mapping[int, Decimal] | None) -> Decimal:
    """Σ weight × value over the years of ``values`` (weight 1 without weights)."""
    if weights is None:
        return period_sum(values)
    return sum((weights[year] * value for year, value in values.items()), ZERO)


def plain(value: Decimal, places: int = 0) -> str:
    """A figure for a message: rounded half up, with a decimal point: 173333, 0.77."""
    return format_plain(value, Decimal(1).scaleb(-places))


def percent(share: Decimal, places: int = 1) -> str:
    """A share for a message: 0.769230… → '76.9 %'."""
    return f"{plain(share * 100, places)} %"


def join_names(names: Iterable[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(names)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
