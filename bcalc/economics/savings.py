"""Savings derived from effects: fewer helårspersoner × what one costs the municipality.

A proposal's savings on income support come from fewer *helårspersoner* on a
benefit times what a helårsperson on that benefit costs the municipality after
refusion. With a unit-cost table (``bcalc.unitcosts``) that is, for each benefit b
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
from dataclasses import dataclass
from decimal import Decimal

from bcalc.economics.base import (
    ONE,
    ZERO,
    Problem,
    YearValues,
    in_context,
    join_names,
    percent,
    period_sum,
    plain,
)
from bcalc.findings import Severity

# BC601: how far the saving per helårsperson a proposal implies may lie from the
# table's price, as a share of that price, beyond what rounding explains.
DEFAULT_PLAUSIBLE_DEVIATION = Decimal("0.2")


@dataclass(frozen=True, slots=True)
class UnitPrice:
    """One benefit's price in a unit-cost table, at the table's price level."""

    cost: Decimal  # kr. a year per helårsperson, all payers together
    kommune_share: Decimal  # the municipality's share after refusion, 0–1

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
def implied_saving_per_person(savings: YearValues, helaarspersoner: YearValues) -> Decimal | None:
    """Savings ÷ helårspersoner over the period (in the savings' unit per person);
    None without helårspersoner."""
    persons = period_sum(helaarspersoner)
    return None if persons == 0 else period_sum(savings) / persons


@in_context
def saving_per_person_against_table(
    implied: Decimal,
    table: Decimal,
    *,
    benefits: Sequence[str] = (),
    budget_year: int | None = None,
    rounding: Decimal = ZERO,
    deviation: Decimal = DEFAULT_PLAUSIBLE_DEVIATION,
) -> Problem:
    """BC601 saving-per-person-vs-unit-cost: the saving per helårsperson a proposal
    implies, beside the price of its benefits in the unit-cost table.

    What it does: divides the proposal's stated savings on income support
    (``forsørgelse``) over the period by its helårspersoner over the period, and
    sets the result beside the table's price for the same benefits: the
    municipality's share after refusion, in the budget year's prices, weighted by
    helårspersoner when the proposal has effects on several benefits. Always shown
    (info); a warning when the two lie further apart than ``deviation`` (default
    20 %) of the table's price, after allowing for the rounding of the stated
    savings (``rounding``, in kr. per helårsperson).

    Why it matters: "at what unit cost?" is the first question a reviewer asks. A
    saving of 2,6 mio. kr. from 15 helårspersoner means 173.333 kr. each; if the
    benefit costs the municipality 120.000 kr. a year, either the effect or the
    saving is overstated.

    Example (warning): 2,6 mio. kr. a year from 15 fewer helårspersoner on
    kontanthjælp is 173.333 kr. per helårsperson, against 132.000 kr. in the table:
    31 % above.

    ``implied``, ``table`` and ``rounding`` are in kroner a year per helårsperson.
    """
    what = join_names(benefits) if benefits else "its benefits"
    weighted = ", weighted by helårspersoner" if len(benefits) > 1 else ""
    prices = f"{budget_year} prices" if budget_year is not None else "budget-year prices"
    gap = implied - table
    if table == 0:
        share_text = ""
        outside = gap != 0
    else:
        side = "above" if gap > 0 else "below"
        share_text = f", {percent(abs(gap) / table)} {side}" if gap else ", the same"
        outside = abs(gap) - rounding > deviation * table
    severity = Severity.WARNING if outside else Severity.INFO
    allowed = f" (more than the {percent(deviation, 0)} allowed)" if outside else ""
    return Problem(
        "BC601",
        severity,
        f"the savings on income support imply {plain(implied)} kr. per helårsperson a year; "
        f"the unit-cost table prices {what} at {plain(table)} kr. (the municipality's "
        f"share, {prices}{weighted}){share_text}{allowed}",
    )
