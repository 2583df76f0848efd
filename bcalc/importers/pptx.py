"""PowerPoint (.pptx): each slide's text and tables, through python-pptx.

On a slide, paragraphs are numbered 1, 2, ... across its text boxes in the order
the file keeps them (grouped shapes included), tables 1, 2, ... with rows and
columns. Speaker notes and charts are not read.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from bcalc.importers.archive import check_archive
from bcalc.importers.document import Block, Cell, Document, Location, Paragraph, Refused, Table
from bcalc.importers.limits import Limits

_DAMAGED = "is damaged, or not a PowerPoint file bcalc can read"


def read_pptx(data: bytes, name: str, limits: Limits) -> Document:
    check_archive(data, limits, ("ppt/",))
    try:
        import pptx
    except ImportError:  # pragma: no cover - depends on the installation
        raise Refused("needs python-pptx to be read: pip install 'bcalc[import]'") from None
    try:
        deck = pptx.Presentation(io.BytesIO(data))
        if len(deck.slides) > limits.max_slides:
            raise Refused(f"has {len(deck.slides):,} slides; the limit is {limits.max_slides:,}")
        blocks: list[Block] = []
        chars = 0
        for number, slide in enumerate(deck.slides, 1):
            paragraphs = tables = 0
            for shape in _shapes(slide.shapes):
                if getattr(shape, "has_table", False):
                    tables += 1
                    table = _table(shape.table, number, tables)
                    chars += sum(len(cell.text) for row in table.rows for cell in row)
                    blocks.append(table)
                elif getattr(shape, "has_text_frame", False):
                    for paragraph in shape.text_frame.paragraphs:
                        paragraphs += 1
                        text = paragraph.text.replace("\v", " ")  # a line break inside it
                        chars += len(text)
                        where = Location(slide=number, paragraph=paragraphs)
                        blocks.append(Paragraph(text, where))
                if chars > limits.max_chars:
                    raise Refused(f"holds more than {limits.max_chars:,} characters of text")
    except Refused:
        raise
    except Exception:  # python-pptx and lxml raise many kinds on a damaged file
        raise Refused(_DAMAGED) from None
    return Document(name, "pptx", tuple(blocks))


def _shapes(shapes: Any) -> Iterator[Any]:
    """Every shape, the shapes inside groups included, in the file's order."""
    for shape in shapes:
        if hasattr(shape, "shapes"):  # a group
            yield from _shapes(shape.shapes)
        else:
            yield shape


def _table(table: Any, slide: int, number: int) -> Table:
    rows = []
    for row_number, row in enumerate(table.rows, 1):
        cells = []
        for column, cell in enumerate(row.cells, 1):
            if cell.is_spanned:  # covered by a merged cell: its text is in that cell
                continue
            where = Location(slide=slide, table=number, row=row_number, column=column)
            cells.append(Cell(cell.text.replace("\v", " "), where))
        rows.append(tuple(cells))
    return Table(tuple(rows), Location(slide=slide, table=number))
