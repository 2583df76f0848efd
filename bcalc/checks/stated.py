"""Stated figures of one proposal against what its inputs give."""

from __future__ import annotations

from collections.abc import Iterator

from bcalc.calc import convert
from bcalc.checks.base import Context, gain_sign, worst
from bcalc.findings import FigurePath, Finding, Severity
from bcalc.intervals import Figure, total
from bcalc.kinds.budget import Proposal, Stated
from bcalc.numbers import Amount
from bcalc.units import Unit

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
                    unit,
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
                result.unit,
            )


# A stated gain and the stated figures it is made of, at one level of the document:
# (gain, savings, investment, the gain's sign as read).
_MADE_OF = (
    ("average_net_gain", "average_savings", "average_investment", 1),
    ("period_net_gain", "period_savings", "period_investment", 1),
    ("period_net_cost", "period_savings", "period_investment", -1),
)


def stated_figures_agree(ctx: Context) -> Iterator[Finding]:
    """BC109 stated-figures-disagree: a gain the document states differs from the
    savings less the investment the document states beside it (in the same row, the
    same sentence or the same total), rounding-aware.

    Why it matters: a stated figure is checked against what the inputs give, but the
    inputs are many and each rounded, so that check is loose; the figures printed side
    by side pin each other far more tightly. A flipped sign or a retyped total shows
    here even where the inputs' rounding would hide it.

    Likewise a total the document states for all proposals (the overview's "Total"
    or "Samlet investering" row) against the proposals' own stated figures in the same
    table, where every proposal states one.

    Example (error): the overview's "Total 10,7 11,3 -0,6": 11,3 − 10,7 is 0,6 ± 0,1,
    so "-0,6" cannot be right, whatever the proposals add up to. Budget 2021's overview
    rows 8.500 + 3.450 + 5.900 + 3.600 + 3.750 + 4.800 are 30.000, its "Samlet
    investering": a row retyped as 3.455 would leave the total 5 off (at most 3,5).
    """
    beside = list(_beside_each_other(ctx))
    yield from beside
    # The proposals' stated figures pin a total once more; where the figures beside it
    # already show it wrong, or a row repeats one slip in every year's column, one
    # finding a line says it.
    shown = {f.line for f in beside if f.severity is not Severity.INFO}
    by_line: dict[int, list[Finding]] = {}
    for finding in _totals_of_stated(ctx):
        by_line.setdefault(finding.line, []).append(finding)
    for line, found in by_line.items():
        alarms = [f for f in found if f.severity is not Severity.INFO]
        if not alarms:
            yield from found
        elif line not in shown:
            yield from worst(alarms)


def _beside_each_other(ctx: Context) -> Iterator[Finding]:
    levels: list[tuple[FigurePath, Stated, Unit, tuple[int, int], Proposal | None]] = [
        (("stated",), ctx.case.stated, ctx.result.unit, ctx.result.period, None)
    ]
    for index, written, result in ctx.proposals():
        path: FigurePath = ("proposals", index, "stated")
        levels.append((path, written.stated, result.unit, result.period_years, written))
    for path, stated, unit, years, proposal in levels:
        proposal_id = None if proposal is None else proposal.id
        for gain, savings, investment, row_sign in _MADE_OF:
            parts = (getattr(stated, gain), getattr(stated, savings), getattr(stated, investment))
            if any(part is None for part in parts):
                continue
            written_gain, written_savings, written_investment = parts
            savings_read = ctx.read(written_savings, unit, proposal=proposal_id)
            computed = savings_read - ctx.read(written_investment, unit, proposal=proposal_id)
            yield from ctx.judge(
                "BC109",
                (*path, gain),
                PERIOD_ROWS[gain][1],
                computed,
                written_gain,
                proposal_id,
                row_sign,
                unit,
                _made_of(written_savings, written_investment),
            )
        yield from _yearly_made_of(ctx, path, stated, unit, years, proposal)


