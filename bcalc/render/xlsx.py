"""An Excel workbook (``bcalc export``, ``compute --format xlsx -o FILE``), written with
XlsxWriter.

Sheets: an overview per file (the averages a year and the yearly totals), then one
sheet per proposal. Every sum, net gain, cumulative net gain, average and ratio is a
live formula, so that a reader can change a figure and see the rest follow, *and*
carries its cached value (``write_formula(..., value=)``), so that viewers that do not
recalculate (previews, mail clients, openpyxl) show bcalc's figures. A figure that
bcalc does not know (a proposal without savings) is an empty cell, never a formula
over a partial sum.

Numbers are stored exactly as bcalc computed them (16.625, never a rounded 16.6) and
shown at the precision people read (``display.shown_quantum``) through number formats
such as ``#,##0.0``, which Excel shows with the reader's own separators: 16,6 and
8.500 in a Danish Excel. User text is always written as text, never as a formula
("=HYPERLINK(...)" as a title stays text). Headers are frozen and columns sized. The
same results give the same bytes: the document's dates are fixed, and XlsxWriter
dates the parts of the zip 1980-01-01.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, BinaryIO

from bcalc.display import shown_quantum
from bcalc.intervals import Figure
from bcalc.results import FileResult, ProposalResult
from bcalc.units import Unit

# XlsxWriter ships no type information: its objects are Any here.
Format = Any
Workbook = Any
Worksheet = Any

# Fixed, so that the same results give the same bytes.
CREATED = datetime(2000, 1, 1, tzinfo=UTC)
MAX_SHEET_NAME = 31
# Kroner per helårsperson in thousands, as display.kroner_text rounds them: the value
# stays exact (173333,33), Excel shows "173 t.kr." (the trailing comma divides by 1000).
PER_PERSON = '#,##0," t.kr."'
_NOT_IN_SHEET_NAMES = str.maketrans({c: "-" for c in "[]:*?/\\'"})


def col(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def cell(row: int, column: int) -> str:
    """A1 notation from 0-based row and column."""
    return f"{col(column)}{row + 1}"


def number_format(quantum: Decimal) -> str:
    """Excel's number format for a quantum: 1 → #,##0; 0.1 → #,##0.0."""
    exponent = quantum.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    decimals = max(-exponent, 0)
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def excel_text(value: Decimal) -> str:
    """A value as Excel stores it: up to 16 significant digits."""
    return f"{value:.16G}"


class Book:
    """The workbook being written, and its formats by number format."""

    def __init__(self, out: BinaryIO) -> None:
        from xlsxwriter import Workbook as XlsxWorkbook  # type: ignore[import-untyped]

        self.workbook: Workbook = XlsxWorkbook(out, {"in_memory": True})
        self.workbook.set_properties(
            {"title": "bcalc", "author": "bcalc", "created": CREATED, "modified": CREATED}
        )
        self.title = self.workbook.add_format({"bold": True, "font_size": 14})
        self.header = self.workbook.add_format(
            {"bold": True, "bg_color": "#DDE3EA", "bottom": 1, "align": "right"}
        )
        self.header_left = self.workbook.add_format(
            {"bold": True, "bg_color": "#DDE3EA", "bottom": 1}
        )
        self.text = self.workbook.add_format({"text_wrap": False})
        self.bold = self.workbook.add_format({"bold": True, "top": 1})
        self.sub = self.workbook.add_format({"indent": 1, "font_color": "#4A5260"})
        self.note = self.workbook.add_format({"italic": True, "font_color": "#4A5260"})
        self._numbers: dict[tuple[str, bool], Format] = {}

    def number(self, code: str, bold: bool = False) -> Format:
        key = (code, bold)
        if key not in self._numbers:
            properties: dict[str, Any] = {"num_format": code}
            if bold:
                properties.update(bold=True, top=1)
            self._numbers[key] = self.workbook.add_format(properties)
        return self._numbers[key]

    def figure(
        self, sheet: Worksheet, row: int, column: int, figure: Figure | None, bold: bool = False
    ) -> None:
        """A known figure as its exact number, shown at the precision people read; an
        unknown one as an empty cell."""
        if figure is None:
            sheet.write_blank(row, column, None, self.bold if bold else None)
            return
        fmt = self.number(number_format(shown_quantum(figure)), bold)
        # XlsxWriter writes a Decimal as it is (its "{:.16G}"), never through a float.
        sheet.write_number(row, column, figure.value, fmt)

    def formula(
        self,
        sheet: Worksheet,
        row: int,
        column: int,
        formula: str,
        value: Decimal,
        code: str,
        bold: bool = False,
    ) -> None:
        """A live formula with bcalc's own value cached."""
        # A number, not text: a text value would be cached as a string (t="str").
        cached = Decimal(excel_text(value))
        sheet.write_formula(row, column, formula, self.number(code, bold), cached)


