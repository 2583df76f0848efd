"""Results → plain tables (title, header, rows of text), for every tabular format.

The rich, markdown and CSV renderers all draw these same tables, so the formats
cannot drift apart. Numbers are formatted here, once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from bcalc.calc import DISPLAY_FLOOR
from bcalc.display import DASH, Formatter, decimal_text, formatter, kroner_text, shown_text
from bcalc.intervals import Figure, total
from bcalc.results import FileResult, ProposalResult


@dataclass(frozen=True)
class Table:
    title: str
    header: list[str]
    rows: list[list[str]]
    total_rows: int = 0  # how many rows at the end are totals
    text_columns: int = 1  # how many leading columns hold text, not numbers
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Style:
    """How to print: Danish digits, and whether to use each document's own signs."""

    danish: bool = False
    document_signs: bool = False

    @property
    def fmt(self) -> Formatter:
        return formatter(self.danish)


def overview_table(result: FileResult, style: Style) -> Table:
    unit = result.unit.value
    header = ["Nr.", "Forslag", "Investering", "Besparelse", "Gevinst", "Helårsp."]
    # Years are shown only where a business case is labelled with other years.
    show_years = any(
        (p.first_year, p.last_year) != (result.first_year, result.last_year)
        for p in result.proposals
    )
    if show_years:
        header.append("År")
    rows = []
    for proposal in result.proposals:
        scale = proposal.unit.to(result.unit)
        rows.append(
            [
                "" if proposal.number is None else str(proposal.number),
                proposal.title,
                *(
                    _converted(getattr(proposal.period, name), scale, result, style)
                    for name in ("average_investment", "average_savings", "average_net_gain")
                ),
                shown_text(proposal.period.average_helaarspersoner, style.fmt),
                *([f"{proposal.first_year}–{proposal.last_year}"] if show_years else []),
            ]
        )
    period = result.totals.period
    rows.append(
        [
            "",
            "Total",
            *(
                shown_text(f, style.fmt)
                for f in (
                    period.average_investment,
                    period.average_savings,
                    period.average_net_gain,
                )
            ),
            shown_text(period.average_helaarspersoner, style.fmt),
            *([""] if show_years else []),
        ]
    )
    title = f"Overblik {result.first_year}–{result.last_year}, gns. pr. år i {unit}: {result.title}"
    return Table(title, header, rows, total_rows=1, text_columns=2)


def _converted(figure: Figure | None, scale: Decimal, result: FileResult, style: Style) -> str:
    if figure is None:
        return DASH
    if scale == 1:
        return shown_text(figure, style.fmt)
    scaled = figure.scaled(scale)
    floor = DISPLAY_FLOOR[result.unit]
    return shown_text(replace(scaled, quantum=max(scaled.quantum, floor)), style.fmt)


def proposal_table(proposal: ProposalResult, style: Style) -> Table:
    flip = style.document_signs and proposal.gains_written_negative
    mark = " (-)" if flip else ""
    years = proposal.years
    period = proposal.period

    def row(
        label: str, figures: list[Figure | None], total: Figure | None, negate: bool
    ) -> list[str]:
        def text(f: Figure | None) -> str:
            return shown_text(-f if (negate and f is not None) else f, style.fmt)

        return [label, *(text(f) for f in figures), text(total)]

    rows = [row("Investering", [y.investment for y in years], period.investment, False)]
    names = list(dict.fromkeys(n for y in years for n in y.investment_components))
    rows += [
        _component_row(row, n, [y.investment_components.get(n) for y in years], False)
        for n in names
    ]
    rows.append(row(f"Besparelse{mark}", [y.savings for y in years], period.savings, flip))
    names = list(dict.fromkeys(n for y in years for n in y.savings_components))
    rows += [
        _component_row(row, n, [y.savings_components.get(n) for y in years], flip) for n in names
    ]
    rows.append(row(f"Gevinst{mark}", [y.net_gain for y in years], period.net_gain, flip))
    rows.append(row(f"Akkumuleret{mark}", [y.cumulative_net_gain for y in years], None, flip))
    if any(y.helaarspersoner is not None for y in years):
        persons = [y.helaarspersoner for y in years]
        rows.append(row("Helårspersoner", persons, period.helaarspersoner, False))
    header = [proposal.unit.value, *(str(y.year) for y in years), "I alt"]
    return Table(_proposal_title(proposal), header, rows, notes=_key_figures(proposal, style))


def _component_row(
    row: Callable[[str, list[Figure | None], Figure | None, bool], list[str]],
    name: str,
    figures: list[Figure | None],
    negate: bool,
) -> list[str]:
    known = [f for f in figures if f is not None]
    return row(f"  {name}", figures, total(known) if known else None, negate)


def _proposal_title(proposal: ProposalResult) -> str:
    number = f"{proposal.number}. " if proposal.number is not None else ""
    return f"{number}{proposal.title} [{proposal.id}]"


def _key_figures(proposal: ProposalResult, style: Style) -> list[str]:
    fmt = style.fmt
    notes = []
    if proposal.period.net_gain is not None:
        net = proposal.period.net_gain
        word = "Nettogevinst" if net.value >= 0 else "Nettoudgift"
        shown = net if net.value >= 0 else -net
        notes.append(f"{word} i perioden: {shown_text(shown, fmt)} {proposal.unit.value}")
        payback = proposal.payback_year
        notes.append(f"Tilbagebetalt: {payback}" if payback else "Tilbagebetalt: ikke i perioden")
        notes.append(
            f"Besparelse pr. investeret krone: {decimal_text(proposal.savings_ratio, '0.01', fmt)}"
        )
    # Kroner per person at three significant digits (display.kroner_text): 173.000 kr.,
    # not the 173.333 kr. that 2,6 mio. kr. over 15 persons cannot justify.
    per_person = (
        ("Besparelse pr. helårsperson", proposal.savings_per_helaarsperson_kr),
        ("Investering pr. helårsperson", proposal.investment_per_helaarsperson_kr),
    )
    for label, value in per_person:
        if value is not None:
            notes.append(f"{label}: {kroner_text(value, fmt)} kr.")
    if proposal.break_even_helaarspersoner is not None:
        persons = decimal_text(proposal.break_even_helaarspersoner, "0.1", fmt)
        notes.append(f"Break-even: {persons} færre helårspersoner om året")
    return notes


def totals_table(result: FileResult, style: Style) -> Table:
    years = result.totals.years
    period = result.totals.period
    header = [result.unit.value, *(str(y.year) for y in years), "I alt"]
    rows = [
        [
            "Investering",
            *(shown_text(y.investment, style.fmt) for y in years),
            shown_text(period.investment, style.fmt),
        ],
        [
            "Besparelse",
            *(shown_text(y.savings, style.fmt) for y in years),
            shown_text(period.savings, style.fmt),
        ],
        [
            "Gevinst",
            *(shown_text(y.net_gain, style.fmt) for y in years),
            shown_text(period.net_gain, style.fmt),
        ],
    ]
    return Table(f"Alle forslag pr. år ({result.unit.value})", header, rows)


def file_tables(result: FileResult, style: Style, proposal_id: str | None) -> list[Table]:
    proposals = [p for p in result.proposals if proposal_id in (None, p.id)]
    tables = [] if proposal_id else [overview_table(result, style), totals_table(result, style)]
    tables += [proposal_table(p, style) for p in proposals]
    if proposal_id is None:  # claims and tables belong to the file, not to a proposal
        from bcalc.present_claims import claims_table, totals_tables

        tables += claims_table(result, style) + totals_tables(result, style)
    return tables
