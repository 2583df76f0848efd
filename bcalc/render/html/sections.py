"""The report's sections, built from bcalc's results.

A report is a list of ``Section`` values (an id, a heading for the contents, the
HTML). What sections a document gives depends on its kind: ``BUILDERS`` maps each
document class to the function that builds its sections. A new kind of document
(a follow-up, a portfolio) is one dataclass, one builder and one row there; the page,
the contents and the print layout need nothing new.

Tables are ``present.Table`` values, the same the terminal prints, so the report and
``bcalc compute`` can never show different figures; they are drawn here as real
``<table>`` elements, and every chart has one next to it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from bcalc.display import DASH, shown_decimal
from bcalc.findings import Finding, Severity
from bcalc.intervals import Figure
from bcalc.present import Style, Table, overview_table, proposal_table, totals_table
from bcalc.render.html import svg
from bcalc.render.html.text import amount, count, esc
from bcalc.results import Comparison, FileResult, ProposalResult

STYLE = Style(danish=True)


@dataclass(frozen=True, slots=True)
class Section:
    ident: str  # the element id, unique in the page
    heading: str  # plain text, for the contents
    html: str  # the whole <section>, user text already escaped
    level: int = 2  # 2: in the contents; 3: indented under the one before; 0: not listed


@dataclass(frozen=True, slots=True)
class BudgetDocument:
    """A budget year's case file: its computed result, and its check's findings
    (None when it was not checked, as with ``compute --format html``)."""

    result: FileResult
    findings: tuple[Finding, ...] | None = None


# Add FollowUpDocument, PortfolioDocument here, with a row in BUILDERS.
Document = BudgetDocument


@dataclass(frozen=True, slots=True)
class Report:
    title: str
    documents: Sequence[Document]
    comparison: Comparison | None = None
    subtitle: Sequence[str] = field(default_factory=tuple)


# --- tables -------------------------------------------------------------------------


def table_html(table: Table, row_classes: Sequence[str] = (), caption: bool = True) -> str:
    """A ``present.Table`` as a ``<table>``: header cells with scope, the first column
    as row headers, numbers right-aligned, component rows ("  name") indented, total
    rows bold. ``row_classes``: an extra class for each row."""
    head = "".join(
        f'<th scope="col"{"" if i < table.text_columns else " class=" + chr(34) + "num" + chr(34)}>'
        f"{esc(name)}</th>"
        for i, name in enumerate(table.header)
    )
    body = []
    first_total = len(table.rows) - table.total_rows
    for index, row in enumerate(table.rows):
        classes = []
        label = row[0]
        if label.startswith("  "):
            classes.append("sub")
        if index >= first_total:
            classes.append("total")
        if index < len(row_classes) and row_classes[index]:
            classes.append(row_classes[index])
        cells = []
        for column, cell in enumerate(row):
            text = cell.strip() if column < table.text_columns else cell
            if column == 0:
                cells.append(f'<th scope="row">{esc(text)}</th>')
            elif column < table.text_columns:
                cells.append(f"<td>{esc(text)}</td>")
            else:
                cells.append(f'<td class="num">{esc(text)}</td>')
        attribute = f' class="{" ".join(classes)}"' if classes else ""
        body.append(f"<tr{attribute}>{''.join(cells)}</tr>")
    title = f"<caption>{esc(table.title)}</caption>" if caption else ""
    return (
        f'<div class="scroll"><table>{title}<thead><tr>{head}</tr></thead>'
        f"<tbody>\n{chr(10).join(body)}\n</tbody></table></div>"
    )


def _facts(notes: Sequence[str]) -> str:
    if not notes:
        return ""
    return '<ul class="facts">' + "".join(f"<li>{esc(n)}</li>" for n in notes) + "</ul>"


def _kpi(label: str, value: str, note: str = "", kind: str = "", figure: str = "") -> str:
    data = f' data-figure="{esc(figure)}"' if figure else ""
    css = f"kpi {kind}".strip()
    extra = f'<span class="note">{esc(note)}</span>' if note else ""
    return (
        f'<div class="{css}"><span class="label">{esc(label)}</span>'
        f'<span class="value"{data}>{esc(value)}</span>{extra}</div>'
    )


def _number(figure: Figure | None) -> str:
    from bcalc.render.html.text import number

    return number(figure)


def _value(figure: Figure | None) -> Decimal | None:
    return None if figure is None else shown_decimal(figure)


# --- a budget year ------------------------------------------------------------------


def budget_sections(document: BudgetDocument, index: int) -> list[Section]:
    """The file (key figures, overview, the years, the check), then one section for
    each business case."""
    result = document.result
    ident = f"fil-{index}"
    unit = result.unit.value
    period = result.totals.period
    years = f"{result.first_year}–{result.last_year}"
    kpis = "".join(
        [
            _kpi(
                "Investering, gns. pr. år",
                amount(period.average_investment, unit),
                figure="average_investment",
            ),
            _kpi(
                "Besparelse, gns. pr. år",
                amount(period.average_savings, unit),
                figure="average_savings",
            ),
            _gain_kpi("Gevinst, gns. pr. år", period.average_net_gain, unit, "average_net_gain"),
            _kpi(
                "Færre helårspersoner, gns. pr. år",
                _number(period.average_helaarspersoner),
                figure="average_helaarspersoner",
            ),
        ]
    )
    heading = f"Budget {result.budget_year}: {result.title}"
    parts = [
        f'<section class="file" id="{ident}" data-budget-year="{result.budget_year}">',
        f"<h2>{esc(heading)}</h2>",
        f'<p class="lead">{esc(_count_proposals(len(result.proposals)))} · budgetperioden '
        f"{years} · beløb i {esc(unit)} · fil: <code>{esc(result.path)}</code></p>",
        f'<div class="kpis" data-file="{esc(result.path)}">{kpis}</div>',
        "<h3>Overblik over forslagene</h3>",
        table_html(overview_table(result, STYLE)),
        "<h3>Alle forslag pr. år</h3>",
        _totals_chart(result, ident),
        table_html(totals_table(result, STYLE)),
    ]
    if document.findings is not None:
        parts.append(findings_html(document.findings))
    parts.append("</section>")
    sections = [Section(ident, heading, "\n".join(parts))]
    for number, proposal in enumerate(result.proposals, start=1):
        sections.append(case_section(proposal, f"{ident}-forslag-{number}"))
    return sections


def _count_proposals(number: int) -> str:
    return count(number, "forslag", "forslag")


def _gain_kpi(label: str, figure: Figure | None, unit: str, name: str) -> str:
    kind = "" if figure is None else ("good" if figure.value >= 0 else "bad")
    return _kpi(label, amount(figure, unit), kind=kind, figure=name)


def _totals_chart(result: FileResult, ident: str) -> str:
    years = result.totals.years
    unit = result.unit.value
    chart = svg.Chart(
        ident=f"{ident}-diagram",
        title=f"Investering og besparelse pr. år, alle forslag ({unit})",
        description=_series_description(
            [str(y.year) for y in years],
            [
                ("Investering", [y.investment for y in years]),
                ("Besparelse", [y.savings for y in years]),
            ],
            unit,
        ),
        unit=unit,
        categories=[str(y.year) for y in years],
        bars=[
            svg.Series("Investering", svg.BLUE, [_value(y.investment) for y in years]),
            svg.Series("Besparelse", svg.GREEN, [_value(y.savings) for y in years]),
        ],
    )
    return f"<figure>{svg.render(chart)}</figure>"


def _series_description(
    categories: Sequence[str], series: Sequence[tuple[str, Sequence[Figure | None]]], unit: str
) -> str:
    """The chart's figures in words, for its <desc>."""
    parts = []
    for name, figures in series:
        shown = ", ".join(
            f"{c}: {_number(f)}" for c, f in zip(categories, figures, strict=True) if f is not None
        )
        if shown:
            parts.append(f"{name} ({unit}) {shown}")
    return ". ".join(parts) + "." if parts else "Ingen tal."


