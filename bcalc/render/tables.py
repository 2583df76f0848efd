"""Plain tables as rich text, markdown or CSV."""

from __future__ import annotations

import csv
import dataclasses
import io

from bcalc.present import Table
from bcalc.render.safe import visible


def to_markdown(tables: list[Table]) -> str:
    parts = []
    for table in tables:
        table = _visible(table)
        lines = [f"### {table.title}", ""]
        lines.append("| " + " | ".join(table.header) + " |")
        aligns = ["---"] * table.text_columns + ["---:"] * (len(table.header) - table.text_columns)
        lines.append("|" + "|".join(aligns) + "|")
        for index, row in enumerate(table.rows):
            is_total = index >= len(table.rows) - table.total_rows
            cells = [f"**{c}**" if is_total and c else c for c in row]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        lines += ["", *(f"- {note}" for note in table.notes)]
        parts.append("\n".join(lines).rstrip())
    return "\n\n".join(parts) + "\n"


def to_csv(tables: list[Table]) -> str:
    """One CSV stream: a ``table`` column names the table each row belongs to."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for table in tables:
        writer.writerow(["table", *table.header])
        for row in table.rows:
            writer.writerow([table.title, *row])
    return buffer.getvalue()


def to_rich(tables: list[Table]) -> list[object]:
    """Rich renderables; imported lazily so that other formats never load rich.

    Every text is escaped: a title such as "Forslag [A]" is printed as written, never
    read as rich markup (which would drop "[A]", or fail on "[/]"), and its control
    characters are shown, never sent to the terminal (``render.safe.visible``).
    """
    from rich import box
    from rich.markup import escape
    from rich.table import Table as RichTable
    from rich.text import Text

    renderables: list[object] = []
    for table in map(_visible, tables):
        rich_table = RichTable(
            title=escape(table.title), title_justify="left", box=box.SIMPLE_HEAD, title_style="bold"
        )
        for index, name in enumerate(table.header):
            is_text = index < table.text_columns
            rich_table.add_column(
                escape(name),
                justify="left" if is_text else "right",
                overflow="fold",
                no_wrap=not is_text,
                min_width=24 if index == table.text_columns - 1 else None,
            )
        for index, row in enumerate(table.rows):
            is_total = index >= len(table.rows) - table.total_rows
            rich_table.add_row(
                *(escape(cell) for cell in row),
                style="bold" if is_total else None,
                end_section=index == len(table.rows) - table.total_rows - 1,
            )
        renderables.append(rich_table)
        if table.notes:
            renderables.append(Text("  " + "\n  ".join(table.notes), style="dim"))
        renderables.append(Text(""))
    return renderables


def _visible(table: Table) -> Table:
    """The table with every text's control characters shown as escapes: titles and
    names are user text, and rich passes an escape sequence to the terminal."""
    return dataclasses.replace(
        table,
        title=visible(table.title),
        header=[visible(name) for name in table.header],
        rows=[[visible(cell) for cell in row] for row in table.rows],
        notes=[visible(note) for note in table.notes],
    )
