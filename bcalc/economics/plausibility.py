"""BC601: the saving per helårsperson a proposal implies, beside the unit-cost table.

The implied figure is the proposal's stated savings on income support over the
period divided by its helårspersoner over the period; the table's figure is the
derived saving per helårsperson (``DerivedSavings.saving_per_helaarsperson``): the
municipality's share after refusion, in the budget year's prices, weighted by
helårspersoner across the proposal's benefits.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from bcalc.economics.base import (
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

# How far the saving per helårsperson a proposal implies may lie from the table's
# price, as a share of that price, beyond what rounding explains.
DEFAULT_PLAUSIBLE_DEVIATION = Decimal("0.2")


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
