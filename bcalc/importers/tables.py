"""Tables of figures, whether a reader kept their cells or an extraction flattened
them into lines.

Two kinds are recognised. A *year table* has a header of consecutive years
("Mio. kr. 2021 2022 2023 2024") and rows of one figure per year: a business case
(rows "Investering", "Besparelse (-)", "Gevinst (-)") or an overview of proposals.
A *column table* has a header of named columns ("Nr. Investeringsforslag Årlig
investering (i mio. kr.) Gns. årlig besparelse ...") and rows ending in one figure
per column. In an extraction a row may run over several lines and the figures may
stand on a line of their own; a row is complete when its text ends in as many
figures as the header has columns.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bcalc.importers.claims import UnitSeen
from bcalc.importers.document import Location
from bcalc.importers.figures import UNIT_ANYWHERE, Passage, Piece, Printed, collapse
from bcalc.units import parse_unit


@dataclass(frozen=True)
class Line:
    """One non-blank row of the document: a line, a paragraph or a table's row."""

    pieces: tuple[Piece, ...]
    cells: bool  # a table row whose cells the reader kept

    @property
    def text(self) -> str:
        return collapse(" ".join(p.text for p in self.pieces))

    @property
    def where(self) -> Location:
        return self.pieces[0].where


@dataclass
class Row:
    """A table row: its label, the figures it ends (or starts) with, and what follows."""

    label: str
    figures: list[Printed]
    tail: str  # text after the figures: "SF/EL/V"
    lines: list[Line]
    passage: Passage
    leading: bool = False  # the figures stood before the label ("30.000 ... Samlet")

    @property
    def where(self) -> Location:
        return self.lines[0].where

    @property
    def text(self) -> str:
        return collapse(self.passage.text)


@dataclass(frozen=True)
class Column:
    name: str  # investment, savings, net_gain, helaarspersoner
    average: bool  # "Gns." / "Årlig": an annual average


@dataclass
class FigureTable:
    """A recognised table. ``years`` for a year table, ``columns`` for a column table."""

    first: int  # index of its first line (header)
    last: int  # index of its last line
    header: str
    years: list[Printed] = field(default_factory=list)
    total_column: bool = False  # "I alt" after the years
    columns: list[Column] = field(default_factory=list)
    labelled: bool = True  # rows carry proposal titles
    target_group_column: bool = False
    unit: UnitSeen | None = None
    caption: Line | None = None
    rows: list[Row] = field(default_factory=list)
    about_investment: bool = False  # a year overview whose figures are investments

    @property
    def width(self) -> int:
        return len(self.years) + self.total_column if self.years else len(self.columns)


_FILLER = re.compile(
    r"^[\s()]*(?:(?:mio\.?\s*kr\.?|mio\.?|mill\.?|kr\.|t\.\s?kr\.?|tusinde?\s+kr\.?|pct\.?|%)"
    r"[\s()]*)*$",
    re.IGNORECASE,
)
PARTIES = re.compile(r"^[A-ZÆØÅ]{1,4}(?:/[A-ZÆØÅ]{1,4})*$")
_HEADER_WORDS = {
    "nr.",
    "nr",
    "investeringsforslag",
    "forslag",
    "målgruppe",
    "titel",
    "årlig",
    "årlige",
    "gns.",
    "gns",
    "gennemsnitlig",
    "investering",
    "besparelse",
    "gevinst",
    "nettogevinst",
    "helårspersoner",
    "i",
    "mio.",
    "mio",
    "kr.",
    "kr",
    "t.kr.",
    "tusind",
    "tusinde",
    "budget-",
    "budgetforslag",
    "partier",
    "-",
}
_COLUMN = re.compile(
    r"(?P<avg>(?:(?:gns\.?|gennemsnitlig|årlige?)\s+)+)?"
    r"\b(?P<name>investering|besparelse|nettogevinst|gevinst|helårspersoner)\b"
)
_COLUMN_NAMES = {
    "nettogevinst": "net_gain",
    "gevinst": "net_gain",
    "investering": "investment",
    "besparelse": "savings",
    "helårspersoner": "helaarspersoner",
}
TOTAL_LABEL = re.compile(r"^(total|i alt|samlet investering|samlet|sum)\b", re.IGNORECASE)
# A word of four letters or more ending in a full stop ends a sentence ("årligt."),
# unlike "Nr.", "kr." or "ifm.".
_SENTENCE_END = re.compile(r"\w{4,}\.(\s|$)")
_MAX_ROW_LINES = 4  # an extraction spreads one row over at most this many lines
_MAX_HEADER_LINES = 12


