"""Where the savings come from: effects by benefit priced with a unit-cost table."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from bcalc import economics
from bcalc.checks.base import Context
from bcalc.checks.judge import judge
from bcalc.findings import FigurePath, Finding, Severity
from bcalc.intervals import Figure, total
from bcalc.kinds.budget import Components, Proposal
from bcalc.numbers import Amount
from bcalc.results import ProposalResult
from bcalc.units import Unit

# How far the saving per helårsperson a proposal implies may lie from the table's
# price before it is a warning: 20 % (docs/economics.md).
DEVIATION = Decimal("0.2")


def saving_per_person_against_table(ctx: Context) -> Iterator[Finding]:
    """BC601 saving-per-person-vs-unit-cost: the saving per helårsperson a proposal
    implies (its savings on income support ÷ its helårspersoner, over the period),
    beside the price of its benefits in the unit-cost table: the municipality's share
    after refusion, in the budget year's prices, weighted by helårspersoner. Shown
    as info; a warning when the two lie more than 20 % apart, after allowing for the
    rounding of the stated savings.

    Why it matters: "at what unit cost?" is the first question a reviewer asks. A
    saving of 2,6 mio. kr. from 15 helårspersoner is 173.333 kr. each; if the benefit
    costs the municipality 120.000 kr. a year, the effect or the saving is overstated.

    Example (warning): 2,6 mio. kr. a year from 15 fewer helårspersoner on
    kontanthjælp is 173.333 kr. each, against 132.000 kr. in the table: 31 % above.
    """
    for index, proposal, result in ctx.proposals():
        if not result.effects or result.period.helaarspersoner is None:
            continue
        table = _weighted_table_price(result)
        savings = _forsorgelse(ctx, proposal, result)
        if table is None or savings is None:
            continue
        kroner = result.unit.to(Unit.KR)
        persons = result.period.helaarspersoner.value
        implied = savings.value * kroner / persons
        rounding = savings.tolerance * kroner / persons
        problem = economics.saving_per_person_against_table(
            implied,
            table,
            benefits=[e.benefit for e in result.effects],
            budget_year=ctx.case.budget_year,
            rounding=rounding,
            deviation=DEVIATION,
        )
        yield ctx.finding(
            "BC601", problem.severity, ("proposals", index, "effects"), problem.message, proposal.id
        )


def _weighted_table_price(result: ProposalResult) -> Decimal | None:
    """The table's price of the proposal's benefits, weighted by helårspersoner."""
    weighted, count = Decimal(0), Decimal(0)
    for effect in result.effects:
        if effect.table_cost_kr is None:
            return None
        persons = sum(effect.helaarspersoner.values(), Decimal(0))
        weighted += effect.table_cost_kr * persons
        count += persons
    return None if count == 0 else weighted / count


def _forsorgelse_year(
    ctx: Context, proposal: Proposal, result: ProposalResult, year: int
) -> tuple[Figure, FigurePath] | None:
    """The savings on income support written for ``year`` (the ``forsørgelse``
    components, or the whole saving when it is not split), and where."""
    year_result = result.years[year - result.first_year]
    index = ctx.case.proposals.index(proposal)
    if isinstance(proposal.savings, Components):
        names = [c.name for c in proposal.savings.components if c.kind == "forsørgelse"]
        parts = [
            year_result.savings_components[n] for n in names if n in year_result.savings_components
        ]
        if not parts:
            return None
        position = next(
            i for i, c in enumerate(proposal.savings.components) if c.kind == "forsørgelse"
        )
        path: FigurePath = ("proposals", index, "savings", "components", position, "amount")
        return total(parts), path
    if year_result.savings is None:
        return None
    return year_result.savings, ("proposals", index, "savings")


def _forsorgelse(ctx: Context, proposal: Proposal, result: ProposalResult) -> Figure | None:
    found = [_forsorgelse_year(ctx, proposal, result, y.year) for y in result.years]
    return None if any(f is None for f in found) else total(f[0] for f in found if f)


def derived_savings(ctx: Context) -> Iterator[Finding]:
    """BC604 derived-saving: the savings on income support a proposal writes for a
    year differ from what its effects give: helårspersoner × the unit cost (the
    table's, or the effect's own), beyond what rounding of the helårspersoner and of
    the written saving explains.

    Why it matters: the savings should follow from the effect; when they do not, one
    of them is wrong, or the unit cost is not the one the table gives. A warning, not
    an error: a unit-cost table is an estimate, not the document's own arithmetic.

    Example (warning): Budget 2026, forslag 2, written with "19 færre helårspersoner
    …, med halv effekt i 2026": 9,5 × 120.768 kr. = 1,15 mio. kr. in 2026, but the
    saving on forsørgelse is 2,3 mio. kr. every year.
    """
    for _, proposal, result in ctx.proposals():
        if result.derived_savings is None:
            continue
        found: list[Finding] = []
        for year, derived in result.derived_savings.items():
            written = _forsorgelse_year(ctx, proposal, result, year)
            if written is None:
                continue
            figure, path = written
            amount = _written_amount(proposal, path)
            outcome = judge(
                f"the saving on income support {year}",
                derived,
                figure,
                amount,
                1,
                result.unit.value,
                "the effects at the unit cost give",
            )
            if outcome is None:
                continue
            severity = Severity.INFO if outcome.severity is Severity.INFO else Severity.WARNING
            found.append(
                ctx.finding(
                    "BC604",
                    severity,
                    path,
                    outcome.message,
                    proposal.id,
                    outcome.computed,
                    outcome.stated,
                    outcome.tolerance,
                )
            )
        yield from found[:1] if _written_once(proposal) else found


def _written_amount(proposal: Proposal, path: FigurePath) -> Amount:
    """The amount written at ``path`` (for the message's quote); a figure written once
    stands for every year."""
    value: object = proposal
    for part in path[2:]:
        value = value[part] if isinstance(part, int) else getattr(value, part)  # type: ignore[index]
    if isinstance(value, dict):
        value = next(iter(value.values()))
    assert isinstance(value, Amount)
    return value


def _written_once(proposal: Proposal) -> bool:
    savings = proposal.savings
    if isinstance(savings, Components):
        return all(isinstance(c.amount, Amount) for c in savings.components)
    return isinstance(savings, Amount)


def table_fit(ctx: Context) -> Iterator[Finding]:
    """BC602 unit-cost-table-too-old: the budget year is after the unit-cost table's
    ``valid_until``, or more than ``max_age_years`` after its price level.

    Why it matters: benefit rates, refusion rules and the mix of recipients change; a
    price base from 2021 says little about 2026.

    Example (warning): "the unit-cost table's prices are from 2021, 5 years before
    budget year 2026; the table may be at most 3 years old: update the table".
    """
    yield from _dated(ctx, "BC602")


def _dated(ctx: Context, code: str) -> Iterator[Finding]:
    """The table's age (BC602) and price level (BC603) for this budget year."""
    table = ctx.unit_costs
    if table is None:
        return
    problems = economics.table_problems(
        table.price_level,
        ctx.case.budget_year,
        valid_until=table.valid_until,
        max_age_years=table.max_age_years,
        index=table.index() or None,
    )
    for problem in problems:
        if problem.code == code:
            yield ctx.finding(code, problem.severity, ("unit_costs",), problem.message)


def price_level(ctx: Context) -> Iterator[Finding]:
    """BC603 unit-cost-price-level: the unit-cost table is at another price level than
    the budget year and no price index gives both years; its prices are used
    unadjusted.

    Why it matters: 2 % a year over three years is 6 % of every derived saving.

    Example (warning): "the unit-cost table is in 2024 prices and the budget year is
    2026, but the price index has no figure for 2024: the 2024 prices are used
    unadjusted".
    """
    yield from _dated(ctx, "BC603")


def unknown_benefits(ctx: Context) -> Iterator[Finding]:
    """BC605 unknown-benefit: an effect names a benefit the unit-cost table does not
    price, and has no ``unit_cost`` of its own: the proposal's derived savings are
    unknown.

    Why it matters: a misspelt benefit would otherwise silently drop the effect.

    Example (error): "the unit-cost table has no price for 'jobafklarng'; did you
    mean 'jobafklaring'?".
    """
    table = ctx.unit_costs
    prices = {} if table is None else table.prices()
    for index, proposal, _ in ctx.proposals():
        for number, effect in enumerate(proposal.effects or ()):
            if effect.unit_cost is not None or effect.benefit in prices:
                continue
            close = table.suggest(effect.benefit) if table is not None else None
            hint = f"; did you mean {close!r}?" if close else ""
            known = ", ".join(sorted(prices)) or "none"
            yield ctx.finding(
                "BC605",
                Severity.ERROR,
                ("proposals", index, "effects", number, "benefit"),
                f"the unit-cost table has no price for {effect.benefit!r}{hint} "
                f"(it prices: {known})",
                proposal.id,
            )


def illustrative_table(ctx: Context) -> Iterator[Finding]:
    """BC606 illustrative-unit-costs: the case file's unit-cost table says its figures
    are illustrative (``illustrative: true``), not anyone's official rates.

    Why it matters: example figures must never reach a city council as if they were
    rates; every saving derived from them is an illustration.

    Example (warning): ``unit_costs: unitcosts.yaml``, a table with
    ``illustrative: true``.
    """
    table = ctx.unit_costs
    if table is not None and table.illustrative:
        yield ctx.finding(
            "BC606",
            Severity.WARNING,
            ("unit_costs",),
            f"the unit-cost table '{table.title}' is illustrative ({table.source}); "
            "savings derived from it are illustrations, not estimates to put before a council",
        )
