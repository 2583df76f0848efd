"""CSV as one long ("tidy") table: a row per figure, the same columns for every
command, so that pandas (``read_csv``) and Excel read it as it is.

Columns (``COLUMNS``): ``file`` (the case file), ``proposal`` (its id; empty for all
proposals together), ``table`` (which group of figures: ``year``, ``period``,
``key_figures``; for compare ``values``, ``change``, ``change_percent``, ``status``),
``row`` (the figure, named as in the JSON output: ``investment``, ``net_gain``,
``average_helaarspersoner``), ``component`` (a component's name, else empty), ``year``
(empty for a figure over the period), ``value`` and ``unit``.

Values are the JSON output's (docs/json.md): every digit bcalc computed, a point as
the decimal mark, no thousands separators, no units; an unknown figure is an empty
cell, never "–" or 0. ``danish=True`` writes what Danish Excel opens with a double
click: ``;`` between fields, a decimal comma, and a byte-order mark so that Excel reads
the file as UTF-8 (æ, ø, å).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TextIO

from bcalc.display import figure_text
from bcalc.intervals import Figure
from bcalc.numbers import format_plain
from bcalc.results import (
    AVERAGES,
    PERCENT_QUANTUM,
    PERIOD_TOTALS,
    Comparison,
    FileResult,
    PeriodResult,
    ProposalResult,
    Values,
)

COLUMNS = ("file", "proposal", "table", "row", "component", "year", "value", "unit")
PERSONS = "helårspersoner"
BOM = "\ufeff"

_YEAR_ROWS = ("investment", "savings", "net_gain", "cumulative_net_gain", "helaarspersoner")
_PERIOD_ROWS = (*PERIOD_TOTALS, *AVERAGES)


@dataclass(frozen=True, slots=True)
class Record:
    """One figure: a row of the CSV. ``value`` is plain text ("10.4") or None."""

    file: str
    proposal: str
    table: str
    row: str
    value: str | None
    unit: str
    component: str = ""
    year: int | None = None


def _text(figure: Figure | None) -> str | None:
    return None if figure is None else figure_text(figure)


def _unit(row: str, money: str) -> str:
    return PERSONS if "helaarspersoner" in row else money


def compute_records(result: FileResult, proposal_id: str | None = None) -> Iterator[Record]:
    """Every figure of ``bcalc compute``: each proposal's years, period and key
    figures, then the totals of all proposals (``proposal`` empty)."""
    for proposal in result.proposals:
        if proposal_id in (None, proposal.id):
            yield from _proposal_records(result.path, proposal)
    if proposal_id is not None:
        return
    unit = result.unit.value
    for total in result.totals.years:
        for row in ("investment", "savings", "net_gain"):
            value = _text(getattr(total, row))
            yield Record(result.path, "", "year", row, value, unit, year=total.year)
    yield from _period_records(result.path, "", result.totals.period, unit)


def _proposal_records(path: str, proposal: ProposalResult) -> Iterator[Record]:
    unit = proposal.unit.value
    for year in proposal.years:
        for row in _YEAR_ROWS:
            value = _text(getattr(year, row))
            yield Record(path, proposal.id, "year", row, value, _unit(row, unit), year=year.year)
        parts = (
            ("investment", year.investment_components),
            ("savings", year.savings_components),
            ("excluded_savings", year.excluded_savings),
        )
        for row, components in parts:
            for name, figure in components.items():
                yield Record(path, proposal.id, "year", row, _text(figure), unit, name, year.year)
    yield from _period_records(path, proposal.id, proposal.period, unit)
    payback = proposal.payback_year
    key_figures = (
        ("payback_year", None if payback is None else str(payback), ""),
        ("savings_ratio", _plain(proposal.savings_ratio, "0.01"), ""),
        (
            "investment_per_helaarsperson_kr",
            _plain(proposal.investment_per_helaarsperson_kr),
            "kr.",
        ),
        ("savings_per_helaarsperson_kr", _plain(proposal.savings_per_helaarsperson_kr), "kr."),
        ("break_even_helaarspersoner", _plain(proposal.break_even_helaarspersoner, "0.1"), PERSONS),
    )
    for row, value, row_unit in key_figures:
        yield Record(path, proposal.id, "key_figures", row, value, row_unit)


def _plain(value: Decimal | None, quantum: str = "1") -> str | None:
    """As the JSON output gives the ratios: at their fixed precision."""
    return None if value is None else format_plain(value, Decimal(quantum))


def _period_records(path: str, proposal: str, period: PeriodResult, unit: str) -> Iterator[Record]:
    for row in _PERIOD_ROWS:
        yield Record(path, proposal, "period", row, _text(getattr(period, row)), _unit(row, unit))


def compare_records(comparison: Comparison, only_changed: bool = False) -> Iterator[Record]:
    """Every figure of ``bcalc compare``: each proposal's status (an indicator, 1), its
    values in each file it is in (``values``), its change from its first file to its
    last (``change``, and ``change_percent`` in %), then the same for the totals."""
    paths = [f.path for f in comparison.files]
    unit = comparison.unit.value
    chosen = comparison.only_changed() if only_changed else comparison
    for proposal in chosen.proposals:
        yield Record("", proposal.id, "status", proposal.status.value, "1", "")
        yield from _values_records(paths, proposal.id, proposal.values, unit)
        for name, change in proposal.changes.items():
            yield from _change_records(proposal.id, name, change.absolute, change.percent, unit)
    yield from _values_records(paths, "", comparison.totals, unit)
    for name, change in comparison.total_changes.items():
        yield from _change_records("", name, change.absolute, change.percent, unit)


def _values_records(
    paths: list[str], proposal: str, values: Iterable[Values | None], unit: str
) -> Iterator[Record]:
    for path, value in zip(paths, values, strict=True):
        if value is None:
            continue
        for row in _PERIOD_ROWS:
            yield Record(path, proposal, "values", row, _text(value.figure(row)), _unit(row, unit))


def _change_records(
    proposal: str, row: str, absolute: Figure | None, percent: Decimal | None, unit: str
) -> Iterator[Record]:
    yield Record("", proposal, "change", row, _text(absolute), _unit(row, unit))
    shown = None if percent is None else format_plain(percent, PERCENT_QUANTUM)
    yield Record("", proposal, "change_percent", row, shown, "%")


def write_csv(records: Iterable[Record], out: TextIO, danish: bool = False) -> None:
    """The header and one line per record; ``danish``: ``;``, decimal comma, BOM."""
    if danish:
        out.write(BOM)
    writer = csv.writer(out, delimiter=";" if danish else ",", lineterminator="\n")
    writer.writerow(COLUMNS)
    for record in records:
        value = record.value or ""
        if danish:
            value = value.replace(".", ",")
        year = "" if record.year is None else str(record.year)
        writer.writerow(
            [
                _inert(record.file),
                record.proposal,
                record.table,
                record.row,
                _inert(record.component),
                year,
                value,
                record.unit,
            ]
        )


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _inert(text: str) -> str:
    """User text that a spreadsheet would run as a formula ("=HYPERLINK(...)" as a
    component's name) starts with an apostrophe, which Excel shows as text."""
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text
