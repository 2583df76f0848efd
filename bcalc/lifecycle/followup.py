"""A follow-up report → its result: each target's attainment, each area's attainment
under the file's reading of the rule, and the light the figures give beside the light
the report states. Pure: no I/O."""

from __future__ import annotations

from decimal import Decimal

from bcalc.intervals import Figure, from_amount
from bcalc.kinds.followup import Area, Expectation, FollowupReport, Target
from bcalc.lifecycle.results import (
    AreaResult,
    FollowupResult,
    LightResult,
    TargetResult,
    percent_of,
)
from bcalc.lifecycle.rules import (
    AreaJudgement,
    Attainment,
    Judged,
    attainment,
    compare_light,
    due_this_year,
    implied_light,
    judge_area,
)
from bcalc.numbers import Amount, format_plain
from bcalc.units import Unit

_TENTH = Decimal("0.1")


def money(amount: Amount, unit: Unit) -> Figure:
    """A written amount as a figure in ``unit`` ("300 t.kr." in a file in mio. kr.)."""
    figure = from_amount(amount)
    return figure if amount.unit is None else figure.scaled(amount.unit.to(unit))


def compute_followup(report: FollowupReport, path: str = "") -> FollowupResult:
    threshold = report.threshold.value
    areas = tuple(_area(report, area, threshold) for area in report.areas)
    return FollowupResult(
        path=path,
        title=report.title,
        report_year=report.report_year,
        unit=report.unit,
        rule=report.rule,
        threshold=threshold,
        areas=areas,
    )


def _area(report: FollowupReport, area: Area, threshold: Decimal) -> AreaResult:
    pairs = [
        _target(name, target, report.report_year, threshold, path == ("helaarspersoner",))
        for path, name, target in area.targets()
    ]
    targets = [result for result, _ in pairs]
    rule = area.rule or report.rule
    judged = [Judged(t.name, t.measure == "helaarspersoner", a) for t, a in pairs]
    judgement = judge_area(rule, judged, threshold)
    light = _light(area, judgement, threshold, report.report_year)
    return AreaResult(
        id=area.id,
        number=area.number,
        title=area.title,
        models=tuple(area.models),
        investment=None if area.investment is None else money(area.investment, report.unit),
        budget_years=tuple(area.budget_years),
        rule=rule,
        attainment=percent_of(judgement.percent),
        meets=judgement.meets,
        borderline=judgement.borderline,
        deciding=judgement.deciding,
        deciding_danish=judgement.deciding_danish,
        expectation=area.expectation,
        light=light,
        targets=tuple(targets),
        remarks=area.remarks,
        investment_written=area.investment,
        percent=judgement.percent,
    )


def _target(
    name: str, target: Target, year: int, threshold: Decimal, primary: bool
) -> tuple[TargetResult, Attainment]:
    period = target.period or (year, year)
    written = from_amount(target.target)
    interim = None if target.interim_target is None else from_amount(target.interim_target)
    basis, due = due_this_year(written, target.direction, period, year, interim)
    status = from_amount(target.status)
    judged = attainment(status, due, target.direction, threshold, basis)
    result = TargetResult(
        name=name,
        measure="helaarspersoner" if primary else "activity",
        direction=target.direction,
        period=period,
        target=written,
        status=status,
        basis=judged.basis,
        due=due,
        attainment=percent_of(judged.percent),
        meets=judged.meets,
        borderline=judged.borderline,
    )
    return result, judged


def _light(area: Area, judgement: AreaJudgement, threshold: Decimal, year: int) -> LightResult:
    implied = implied_light(judgement.meets, area.expectation)
    agreement = None
    if area.light is not None and implied is not None:
        agreement = compare_light(area.light, judgement, area.expectation)
    return LightResult(
        stated=area.light,
        implied=implied,
        agreement=agreement,
        reason=light_reason(judgement, area.expectation, threshold, year),
    )


def light_reason(
    judgement: AreaJudgement, expectation: Expectation | None, threshold: Decimal, year: int
) -> str:
    """Why the figures give the light they give, in words a reader can check."""
    limit = format_plain(threshold, Decimal(1) if threshold == threshold.to_integral() else _TENTH)
    shown = "–" if judgement.percent is None else format_plain(judgement.percent.value, _TENTH)
    return say_light_reason(
        ENGLISH_REASON, judgement.meets, judgement.deciding, shown, limit, expectation, year
    )


# The words of a light's reason: English for the JSON and the messages, Danish for the
# tables (render.lifecycle), one decision between them (``say_light_reason``).
ENGLISH_REASON = {
    "not_judged": "no target is judged in {year}: each runs past {year} with no interim target",
    "meets": "at or above {limit} %",
    "no_expectation": "below {limit} %, and no expectation going forward is stated",
    "not_expected": "below {limit} %, and the department does not expect to meet it",
    "expected": "below {limit} %; the department expects to meet it{by}",
    "by": " by {year}",
    "forward": " going forward",
}
DANISH_REASON = {
    "not_judged": "intet mål vurderes i {year}: alle løber ud over {year} uden delmål",
    "meets": "på eller over {limit} %",
    "no_expectation": "under {limit} %, og ingen forventning fremadrettet er angivet",
    "not_expected": "under {limit} %, og forvaltningen forventer ikke at nå det",
    "expected": "under {limit} %; forvaltningen forventer at nå det{by}",
    "by": " i {year}",
    "forward": " fremadrettet",
}


def say_light_reason(
    words: dict[str, str],
    meets: bool | None,
    deciding: str,
    shown: str,
    limit: str,
    expectation: Expectation | None,
    year: int,
) -> str:
    """``deciding``: which targets decided; ``shown``: their attainment as text ("–" when
    unknown); ``limit``: the threshold as text."""
    if meets is None:
        return words["not_judged"].format(year=year)
    head = f"{deciding}: {shown}{'' if shown == '–' else ' %'}"
    if meets:
        case = "meets"
    elif expectation is None:
        case = "no_expectation"
    else:
        case = "expected" if expectation.meets_target else "not_expected"
    by = words["forward"]
    if expectation is not None and expectation.by is not None:
        by = words["by"].format(year=expectation.by)
    return f"{head}, {words[case].format(limit=limit, by=by)}"
