"""``bcalc status`` (each model's life across a folder) and follow-up reports compared,
as plain tables and tidy CSV records; lights as ``render.lifecycle`` shows them."""

from __future__ import annotations

from collections.abc import Iterator

from bcalc.display import DASH, shown_text
from bcalc.intervals import Figure
from bcalc.lifecycle.results import FollowupComparison, ModelLife, StatusReport, YearLight
from bcalc.present import Style
from bcalc.render.comparison import STATUS_LABELS, StyledTable
from bcalc.render.lifecycle import STATUS_WORDS, light_style, light_words, percent_text
from bcalc.render.tidy import Record

# --- status: each model's life -----------------------------------------------------


def status_tables(report: StatusReport, style: Style) -> list[StyledTable]:
    tables = [_lights_table(report), _permanent_table(report)]
    if report.years:
        tables += [_investment_table(report, style), _adoption_table(report, style)]
    return tables


# Every column of these two is words (a light, a status, a reason): each may wrap, so
# that they fit a terminal of 80 columns.


def _lights_table(report: StatusReport) -> StyledTable:
    years = report.report_years
    header = ["Nr.", "Model", "Startår", *(f"Lys {y}" for y in years)]
    rows, styles = [], []
    for life in report.models:
        by_year = {light.year: light for light in life.lights}
        adopted = "" if life.adopted is None else str(life.adopted)
        rows.append([life.number or "", life.id, adopted, *(_light(by_year.get(y)) for y in years)])
        styles.append(light_style(life.lights[-1].light) if life.lights else None)
    span = f" {years[0]}–{years[-1]}" if years else ""
    notes = ["Lys: det tallene giver; i parentes det lys, rapporten angiver, hvor det er et andet."]
    return StyledTable(
        f"Modellernes lys: målopfølgning{span}",
        header,
        rows,
        text_columns=len(header),
        notes=notes,
        row_styles=styles,
    )


def _light(light: YearLight | None) -> str:
    return "" if light is None else light_words(light.light, light.stated)


def _permanent_table(report: StatusReport) -> StyledTable:
    header = ["Nr.", "Model", "Kan", "Portefølje", "Begrundelse"]
    rows = [
        [
            life.number or "",
            life.id,
            "ja" if life.permanent.eligible else "nej",
            DASH if life.status is None else STATUS_WORDS[life.status],
            life.permanent.reason_danish,
        ]
        for life in report.models
    ]
    styles = [
        "green" if life.permanent.eligible else "red" if life.permanent.recommended else None
        for life in report.models
    ]
    return StyledTable(
        "Permanentgørelse",
        header,
        rows,
        text_columns=len(header),
        notes=_summary(report.models, report.report_years),
        row_styles=styles,
    )


def _summary(lives: tuple[ModelLife, ...], years: tuple[int, ...]) -> list[str]:
    """Which models may be made permanent, and which are recommended without it."""
    eligible = [life.id for life in lives if life.permanent.eligible]
    early = [life for life in lives if life.permanent.recommended and not life.permanent.eligible]
    when = f" (grøn {years[-2]} og {years[-1]})" if len(years) > 1 else ""
    notes = [f"Kan permanentgøres{when}: {', '.join(eligible) or 'ingen'}."]
    if early:
        shown = "; ".join(f"{life.id} ({life.permanent.reason_danish})" for life in early)
        notes.append(f"Anbefalet eller permanent uden to grønne år i træk: {shown}.")
    notes.append(
        "Kan: grøn to år i træk i de seneste to målopfølgninger, efter de lys tallene giver. "
        "Portefølje: status i den seneste porteføljeoversigt."
    )
    return notes


def _investment_table(report: StatusReport, style: Style) -> StyledTable:
    years = report.years
    header = ["Nr.", "Model", *map(str, years)]
    rows = [
        [life.number or "", life.id, *(_cell(life.investment.get(y), style) for y in years)]
        for life in report.models
        if life.investment
    ]
    rows.append(["", "I alt", *(_cell(report.investment_by_year.get(y), style) for y in years)])
    title = f"Investering pr. år ({report.unit.value}), efter budgetfilerne"
    return StyledTable(title, header, rows, total_rows=1, text_columns=2, row_styles=[])


