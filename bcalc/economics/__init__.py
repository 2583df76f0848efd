"""Economics of a business case: pure functions over plain figures by year.

Nothing here reads a file or knows the case-file model: inputs are mappings from
year to ``Decimal`` (money in one unit, or helårspersoner), outputs are small frozen
values, and problems are ``Problem`` values with a suggested rule code. The formulas
and conventions are documented in docs/economics.md.

* ``savings``: savings derived from effects by benefit × a unit-cost table, and
  who benefits (by payer); the table's age and price level.
* ``plausibility``: the implied saving per helårsperson beside the table (BC601).
* ``scenarios``: effect share, investment overrun, delay; switching values.
* ``discounting``: present values at 3,5 % (or a stepped schedule), first year
  undiscounted.
* ``decompose``: a change in savings split exactly into volume, price and phasing;
  a portfolio's change into new, ended and changed proposals.
"""

from bcalc.economics.base import CONTEXT, Problem, YearValues
from bcalc.economics.decompose import (
    Decomposition,
    Factors,
    PortfolioChange,
    SavingsPath,
    decompose_change,
    factors,
    portfolio_change,
)
from bcalc.economics.discounting import (
    DEFAULT_RATE,
    FINANCE_MINISTRY_2021,
    GREEN_BOOK,
    DiscountSchedule,
    Timing,
    annuity_factor,
    discount_factors,
    net_present_value,
    present_value,
    rates_by_year,
)
from bcalc.economics.plausibility import (
    DEFAULT_PLAUSIBLE_DEVIATION,
    implied_saving_per_person,
    saving_per_person_against_table,
)
from bcalc.economics.savings import (
    BenefitEffect,
    DerivedSavings,
    EffectSavings,
    UnitPrice,
    derive_savings,
    phase_in,
    price_uplift,
    savings_by_payer,
    table_problems,
)
from bcalc.economics.scenarios import (
    STANDARD_SCENARIOS,
    Scenario,
    ScenarioResult,
    SwitchingValues,
    run_scenario,
    shift,
    switching_values,
)

__all__ = [
    "CONTEXT",
    "DEFAULT_PLAUSIBLE_DEVIATION",
    "DEFAULT_RATE",
    "FINANCE_MINISTRY_2021",
    "GREEN_BOOK",
    "STANDARD_SCENARIOS",
    "BenefitEffect",
    "Decomposition",
    "DerivedSavings",
    "DiscountSchedule",
    "EffectSavings",
    "Factors",
    "PortfolioChange",
    "Problem",
    "SavingsPath",
    "Scenario",
    "ScenarioResult",
    "SwitchingValues",
    "Timing",
    "UnitPrice",
    "YearValues",
    "annuity_factor",
    "decompose_change",
    "derive_savings",
    "discount_factors",
    "factors",
    "implied_saving_per_person",
    "net_present_value",
    "phase_in",
    "portfolio_change",
    "present_value",
    "price_uplift",
    "rates_by_year",
    "run_scenario",
    "saving_per_person_against_table",
    "savings_by_payer",
    "shift",
    "switching_values",
    "table_problems",
]
