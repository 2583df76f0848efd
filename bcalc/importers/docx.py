"""Word (.docx): the body's paragraphs and tables in order, through python-docx.

Paragraphs are numbered 1, 2, ... in the body (empty ones count, so the numbers
do not shift when text is added to one); tables 1, 2, ... with rows and columns.
Headers, footers, footnotes, text boxes and tables inside tables are not read.
"""

from __future__ import annotations

import io

from bcalc.importers.archive import check_archive
from bcalc.importers.document import Block, Cell, Document, Location, Paragraph, Refused, Table
from bcalc.importers.limits import Limits

_DAMAGED = "is damaged, or not a Word document bcalc can read"


def read_docx(data: bytes, name: str, limits: Limits) -> Document:
    check_archive(data, limits, ("word/",))
    try:
        import docx
        from docx.table import Table as DocxTable
    except ImportError:  # pragma: no cover - depends on the installation
        raise Refused("needs python-docx to be read: pip install 'bcalc[import]'") from None
    try:
        word = docx.Document(io.BytesIO(data))
        blocks: list[Block] = []
        paragraphs = tables = chars = 0
        for item in word.iter_inner_content():
            if isinstance(item, DocxTable):
                tables += 1
                rows = []
                for row_number, row in enumerate(item.rows, 1):
                    cells = []
                    seen: set[int] = set()
                    for column, cell in enumerate(row.cells, 1):
                        if id(cell._tc) in seen:  # a merged cell repeats; read it once
                            continue
                        seen.add(id(cell._tc))
                        chars += len(cell.text)
                        where = Location(table=tables, row=row_number, column=column)
                        cells.append(Cell(cell.text, where))
                    rows.append(tuple(cells))
                blocks.append(Table(tuple(rows), Location(table=tables)))
            else:
                paragraphs += 1
                chars += len(item.text)
                blocks.append(Paragraph(item.text, Location(paragraph=paragraphs)))
            if chars > limits.max_chars:
                raise Refused(f"holds more than {limits.max_chars:,} characters of text")
    except Refused:
        raise
    except Exception:  # python-docx and lxml raise many kinds on a damaged file
        raise Refused(_DAMAGED) from None
    return Document(name, "docx", tuple(blocks))
