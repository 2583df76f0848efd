"""The neutral document model every reader produces: paragraphs and tables, each
piece of text with the place it stands in the document.

A plain-text extraction is a list of lines; a Word document is paragraphs and tables;
a slide deck is slides holding text and tables; a PDF is pages of text lines and
tables. The recognizer sees only this model, so it reads all four the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True, slots=True)
class Location:
    """Where a piece of text stands, in the document's own terms (all 1-based).

    Text files: ``line``. Word: ``paragraph``, or ``table``/``row``/``column``.
    Slides: ``slide`` with ``paragraph`` or a table cell. PDF: ``page`` with ``line``
    or a table cell. ``char`` is the character column of a figure inside a line or
    paragraph; a table cell is addressed by its row and column alone.
    """

    page: int | None = None
    slide: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    line: int | None = None
    paragraph: int | None = None
    char: int | None = None

    def at_char(self, char: int) -> Location:
        """This place, narrowed to one character column (for lines and paragraphs)."""
        return self if self.table is not None else replace(self, char=char)

    def without_char(self) -> Location:
        return replace(self, char=None)

    def describe(self) -> str:
        """``line 130, column 3`` / ``slide 5, table 1, row 2, column 3`` / ``page 2, line 4``."""
        parts = []
        for name in ("page", "slide", "table", "row", "column", "line", "paragraph"):
            value = getattr(self, name)
            if value is not None:
                parts.append(f"{name} {value}")
        if self.char is not None:
            parts.append(f"column {self.char}")
        return ", ".join(parts) or "the document"


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A line of a text file, a paragraph of Word or a slide, a text line of a PDF page."""

    text: str
    where: Location


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    where: Location


@dataclass(frozen=True, slots=True)
class Table:
    """Rows of cells; ``where`` names the table (its page or slide and number)."""

    rows: tuple[tuple[Cell, ...], ...]
    where: Location


Block = Paragraph | Table


@dataclass(frozen=True)
class Document:
    """One document as blocks in reading order."""

    name: str
    kind: str  # "text", "docx", "pptx" or "pdf"
    blocks: tuple[Block, ...]
    sha256: str = ""
    _index: dict[Location, str] = field(default_factory=dict, compare=False, repr=False)

    def text_at(self, where: Location) -> str | None:
        """The text of the line, paragraph or cell at ``where`` (its ``char`` ignored),
        or None when the document has no such place."""
        if not self._index:
            for block in self.blocks:
                if isinstance(block, Paragraph):
                    self._index[block.where] = block.text
                else:
                    for row in block.rows:
                        for cell in row:
                            self._index[cell.where] = cell.text
        return self._index.get(where.without_char())

    def size(self) -> str:
        """How large the document is, in its own terms: ``417 lines``, ``3 slides``."""
        unit = {"text": "line", "docx": "paragraph", "pptx": "slide", "pdf": "page"}[self.kind]
        count = 0
        for block in self.blocks:
            where = block.where
            number = {
                "text": where.line,
                "docx": where.paragraph or where.table,
                "pptx": where.slide,
                "pdf": where.page,
            }[self.kind]
            count = max(count, number or 0)
        return f"{count} {unit}{'' if count == 1 else 's'}"


@dataclass(frozen=True, slots=True)
class Unreadable:
    """Why a document cannot be read, in words an economist understands."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class Refused(Exception):
    """Raised inside a reader to stop at once; turned into ``Unreadable`` at the edge."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