def case_section(proposal: ProposalResult, ident: str) -> Section:
    unit = proposal.unit.value
    period = proposal.period
    number = f"{proposal.number}. " if proposal.number is not None else ""
    heading = f"{number}{proposal.title}"
    net = period.net_gain
    if net is None:
        net_kpi = _kpi("Nettogevinst i perioden", DASH, "besparelsen er ikke opgjort")
    elif net.value >= 0:
        net_kpi = _kpi("Nettogevinst i perioden", amount(net, unit), kind="good")
    else:
        net_kpi = _kpi("Nettoudgift i perioden", amount(-net, unit), kind="bad")
    payback = proposal.payback_year
    if payback is not None:
        payback_text = str(payback)
    elif net is None:
        payback_text = DASH
    else:
        payback_text = "ikke i perioden"
    kpis = "".join(
        [
            _kpi("Investering i perioden", amount(period.investment, unit)),
            _kpi("Besparelse i perioden", amount(period.savings, unit)),
            net_kpi,
            _kpi("Tilbagebetalt", payback_text),
        ]
    )
    facts = [f"Id: {proposal.id}", f"Periode: {proposal.first_year}–{proposal.last_year}"]
    if proposal.target_group:
        facts.insert(0, f"Målgruppe: {proposal.target_group}")
    table = proposal_table(proposal, STYLE)
    html = "\n".join(
        [
            f'<section class="case" id="{ident}">',
            f"<h3>{esc(heading)}</h3>",
            f'<p class="lead">{esc(" · ".join(facts))}</p>',
            f'<div class="kpis">{kpis}</div>',
            f"<figure>{svg.render(_case_chart(proposal, ident))}"
            f"<figcaption>Investering og besparelse pr. år (søjler) og den akkumulerede "
            f"nettogevinst (linje), i {esc(unit)}</figcaption></figure>",
            table_html(replace(table, title=f"Business case pr. år, {unit}")),
            _facts(table.notes),
            "</section>",
        ]
    )
    return Section(ident, heading, html, level=3)


