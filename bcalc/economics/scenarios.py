"""Scenarios and switching values: "what if only half the effect comes?", "how far
can the effect fall before the case stops paying?".

**What a scenario changes.** A proposal's flows are split three ways:

* ``investment``: what the municipality spends. Fixed by the decision; only an
  *investment overrun* changes it: investment × (1 + overrun).
* ``savings``: the savings that come from the effect (fewer helårspersoner). The
  *effect share* scales them, and only them: savings × share. A *delay* shifts them
  later within the period: the saving of year y is counted in year y + d, the first
  d years save nothing and what the last d years would have saved falls outside the
  period (with a flat profile: d years' savings are lost).
* ``fixed_savings``: savings that do not depend on the effect (none by default).
  Neither scaled nor delayed.

By default every saving in a business case is a saving from the effect: income
support, decentral savings on the effort and result grants all follow from fewer
persons on support. A caller that holds some of them fixed passes them as
``fixed_savings``.

**Switching values** (the Green Book's): the value of one input at which the net
gain over the period is zero, the others as stated. With I, S and F the period sums
of investment, effect savings and fixed savings (or their present values, when a
discount schedule is given):

* effect share:   e* = (I − F) / S
* investment:     I* = S + F, or as a change: I* / I − 1
* unit cost:      c* = (I − (S + F − U)) / H, where U are the savings that are
  helårspersoner × unit cost (income support; by default all of S) and H the
  helårspersoner over the period (each weighted like the money, when discounted).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from bcalc.economics.base import (
    ONE,
    ZERO,
    YearValues,
    in_context,
    period_sum,
    weighted_sum,
    years_of,
)
from bcalc.economics.discounting import DiscountSchedule, Timing, discount_factors
from bcalc.units import Unit


@dataclass(frozen=True, slots=True)
class Scenario:
    """A variation of a proposal. ``effect_share`` 0,5 is half the effect;
    ``investment_overrun`` 0,2 is 20 % more investment; ``delay_years`` 1 moves the
    savings a year later."""

    name: str
    effect_share: Decimal = ONE
    investment_overrun: Decimal = ZERO
    delay_years: int = 0

    def __post_init__(self) -> None:
        if self.effect_share < 0:
            raise ValueError(f"scenario '{self.name}': an effect share cannot be negative")
        if self.investment_overrun <= -1:
            raise ValueError(f"scenario '{self.name}': an overrun must be above -100 %")
        if self.delay_years < 0:
            raise ValueError(f"scenario '{self.name}': a delay cannot be negative")


# The scenarios a reviewer asks for first.
STANDARD_SCENARIOS = (
    Scenario("Fuld effekt"),
    Scenario("70 % effekt", effect_share=Decimal("0.7")),
    Scenario("50 % effekt", effect_share=Decimal("0.5")),
    Scenario("Investering +20 %", investment_overrun=Decimal("0.2")),
    Scenario("Effekt et år forsinket", delay_years=1),
)


@dataclass(frozen=True)
class ScenarioResult:
    """A scenario's flows per year and over the period, in the flows' unit."""

    scenario: Scenario
    investment: dict[int, Decimal]
    savings: dict[int, Decimal]  # effect savings and fixed savings together
    net_gain: dict[int, Decimal]
    payback_year: int | None  # first year the accumulated net gain is 0 or more
    present_value: Decimal | None = None  # net present value, when a schedule is given
    period_investment: Decimal = field(init=False)
    period_savings: Decimal = field(init=False)
    period_net_gain: Decimal = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "period_investment", period_sum(self.investment))
        object.__setattr__(self, "period_savings", period_sum(self.savings))
        object.__setattr__(self, "period_net_gain", period_sum(self.net_gain))

    @property
    @in_context
    def savings_ratio(self) -> Decimal | None:
        """Savings per krone invested over the period (the return on investment)."""
        return None if self.period_investment == 0 else self.period_savings / self.period_investment


@in_context
def shift(values: YearValues, years: int, period: list[int] | None = None) -> dict[int, Decimal]:
    """Move each year's figure ``years`` later, keeping the years of ``period``
    (default: those of ``values``): earlier years get 0, later figures fall out."""
    keep = sorted(values) if period is None else period
    return {year: values.get(year - years, ZERO) for year in keep}


@in_context
def run_scenario(
    investment: YearValues,
    savings: YearValues,
    scenario: Scenario,
    *,
    fixed_savings: YearValues | None = None,
    discount: DiscountSchedule | None = None,
    timing: Timing = Timing.FIRST_YEAR_UNDISCOUNTED,
) -> ScenarioResult:
    """A proposal's flows under ``scenario`` (see the module docstring for what
    each variation changes). The period is every year any flow gives."""
    fixed = fixed_savings or {}
    period = years_of(investment, savings, fixed)
    effect = shift(savings, scenario.delay_years, period)
    invest = {y: investment.get(y, ZERO) * (ONE + scenario.investment_overrun) for y in period}
    saved = {y: effect[y] * scenario.effect_share + fixed.get(y, ZERO) for y in period}
    net = {y: saved[y] - invest[y] for y in period}
    payback = None
    cumulative = ZERO
    for year in period:
        cumulative += net[year]
        if cumulative >= 0:
            payback = year
            break
    present = None
    if discount is not None:
        factors = discount_factors(period, discount, timing=timing)
        present = weighted_sum(net, factors)
    return ScenarioResult(scenario, invest, saved, net, payback, present)


@dataclass(frozen=True, slots=True)
class SwitchingValues:
    """Where the period net gain (or its present value) is zero.

    ``effect_share``: the share of the effect savings needed (0,7692 = 76,92 %);
    above 1 the case does not pay even at full effect; None without effect savings.
    ``investment``: the period investment the savings just cover (undiscounted
    kroner of the flows' unit, spread like the stated investment);
    ``investment_change``: that as a change on the stated investment (+0,30 = may
    rise 30 %); None without investment.
    ``unit_cost``: kr. a year per helårsperson at which the unit-cost savings just
    cover the rest; None without helårspersoner.
    """

    effect_share: Decimal | None
    investment: Decimal | None
    investment_change: Decimal | None
    unit_cost: Decimal | None


@in_context
def switching_values(
    investment: YearValues,
    savings: YearValues,
    *,
    fixed_savings: YearValues | None = None,
    helaarspersoner: YearValues | None = None,
    unit_cost_savings: YearValues | None = None,
    unit: Unit = Unit.KR,
    discount: DiscountSchedule | None = None,
    timing: Timing = Timing.FIRST_YEAR_UNDISCOUNTED,
) -> SwitchingValues:
    """The switching values of a proposal (formulas in the module docstring).

    Money is in ``unit``; the unit cost is returned in kroner. ``unit_cost_savings``
    are the savings that are helårspersoner × unit cost (default: all of
    ``savings``). With ``discount``, every year is weighted by its discount factor,
    so the values are those at which the net present value is zero.
    """
    fixed = fixed_savings or {}
    per_unit = unit_cost_savings if unit_cost_savings is not None else savings
    weights = None
    if discount is not None:
        period = years_of(investment, savings, fixed, helaarspersoner or {}, per_unit)
        weights = discount_factors(period, discount, timing=timing)
    i = weighted_sum(investment, weights)
    s = weighted_sum(savings, weights)
    f = weighted_sum(fixed, weights)
    u = weighted_sum(per_unit, weights)
    effect_share = None if s == 0 else (i - f) / s
    stated_investment = period_sum(investment)
    scale = None if i == 0 else (s + f) / i  # the investment's multiple at zero net gain
    switch_investment = None if scale is None else stated_investment * scale
    change = None if scale is None else scale - ONE
    unit_cost = None
    if helaarspersoner is not None:
        h = weighted_sum(helaarspersoner, weights)
        if h != 0:
            unit_cost = (i - (s + f - u)) / h * unit.kroner
    return SwitchingValues(effect_share, switch_investment, change, unit_cost)
