"""Follow-up reports, portfolio overviews, ``bcalc status`` and follow-ups compared, as
plain tables (``present.Table``, drawn by ``render.tables`` like every other table)
and as tidy CSV records (``render.tidy``).

Lights are words in every format ("grøn", "gul", "rød"); in a terminal a row is
coloured by its light as well (``render.comparison.to_rich``), and the colour goes
where a pipe or a file does not show it. Where a report states another light than its
figures give, the table shows the figures' light with the stated one beside it:
"rød (angivet gul)".
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from bcalc.display import DASH, shown_text
from bcalc.kinds.followup import Light
from bcalc.lifecycle.followup import DANISH_REASON, say_light_reason
from bcalc.lifecycle.results import (
    AreaResult,
    FollowupResult,
    PortfolioResult,
    TargetResult,
)
from bcalc.numbers import format_plain
from bcalc.present import Style
from bcalc.render.comparison import StyledTable
from bcalc.render.tidy import Record

LIGHT_STYLES = {Light.GREEN: "green", Light.YELLOW: "yellow", Light.RED: "red"}
STATUS_WORDS = {
    "active": "aktiv",
    "recommended_permanent": "anbefales permanent",
    "permanent": "permanent",
    "ended": "udgået",
}
STATED_WORDS = {
    "annual_investment": "investering",
    "models": "modeller",
    "new_models": "nye",
    "active_after_permanent": "tilbage efter permanentgørelse",
    "annual_investment_after_permanent": "investering efter permanentgørelse",
}
READINGS = {
    "all": "alle mål skal nå tærsklen",
    "mean": "gennemsnittet af målene (hvert medregnet med højst 100 %) skal nå tærsklen",
    "primary": "helårspersonmålet skal nå tærsklen",
}
_TENTH = Decimal("0.1")


def percent_text(value: Decimal | None, style: Style) -> str:
    return DASH if value is None else style.fmt(value, _TENTH)


def _why(area: AreaResult, result: FollowupResult, style: Style) -> str:
    """Why the figures give the area its light, in Danish (``light.reason`` in English
    is the JSON's and the messages'), numbers in the table's style."""
    limit = style.fmt(result.threshold, Decimal(1) if result.threshold % 1 == 0 else _TENTH)
    shown = percent_text(area.attainment, style)
    return say_light_reason(
        DANISH_REASON,
        area.meets,
        area.deciding_danish,
        shown,
        limit,
        area.expectation,
        result.report_year,
    )


def light_words(implied: Light | None, stated: Light | None) -> str:
    """The figures' light, the stated one in parentheses where it differs: "gul (grøn)"."""
    if implied is None:
        return f"– ({stated.value})" if stated else "–"
    if stated is not None and stated is not implied:
        return f"{implied.value} ({stated.value})"
    return implied.value


def light_style(light: Light | None) -> str | None:
    return None if light is None else LIGHT_STYLES[light]


# --- compute: a follow-up report -----------------------------------------------------


def followup_table(result: FollowupResult, style: Style) -> StyledTable:
    header = ["Nr.", "Lys", "Område og mål", "Investering", "Mål", "Status", "Målopf. %"]
    rows: list[list[str]] = []
    styles: list[str | None] = []
    for area in result.areas:
        rows.append(
            [
                area.number or "",
                light_words(area.light.implied, area.light.stated),
                f"{area.title} ({', '.join(area.models)})",
                shown_text(area.investment, style.fmt) if area.investment else DASH,
                "",
                "",
                percent_text(area.attainment, style),
            ]
        )
        styles.append(light_style(area.light.implied))
        for target in area.targets:
            name = f"  {target.name}{_target_note(target, style)}"
            rows.append(["", "", name, "", *_cells(target, style)])
            styles.append(None)
    threshold = format_plain(result.threshold, Decimal(1) if result.threshold % 1 == 0 else _TENTH)
    notes = [
        f"Grøn: {READINGS[result.rule]} ({threshold} % målopfyldelse); gul: ikke nået, men "
        "forventes indfriet fremadrettet; rød: ikke nået og ingen forventning.",
        "Lys: det tallene giver; i parentes det lys, rapporten angiver, hvor det er et andet.",
    ]
    notes += [
        f"{area.number or area.id}: {_why(area, result, style)}"
        for area in result.areas
        if area.light.stated is not None and area.light.stated is not area.light.implied
    ]
    title = f"Målopfølgning {result.report_year} ({result.unit.value}): {result.title}"
    # Number, light and name are words that may wrap; the figures keep their width.
    return StyledTable(title, header, rows, text_columns=3, notes=notes, row_styles=styles)


def _cells(target: TargetResult, style: Style) -> list[str]:
    shown = percent_text(target.attainment, style)
    if target.attainment is None and target.meets:
        shown = "nået"
    return [shown_text(target.target, style.fmt), shown_text(target.status, style.fmt), shown]