def split_row(lines: list[Line]) -> Row:
    """The figures a row ends with (or, failing that, starts with), and its label."""
    passage = Passage([p for line in lines for p in line.pieces])
    text = passage.text
    found = [(offset, offset + len(f.text), f) for offset, f in passage.figures()]
    run: list[tuple[int, int, Printed]] = []
    tail = ""
    if found:
        after = text[found[-1][1] :]
        tail = collapse(after)
        if _FILLER.match(after) or PARTIES.match(tail):
            run = [found[-1]]
            for item in reversed(found[:-1]):
                if not _FILLER.match(text[item[1] : run[0][0]]):
                    break
                run.insert(0, item)
            if _FILLER.match(after):
                tail = ""
    if run:
        label = collapse(text[: run[0][0]])
        return Row(label, [f for _, _, f in run], tail, lines, passage)
    leading: list[tuple[int, int, Printed]] = []
    for item in found:
        gap = text[leading[-1][1] if leading else 0 : item[0]]
        if not _FILLER.match(gap):
            break
        leading.append(item)
    if leading:
        label = collapse(text[leading[-1][1] :])
        return Row(label, [f for _, _, f in leading], "", lines, passage, leading=True)
    return Row(collapse(text), [], "", lines, passage)


def year_header(line: Line) -> tuple[list[Printed], bool, UnitSeen | None] | None:
    """A header of consecutive years, with an optional unit and "I alt" column."""
    row = split_row([line])
    passage = row.passage
    figures = [f for _, f in passage.figures()]
    if len(figures) < 2 or not all(f.is_year() for f in figures):
        return None
    years = [int(f.number) for f in figures]
    if any(b != a + 1 for a, b in itertools.pairwise(years)):
        return None
    rest = passage.text
    unit = _unit_in(passage)
    rest = UNIT_ANYWHERE.sub(" ", rest)
    for figure in figures:
        rest = rest.replace(figure.text, " ", 1)
    words = collapse(re.sub(r"[():]", " ", rest)).lower()
    total = words.endswith("i alt")
    if words.removesuffix("i alt").strip() not in ("", "år", "mio. kr.", "kr."):
        return None
    return figures, total, unit


def _unit_in(passage: Passage) -> UnitSeen | None:
    match = UNIT_ANYWHERE.search(passage.text)
    if match is None:
        match = re.search(r"(?<!\w)(mio\.|mio\b)", passage.text, re.IGNORECASE)
        if match is None:
            return None
    text = " ".join(match.group(0).split())
    return UnitSeen(parse_unit(text), text, passage.where(match.start()))


def _header_words(line: Line) -> bool:
    words = re.sub(r"[()]", " ", line.text.lower()).split()
    return bool(words) and all(w in _HEADER_WORDS for w in words)


def find_tables(lines: Sequence[Line]) -> list[FigureTable]:
    """Every year table and column table among the document's lines, in order."""
    tables: list[FigureTable] = []
    index = 0
    while index < len(lines):
        table = _year_table(lines, index) or _column_table(lines, index)
        if table is None or not table.rows:
            index += 1
            continue
        table.caption = _caption(lines, table.first)
        tables.append(table)
        index = table.last + 1
    return tables


def _year_table(lines: Sequence[Line], start: int) -> FigureTable | None:
    header = year_header(lines[start])
    if header is None:
        return None
    years, total, unit = header
    table = FigureTable(start, start, lines[start].text, years=years, total_column=total)
    table.unit = unit
    index = start + 1
    # Header cells that wrapped onto lines of their own ("Budget-" / "forslag").
    while index < len(lines) and index <= start + 3 and _short_words(lines[index]):
        index += 1
    while index < len(lines) and year_header(lines[index]) is None:
        row, used = _complete_row(lines, index, table.width, allow_leading=True, most=2)
        if row is None:
            break
        table.rows.append(row)
        table.last = index + used - 1
        index += used
        if _is_total(row):
            break
    if not table.rows:
        return None
    flows = [flow_of(row.label) for row in table.rows]
    table.labelled = any(
        flow is None and not _is_total(row) for flow, row in zip(flows, table.rows, strict=True)
    )
    if table.labelled:
        _unit_after(lines, table)
        table.about_investment = "investering" in (
            table.header + " " + " ".join(r.label for r in table.rows if _is_total(r))
        ).lower() or _investment_after(lines, table)
    return table


def _short_words(line: Line) -> bool:
    return not any(ch.isdigit() for ch in line.text) and len(line.text.split()) <= 3


