"""Stated figures of one proposal against what its inputs give."""

from __future__ import annotations

from collections.abc import Iterator

from bcalc.calc import convert
from bcalc.checks.base import Context, gain_sign, unit_factor, worst
from bcalc.findings import FigurePath, Finding
from bcalc.intervals import Figure
from bcalc.numbers import Amount

_YEAR_ROWS = {
    "investment": "investment",
    "savings": "savings",
    "net_gain": "gain",
    "cumulative_net_gain": "cumulative gain",
}
_SIGNED = {"savings", "net_gain", "cumulative_net_gain"}


def stated_year_figures(ctx: Context) -> Iterator[Finding]:
    """BC101 stated-year-figure: a stated per-year figure differs from investment,
    savings, gain (savings − investment) or cumulative gain computed from the inputs.

    Why it matters: the gain row is what the city council reads. A gain that is not
    savings minus investment means one of the three rows is mistyped.

    Example (error): investment 3,6 and savings "-4,2" under "Besparelse (-)" give a
    gain of 0,6, written "-0,6"; a document stating "Gevinst (-) -0,8" is wrong.
    Rounding (info): investment 3,8, savings "-4,1" give -0,3, stated "-0,4": the
    investment was 3.750 t.kr. in the overview, so 0,35 was rounded up.
    """
    yield from _year_rows(ctx, same_unit=True)


def figure_in_two_units(ctx: Context) -> Iterator[Finding]:
    """BC105 figure-in-two-units: the same figure written in another unit elsewhere in
    the document (overview 3.450 t.kr., business case 3,5 mio. kr.) does not agree
    within the rounding of both.

    Why it matters: tables in different units are typed separately, and a slip in
    one of them is invisible when the two tables are pages apart.

    Example (info): 3.450 t.kr. and 3,5 mio. kr. agree: 3,45 is 3,5 rounded.
    Example (error): 3.450 t.kr. against 3,6 mio. kr.
    """
    yield from _year_rows(ctx, same_unit=False)


def _year_rows(ctx: Context, same_unit: bool) -> Iterator[Finding]:
    code = "BC101" if same_unit else "BC105"
    for index, proposal, result in ctx.proposals():
        sign = gain_sign(ctx.case, proposal)
        for name, label in _YEAR_ROWS.items():
            series = getattr(proposal.stated, name)
            if series is None:
                continue
            found: list[Finding] = []
            for year in result.years:
                stated = series if isinstance(series, Amount) else series.get(year.year)
                if stated is None or (stated.unit in (None, result.unit)) != same_unit:
                    continue
                path: FigurePath = ("proposals", index, "stated", name)
                if isinstance(series, dict):
                    path = (*path, year.year)
                computed, unit = getattr(year, name), result.unit
                if stated.unit not in (None, result.unit) and computed is not None:
                    # Compared in the stated figure's own unit: "3450 t.kr. against
                    # 3500 t.kr.", never "3.450 mio. kr.", which a Danish reader takes
                    # for three thousand.
                    computed, unit = convert(computed, result.unit, stated.unit), stated.unit
                found += ctx.judge(
                    code,
                    path,
                    f"{label} {year.year}",
                    computed,
                    stated,
                    proposal.id,
                    sign if name in _SIGNED else 1,
                    unit_factor(stated, unit),
                    unit.value,
                )
            # One figure stated for every year is one line to fix: report it once.
            yield from found if isinstance(series, dict) else worst(found)


PERIOD_ROWS = {
    "period_investment": ("investment", "investment over the period", 1),
    "period_savings": ("savings", "savings over the period", 1),
    "period_net_gain": ("net_gain", "net gain over the period", 1),
    "period_net_cost": ("net_gain", "net cost over the period", -1),
    "average_investment": ("average_investment", "average annual investment", 1),
    "average_savings": ("average_savings", "average annual savings", 1),
    "average_net_gain": ("average_net_gain", "average annual gain", 1),
}


def stated_period_figures(ctx: Context) -> Iterator[Finding]:
    """BC102 stated-period-figure: a stated total or average over the budget period
    ("nettogevinst på ca. 6,1 mio. kr.", "Gns. årlig besparelse 2,6") differs from the
    sum or average of the yearly figures.

    Why it matters: the period sentence is what is quoted in the budget agreement.

    Example (info): rows 8,5 a year against savings 5,7 + 3 × 11,5 give a net gain
    of 6,2; "ca. 6,1" is within the rounding of eight written numbers and its "ca.".
    Period sentences are read as written: ``period_net_cost: "ca. 4,8"`` is a cost.
    """
    for index, proposal, result in ctx.proposals():
        for name, (attribute, label, sign) in PERIOD_ROWS.items():
            stated = getattr(proposal.stated, name)
            if stated is None:
                continue
            computed: Figure | None = getattr(result.period, attribute)
            yield from ctx.judge(
                "BC102",
                ("proposals", index, "stated", name),
                label,
                computed,
                stated,
                proposal.id,
                sign,
                unit_factor(stated, result.unit),
                result.unit.value,
            )