def sheet_name(name: str, taken: set[str]) -> str:
    clean = name.translate(_NOT_IN_SHEET_NAMES).strip() or "Ark"
    clean = clean[:MAX_SHEET_NAME]
    candidate, number = clean, 2
    while candidate.lower() in taken:
        suffix = f" ({number})"
        candidate = clean[: MAX_SHEET_NAME - len(suffix)] + suffix
        number += 1
    taken.add(candidate.lower())
    return candidate


def write_workbook(
    results: Sequence[FileResult], out: BinaryIO, proposal: str | None = None
) -> None:
    """Each file's overview sheet, then a sheet for each of its proposals."""
    book = Book(out)
    taken: set[str] = set()
    several = len(results) > 1
    for index, result in enumerate(results, start=1):
        prefix = f"{index} " if several else ""
        chosen = [p for p in result.proposals if proposal in (None, p.id)]
        overview = book.workbook.add_worksheet(
            sheet_name(f"{prefix}Overblik {result.budget_year}", taken)
        )
        names = {
            p.id: sheet_name(f"{prefix}{p.number or n} {p.id}", taken)
            for n, p in enumerate(result.proposals, start=1)
            if p in chosen
        }
        _overview_sheet(book, overview, result, chosen, names)
        for p in chosen:
            _proposal_sheet(book, book.workbook.add_worksheet(names[p.id]), p)
    book.workbook.close()


# Rows of a proposal sheet, for the overview's cross-sheet formulas.
Rows = dict[str, int]


def _proposal_sheet(book: Book, sheet: Worksheet, proposal: ProposalResult) -> Rows:
    unit = proposal.unit.value
    years = proposal.years
    first, last = 1, len(years)  # year columns B..; "I alt" after them
    total_col = last + 1
    number = f"{proposal.number}. " if proposal.number is not None else ""
    sheet.write_string(0, 0, f"{number}{proposal.title}", book.title)
    sheet.write_string(
        1, 0, f"Id: {proposal.id} · periode {proposal.first_year}–{proposal.last_year}", book.note
    )
    header_row = 3
    sheet.write_string(header_row, 0, unit, book.header_left)
    for i, year in enumerate(years):
        sheet.write_number(header_row, first + i, year.year, book.header)
    sheet.write_string(header_row, total_col, "I alt", book.header)
    row = header_row + 1
    rows: Rows = {}
    span = f"{col(first)}{{r}}:{col(last)}{{r}}"

    def series(label: str, figures: list[Figure | None], total: Figure | None, sub: bool) -> int:
        nonlocal row
        sheet.write_string(row, 0, label, book.sub if sub else book.text)
        for i, figure in enumerate(figures):
            book.figure(sheet, row, first + i, figure)
        if total is not None and all(f is not None for f in figures):
            book.formula(
                sheet,
                row,
                total_col,
                f"=SUM({span.format(r=row + 1)})",
                total.value,
                number_format(shown_quantum(total)),
            )
        else:
            sheet.write_blank(row, total_col, None)
        row += 1
        return row - 1

    rows["investment"] = series(
        "Investering", [y.investment for y in years], proposal.period.investment, False
    )
    for name in dict.fromkeys(n for y in years for n in y.investment_components):
        parts = [y.investment_components.get(name) for y in years]
        series(name, parts, _sum(parts), True)
    rows["savings"] = series(
        "Besparelse", [y.savings for y in years], proposal.period.savings, False
    )
    for name in dict.fromkeys(n for y in years for n in y.savings_components):
        parts = [y.savings_components.get(name) for y in years]
        series(name, parts, _sum(parts), True)
    # Gevinst = besparelse − investering; akkumuleret = the running sum.
    rows["net_gain"] = row
    sheet.write_string(row, 0, "Gevinst", book.text)
    for i, year in enumerate(years):
        if year.net_gain is None:
            sheet.write_blank(row, first + i, None)
            continue
        c = col(first + i)
        book.formula(
            sheet,
            row,
            first + i,
            f"={c}{rows['savings'] + 1}-{c}{rows['investment'] + 1}",
            year.net_gain.value,
            number_format(shown_quantum(year.net_gain)),
        )
    net = proposal.period.net_gain
    if net is not None:
        book.formula(
            sheet,
            row,
            total_col,
            f"=SUM({span.format(r=row + 1)})",
            net.value,
            number_format(shown_quantum(net)),
        )
    row += 1
    rows["cumulative"] = row
    sheet.write_string(row, 0, "Akkumuleret", book.text)
    for i, year in enumerate(years):
        cumulative = year.cumulative_net_gain
        if cumulative is None:
            sheet.write_blank(row, first + i, None)
            continue
        gain = f"{col(first + i)}{rows['net_gain'] + 1}"
        formula = f"={gain}" if i == 0 else f"={col(first + i - 1)}{row + 1}+{gain}"
        book.formula(
            sheet,
            row,
            first + i,
            formula,
            cumulative.value,
            number_format(shown_quantum(cumulative)),
        )
    row += 1
    if any(y.helaarspersoner is not None for y in years):
        rows["persons"] = series(
            "Helårspersoner",
            [y.helaarspersoner for y in years],
            proposal.period.helaarspersoner,
            False,
        )
    row = _key_figures(book, sheet, proposal, rows, row + 1, total_col)
    sheet.freeze_panes(header_row + 1, 1)
    sheet.set_column(0, 0, max(24, min(60, _longest_label(proposal) + 2)))
    sheet.set_column(first, total_col, 11)
    return rows


