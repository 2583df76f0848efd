"""Policy and plausibility: not arithmetic errors, but what a reviewer must see."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from bcalc.checks.base import Context
from bcalc.findings import Finding, Severity
from bcalc.kinds.budget import Components
from bcalc.numbers import Amount, format_plain
from bcalc.units import Unit

# A municipality's income-support spending per full-time person on public support:
# Aarhus spent 5.689 mio. kr. on forsørgelse in 2024 (seed 2026, slide 3) for about
# 39.600 full-time persons (seed 2023, Bilag 2, Tabel 2) ≈ 144.000 kr. a person.
# A business case implying under a third or over three times that is worth a look.
DEFAULT_SAVING_PER_PERSON = (Decimal(50_000), Decimal(450_000))


def saving_per_person(ctx: Context) -> Iterator[Finding]:
    """BC201 implausible-saving-per-person: the savings per helårsperson a proposal
    implies are outside a plausible range (default 50.000–450.000 kr. a year; set
    ``checks.saving_per_helaarsperson`` in the file to change it).

    Why it matters: savings come from fewer persons on support; a proposal saving
    1 mio. kr. per person, or 10.000 kr., has a typo in one of the two.

    Example (warning): savings 2,6 mio. kr. a year from 2 helårspersoner is
    1,3 mio. kr. per person.
    """
    low, high = _range(ctx)
    for index, proposal, result in ctx.proposals():
        per_person = result.savings_per_helaarsperson_kr
        if per_person is None or low <= per_person <= high:
            continue
        yield ctx.finding(
            "BC201",
            Severity.WARNING,
            ("proposals", index, "helaarspersoner"),
            f"savings of {format_plain(per_person, Decimal(1))} kr. per helårsperson a year "
            f"are outside the plausible {format_plain(low, Decimal(1))}–"
            f"{format_plain(high, Decimal(1))} kr.",
            proposal.id,
            per_person,
        )


def _range(ctx: Context) -> tuple[Decimal, Decimal]:
    setting = ctx.case.checks.saving_per_helaarsperson
    if setting is None:
        return DEFAULT_SAVING_PER_PERSON
    return _kroner(setting.minimum, ctx.case.unit), _kroner(setting.maximum, ctx.case.unit)


def _kroner(amount: Amount, default: Unit) -> Decimal:
    return amount.value * (amount.unit or default).kroner


def savings_cover_investment(ctx: Context) -> Iterator[Finding]:
    """BC301 savings-below-investment: over the budget period, the proposal's savings
    do not cover its investment.

    Why it matters: an investment model is meant to pay for itself ("et afkast ... svarende
    til eller større end selve investeringen"). Spending more is a political choice, not an
    arithmetic error, so this is a warning the council should see.

    Example (warning): §17.4 invests 19,2 mio. kr. and saves 14,4: a net cost of 4,8.
    """
    for index, proposal, result in ctx.proposals():
        net = result.period.net_gain
        if net is None or net.value >= 0:
            continue
        yield ctx.finding(
            "BC301",
            Severity.WARNING,
            ("proposals", index, "savings"),
            f"savings over {result.first_year}–{result.last_year} do not cover the investment: "
            f"a net cost of {format_plain(-net.value, net.quantum)} {result.unit.value}",
            proposal.id,
            net.value,
        )


def tax_revenue(ctx: Context) -> Iterator[Finding]:
    """BC302 tax-revenue-counted: a savings component is tax revenue
    (``kind: skatteindtægter``).

    Why it matters: the principle of the investment models is that only savings on
    income support (and, where agreed, decentral budgets) count; increased tax
    revenue is never part of the business case. bcalc leaves it out of every total.

    Example (error): savings components "Forsørgelse 2,3" and "Skatteindtægter 0,4".
    """
    for index, proposal, _ in ctx.proposals():
        if not isinstance(proposal.savings, Components):
            continue
        for number, component in enumerate(proposal.savings.components):
            if component.kind == "skatteindtægter":
                yield ctx.finding(
                    "BC302",
                    Severity.ERROR,
                    ("proposals", index, "savings", "components", number, "kind"),
                    f"'{component.name}' is tax revenue, which is never counted in a business "
                    "case; bcalc leaves it out of the savings",
                    proposal.id,
                )