def _target_note(target: TargetResult, style: Style) -> str:
    notes = []
    if target.direction == "lower":
        notes.append("lavere er bedre")
    first, last = target.period
    if first != last:
        notes.append(f"mål {first}–{last}")
        if target.basis == "pro_rata":
            notes.append(f"{shown_text(target.due, style.fmt)} pro rata")
        elif target.basis == "interim":
            notes.append(f"delmål {shown_text(target.due, style.fmt)}")
        elif target.basis == "not_judged":
            notes.append(f"vurderes {last}")
    return f" ({'; '.join(notes)})" if notes else ""


def followup_records(result: FollowupResult, model: str | None = None) -> Iterator[Record]:
    """Tidy CSV: ``proposal`` is the area's id, ``component`` the target's name."""
    year = result.report_year
    for area in result.only(model).areas:
        yield from _area_records(result.path, year, area, result.unit.value)


def _area_records(path: str, year: int, area: AreaResult, unit: str) -> Iterator[Record]:
    figure = None if area.investment is None else shown_text(area.investment)
    yield Record(path, area.id, "area", "investment", figure, unit, year=year)
    yield Record(
        path, area.id, "area", "attainment", _plain_percent(area.attainment), "%", year=year
    )
    for name, light in (("light", area.light.implied), ("stated_light", area.light.stated)):
        yield Record(
            path, area.id, "area", name, None if light is None else light.value, "", year=year
        )
    for target in area.targets:
        unit_of = "helårspersoner" if target.measure == "helaarspersoner" else ""
        for row in ("target", "due", "status"):
            value = getattr(target, row)
            shown = None if value is None else shown_text(value)
            yield Record(path, area.id, "target", row, shown, unit_of, target.name, year)
        yield Record(
            path,
            area.id,
            "target",
            "attainment",
            _plain_percent(target.attainment),
            "%",
            target.name,
            year,
        )


def _plain_percent(value: Decimal | None) -> str | None:
    return None if value is None else format_plain(value, _TENTH)


# --- compute: a portfolio overview ---------------------------------------------------


def portfolio_table(result: PortfolioResult, style: Style) -> StyledTable:
    unit = result.unit.value
    header = ["Nr.", "Model", "Startår", "Status", f"Investering ({unit})"]
    rows = [
        [
            m.number or "",
            f"{m.title} ({m.id})",
            str(m.adopted),
            STATUS_WORDS[m.status],
            shown_text(m.annual_investment, style.fmt),
        ]
        for m in result.models
    ]
    counts = result.counts
    rows.append(
        [
            "",
            f"I porteføljen: {counts.models} modeller, heraf {counts.new_models} nye",
            "",
            "",
            shown_text(result.annual_investment, style.fmt),
        ]
    )
    rows.append(
        [
            "",
            f"Efter permanentgørelse: {counts.active_after_permanent} modeller",
            "",
            "",
            shown_text(result.annual_investment_after_permanent, style.fmt),
        ]
    )
    stated = ", ".join(f"{STATED_WORDS[name]} {value}" for name, value in result.stated.items())
    notes = [f"Angivet i oversigten: {stated}"] if stated else []

    title = f"Porteføljeoversigt {result.budget_year}: {result.title}"
    return StyledTable(
        title, header, rows, total_rows=2, text_columns=2, notes=notes, row_styles=[]
    )


def portfolio_records(result: PortfolioResult, model: str | None = None) -> Iterator[Record]:
    path, unit = result.path, result.unit.value
    for m in result.only(model).models:
        yield Record(
            path, m.id, "model", "annual_investment", shown_text(m.annual_investment), unit
        )
        yield Record(path, m.id, "model", "status", m.status, "")
        yield Record(path, m.id, "model", "adopted", str(m.adopted), "")
    if model is not None:
        return
    for name in ("annual_investment", "annual_investment_after_permanent"):
        yield Record(path, "", "totals", name, shown_text(getattr(result, name)), unit)
    for name, count in result.counts.model_dump().items():
        yield Record(path, "", "counts", name, str(count), "models")


# --- compute: either kind ------------------------------------------------------------


def result_tables(
    result: FollowupResult | PortfolioResult, style: Style, model: str | None
) -> list[StyledTable]:
    """The tables of ``bcalc compute`` for a follow-up report or a portfolio overview;
    ``model`` (``--proposal``) keeps the areas or models concerning it."""
    if isinstance(result, FollowupResult):
        return [followup_table(result.only(model), style)]
    return [portfolio_table(result.only(model), style)]


def result_records(result: FollowupResult | PortfolioResult, model: str | None) -> Iterator[Record]:
    if isinstance(result, FollowupResult):
        return followup_records(result, model)
    return portfolio_records(result, model)