def _case_chart(proposal: ProposalResult, ident: str) -> svg.Chart:
    years = proposal.years
    unit = proposal.unit.value
    categories = [str(y.year) for y in years]
    marked = next((i for i, y in enumerate(years) if y.year == proposal.payback_year), None)
    return svg.Chart(
        ident=f"{ident}-diagram",
        title=f"{proposal.title}: investering, besparelse og akkumuleret nettogevinst ({unit})",
        description=_series_description(
            categories,
            [
                ("Investering", [y.investment for y in years]),
                ("Besparelse", [y.savings for y in years]),
                ("Akkumuleret nettogevinst", [y.cumulative_net_gain for y in years]),
            ],
            unit,
        )
        + (f" Tilbagebetalt i {proposal.payback_year}." if proposal.payback_year else ""),
        unit=unit,
        categories=categories,
        bars=[
            svg.Series("Investering", svg.BLUE, [_value(y.investment) for y in years]),
            svg.Series("Besparelse", svg.GREEN, [_value(y.savings) for y in years]),
        ],
        line=svg.Series(
            "Akkumuleret nettogevinst",
            svg.VERMILION,
            [_value(y.cumulative_net_gain) for y in years],
        ),
        marked=marked,
        mark_label=f"Tilbagebetalt {proposal.payback_year}" if marked is not None else "",
    )


# --- the check ----------------------------------------------------------------------

SEVERITY_WORDS = {
    Severity.ERROR: "fejl",
    Severity.WARNING: "advarsel",
    Severity.INFO: "afrunding",
}


def findings_html(findings: Sequence[Finding]) -> str:
    """The check's findings under Danish headings; the messages as bcalc words them."""
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = sum(f.severity is Severity.WARNING for f in findings)
    infos = sum(f.severity is Severity.INFO for f in findings)
    summary = (
        f"{count(errors, 'fejl', 'fejl')}, {count(warnings, 'advarsel', 'advarsler')}, "
        f"{count(infos, 'forskel', 'forskelle')} forklaret af afrunding"
    )
    badge = "error" if errors else "warning" if warnings else "ok"
    badge_text = "Fejl fundet" if errors else "Advarsler" if warnings else "Ingen fejl"
    parts = [
        "<h3>Kontrol af tallene</h3>",
        f'<p><span class="badge {badge}">{badge_text}</span> {esc(summary)}. '
        "Hvert skrevet tal er et interval (2,6 betyder 2,55–2,65); en fejl er en forskel, "
        "som afrunding ikke forklarer.</p>",
    ]
    serious = [f for f in findings if f.severity is not Severity.INFO]
    if serious:
        parts.append(_findings_table("Fejl og advarsler", serious))
    rounding = [f for f in findings if f.severity is Severity.INFO]
    if rounding:
        parts.append(_findings_table("Forskelle forklaret af afrunding", rounding))
    return "\n".join(parts)


def _findings_table(caption: str, findings: Sequence[Finding]) -> str:
    rows = "\n".join(
        f'<tr><th scope="row"><span class="badge {f.severity.value}">'
        f"{SEVERITY_WORDS[f.severity]}</span></th><td><code>{esc(f.code)}</code></td>"
        f'<td class="num">{f.line}</td><td>{esc(f.proposal or "")}</td>'
        f"<td>{esc(f.message)}</td></tr>"
        for f in findings
    )
    return (
        f'<div class="scroll"><table class="findings"><caption>{esc(caption)}</caption>'
        '<thead><tr><th scope="col">Alvor</th><th scope="col">Regel</th>'
        '<th scope="col" class="num">Linje</th><th scope="col">Forslag</th>'
        f'<th scope="col">Besked (på engelsk)</th></tr></thead><tbody>\n{rows}\n'
        "</tbody></table></div>"
    )


# --- comparison ---------------------------------------------------------------------

_ROW_CLASSES = {"green": "new", "red": "ended", "yellow": "changed", "bold yellow": "changed"}


