"""Tables with a colour per row, for a terminal: ``render.tables.to_rich``, then each
row of a table that carries row styles (``render.comparison.StyledTable``: a changed
proposal, a follow-up area in its light's colour) in its style. Tables without them
are drawn exactly as ``render.tables`` draws them; rich leaves the colour out where
the output is not a terminal, and the words are always there."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bcalc.present import Table


def to_rich(tables: Sequence[Table]) -> list[object]:
    from rich.table import Table as RichTable

    from bcalc.render.tables import to_rich as plain_rich

    renderables = plain_rich(list(tables))
    drawn = [r for r in renderables if isinstance(r, RichTable)]
    for table, rich_table in zip(tables, drawn, strict=True):
        styles: list[str | None] = getattr(table, "row_styles", [])
        for row, style in zip(rich_table.rows, styles, strict=False):
            if style:
                row.style = f"{row.style} {style}" if row.style else style
    return renderables
