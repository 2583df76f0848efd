"""One recognizer for every kind of document: what a business case is made of.

It finds the overview of proposals (a column table or a year table), the notes
under it, each proposal's section (from its title to the next proposal's), the
business-case table and the sentences in each section, and the facts of the whole
document (budget year, title, unit). Every figure read becomes a ``Claim``; what
looks like part of a business case but fits no field becomes an ``Unplaced``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from bcalc.importers.claims import OVERVIEW, REPEAT, SENTENCE, TABLE, Claim, UnitSeen, Unplaced
from bcalc.importers.document import Document, Location, Paragraph
from bcalc.importers.figures import FIGURE, Passage, Piece, Printed, collapse
from bcalc.importers.sentences import read_span
from bcalc.importers.tables import (
    FigureTable,
    Line,
    Row,
    find_tables,
    flow_of,
    negative_label,
)


@dataclass
class FoundProposal:
    """A proposal as the document names it, and where its own text runs."""

    title: str
    title_where: Location
    number: Printed | None = None
    target_group: str | None = None
    parties: str | None = None
    stars: int = 0  # footnote stars on its overview row
    start: int = -1  # its section in the document's passage; -1: none found
    end: int = -1
    table: FigureTable | None = None  # its business-case table
    notes: list[str] = field(default_factory=list)


@dataclass
class Recognition:
    document: Document
    proposals: list[FoundProposal] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    to_check: list[str] = field(default_factory=list)
    budget_year: Printed | None = None
    budget_year_context: str = ""
    title: str | None = None
    title_where: Location | None = None
    municipality: str | None = None
    unit: UnitSeen | None = None
    years: list[Printed] = field(default_factory=list)  # the overview's year header
    not_read: int = 0


def document_lines(document: Document) -> list[Line]:
    """Every non-blank paragraph, and every table row, in reading order."""
    lines: list[Line] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            if block.text.strip():
                lines.append(Line((Piece(block.text, block.where),), cells=False))
            continue
        for row in block.rows:
            pieces = tuple(Piece(c.text, c.where) for c in row if c.text.strip())
            if pieces:
                lines.append(Line(pieces, cells=True))
    return lines


def recognize(document: Document) -> Recognition:
    """Read a document into claims; never raises for what the document says."""
    result = Recognition(document)
    lines = document_lines(document)
    passage = Passage([p for line in lines for p in line.pieces])
    offsets = {piece: passage.starts[i] for i, piece in enumerate(passage.pieces)}
    tables = find_tables(lines)
    taken: set[Location] = set()
    for table in tables:
        for row in table.rows:
            taken.update(f.where for f in row.figures)

    overview = next((t for t in tables if t.labelled), None)
    region_start = 0
    if overview is not None:
        _read_overview(overview, result)
        region_start = offsets[lines[overview.first].pieces[0]]
        after = offsets[lines[overview.last].pieces[-1]]
        _find_sections(passage, after, result)
        _read_notes(lines, overview, passage, offsets, result, taken)
    else:
        _proposals_from_headings(passage, result)
    _read_business_cases(tables, overview, passage, offsets, result)
    _read_sections(passage, result, taken)
    _file_sentences(passage, region_start, result, taken)
    _facts(document, lines, passage, overview, tables, result)
    result.not_read = sum(1 for _, f in passage.figures() if f.where not in taken)
    return result


def _read_overview(table: FigureTable, result: Recognition) -> None:
    result.unit = table.unit
    if table.years:
        result.years = table.years
    rows = [row for row in table.rows if not _is_total(row)]
    # A target-group column is named ("Målgruppe"), or, in a year overview, every
    # title is preceded by a few words and no number ("Forsikrede Flere ledige ...").
    split = table.target_group_column or (
        bool(table.years and rows)
        and all(_numbered(row) is None and _split_at(row.label) for row in rows)
    )
    for row in table.rows:
        if _is_total(row):
            _overview_claims(table, row, None, result)
            continue
        number = _numbered(row)
        label = row.label
        if number is not None:
            label = label[len(number.text) :].strip()
        target_group = None
        if split and (cut := _split_at(label)):
            words = label.split()
            target_group, label = " ".join(words[:cut]), " ".join(words[cut:])
        where = row.passage.where(max(row.passage.text.find(label.split()[0]), 0))
        found = FoundProposal(label, where, number, target_group)
        if row.tail and table.years:
            found.parties = row.tail
        found.stars = max((f.stars for f in row.figures), default=0)
        result.proposals.append(found)
        _overview_claims(table, row, len(result.proposals) - 1, result)
    if split and any(p.target_group for p in result.proposals):
        result.to_check.append(
            "target groups were read as the words before each title's first capital letter"
            " in the overview's first column"
        )


def _is_total(row: Row) -> bool:
    return re.match(r"^(total|i alt|samlet investering|samlet|sum)\b", row.label, re.I) is not None


def _numbered(row: Row) -> Printed | None:
    """The "Nr." a row starts with: "1 Flere langtidsledige ..."."""
    match = FIGURE.match(row.passage.text)
    if match is None or match.group("hedge") or match.group("sign") or match.group("stars"):
        return None
    if not re.fullmatch(r"\d{1,3}", match.group("digits")):
        return None
    rest = row.passage.text[match.end() :].lstrip()
    if not rest[:1].isupper() and not rest.startswith("§"):
        return None
    return row.passage.figure(match)


def _split_at(label: str) -> int | None:
    """Where a title starts after a target group: "Forsikrede og jobparate Flere ..."."""
    words = label.split()
    for index in range(1, min(4, len(words) - 1) + 1):
        if words[index][:1].isupper() or words[index].startswith("§"):
            return index
    return None


_COLUMN_FIELDS = {
    "investment": ("stated", "average_investment"),
    "savings": ("stated", "average_savings"),
    "net_gain": ("stated", "average_net_gain"),
    "helaarspersoner": ("helaarspersoner",),
}


def _overview_claims(table: FigureTable, row: Row, owner: int | None, result: Recognition) -> None:
    unit = table.unit.unit if table.unit else None
    context = row.text
    if table.years:
        if not table.about_investment:
            result.unplaced.append(
                Unplaced(row.where, context, "figures per year whose header names no measure")
            )
            return
        for year, figure in zip(table.years, row.figures, strict=False):
            claim = Claim(
                owner,
                ("stated", "investment"),
                figure,
                OVERVIEW,
                context,
                figure.unit or unit,
                int(year.number),
                overview=True,
            )
            result.claims.append(claim)
        if table.total_column and len(row.figures) > len(table.years):
            figure = row.figures[len(table.years)]
            claim = Claim(
                owner,
                ("stated", "period_investment"),
                figure,
                OVERVIEW,
                context,
                figure.unit or unit,
                overview=True,
            )
            result.claims.append(claim)
        return
    for column, figure in zip(table.columns, row.figures, strict=False):
        path = _COLUMN_FIELDS[column.name]
        figure_unit = None if column.name == "helaarspersoner" else figure.unit or unit
        claim = Claim(owner, path, figure, OVERVIEW, context, figure_unit, overview=True)
        result.claims.append(claim)


def _title_pattern(title: str) -> re.Pattern[str]:
    words = re.findall(r"\w+", title.lower())
    return re.compile(r"(?<!\w)" + r"\W+".join(re.escape(w) for w in words) + r"(?!\w)")


def _find_sections(passage: Passage, after: int, result: Recognition) -> None:
    """Each proposal's own text: from its title (first printed after the overview) to
    the next proposal's title."""
    for found in result.proposals:
        match = _title_pattern(found.title).search(passage.lower, after)
        if match is None and found.number is not None:
            match = re.compile(rf"forslag\s+{found.number.number}\s*:").search(passage.lower, after)
        if match is not None:
            found.start = match.start()
    starts = sorted(p.start for p in result.proposals if p.start >= 0)
    for found in result.proposals:
        if found.start >= 0:
            later = [s for s in starts if s > found.start]
            found.end = later[0] if later else len(passage.text)