def comparison_section(comparison: Comparison) -> Section:
    from bcalc.render.comparison import comparison_tables

    labels = comparison.labels()
    heading = f"Sammenligning {' → '.join(labels)}"
    unit = comparison.unit.value
    tables = comparison_tables(comparison, STYLE)
    chart = svg.Chart(
        ident="sammenligning-diagram",
        title=f"Alle forslag, gennemsnit pr. år ({unit})",
        description=_series_description(
            labels,
            [
                ("Investering", [t.average_investment for t in comparison.totals]),
                ("Besparelse", [t.average_savings for t in comparison.totals]),
            ],
            unit,
        ),
        unit=unit,
        categories=labels,
        bars=[
            svg.Series(
                "Investering", svg.BLUE, [_value(t.average_investment) for t in comparison.totals]
            ),
            svg.Series(
                "Besparelse", svg.GREEN, [_value(t.average_savings) for t in comparison.totals]
            ),
        ],
    )
    parts = [
        '<section class="comparison" id="sammenligning">',
        f"<h2>{esc(heading)}</h2>",
        _facts(tables[0].notes),
        f"<figure>{svg.render(chart)}<figcaption>Investering og besparelse for alle forslag, "
        f"gennemsnit pr. år, i {esc(unit)}</figcaption></figure>",
    ]
    for table in tables:
        classes = [_ROW_CLASSES.get(s or "", "") for s in table.row_styles]
        grouped = [
            f"{c} group".strip() if _is_group(row, table.text_columns) else c
            for c, row in zip(classes, table.rows, strict=False)
        ]
        parts.append(f"<h3>{esc(table.title)}</h3>")
        parts.append(table_html(table, grouped, caption=False))
    parts.append("</section>")
    return Section("sammenligning", heading, "\n".join(parts))


def _is_group(row: Sequence[str], text_columns: int) -> bool:
    """A proposal's title row in the grouped comparison table: no figures."""
    return text_columns >= 2 and bool(row[1].strip()) and not any(row[text_columns:])


# --- the whole report ---------------------------------------------------------------

Builder = Callable[[Any, int], list[Section]]
BUILDERS: dict[type, Builder] = {BudgetDocument: budget_sections}


def summary_section(report: Report) -> Section:
    """One row per document: the year, the totals a year, and the check's verdict."""
    rows = []
    for index, document in enumerate(report.documents, start=1):
        result = document.result
        period = result.totals.period
        unit = result.unit.value
        if document.findings is None:
            verdict = '<span class="muted">ikke kontrolleret</span>'
        else:
            errors = sum(f.severity is Severity.ERROR for f in document.findings)
            warnings = sum(f.severity is Severity.WARNING for f in document.findings)
            badge = "error" if errors else "warning" if warnings else "ok"
            text = (
                f"{count(errors, 'fejl', 'fejl')}, {count(warnings, 'advarsel', 'advarsler')}"
                if errors or warnings
                else "ingen fejl"
            )
            verdict = f'<span class="badge {badge}">{text}</span>'
        rows.append(
            f'<tr><th scope="row"><a href="#fil-{index}">{result.budget_year}</a></th>'
            f"<td>{esc(result.title)}</td>"
            f'<td class="num">{len(result.proposals)}</td>'
            f'<td class="num">{esc(amount(period.average_investment, unit))}</td>'
            f'<td class="num">{esc(amount(period.average_savings, unit))}</td>'
            f'<td class="num">{esc(amount(period.average_net_gain, unit))}</td>'
            f'<td class="num">{esc(_number(period.average_helaarspersoner))}</td>'
            f"<td>{verdict}</td></tr>"
        )
    html = (
        '<section class="summary" id="sammenfatning"><h2>Sammenfatning</h2>'
        '<p class="lead">Gennemsnit pr. år i hver fils budgetperiode.</p>'
        '<div class="scroll"><table><thead><tr><th scope="col">Budget</th>'
        '<th scope="col">Titel</th><th scope="col" class="num">Forslag</th>'
        '<th scope="col" class="num">Investering</th><th scope="col" class="num">Besparelse</th>'
        '<th scope="col" class="num">Gevinst</th>'
        '<th scope="col" class="num">Færre helårsp.</th><th scope="col">Kontrol</th>'
        f"</tr></thead><tbody>\n{chr(10).join(rows)}\n</tbody></table></div></section>"
    )
    return Section("sammenfatning", "Sammenfatning", html)


def report_sections(report: Report) -> list[Section]:
    sections = [summary_section(report)]
    for index, document in enumerate(report.documents, start=1):
        sections += BUILDERS[type(document)](document, index)
    if report.comparison is not None:
        sections.append(comparison_section(report.comparison))
    return sections
