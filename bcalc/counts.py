"""Count tables with stated totals: is the "I alt" row what its rows add up to?

Documents print tables of rounded figures with a total: full-time persons per
benefit type and month, with an "I alt" row. The rows are rounded averages and the
total is rounded from the unrounded data, so the sum of the printed rows may miss the
printed total by up to n × q/2 (n rows rounded to q) without anyone having erred;
past that, no rounding explains it. ``check_table`` judges every stated total with
``intervals.verdict``: equal, rounding, unlikely (only if nearly all rows were
rounded the same way) or error.

A table may state a rounding basis ``q``: every figure in it, totals included, was
rounded to ``q`` whatever digits it shows ("1.117" printed from data rounded to
tens). Without one, each figure's own last digit is its precision, as everywhere in
bcalc, and "ca." widens it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from bcalc.intervals import CONTEXT, Figure, Verdict, from_amount, total, verdict
from bcalc.numbers import Amount, format_plain

Axis = Literal["column", "row"]


@dataclass(frozen=True, slots=True)
class Row:
    """A labelled row: one written figure per column."""

    label: str
    figures: tuple[Amount, ...]


@dataclass(frozen=True, slots=True)
class CountTable:
    """Named columns, rows of written figures, and the totals the document states.

    ``total_row`` holds one stated total per column (the "I alt" row);
    ``total_column`` one per row. ``rounding`` is the stated rounding basis, if any.
    """

    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    total_row: tuple[Amount, ...] | None = None
    total_column: tuple[Amount, ...] | None = None
    rounding: Decimal | None = None

    def __post_init__(self) -> None:
        width = len(self.columns)
        for row in self.rows:
            if len(row.figures) != width:
                raise ValueError(
                    f"row '{row.label}' has {len(row.figures)} figures for {width} columns"
                )
        if self.total_row is not None and len(self.total_row) != width:
            raise ValueError(f"the total row has {len(self.total_row)} figures for {width} columns")
        if self.total_column is not None and len(self.total_column) != len(self.rows):
            raise ValueError(
                f"the total column has {len(self.total_column)} figures for {len(self.rows)} rows"
            )
        if self.rounding is not None and self.rounding <= 0:
            raise ValueError("a rounding basis must be positive")


@dataclass(frozen=True, slots=True)
class TotalCheck:
    """One stated total judged against the sum of its figures."""

    axis: Axis  # "column": a column's total (in the total row); "row": a row's
    label: str  # the column's or the row's label
    terms: int
    computed: Figure
    stated: Figure
    verdict: Verdict


def check_table(table: CountTable) -> list[TotalCheck]:
    """Every stated total of ``table``: column totals first, then row totals."""
    checks = []
    if table.total_row is not None:
        for index, label in enumerate(table.columns):
            cells = [row.figures[index] for row in table.rows]
            checks.append(_check("column", label, cells, table.total_row[index], table.rounding))
    if table.total_column is not None:
        for row, stated in zip(table.rows, table.total_column, strict=True):
            checks.append(_check("row", row.label, row.figures, stated, table.rounding))
    return checks


def _check(
    axis: Axis, label: str, cells: Sequence[Amount], stated: Amount, rounding: Decimal | None
) -> TotalCheck:
    computed = total(_figure(cell, rounding) for cell in cells)
    stated_figure = _figure(stated, rounding)
    return TotalCheck(
        axis, label, len(cells), computed, stated_figure, verdict(computed, stated_figure)
    )


def _figure(amount: Amount, rounding: Decimal | None) -> Figure:
    if rounding is None:
        return from_amount(amount)
    # Rounded to the basis whatever digits are shown; "ca." still widens by one unit.
    radius = rounding / 2 + (rounding if amount.approx else 0)
    return Figure.written(amount.value, radius, rounding)


def message(check: TotalCheck) -> str:
    """The finding in words, e.g. for column 'Okt 2018'."""
    where = f"the total of {check.axis} '{check.label}'"
    stated = format_plain(check.stated.value, check.stated.quantum)
    computed = format_plain(check.computed.value, check.stated.quantum)
    result = check.verdict
    gap = _compact(abs(result.difference))
    worst, likely = _compact(result.worst_case), _compact(result.likely)
    terms = f"the {check.terms} {'rows' if check.axis == 'column' else 'columns'}"
    if result.kind == "equal":
        return f"{where} is stated as {stated}; {terms} add up to it"
    head = f"{where} is stated as {stated}, but {terms} add up to {computed}: a difference of {gap}"
    if result.kind == "error":
        return f"{head}, more than rounding can explain (at most {worst})"
    if result.kind == "unlikely":
        return (
            f"{head}, which rounding explains only if nearly all figures were rounded the "
            f"same way (possible up to {worst}, likely up to {likely})"
        )
    if result.likely < result.worst_case:
        return f"{head}, explained by rounding (likely up to {likely}, possible up to {worst})"
    return f"{head}, explained by rounding (up to {worst})"


def _compact(value: Decimal) -> str:
    """At most two decimals, without trailing zeros: 3.12, 6.5, 4."""
    rounded = value.quantize(Decimal("0.01"), ROUND_HALF_UP, CONTEXT)
    return f"{rounded.normalize(CONTEXT):f}" if rounded else "0"