_HEADING = re.compile(r"(?<!\w)forslag\s+(?P<number>\d{1,2})\s*:\s*")


def _proposals_from_headings(passage: Passage, result: Recognition) -> None:
    """Without an overview: "Forslag 1: Flere langtidsledige ..." headings."""
    for match in _HEADING.finditer(passage.lower):
        index, inside = passage.locate(match.end())
        piece = passage.pieces[index]
        title = piece.text[inside:].strip()
        following = (
            passage.pieces[index + 1].text.strip() if index + 1 < len(passage.pieces) else ""
        )
        if following[:1].islower():
            title = f"{title} {following}"
        if not title or any(p.title == title for p in result.proposals):
            continue
        number = FIGURE.match(passage.text, match.start("number"))
        found = FoundProposal(
            collapse(title),
            piece.where.at_char(inside + 1),
            passage.figure(number) if number else None,
            start=match.start(),
        )
        result.proposals.append(found)
    starts = [p.start for p in result.proposals] + [len(passage.text)]
    for found, end in zip(result.proposals, starts[1:], strict=False):
        found.end = end


def _read_notes(
    lines: list[Line],
    overview: FigureTable,
    passage: Passage,
    offsets: dict[Piece, int],
    result: Recognition,
    taken: set[Location],
) -> None:
    """ "Note: *Besparelse på forsørgelsesudgifter: 2,6 mio. kr. ** ...": each starred
    note belongs to the overview row whose figure carries as many stars."""
    index = overview.last + 1
    if index >= len(lines) or not lines[index].text.lower().startswith("note"):
        return
    start = offsets[lines[index].pieces[0]]
    starts = [p.start for p in result.proposals if p.start > start]
    end = min(starts, default=len(passage.text))
    last = min(index + 20, len(lines) - 1)
    end = min(end, offsets[lines[last].pieces[-1]] + len(lines[last].pieces[-1].text))
    marks = list(
        re.finditer(r"(?<![\d*,])(\*{1,4})(?!\*)\s*(?=[A-ZÆØÅa-zæøå])", passage.text[start:end])
    )
    for number, mark in enumerate(marks):
        owner = next(
            (i for i, p in enumerate(result.proposals) if p.stars == len(mark.group(1))), None
        )
        if owner is None:
            continue
        seg_start = start + mark.end()
        seg_end = start + marks[number + 1].start() if number + 1 < len(marks) else end
        name = f"the note to {result.proposals[owner].title!r}"
        reading = read_span(passage, seg_start, seg_end, owner, OVERVIEW, taken, name)
        result.claims += reading.claims
        result.unplaced += reading.unplaced


