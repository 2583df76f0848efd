"""Compare that explains: why a proposal's saving changed between two budget years,
and which proposals moved the portfolio's.

**One proposal.** The annual average saving s of a business case is the product of
three factors:

    s = V × Φ × P

* V, *volume*: helårspersoner a year at full effect (the largest yearly figure,
  unless stated), e.g. 19;
* Φ, *phasing*: the share of the full effect reached on average over the period,
  average helårspersoner ÷ V, e.g. (9,5 + 3 × 19) / 4 / 19 = 0,875;
* P, *price*: the saving per helårsperson reached, average saving ÷ average
  helårspersoner.

The change s₁ − s₀ is split among the three factors by the Shapley value (the
"symmetric" split): each factor's part is its marginal contribution averaged over
the six orders in which the three factors could be changed one at a time. For the
factor x with the other two y and z:

    part(x) = Δx × (2·y₀z₀ + 2·y₁z₁ + y₀z₁ + y₁z₀) / 6

The three parts add up to s₁ − s₀ exactly, whatever the values, and no factor is
favoured by an order (docs/economics.md compares this with the log-mean Divisia
index, which needs logarithms and so cannot be exact).

The parts are computed exactly as fractions; they are returned as Decimals rounded
to ``quantum`` (default 10^-12 of the money's unit, a millionth of a krone in
mio. kr.) by the largest-remainder method, so that the rounded parts still add up
exactly to the rounded total change. A remainder tie goes to volume, then price,
then phasing.

A side with no helårspersoner (a proposal that is new, or ended) has volume 0 and
borrows the other side's phasing and price, so its whole change is volume. A side
with savings but no helårspersoner cannot be split (its price is undefined).

**The portfolio.** The change in total savings between two files is split into
what new proposals add, what ended proposals took away, and what changed in the
proposals in both: three sums that add up exactly to the total change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from bcalc.economics.base import ZERO, YearValues, in_context, years_of

DEFAULT_QUANTUM = Decimal("1e-12")


@dataclass(frozen=True, slots=True)
class SavingsPath:
    """One proposal in one budget year: savings and helårspersoner per year (the
    savings in one unit for both sides), and the full annual effect if it is not
    simply the largest yearly figure."""

    savings: YearValues
    helaarspersoner: YearValues
    full_effect: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Factors:
    """s = volume × phasing × price, as Decimals for display (34 digits)."""

    average_savings: Decimal
    volume: Decimal
    phasing: Decimal
    price: Decimal | None  # None when there are no helårspersoner


@dataclass(frozen=True, slots=True)
class Decomposition:
    """The change in a proposal's average annual saving and its three parts:
    ``volume + price + phasing == total`` exactly."""

    old: Factors
    new: Factors
    total: Decimal
    volume: Decimal
    price: Decimal
    phasing: Decimal


def _exact(value: Decimal) -> Fraction:
    return Fraction(value)


def _factors(path: SavingsPath) -> tuple[Fraction, Fraction, Fraction | None, Fraction | None]:
    """(s, V, Φ, P) exactly; Φ and P are None when there are no helårspersoner."""
    years = len(years_of(path.savings, path.helaarspersoner)) or 1
    average_savings = sum((_exact(v) for v in path.savings.values()), Fraction(0)) / years
    persons = [_exact(v) for v in path.helaarspersoner.values()]
    full = (
        _exact(path.full_effect)
        if path.full_effect is not None
        else max(persons, default=Fraction(0))
    )
    average_persons = sum(persons, Fraction(0)) / years
    if full == 0 or average_persons == 0:
        return average_savings, Fraction(0), None, None
    return average_savings, full, average_persons / full, average_savings / average_persons


def _decimal(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)


@in_context
def factors(path: SavingsPath) -> Factors:
    """The three factors of one side, for display."""
    s, v, phi, p = _factors(path)
    return Factors(
        _decimal(s), _decimal(v), _decimal(phi or Fraction(0)), None if p is None else _decimal(p)
    )


@in_context
def decompose_change(
    old: SavingsPath, new: SavingsPath, quantum: Decimal = DEFAULT_QUANTUM
) -> Decomposition | None:
    """Split the change in the average annual saving into volume, price and phasing
    (module docstring). None when a side has savings but no helårspersoner."""
    s0, v0, phi0, p0 = _factors(old)
    s1, v1, phi1, p1 = _factors(new)
    if (p0 is None and s0 != 0) or (p1 is None and s1 != 0):
        return None
    if p0 is None and p1 is None:  # no savings and no helårspersoner on either side
        phi0 = phi1 = p0 = p1 = Fraction(0)
    phi0 = phi0 if phi0 is not None else phi1
    phi1 = phi1 if phi1 is not None else phi0
    p0 = p0 if p0 is not None else p1
    p1 = p1 if p1 is not None else p0
    assert phi0 is not None and phi1 is not None and p0 is not None and p1 is not None
    exact = {
        "volume": _shapley(v0, v1, phi0, phi1, p0, p1),
        "price": _shapley(p0, p1, v0, v1, phi0, phi1),
        "phasing": _shapley(phi0, phi1, v0, v1, p0, p1),
    }
    total = s1 - s0
    assert sum(exact.values(), Fraction(0)) == total  # Shapley efficiency, exactly
    total_rounded, parts = _largest_remainder(total, exact, quantum)
    return Decomposition(
        factors(old),
        factors(new),
        total_rounded,
        parts["volume"],
        parts["price"],
        parts["phasing"],
    )


def _shapley(
    x0: Fraction, x1: Fraction, y0: Fraction, y1: Fraction, z0: Fraction, z1: Fraction
) -> Fraction:
    """The Shapley part of factor x in the change of x·y·z."""
    return (x1 - x0) * (2 * y0 * z0 + 2 * y1 * z1 + y0 * z1 + y1 * z0) / 6


def _largest_remainder(
    total: Fraction, parts: dict[str, Fraction], quantum: Decimal
) -> tuple[Decimal, dict[str, Decimal]]:
    """Round ``parts`` to ``quantum`` so that they add up to ``total`` rounded to it."""
    step = Fraction(quantum)
    target = round(total / step)  # in quanta; Python rounds half to even
    floors = {name: (value / step).__floor__() for name, value in parts.items()}
    missing = target - sum(floors.values())  # 0 … len(parts): see docs/economics.md
    order = sorted(parts, key=lambda name: -(parts[name] / step - floors[name]))
    for name in order[:missing]:
        floors[name] += 1
    return _scaled(quantum, target), {name: _scaled(quantum, n) for name, n in floors.items()}


def _scaled(quantum: Decimal, count: int) -> Decimal:
    """count quanta; plain 0 rather than 0E-12, which would reach the JSON output."""
    return quantum * count if count else Decimal(0)


@dataclass(frozen=True)
class PortfolioChange:
    """The change in a portfolio's savings: ``new + ended + changed == total``.

    ``ended`` is negative (the savings the ended proposals no longer give);
    ``by_id`` holds each proposal's contribution.
    """

    total: Decimal
    new: Decimal
    ended: Decimal
    changed: Decimal
    by_id: dict[str, Decimal]
    new_ids: tuple[str, ...]
    ended_ids: tuple[str, ...]
    changed_ids: tuple[str, ...]
    unchanged_ids: tuple[str, ...]


@in_context
def portfolio_change(old: Mapping[str, Decimal], new: Mapping[str, Decimal]) -> PortfolioChange:
    """Split the change in total savings (``old`` and ``new`` by proposal id, in
    one unit, e.g. annual averages) into new, ended and changed proposals."""
    new_ids = tuple(sorted(set(new) - set(old)))
    ended_ids = tuple(sorted(set(old) - set(new)))
    both = sorted(set(old) & set(new))
    by_id = {pid: new[pid] for pid in new_ids}
    by_id.update({pid: -old[pid] for pid in ended_ids})
    by_id.update({pid: new[pid] - old[pid] for pid in both})
    changed_ids = tuple(pid for pid in both if by_id[pid] != 0)
    unchanged_ids = tuple(pid for pid in both if by_id[pid] == 0)
    total = sum(new.values(), ZERO) - sum(old.values(), ZERO)
    return PortfolioChange(
        total=total,
        new=sum((by_id[pid] for pid in new_ids), ZERO),
        ended=sum((by_id[pid] for pid in ended_ids), ZERO),
        changed=sum((by_id[pid] for pid in changed_ids), ZERO),
        by_id=dict(sorted(by_id.items())),
        new_ids=new_ids,
        ended_ids=ended_ids,
        changed_ids=changed_ids,
        unchanged_ids=unchanged_ids,
    )
