"""Present values: a stated real discount rate, or a stepped schedule of rates.

**Convention** (the Green Book's, and the Danish Finance Ministry's): the first year
of the flows is year t = 0 and is not discounted; year t is multiplied by the
discount factor

    D(t) = (1 + r₁)^-1 × (1 + r₂)^-1 × … × (1 + r_t)^-1,

where r_k is the rate that applies to year k. With one rate r that is (1 + r)^-t.
``Timing.END_OF_FIRST_YEAR`` counts the first year as t = 1 instead, for documents
that discount every year.

**Stepped schedules.** The Finance Ministry's note of 7 January 2021 ("Dokumentations-
notat – den samfundsøkonomiske diskonteringsrente") sets a real rate of 3,5 % for
years 0–35 and 2,5 % for years 36–70, and lower after (1,5 %; see docs/economics.md
on that figure). The rates are applied piecewise, compounding: a flow in year 40 is
discounted by 1,035^-35 × 1,025^-5, not by 1,025^-40. A four-year business case
only ever uses the first step.

Every figure is a Decimal in ``CONTEXT`` (34 digits, see ``bcalc.economics.base``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from bcalc.economics.base import ONE, ZERO, YearValues, in_context

# HM Treasury's Green Book and the Finance Ministry: 3,5 % a year, real.
DEFAULT_RATE = Decimal("0.035")


class Timing(str, Enum):
    """When the first year's flows are counted."""

    FIRST_YEAR_UNDISCOUNTED = "first_year_undiscounted"  # t = 0 for the first year
    END_OF_FIRST_YEAR = "end_of_first_year"  # t = 1 for the first year


@dataclass(frozen=True, slots=True)
class DiscountSchedule:
    """Real discount rates by year: ``steps`` is ((from_year, rate), …), where
    ``from_year`` is the first year t (counted from 0) that the rate applies to. The
    first step starts at year 0 or 1 (year 0 is never discounted)."""

    steps: tuple[tuple[int, Decimal], ...]

    def __post_init__(self) -> None:
        if not self.steps or self.steps[0][0] not in (0, 1):
            raise ValueError("a discount schedule must start at year 0 or 1")
        starts = [start for start, _ in self.steps]
        if starts != sorted(set(starts)):
            raise ValueError("the steps of a discount schedule must start in increasing years")
        if any(rate <= -1 for _, rate in self.steps):
            raise ValueError("a discount rate must be above -100 %")

    @classmethod
    def flat(cls, rate: Decimal = DEFAULT_RATE) -> DiscountSchedule:
        return cls(((0, rate),))

    def rate(self, year: int) -> Decimal:
        """The rate that discounts year ``year`` back to year ``year - 1``."""
        current = self.steps[0][1]
        for start, rate in self.steps:
            if start <= year:
                current = rate
        return current

    @in_context
    def factor(self, t: int) -> Decimal:
        """D(t): what one krone in year t is worth in year 0."""
        if t < 0:
            raise ValueError("a year before the first cannot be discounted")
        result = ONE
        for index, (start, rate) in enumerate(self.steps):
            end = self.steps[index + 1][0] - 1 if index + 1 < len(self.steps) else t
            years = min(end, t) - max(start, 1) + 1  # years k in [start, end] with 1 ≤ k ≤ t
            if years > 0:
                result *= (ONE + rate) ** -years
        return result


GREEN_BOOK = DiscountSchedule.flat(DEFAULT_RATE)
FINANCE_MINISTRY_2021 = DiscountSchedule(
    ((0, Decimal("0.035")), (36, Decimal("0.025")), (71, Decimal("0.015")))
)


@in_context
def discount_factors(
    years: list[int],
    schedule: DiscountSchedule = GREEN_BOOK,
    base_year: int | None = None,
    timing: Timing = Timing.FIRST_YEAR_UNDISCOUNTED,
) -> dict[int, Decimal]:
    """D(t) for each calendar year, counting t from ``base_year`` (default: the first)."""
    if not years:
        return {}
    base = min(years) if base_year is None else base_year
    shift = 1 if timing is Timing.END_OF_FIRST_YEAR else 0
    return {year: schedule.factor(year - base + shift) for year in years}


@in_context
def present_value(
    flows: YearValues,
    schedule: DiscountSchedule = GREEN_BOOK,
    base_year: int | None = None,
    timing: Timing = Timing.FIRST_YEAR_UNDISCOUNTED,
) -> Decimal:
    """Σ D(t) × flow over the years of ``flows``."""
    factors = discount_factors(sorted(flows), schedule, base_year, timing)
    return sum((factors[year] * value for year, value in flows.items()), ZERO)


@in_context
def net_present_value(
    investment: YearValues,
    savings: YearValues,
    schedule: DiscountSchedule = GREEN_BOOK,
    base_year: int | None = None,
    timing: Timing = Timing.FIRST_YEAR_UNDISCOUNTED,
) -> Decimal:
    """Present value of the savings less that of the investment, both counted from
    the same base year (default: the first year either gives)."""
    years = sorted(set(investment) | set(savings))
    base = (min(years) if years else 0) if base_year is None else base_year
    return present_value(savings, schedule, base, timing) - present_value(
        investment, schedule, base, timing
    )


@in_context
def annuity_factor(years: int, rate: Decimal = DEFAULT_RATE) -> Decimal:
    """Σ_{t=1..n} (1 + r)^-t: the present value of 1 a year for ``years`` years,
    the first paid a year from now. 10 years at 3,5 %: 8,3166."""
    return sum(((ONE + rate) ** -t for t in range(1, years + 1)), ZERO)


def rates_by_year(schedule: Mapping[int, Decimal]) -> DiscountSchedule:
    """A schedule from ``{from_year: rate}``, as a file would write it."""
    return DiscountSchedule(tuple(sorted(schedule.items())))
