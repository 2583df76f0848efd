"""How far a business case may fall before it stops paying: scenarios, switching
values and present values of each proposal (``bcalc sensitivity``). Pure.

The arithmetic is ``bcalc.economics`` (docs/economics.md): an effect share scales the
savings only (the investment is decided); an overrun raises the investment; a delay
moves the savings a year later within the period, so the last year's saving falls
outside it. Present values use a real rate (3,5 % by default, as the Finance
Ministry's and the Green Book's) with the first year undiscounted.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from bcalc import economics
from bcalc.economics import Scenario
from bcalc.results import (
    FileResult,
    ProposalResult,
    ProposalSensitivity,
    ScenarioRow,
    SensitivityResult,
    Switching,
)

STANDARD = economics.STANDARD_SCENARIOS


def scenario_named(text: str) -> Scenario:
    """A scenario as written on the command line: a standard one by its name (in any
    case: "50 % effekt"), or "NAME: effekt=0,5 overskridelse=0,2 forsinkelse=1"."""
    for standard in STANDARD:
        if standard.name.lower() == text.strip().lower():
            return standard
    name, _, spec = text.partition(":")
    if not spec.strip():
        known = "; ".join(s.name for s in STANDARD)
        raise ValueError(
            f"no scenario {text!r}; the standard ones are: {known}; or write your own, "
            'e.g. "Halv effekt, forsinket: effekt=0,5 forsinkelse=1"'
        )
    values: dict[str, str] = {}
    for part in spec.replace(";", " ").split():
        key, equals, value = part.partition("=")
        if not equals or key not in ("effekt", "overskridelse", "forsinkelse"):
            raise ValueError(
                f"scenario {name.strip()!r}: {part!r} is not effekt=…, overskridelse=… "
                "or forsinkelse=…"
            )
        values[key] = value.replace(",", ".")
    try:
        return Scenario(
            name.strip(),
            effect_share=Decimal(values.get("effekt", "1")),
            investment_overrun=Decimal(values.get("overskridelse", "0")),
            delay_years=int(values.get("forsinkelse", "0")),
        )
    except (ArithmeticError, ValueError) as error:
        raise ValueError(f"scenario {name.strip()!r}: {error}") from None


def sensitivity(
    result: FileResult,
    scenarios: Sequence[Scenario] = STANDARD,
    rate: Decimal = economics.DEFAULT_RATE,
) -> SensitivityResult:
    """Every proposal with savings under ``scenarios``, with its switching values."""
    schedule = economics.DiscountSchedule.flat(rate)
    return SensitivityResult(
        path=result.path,
        title=result.title,
        unit=result.unit,
        rate=rate,
        proposals=[
            _proposal(proposal, scenarios, schedule)
            for proposal in result.proposals
            if proposal.period.savings is not None
        ],
    )


def _proposal(
    proposal: ProposalResult, scenarios: Sequence[Scenario], schedule: economics.DiscountSchedule
) -> ProposalSensitivity:
    investment = {y.year: y.investment.value for y in proposal.years}
    savings = {y.year: y.savings.value for y in proposal.years if y.savings is not None}
    persons = {
        y.year: y.helaarspersoner.value for y in proposal.years if y.helaarspersoner is not None
    }
    rows = []
    for scenario in scenarios:
        run = economics.run_scenario(investment, savings, scenario, discount=schedule)
        rows.append(
            ScenarioRow(
                name=scenario.name,
                period_investment=run.period_investment,
                period_savings=run.period_savings,
                period_net_gain=run.period_net_gain,
                payback_year=run.payback_year,
                present_value=run.present_value,
            )
        )
    switching = economics.switching_values(
        investment,
        savings,
        helaarspersoner=persons or None,
        unit=proposal.unit,
    )
    return ProposalSensitivity(
        id=proposal.id,
        title=proposal.title,
        unit=proposal.unit,
        scenarios=rows,
        switching=Switching(
            effect_share=switching.effect_share,
            investment=switching.investment,
            investment_change=switching.investment_change,
            unit_cost_kr=switching.unit_cost,
        ),
    )