def _read_business_cases(
    tables: list[FigureTable],
    overview: FigureTable | None,
    passage: Passage,
    offsets: dict[Piece, int],
    result: Recognition,
) -> None:
    lines_start = {id(t): offsets[t.rows[0].lines[0].pieces[0]] for t in tables}
    for table in tables:
        if table is overview or (table.labelled and table.years):
            continue
        start = lines_start[id(table)]
        owner = next((i for i, p in enumerate(result.proposals) if p.start <= start < p.end), None)
        if owner is None:
            for row in table.rows:
                result.unplaced.append(
                    Unplaced(row.where, row.text, "a table row outside every proposal's text")
                )
            continue
        if table.years:
            result.proposals[owner].table = table
            _year_rows(table, owner, result)
        else:
            for column, figure in zip(table.columns, table.rows[0].figures, strict=False):
                path = _COLUMN_FIELDS[column.name]
                unit = figure.unit or (table.unit.unit if table.unit else None)
                claim = Claim(owner, path, figure, REPEAT, table.rows[0].text, unit)
                result.claims.append(claim)


_YEAR_FIELDS = {
    "investment": ("investment",),
    "savings": ("savings",),
    "net_gain": ("stated", "net_gain"),
    "cumulative_net_gain": ("stated", "cumulative_net_gain"),
    "helaarspersoner": ("helaarspersoner",),
    "i_alt": ("stated", "net_gain"),
}
_TOTAL_FIELDS = {"investment": ("stated", "period_investment")}


def _year_rows(table: FigureTable, owner: int, result: Recognition) -> None:
    unit = table.unit.unit if table.unit else None
    for row in table.rows:
        flow = flow_of(row.label)
        if flow is None:
            result.unplaced.append(Unplaced(row.where, row.text, "a row bcalc does not know"))
            continue
        if flow == "i_alt":
            result.to_check.append(
                f"{row.where.describe()}: the row 'I alt' was read as the net gain per year"
            )
        figure_unit = None if flow == "helaarspersoner" else unit
        for year, figure in zip(table.years, row.figures, strict=False):
            claim = Claim(
                owner,
                _YEAR_FIELDS[flow],
                figure,
                TABLE,
                row.text,
                figure.unit or figure_unit,
                int(year.number),
            )
            result.claims.append(claim)
        if table.total_column and len(row.figures) > len(table.years):
            figure = row.figures[len(table.years)]
            if flow in _TOTAL_FIELDS:
                claim = Claim(owner, _TOTAL_FIELDS[flow], figure, TABLE, row.text, unit)
                result.claims.append(claim)
            else:
                reason = "a total for the period that bcalc's format writes with its own sign"
                result.unplaced.append(Unplaced(figure.where, row.text, reason))