def _longest_label(proposal: ProposalResult) -> int:
    names = [n for y in proposal.years for n in (*y.investment_components, *y.savings_components)]
    return max([len("Besparelse pr. investeret krone"), *(len(n) + 2 for n in names)])


def _sum(figures: list[Figure | None]) -> Figure | None:
    from bcalc.intervals import total

    known = [f for f in figures if f is not None]
    return total(known) if known and len(known) == len(figures) else None


def _average(
    label: str, formula: str, figure: Figure | None
) -> tuple[str, str, Decimal | None, str]:
    """A key figure that is an average, shown at its written precision; none (and no
    row) where it is unknown."""
    if figure is None:
        return label, formula, None, ""
    return label, formula, figure.value, number_format(shown_quantum(figure))


def _key_figures(
    book: Book, sheet: Worksheet, proposal: ProposalResult, rows: Rows, row: int, total_col: int
) -> int:
    """The period's key figures as formulas over the totals column."""
    t = col(total_col)
    years = len(proposal.years)
    investment = f"{t}{rows['investment'] + 1}"
    savings = f"{t}{rows['savings'] + 1}"
    persons = f"{t}{rows['persons'] + 1}" if "persons" in rows else None
    kroner = proposal.unit.to(Unit.KR)
    period = proposal.period
    unit = proposal.unit.value
    entries: list[tuple[str, str, Decimal | None, str]] = [
        _average(
            f"Investering, gns. pr. år ({unit})",
            f"={investment}/{years}",
            period.average_investment,
        ),
        _average(
            f"Besparelse, gns. pr. år ({unit})", f"={savings}/{years}", period.average_savings
        ),
        _average(
            f"Gevinst, gns. pr. år ({unit})",
            f"=({savings}-{investment})/{years}",
            period.average_net_gain,
        ),
        (
            "Besparelse pr. investeret krone",
            f"={savings}/{investment}",
            proposal.savings_ratio,
            "0.00",
        ),
    ]
    if persons is not None:
        per = f"*{excel_text(kroner)}/{persons}"
        entries += [
            (
                "Investering pr. helårsperson",
                f"={investment}{per}",
                proposal.investment_per_helaarsperson_kr,
                PER_PERSON,
            ),
            (
                "Besparelse pr. helårsperson",
                f"={savings}{per}",
                proposal.savings_per_helaarsperson_kr,
                PER_PERSON,
            ),
            (
                "Break-even, færre helårspersoner om året",
                f"={investment}/{savings}*{persons}/{years}",
                proposal.break_even_helaarspersoner,
                "#,##0.0",
            ),
        ]
    sheet.write_string(row, 0, "Nøgletal for perioden", book.header_left)
    row += 1
    for label, formula, value, code in entries:
        if value is None:
            continue
        sheet.write_string(row, 0, label, book.text)
        book.formula(sheet, row, 1, formula, value, code)
        row += 1
    if proposal.payback_year is not None:
        sheet.write_string(row, 0, "Tilbagebetalt (år)", book.text)
        sheet.write_number(row, 1, proposal.payback_year)
        row += 1
    return row