# File-level totals and the proposal-level figures they add up: name: (label, signed).
_TOTALS = {
    "investment": ("investment", False),
    "savings": ("savings", True),
    "net_gain": ("gain", True),
}
_AVERAGE_TOTALS = {
    "average_investment": "average annual investment",
    "average_savings": "average annual savings",
    "average_net_gain": "average annual gain",
    "period_investment": "investment over the period",
    "period_savings": "savings over the period",
    "period_net_gain": "net gain over the period",
}


def _totals_of_stated(ctx: Context) -> Iterator[Finding]:
    """The file's stated totals against the sum of the proposals' stated figures."""
    file_stated, unit = ctx.case.stated, ctx.result.unit
    proposals = list(ctx.proposals())
    for name, label in _AVERAGE_TOTALS.items():
        total_amount = getattr(file_stated, name)
        parts = [getattr(p.stated, name) for _, p, _ in proposals]
        if total_amount is None or any(part is None for part in parts):
            continue
        # Each proposal's figure in its own unit, then in the file's.
        summed = total(
            convert(ctx.read(part, r.unit, proposal=p.id), r.unit, unit)
            for part, (_, p, r) in zip(parts, proposals, strict=True)
        )
        yield from ctx.judge(
            "BC109",
            ("stated", name),
            f"{label} for all proposals",
            summed,
            total_amount,
            None,
            1,
            unit,
            "the proposals' stated figures add up to",
        )
    sign = gain_sign(ctx.case, None)
    for name, (label, signed) in _TOTALS.items():
        series = getattr(file_stated, name)
        if series is None:
            continue
        found: list[Finding] = []
        for year in range(ctx.result.first_year, ctx.result.last_year + 1):
            written = _in_year(series, year)
            parts = [_in_year_or_none(getattr(p.stated, name), year) for _, p, _ in proposals]
            if written is None or any(part is None for part in parts):
                continue
            terms = []
            for part, (_, proposal, result) in zip(parts, proposals, strict=True):
                assert part is not None
                own = gain_sign(ctx.case, proposal) if signed else 1
                read = ctx.read(part, result.unit, own, proposal.id)
                terms.append(convert(read, result.unit, unit))
            path: FigurePath = ("stated", name)
            if isinstance(series, dict):
                path = (*path, year)
            found += ctx.judge(
                "BC109",
                path,
                f"{label} {year} for all proposals",
                total(terms),
                written,
                None,
                sign if signed else 1,
                unit,
                "the proposals' stated figures add up to",
            )
        yield from found if isinstance(series, dict) else worst(found)


def _in_year_or_none(series: Amount | dict[int, Amount] | None, year: int) -> Amount | None:
    return None if series is None else _in_year(series, year)


def _yearly_made_of(
    ctx: Context,
    path: FigurePath,
    stated: Stated,
    unit: Unit,
    years: tuple[int, int],
    proposal: Proposal | None,
) -> Iterator[Finding]:
    """The yearly rows: "Gevinst (-)" against "Besparelse (-)" and "Investering"."""
    if stated.net_gain is None or stated.savings is None or stated.investment is None:
        return
    sign = gain_sign(ctx.case, proposal)
    for year in range(years[0], years[1] + 1):
        gain, savings, investment = (
            _in_year(series, year)
            for series in (stated.net_gain, stated.savings, stated.investment)
        )
        if gain is None or savings is None or investment is None:
            continue
        owner = None if proposal is None else proposal.id
        computed = ctx.read(savings, unit, sign, owner) - ctx.read(investment, unit, 1, owner)
        where = (
            (*path, "net_gain")
            if isinstance(stated.net_gain, Amount)
            else (*path, "net_gain", year)
        )
        yield from ctx.judge(
            "BC109",
            where,
            f"gain {year}",
            computed,
            gain,
            None if proposal is None else proposal.id,
            sign,
            unit,
            _made_of(savings, investment),
        )


def _in_year(series: Amount | dict[int, Amount], year: int) -> Amount | None:
    return series if isinstance(series, Amount) else series.get(year)


def _made_of(savings: Amount, investment: Amount) -> str:
    return f'the stated savings "{savings.written}" less investment "{investment.written}" give'
