"""Source references: where each figure of a case file stands in its document.

A case file made by ``bcalc import`` ends in a ``sources:`` section naming the
document and, for every figure, its place and the text printed there::

    sources:
      document: cases/sources/001_6e0a9db3903357d7.txt
      sha256: "…"
      figures:
        "proposals[0].investment": {line: 196, column: 27, text: "2"}
        "proposals[0].stated.average_savings": {slide: 5, table: 1, row: 2, column: 4, text: "2,6*"}

Keys are figure paths as ``bcalc.findings.dotted`` writes them. A place is a line
of a text file (``line``, with the character ``column``), a paragraph of Word or a
slide (``paragraph``, with ``slide`` for slides), a text line of a PDF page (``page``
and ``line``), or a table cell (``table``, ``row``, ``column``, with ``page`` or
``slide``). All numbers count from 1. ``bcalc trace`` checks every figure against
the place its reference names.
"""

from __future__ import annotations

import re
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from bcalc.importers.document import Location

# A dotted figure path: proposals[0].stated.net_gain.2027, savings.components[1].amount.
FIGURE_PATH = re.compile(r"^[a-z_]+(?:\[\d+\]|\.[a-z_]+|\.\d{4})*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceRef(_Strict):
    """One figure's place in the document and the text printed there."""

    page: int | None = Field(None, ge=1, description="PDF page.")
    slide: int | None = Field(None, ge=1, description="Slide of a slide deck.")
    table: int | None = Field(
        None, ge=1, description="Table, counted in the page, slide or document."
    )
    row: int | None = Field(None, ge=1)
    column: int | None = Field(
        None, ge=1, description="Table column; with line or paragraph, the character column."
    )
    line: int | None = Field(None, ge=1, description="Line of a text file or of a PDF page.")
    paragraph: int | None = Field(None, ge=1, description="Paragraph of Word or of a slide.")
    text: str = Field(min_length=1, description='The figure as printed there: "2,6*", "ca. 6,1".')

    @model_validator(mode="after")
    def _one_place(self) -> Self:
        if self.table is not None:
            if self.row is None or self.column is None:
                raise ValueError("a table cell needs both row and column")
            if self.line is not None or self.paragraph is not None:
                raise ValueError("a reference is a table cell or a line, not both")
        elif (self.line is None) == (self.paragraph is None):
            raise ValueError(
                "a reference needs a line, a paragraph, or a table with row and column"
            )
        elif self.row is not None:
            raise ValueError("row belongs to a table cell; add table")
        return self

    @classmethod
    def at(cls, where: Location, text: str) -> SourceRef:
        """The reference to ``text`` printed at ``where``."""
        column = where.column if where.table is not None else where.char
        return cls(
            page=where.page,
            slide=where.slide,
            table=where.table,
            row=where.row,
            column=column,
            line=where.line,
            paragraph=where.paragraph,
            text=text,
        )

    def location(self) -> Location:
        """The place as the document model names it."""
        cell = self.table is not None
        return Location(
            page=self.page,
            slide=self.slide,
            table=self.table,
            row=self.row,
            column=self.column if cell else None,
            line=self.line,
            paragraph=self.paragraph,
            char=None if cell else self.column,
        )

    def describe(self) -> str:
        return self.location().describe()


class Sources(_Strict):
    """The ``sources:`` section of a case file."""

    document: str = Field(min_length=1, description="The document the references point into.")
    sha256: str | None = Field(
        None,
        pattern=r"^[0-9a-f]{64}$",
        description="The document's SHA-256, to notice a changed one.",
    )
    figures: dict[str, SourceRef] = Field(default_factory=dict)

    @field_validator("figures")
    @classmethod
    def _paths(cls, figures: dict[str, SourceRef]) -> dict[str, SourceRef]:
        for path in figures:
            if not FIGURE_PATH.match(path):
                raise ValueError(
                    f"{path!r} is not a figure path; write it as bcalc does, "
                    "e.g. 'proposals[0].stated.net_gain.2027'"
                )
        return figures