def _unit_after(lines: Sequence[Line], table: FigureTable) -> None:
    """A year overview's unit may stand under it ("Investering i tusind kr.")."""
    if table.unit is not None:
        return
    for line in lines[table.last + 1 : table.last + 4]:
        if any(ch.isdigit() for ch in UNIT_ANYWHERE.sub("", line.text)):
            continue
        if (unit := _unit_in(Passage(line.pieces))) is not None:
            table.unit = unit
            return


def _investment_after(lines: Sequence[Line], table: FigureTable) -> bool:
    following = " ".join(line.text for line in lines[table.last + 1 : table.last + 4])
    return re.search(r"\binvestering\b", following, re.IGNORECASE) is not None


def _column_table(lines: Sequence[Line], start: int) -> FigureTable | None:
    if not _header_words(lines[start]):
        return None
    index = start
    texts = []
    while index < len(lines) and index < start + _MAX_HEADER_LINES and _header_words(lines[index]):
        texts.append(lines[index].text)
        index += 1
    header = " ".join(texts)
    lower = header.lower()
    columns = [
        Column(_COLUMN_NAMES[m.group("name")], m.group("avg") is not None)
        for m in _COLUMN.finditer(lower)
    ]
    if not columns:
        return None
    labelled = re.search(r"\b(investeringsforslag|forslag|nr\.?|titel)(?!\w)", lower) is not None
    table = FigureTable(start, index - 1, header, columns=columns, labelled=labelled)
    table.target_group_column = "målgruppe" in lower
    table.unit = _unit_in(Passage([p for line in lines[start:index] for p in line.pieces]))
    while index < len(lines):
        if lines[index].text.lower().startswith("note"):
            break
        row, used = _complete_row(lines, index, table.width, allow_leading=False)
        if row is None or (not labelled and row.label):
            break
        table.rows.append(row)
        table.last = index + used - 1
        index += used
        if _is_total(row) or not labelled:
            break
    return table


def _complete_row(
    lines: Sequence[Line], index: int, width: int, allow_leading: bool, most: int = _MAX_ROW_LINES
) -> tuple[Row | None, int]:
    """The row starting at ``index``: as many lines as it takes for the text to end in
    ``width`` figures. A table row from a reader is complete on its own."""
    limit = 1 if lines[index].cells else most
    for used in range(1, limit + 1):
        if index + used > len(lines):
            break
        group = list(lines[index : index + used])
        if used > 1 and group[-1].cells:
            break
        row = split_row(group)
        if row.leading and not (allow_leading and _is_total(row)):
            row = Row(row.text, [], "", group, row.passage)
        if _SENTENCE_END.search(row.label):  # a table row is no sentence
            break
        if len(row.figures) >= width and row.figures:
            if len(row.figures) > width:  # figures inside the title belong to the label
                extra = row.figures[: len(row.figures) - width]
                row.figures = row.figures[len(extra) :]
                row.label = collapse(row.passage.text[: _offset(row, row.figures[0])])
            return row, used
        if row.figures:  # figures, but too few: not a row of this table
            break
    return None, 0


def _offset(row: Row, figure: Printed) -> int:
    for offset, found in row.passage.figures():
        if found.where == figure.where:
            return offset
    return 0


def _is_total(row: Row) -> bool:
    return TOTAL_LABEL.match(row.label) is not None


def flow_of(label: str) -> str | None:
    """The business-case row a label names: "Besparelse (-)" → savings."""
    text = re.sub(r"\(\s*[-−–+]\s*\)", " ", label.lower())
    text = collapse(text.rstrip(": "))
    return _FLOWS.get(text)


_FLOWS = {
    "investering": "investment",
    "investeringer": "investment",
    "besparelse": "savings",
    "besparelser": "savings",
    "gevinst": "net_gain",
    "nettogevinst": "net_gain",
    "netto": "net_gain",
    "akkumuleret": "cumulative_net_gain",
    "akkumuleret gevinst": "cumulative_net_gain",
    "helårspersoner": "helaarspersoner",
    "færre helårspersoner": "helaarspersoner",
    "i alt": "i_alt",
}


def negative_label(label: str) -> bool:
    """ "Besparelse (-)": the document writes savings and gains negative."""
    return re.search(r"\(\s*[-−–]\s*\)", label) is not None


def _caption(lines: Sequence[Line], first: int) -> Line | None:
    """ "Tabel 1. Oversigt over ..." just above a table."""
    for line in reversed(lines[max(first - 2, 0) : first]):
        if re.match(r"^(tabel|oversigt|overblik)\b", line.text, re.IGNORECASE):
            return line
    return None
