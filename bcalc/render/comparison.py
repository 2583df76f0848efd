"""A comparison (``bcalc.compare``) as plain tables.

The tables are ``present.Table`` values, printed by ``render.tables`` like every other
table; the only addition is a style per row, so that the rich table can highlight what
changed (``to_rich`` below). The JSON document is the comparison's dump.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from bcalc.display import DASH, shown_text
from bcalc.present import Style, Table
from bcalc.results import (
    AVERAGES,
    PERCENT_QUANTUM,
    PERIOD_TOTALS,
    Change,
    Comparison,
    ProposalComparison,
    Status,
    Values,
)

LABELS = {
    "average_investment": "Investering",
    "average_savings": "Besparelse",
    "average_net_gain": "Gevinst",
    "average_helaarspersoner": "Helårspersoner",
    "investment": "Investering",
    "savings": "Besparelse",
    "net_gain": "Gevinst",
    "helaarspersoner": "Helårsp.",
}
STATUS_STYLES = {
    Status.NEW: "green",
    Status.ENDED: "red",
    Status.CHANGED: "yellow",
    Status.UNCHANGED: None,
}
# The tables speak Danish like the rest of the output; JSON keeps the English values.
STATUS_LABELS = {
    Status.NEW: "ny",
    Status.ENDED: "udgået",
    Status.CHANGED: "ændret",
    Status.UNCHANGED: "uændret",
}
STATUS_PLURALS = {
    Status.NEW: "nye",
    Status.ENDED: "udgåede",
    Status.CHANGED: "ændrede",
    Status.UNCHANGED: "uændrede",
}
CHANGED_STYLE = "bold yellow"


@dataclass(frozen=True)
class StyledTable(Table):
    """A table with a rich style for each row (None: the default)."""

    row_styles: list[str | None] = field(default_factory=list)


def _signed(text: str) -> str:
    return text if text.startswith("-") or text in (DASH, "") or _is_zero(text) else f"+{text}"


def _is_zero(text: str) -> bool:
    return text.strip("0.,") == ""


def _change_cells(change: Change | None, style: Style, signed: bool) -> list[str]:
    if change is None:
        return ["", ""]
    absolute = shown_text(change.absolute, style.fmt)
    percent = change.percent
    percent_text = DASH if percent is None else style.fmt(percent, PERCENT_QUANTUM)
    if signed:
        absolute, percent_text = _signed(absolute), _signed(percent_text)
    return [absolute, percent_text]


def _cells(values: tuple[Values | None, ...], name: str, style: Style) -> list[str]:
    """One figure per file: blank where the proposal is not in the file."""
    return ["" if v is None else shown_text(v.figure(name), style.fmt) for v in values]


def _shown(values: Sequence[Values | None], names: tuple[str, ...]) -> list[str]:
    """Investment always; the other figures where any file has them."""
    return [
        name
        for name in names
        if name in ("average_investment", "investment")
        or any(v is not None and v.figure(name) is not None for v in values)
    ]


def _proposal_label(proposal: ProposalComparison) -> str:
    return f"{proposal.title} ({proposal.id})"


def comparison_tables(
    comparison: Comparison, style: Style, only_changed: bool = False, flat: bool = False
) -> list[StyledTable]:
    """The comparison, the period totals and the likely matches. ``flat`` repeats the
    proposal on every row (for CSV) instead of grouping rows under a title row."""
    proposals = _selected(comparison, only_changed)
    tables = [
        _averages_table(comparison, proposals, style, only_changed, flat),
        _period_table(comparison, proposals, style, flat),
    ]
    if comparison.likely_matches:
        tables.append(_matches_table(comparison))
    return tables


def _selected(comparison: Comparison, only_changed: bool) -> list[ProposalComparison]:
    return [p for p in comparison.proposals if not (only_changed and p.status is Status.UNCHANGED)]


def _averages_table(
    comparison: Comparison,
    proposals: list[ProposalComparison],
    style: Style,
    only_changed: bool,
    flat: bool,
) -> StyledTable:
    labels = comparison.labels()
    unit = comparison.unit.value
    lead = ["Status", "Id", "Forslag", "Størrelse"] if flat else ["Status", "Forslag"]
    header = [*lead, *labels, "Ændring", "Ændring %"]
    rows: list[list[str]] = []
    styles: list[str | None] = []
    for proposal in proposals:
        row_style = STATUS_STYLES[proposal.status]
        if not flat:
            rows.append(
                [STATUS_LABELS[proposal.status], _proposal_label(proposal)]
                + [""] * (len(header) - 2)
            )
            styles.append(row_style)
        for name in _shown(proposal.values, AVERAGES):
            change = proposal.changes.get(name)
            if flat:
                first = [STATUS_LABELS[proposal.status], proposal.id, proposal.title, LABELS[name]]
            else:
                first = ["", f"  {LABELS[name]}"]
            rows.append(
                [
                    *first,
                    *_cells(proposal.values, name, style),
                    *_change_cells(change, style, signed=not flat),
                ]
            )
            changed = change is not None and change.changed
            styles.append(CHANGED_STYLE if changed else row_style)
    totals = _shown(comparison.totals, AVERAGES)
    for name in totals:
        change = comparison.total_changes[name]
        first = ["", "", "Total", LABELS[name]] if flat else ["", f"Total {LABELS[name].lower()}"]
        rows.append(
            [
                *first,
                *_cells(comparison.totals, name, style),
                *_change_cells(change, style, signed=not flat),
            ]
        )
        styles.append(CHANGED_STYLE if change.changed else None)
    title = f"Sammenligning {' → '.join(labels)}, gns. pr. år i {unit}"
    return StyledTable(
        title,
        header,
        rows,
        total_rows=len(totals),
        text_columns=len(lead),
        notes=_notes(comparison, labels, len(comparison.proposals) - len(proposals), only_changed)
        + _explained_notes(comparison, proposals, style),
        row_styles=styles,
    )


def _notes(comparison: Comparison, labels: list[str], hidden: int, only_changed: bool) -> list[str]:
    counts = comparison.counts
    notes = [
        "Status: "
        + ", ".join(
            f"{counts[s]} {STATUS_LABELS[s] if counts[s] == 1 else STATUS_PLURALS[s]}"
            for s in Status
        )
        + (f" ({hidden} uændrede ikke vist)" if only_changed and hidden else "")
    ]
    unit = comparison.unit.value
    converted = comparison.converted_from
    if converted:
        written = ", ".join(u.value for u in converted)
        notes.append(f"Beløb i {unit} (den nyeste fils enhed), omregnet fra {written}")
    else:
        notes.append(f"Beløb i {unit}")
    periods = comparison.periods
    if len(periods) > 1:
        spans = ", ".join(f"{a}–{b}" for a, b in periods)
        notes.append(
            f"Perioderne er forskellige ({spans}); forslagene sammenlignes på gennemsnit pr. år"
        )
    else:
        notes.append("Forslagene sammenlignes på gennemsnit pr. år")
    if comparison.likely_matches:
        count = len(comparison.likely_matches)
        notes.append(
            f"{count} sandsynlig{'e' if count > 1 else ''} match med andet id, "
            "vist nedenfor (ikke slået sammen)"
        )
    return notes


def _explained_notes(
    comparison: Comparison, proposals: list[ProposalComparison], style: Style
) -> list[str]:
    """Why savings changed: each proposal's change split into volume, price and
    phasing, and the portfolio's into new, ended and changed proposals."""
    step = Decimal("0.01")

    def signed(value: Decimal) -> str:
        return _signed(style.fmt(value, step))

    notes = []
    for proposal in proposals:
        split = proposal.explained
        if split is not None and split.total:
            notes.append(
                f"Besparelse, {proposal.id}: {signed(split.total)} = volumen "
                f"{signed(split.volume)} + pris {signed(split.price)} + indfasning "
                f"{signed(split.phasing)}"
            )
    whole = comparison.savings_explained
    if whole is not None and whole.total:
        notes.append(
            f"Besparelse i alt: {signed(whole.total)} = nye forslag {signed(whole.new)}, "
            f"udgåede {signed(whole.ended)}, ændrede {signed(whole.changed)}"
        )
    return notes