def proposal_negative(proposal: FoundProposal) -> bool | None:
    """Whether a proposal's business case writes savings and gains negative."""
    if proposal.table is None:
        return None
    return any(negative_label(row.label) for row in proposal.table.rows)


def _read_sections(passage: Passage, result: Recognition, taken: set[Location]) -> None:
    for owner, found in enumerate(result.proposals):
        if found.start < 0:
            continue
        name = f"the text of {found.title!r}"
        reading = read_span(passage, found.start, found.end, owner, SENTENCE, taken, name)
        for claim in reading.claims:
            if claim.field == ("stated", "average_net_gain"):
                claim = Claim(
                    claim.owner, claim.field, claim.figure, REPEAT, claim.context, claim.unit
                )
            result.claims.append(claim)
        result.unplaced += reading.unplaced
        found.notes += reading.notes


_PORTFOLIO = re.compile(r"samlet\s+investering\s+på\s+")


def _file_sentences(
    passage: Passage, start: int, result: Recognition, taken: set[Location]
) -> None:
    """Between the overview and the first proposal: "en samlet investering på 30 mio.
    kr. årligt", the portfolio's annual investment."""
    sections = [p.start for p in result.proposals if p.start >= 0]
    end = min(sections, default=len(passage.text))
    for match in _PORTFOLIO.finditer(passage.lower, start, end):
        figure_match = FIGURE.match(passage.text, match.end())
        if figure_match is None:
            continue
        figure = passage.figure(figure_match)
        if figure.unit is None or figure.where in taken:
            continue
        taken.add(figure.where)
        sentence = passage.sentence(match.start())
        path = ("stated", "average_investment")
        result.claims.append(Claim(None, path, figure, SENTENCE, sentence, figure.unit))


_BUDGET = re.compile(
    r"(?<!\w)(?:budget(?:forlig(?:et)?)?|beskæftigelsesplan)\s+(?:for\s+)?(?P<year>(?:19|20)\d\d)"
)
_FROM = re.compile(r"(?<!\w)fra\s+(?P<year>20\d\d)(?!\d)")


def _facts(
    document: Document,
    lines: list[Line],
    passage: Passage,
    overview: FigureTable | None,
    tables: list[FigureTable],
    result: Recognition,
) -> None:
    """Budget year, title, municipality and unit of the whole document."""
    caption = overview.caption if overview else None
    if result.years:
        result.budget_year = result.years[0]
        result.budget_year_context = overview.header if overview else ""
    else:
        texts = ([Passage(caption.pieces)] if caption else []) + [passage]
        for pattern in (_BUDGET, _FROM):
            for text in texts:
                if match := pattern.search(text.lower):
                    figure_match = FIGURE.match(text.text, match.start("year"))
                    if figure_match is not None:
                        result.budget_year = text.figure(figure_match)
                        result.budget_year_context = text.sentence(match.start())
                        break
            if result.budget_year is not None:
                break
    for line in lines:
        if match := re.match(r"^\s*slide\s+1\s*:\s*(?P<title>.+)$", line.text, re.I):
            result.title, result.title_where = match.group("title").strip(), line.where
            break
    if result.title is None and caption is not None and caption.text.lower().startswith("tabel"):
        title = re.sub(r"^tabel\s+\d+\.?\s*(oversigt over\s+)?", "", caption.text, flags=re.I)
        result.title, result.title_where = title[:1].upper() + title[1:], caption.where
    if result.title is None and lines:
        result.title, result.title_where = lines[0].text, lines[0].where
    names = Counter(m.group(0) for m in re.finditer(r"\b[A-ZÆØÅ]\w+ Kommune\b", passage.text))
    if names:
        result.municipality = names.most_common(1)[0][0]
    if result.unit is None:
        units = [t.unit for t in tables if t.unit is not None]
        if units:
            result.unit = units[0]
    if result.unit is None:
        seen = Counter(c.figure.unit for c in result.claims if c.figure.unit is not None)
        if seen:
            unit = seen.most_common(1)[0][0]
            first = next(c.figure for c in result.claims if c.figure.unit == unit)
            result.unit = UnitSeen(unit, first.unit_text or unit.value, first.where)
