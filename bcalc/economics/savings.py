"""Savings derived from effects: fewer helårspersoner × what one costs the municipality.

A proposal's savings on income support come from fewer *helårspersoner* on a
benefit times what a helårsperson on that benefit costs the municipality after
refusion. With a unit-cost table (``bcalc.kinds.unitcosts``) that is, for each benefit b
and year y:

    saving(b, y) = helårspersoner(b, y) × cost(b) × kommune_share(b) × uplift

    uplift = index(budget year) / index(table's price level)

and the proposal's derived saving in year y is the sum over its benefits. Every
year is in the *budget year's* prices, as Danish municipal budgets are ("2026-P/L");
the uplift is the same for every year. A proposal may state its own unit cost for a
benefit (the municipality's cost per helårsperson, already in budget-year prices);
it replaces the table's price, which is still shown beside it.

Money here is in kroner; helårspersoner are counts. Nothing is rounded.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from bcalc.economics.base import (
    ONE,
    ZERO,
    Problem,
    YearValues,
    in_context,
    join_names,
    period_sum,
)
from bcalc.findings import Severity


@dataclass(frozen=True, slots=True)
class UnitPrice:
    """One benefit's price in a unit-cost table, at the table's price level.
    ``shares`` are every payer's shares (kommune, stat, …) when known."""

    cost: Decimal  # kr. a year per helårsperson, all payers together
    kommune_share: Decimal  # the municipality's share after refusion, 0–1
    shares: Mapping[str, Decimal] = field(default_factory=dict)

    @property
    def kommune_cost(self) -> Decimal:
        """What one helårsperson costs the municipality a year, in kroner."""
        return self.cost * self.kommune_share


@dataclass(frozen=True, slots=True)
class BenefitEffect:
    """A proposal's effect on one benefit: fewer helårspersoner per year (after any
    phase-in), and optionally the proposal's own unit cost (kr. a year per
    helårsperson, the municipality's share, in budget-year prices)."""

    benefit: str
    helaarspersoner: YearValues
    unit_cost: Decimal | None = None


@dataclass(frozen=True, slots=True)
class EffectSavings:
    """The derived saving of one effect. ``unit_cost`` is the price used (kr. per
    helårsperson a year, municipality's share, budget-year prices); ``table_cost`` is
    the table's price in the same terms, shown beside a stated unit cost. ``savings``
    is None when the effect has no price."""

    benefit: str
    helaarspersoner: dict[int, Decimal]
    unit_cost: Decimal | None
    table_cost: Decimal | None
    savings: dict[int, Decimal] | None


@dataclass(frozen=True, slots=True)
class DerivedSavings:
    """The derived savings of one proposal, in kroner per year.

    ``savings`` is None when an effect could not be priced: a partial sum must not
    pass for the proposal's saving.
    """

    effects: tuple[EffectSavings, ...]
    helaarspersoner: dict[int, Decimal]
    savings: dict[int, Decimal] | None
    problems: tuple[Problem, ...]

    @property
    def period_savings(self) -> Decimal | None:
        return None if self.savings is None else period_sum(self.savings)

    @property
    def period_helaarspersoner(self) -> Decimal:
        return period_sum(self.helaarspersoner)

    @property
    @in_context
    def saving_per_helaarsperson(self) -> Decimal | None:
        """The table's price for this proposal's mix of benefits: derived savings ÷
        helårspersoner over the period (kr. a year per helårsperson)."""
        persons = self.period_helaarspersoner
        total = self.period_savings
        return None if total is None or persons == 0 else total / persons


@in_context
def phase_in(annual: Decimal, years: Sequence[int], shares: YearValues) -> dict[int, Decimal]:
    """Helårspersoner per year from an annual effect and the share reached in some
    years: 19 a year with {2026: 0,5} over 2026–2029 is 9,5; 19; 19; 19."""
    return {year: annual * shares.get(year, ONE) for year in years}


@in_context
def price_uplift(
    price_level: int, budget_year: int, index: YearValues | None
) -> tuple[Decimal, list[Problem]]:
    """The factor that takes the table's prices to the budget year's:
    index(budget year) / index(price level). Without an index that gives both years
    the prices are used as they are (factor 1), with a warning (BC603)."""
    if price_level == budget_year:
        return ONE, []
    if index is not None and price_level in index and budget_year in index:
        return index[budget_year] / index[price_level], []
    if not index:
        missing = "no price index is given"
    else:
        absent = sorted({price_level, budget_year} - set(index))
        missing = f"the price index has no figure for {join_names(str(y) for y in absent)}"
    return ONE, [
        Problem(
            "BC603",
            Severity.WARNING,
            f"the unit-cost table is in {price_level} prices and the budget year is "
            f"{budget_year}, but {missing}: the {price_level} prices are used unadjusted",
        )
    ]