def _adoption_table(report: StatusReport, style: Style) -> StyledTable:
    years = report.years
    header = ["Startår", *map(str, years)]
    rows = [
        [str(adopted), *(_cell(by_year.get(y), style) for y in years)]
        for adopted, by_year in report.investment_by_adoption_year.items()
    ]
    rows.append(["I alt", *(_cell(report.investment_by_year.get(y), style) for y in years)])
    title = f"Investering pr. år efter startår ({report.unit.value})"
    return StyledTable(title, header, rows, total_rows=1, text_columns=1, row_styles=[])


def _cell(figure: Figure | None, style: Style) -> str:
    return "" if figure is None else shown_text(figure, style.fmt)


def status_records(report: StatusReport) -> Iterator[Record]:
    """Tidy CSV: ``proposal`` is the model's id; the portfolio's totals have none."""
    unit = report.unit.value
    for life in report.models:
        for year, figure in life.investment.items():
            yield Record(
                "", life.id, "investment", "investment", shown_text(figure), unit, year=year
            )
        for light in life.lights:
            for row, value in (("light", light.light), ("stated_light", light.stated)):
                shown = None if value is None else value.value
                yield Record("", life.id, "lights", row, shown, "", light.area, light.year)
        eligible = "true" if life.permanent.eligible else "false"
        yield Record("", life.id, "permanent", "eligible", eligible, "")
    for year, figure in report.investment_by_year.items():
        yield Record(
            "", "", "investment_by_year", "investment", shown_text(figure), unit, year=year
        )
    for adopted, by_year in report.investment_by_adoption_year.items():
        for year, figure in by_year.items():
            yield Record(
                "",
                "",
                "investment_by_adoption_year",
                "investment",
                shown_text(figure),
                unit,
                str(adopted),
                year,
            )


# --- compare: follow-ups -------------------------------------------------------------


def followup_comparison_tables(
    comparison: FollowupComparison, style: Style, only_changed: bool
) -> list[StyledTable]:
    shown = comparison.only_changed() if only_changed else comparison
    years = [f.report_year for f in comparison.files]
    header = ["Status", "Område", *(f"Lys {y}" for y in years), *(f"Målopf. % {y}" for y in years)]
    rows, styles = [], []
    for area in shown.areas:
        rows.append(
            [
                STATUS_LABELS[area.status],
                f"{area.title} ({area.id})",
                *(_light(light) for light in area.lights),
                *(
                    "" if light is None else percent_text(light.attainment, style)
                    for light in area.lights
                ),
            ]
        )
        latest = [light for light in area.lights if light is not None]
        styles.append(light_style(latest[-1].light) if latest else None)
    counts = comparison.counts
    notes = [", ".join(f"{counts[s]} {STATUS_LABELS[s]}" for s in counts)]
    notes.append(
        "Lys: det tallene giver; i parentes det lys, rapporten angiver, hvor det er et andet."
    )
    notes += [
        f"Sandsynligt match: {m.old_id} → {m.new_id} ({m.reason_danish})"
        for m in comparison.likely_matches
    ]
    span = f"{years[0]} → {years[-1]}"
    title = f"Målopfølgning {span}: lys pr. område"
    return [StyledTable(title, header, rows, text_columns=2, notes=notes, row_styles=styles)]


def comparison_records(comparison: FollowupComparison, only_changed: bool) -> Iterator[Record]:
    shown = comparison.only_changed() if only_changed else comparison
    for area in shown.areas:
        yield Record("", area.id, "status", "status", area.status.value, "")
        for light, report in zip(area.lights, comparison.files, strict=True):
            if light is None:
                continue
            for row, value in (("light", light.light), ("stated_light", light.stated)):
                text = None if value is None else value.value
                yield Record(report.path, area.id, "lights", row, text, "", year=report.report_year)