def _period_table(
    comparison: Comparison, proposals: list[ProposalComparison], style: Style, flat: bool
) -> StyledTable:
    labels = comparison.labels()
    names = _shown(tuple(v for p in proposals for v in p.values) + comparison.totals, PERIOD_TOTALS)
    lead = ["Id", "Forslag"] if flat else ["Forslag"]
    header = [*lead, "Fil", "År", *(LABELS[n] for n in names)]
    rows: list[list[str]] = []
    styles: list[str | None] = []

    def line(values: Values, index: int) -> list[str]:
        return [
            labels[index],
            f"{values.first_year}–{values.last_year}",
            *(shown_text(values.figure(n), style.fmt) for n in names),
        ]

    for proposal in proposals:
        first = True
        for index, values in enumerate(proposal.values):
            if values is None:
                continue
            if flat:
                lead_cells = [proposal.id, proposal.title]
            else:
                lead_cells = [_proposal_label(proposal) if first else ""]
            rows.append([*lead_cells, *line(values, index)])
            styles.append(STATUS_STYLES[proposal.status])
            first = False
    for index, values in enumerate(comparison.totals):
        lead_cells = ["", "Total"] if flat else ["Total" if index == 0 else ""]
        rows.append([*lead_cells, *line(values, index)])
        styles.append(None)
    return StyledTable(
        f"I alt over perioden i {comparison.unit.value}",
        header,
        rows,
        total_rows=len(comparison.totals),
        text_columns=len(lead),
        row_styles=styles,
    )


def _matches_table(comparison: Comparison) -> StyledTable:
    labels = comparison.labels()
    rows = [
        [
            f"{m.old_title} ({m.old_id}, {labels[m.old_file]})",
            f"{m.new_title} ({m.new_id}, {labels[m.new_file]})",
            m.reason_danish,
        ]
        for m in comparison.likely_matches
    ]
    return StyledTable(
        "Sandsynlige match med andet id (ikke slået sammen)",
        ["Tidligere", "Senere", "Begrundelse"],
        rows,
        text_columns=3,
    )


def to_rich(tables: list[StyledTable]) -> list[object]:
    """Rich renderables (``render.tables.to_rich``), rows highlighted by their style."""
    from rich.table import Table as RichTable

    from bcalc.render.tables import to_rich as plain_rich

    renderables = plain_rich(list(tables))
    rich_tables = [r for r in renderables if isinstance(r, RichTable)]
    for table, rich_table in zip(tables, rich_tables, strict=True):
        for row, row_style in zip(rich_table.rows, table.row_styles, strict=False):
            if row_style:
                row.style = f"{row.style} {row_style}" if row.style else row_style
    return renderables