def table_problems(
    price_level: int,
    budget_year: int,
    *,
    valid_until: int | None = None,
    max_age_years: int | None = None,
    index: YearValues | None = None,
) -> list[Problem]:
    """What is wrong with using a unit-cost table for ``budget_year``: too old
    (BC602) or at another price level without an index to adjust it (BC603)."""
    problems: list[Problem] = []
    if valid_until is not None and budget_year > valid_until:
        problems.append(
            Problem(
                "BC602",
                Severity.WARNING,
                f"the unit-cost table may be used until budget year {valid_until}; "
                f"this is budget year {budget_year}: update the table",
            )
        )
    age = budget_year - price_level
    if max_age_years is not None and age > max_age_years:
        problems.append(
            Problem(
                "BC602",
                Severity.WARNING,
                f"the unit-cost table's prices are from {price_level}, {age} years before "
                f"budget year {budget_year}; the table may be at most {max_age_years} "
                f"year{'' if max_age_years == 1 else 's'} old: update the table",
            )
        )
    problems.extend(price_uplift(price_level, budget_year, index)[1])
    return problems


@in_context
def derive_savings(
    effects: Sequence[BenefitEffect],
    prices: Mapping[str, UnitPrice],
    uplift: Decimal = ONE,
) -> DerivedSavings:
    """The municipality's savings from a proposal's effects, in kroner per year.

    ``prices`` are the table's, at its price level; ``uplift`` takes them to the
    budget year (``price_uplift``). An effect with its own ``unit_cost`` uses that.
    A benefit the table does not price, without a unit cost of its own, is an
    error (BC605) and leaves the total unknown.
    """
    results: list[EffectSavings] = []
    problems: list[Problem] = []
    persons: dict[int, Decimal] = {}
    totals: dict[int, Decimal] | None = {}
    for effect in effects:
        price = prices.get(effect.benefit)
        table_cost = None if price is None else price.kommune_cost * uplift
        unit_cost = effect.unit_cost if effect.unit_cost is not None else table_cost
        for year, count in effect.helaarspersoner.items():
            persons[year] = persons.get(year, ZERO) + count
        if unit_cost is None:
            problems.append(_unknown_benefit(effect.benefit, prices))
            totals = None
            results.append(
                EffectSavings(effect.benefit, dict(effect.helaarspersoner), None, None, None)
            )
            continue
        savings = {year: count * unit_cost for year, count in effect.helaarspersoner.items()}
        if totals is not None:
            for year, amount in savings.items():
                totals[year] = totals.get(year, ZERO) + amount
        results.append(
            EffectSavings(
                effect.benefit, dict(effect.helaarspersoner), unit_cost, table_cost, savings
            )
        )
    if totals is not None:
        totals = dict(sorted(totals.items()))
    return DerivedSavings(tuple(results), dict(sorted(persons.items())), totals, tuple(problems))


def _unknown_benefit(benefit: str, prices: Mapping[str, UnitPrice]) -> Problem:
    known = sorted(prices)
    close = difflib.get_close_matches(benefit, known, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    listing = f" It prices: {', '.join(known)}." if known else ""
    return Problem(
        "BC605",
        Severity.ERROR,
        f"the unit-cost table has no price for '{benefit}'{hint} Give the effect its own "
        f"unit_cost or add the benefit to the table.{listing}",
        benefit,
    )


@in_context
def savings_by_payer(
    effects: Sequence[BenefitEffect],
    prices: Mapping[str, UnitPrice],
    uplift: Decimal = ONE,
) -> dict[str, dict[int, Decimal]]:
    """Who benefits: each payer's saving per year in kroner, helårspersoner × the
    table's cost × the payer's share × uplift (the Greater Manchester model's split
    by agency). Only table prices are split: an effect with its own unit cost, or a
    benefit the table does not price, is left out (its kommune saving is in
    ``derive_savings``). A price without payer shares counts as the kommune's share."""
    result: dict[str, dict[int, Decimal]] = {}
    for effect in effects:
        price = prices.get(effect.benefit)
        if price is None or effect.unit_cost is not None:
            continue
        shares = price.shares or {"kommune": price.kommune_share}
        for payer, share in shares.items():
            per_year = result.setdefault(payer, {})
            for year, count in effect.helaarspersoner.items():
                per_year[year] = per_year.get(year, ZERO) + count * price.cost * share * uplift
    return {payer: dict(sorted(years.items())) for payer, years in result.items()}