def _overview_sheet(
    book: Book,
    sheet: Worksheet,
    result: FileResult,
    proposals: list[ProposalResult],
    names: dict[str, str],
) -> None:
    unit = result.unit.value
    sheet.write_string(0, 0, f"Budget {result.budget_year}: {result.title}", book.title)
    sheet.write_string(
        1,
        0,
        f"Gennemsnit pr. år {result.first_year}–{result.last_year}, beløb i {unit}",
        book.note,
    )
    header = ["Nr.", "Forslag", "Id", "Investering", "Besparelse", "Gevinst", "Helårspersoner"]
    head_row = 3
    for c, name in enumerate(header):
        sheet.write_string(head_row, c, name, book.header if c >= 3 else book.header_left)
    row = head_row + 1
    names_of = ("average_investment", "average_savings", "average_net_gain")
    for proposal in proposals:
        scale = proposal.unit.to(result.unit)
        if proposal.number is not None:
            sheet.write_number(row, 0, proposal.number)
        sheet.write_string(row, 1, proposal.title, book.text)
        sheet.write_url(row, 2, f"internal:'{names[proposal.id]}'!A1", string=proposal.id)
        for c, name in enumerate(names_of, start=3):
            figure = getattr(proposal.period, name)
            book.figure(sheet, row, c, None if figure is None else _scaled(figure, scale, result))
        book.figure(sheet, row, 6, proposal.period.average_helaarspersoner)
        row += 1
    # Totals: sums of the rows above, cached with bcalc's totals (only when every
    # proposal is shown and has the figure: a partial sum is never a total).
    period = result.totals.period
    sheet.write_string(row, 1, "Total", book.bold)
    complete = len(proposals) == len(result.proposals)
    totals = (
        period.average_investment,
        period.average_savings,
        period.average_net_gain,
        period.average_helaarspersoner,
    )
    for c, figure in enumerate(totals, start=3):
        if figure is None or not complete or not proposals:
            sheet.write_blank(row, c, None, book.bold)
            continue
        book.formula(
            sheet,
            row,
            c,
            f"=SUM({cell(head_row + 1, c)}:{cell(row - 1, c)})",
            figure.value,
            number_format(shown_quantum(figure)),
            bold=True,
        )
    row += 3
    _years_table(book, sheet, result, row)
    sheet.freeze_panes(head_row + 1, 2)
    longest = max([len("Forslag"), *(len(p.title) for p in proposals)])
    sheet.set_column(0, 0, 8)
    sheet.set_column(1, 1, min(70, longest + 2))
    sheet.set_column(2, 2, min(40, max([4, *(len(p.id) for p in proposals)]) + 2))
    sheet.set_column(3, 6, 14)


def _scaled(figure: Figure, scale: Decimal, result: FileResult) -> Figure:
    from bcalc.calc import convert

    if scale == 1:
        return figure
    source = next(u for u in Unit if u.to(result.unit) == scale)
    return convert(figure, source, result.unit)


def _years_table(book: Book, sheet: Worksheet, result: FileResult, row: int) -> None:
    """All proposals per year, as values (sums over proposals of other units and
    periods are bcalc's), with the period total a formula."""
    years = result.totals.years
    sheet.write_string(row, 0, f"Alle forslag pr. år ({result.unit.value})", book.header_left)
    sheet.write_string(row, 1, "", book.header_left)
    for i, year in enumerate(years):
        sheet.write_number(row, 3 + i, year.year, book.header)
    total_col = 3 + len(years)
    sheet.write_string(row, total_col, "I alt", book.header)
    period = result.totals.period
    lines = (
        ("Investering", "investment", period.investment),
        ("Besparelse", "savings", period.savings),
        ("Gevinst", "net_gain", period.net_gain),
    )
    for label, name, total in lines:
        row += 1
        sheet.write_string(row, 1, label, book.text)
        figures = [getattr(y, name) for y in years]
        for i, figure in enumerate(figures):
            book.figure(sheet, row, 3 + i, figure)
        if total is not None and all(f is not None for f in figures):
            known = [f for f in figures if f is not None]
            from bcalc.intervals import total as sum_of

            value = sum_of(known)
            book.formula(
                sheet,
                row,
                total_col,
                f"=SUM({cell(row, 3)}:{cell(row, total_col - 1)})",
                value.value,
                number_format(shown_quantum(value)),
            )
        else:
            sheet.write_blank(row, total_col, None)
