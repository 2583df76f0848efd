"""Where the savings come from: a proposal's effects by benefit type, priced with a
unit-cost table. Pure: the case, the table, out come Figures.

A proposal may write its effect as fewer helårspersoner by benefit type
(``effects:``) instead of one ``helaarspersoner`` figure. bcalc then

* counts the helårspersoner as the sum of the effects (after each one's phase-in);
* derives the savings on income support: helårspersoner × the benefit's yearly cost
  × the municipality's share after refusion, uplifted by the table's price index from
  its price level to the budget year (``bcalc.economics.derive_savings``), or at the
  effect's own ``unit_cost``;
* leaves the savings the document writes as they are: the derived savings are what
  the checks compare them with (BC604), never a replacement for them.
"""

from __future__ import annotations

from decimal import Decimal

from bcalc import economics
from bcalc.intervals import Figure, total
from bcalc.kinds.budget import CaseFile, Proposal
from bcalc.kinds.unitcosts import Effect, UnitCostTable
from bcalc.precision import PERSONS, Precision
from bcalc.results import EffectResult
from bcalc.units import Unit


def persons(effects: list[Effect], year: int, precision: Precision) -> Figure | None:
    """Fewer helårspersoner in ``year``: the effects' sum, each after its phase-in."""
    figures = []
    for effect in effects:
        counts = effect.helaarspersoner
        amount = counts if not isinstance(counts, dict) else counts.get(year)
        if amount is None:
            continue
        figure = precision.figure(amount, PERSONS)
        share = effect.phase_in.get(year)
        figures.append(figure if share is None else figure.scaled(share.value))
    return total(figures) if figures else None


def uplift(case: CaseFile, table: UnitCostTable) -> Decimal:
    """The factor from the table's prices to the budget year's (1 without an index)."""
    factor, _ = economics.price_uplift(table.price_level, case.budget_year, table.index())
    return factor


def derive(
    case: CaseFile,
    proposal: Proposal,
    unit: Unit,
    years: tuple[int, int],
    precision: Precision,
    table: UnitCostTable | None,
) -> tuple[dict[int, Figure] | None, list[EffectResult]]:
    """The savings the effects give per year, in ``unit`` (None when one effect has no
    price), and each effect with the price used and the table's."""
    if not proposal.effects:
        return None, []
    first, last = years
    prices = {} if table is None else table.prices()
    factor = Decimal(1) if table is None else uplift(case, table)
    inputs = [effect.as_input(first, last) for effect in proposal.effects]
    derived = economics.derive_savings(inputs, prices, factor)
    described = [
        EffectResult(
            benefit=item.benefit,
            helaarspersoner=item.helaarspersoner,
            unit_cost_kr=item.unit_cost,
            table_cost_kr=item.table_cost,
        )
        for item in derived.effects
    ]
    if derived.savings is None:
        return None, described
    by_year: dict[int, Figure] = {}
    kroner = Unit.KR.to(unit)
    for year in range(first, last + 1):
        terms = []
        for effect, item in zip(proposal.effects, derived.effects, strict=True):
            count = persons([effect], year, precision)
            if count is not None and item.unit_cost is not None:
                terms.append(count.scaled(item.unit_cost * kroner))
        by_year[year] = total(terms)
    return by_year, described
