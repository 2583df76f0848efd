"""``bcalc compute``: its formats, one row each."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, BinaryIO, TextIO

from bcalc.render import Options
from bcalc.render.binary import Binary

if TYPE_CHECKING:
    from bcalc.lifecycle.results import FollowupResult, PortfolioResult
    from bcalc.present import Table
    from bcalc.results import FileResult

    # A budget file's result, or a follow-up's or a portfolio overview's.
    Computed = FileResult | FollowupResult | PortfolioResult

Write = Callable[[Iterable["FileResult"], Options, TextIO], None]
# The formats that also draw follow-up reports and portfolio overviews
# (render/lifecycle.py); each of these rows dispatches on the result's type.
LIFECYCLE_FORMATS = ("table", "json", "csv", "markdown")


def _tables(results: Iterable[Computed], options: Options) -> list[Table]:
    from bcalc.present import Style, file_tables
    from bcalc.render.lifecycle import result_tables
    from bcalc.results import FileResult

    style = Style(danish=options.danish, document_signs=options.document_signs)
    return [
        table
        for result in results
        for table in (
            file_tables(result, style, options.proposal)
            if isinstance(result, FileResult)
            else result_tables(result, style, options.proposal)
        )
    ]


def _table(results: Iterable[Computed], options: Options, out: TextIO) -> None:
    from bcalc.render.styled import to_rich  # a follow-up area's row in its light's colour
    from bcalc.render.terminal import print_rich

    print_rich(to_rich(_tables(results, options)), out)


def _markdown(results: Iterable[Computed], options: Options, out: TextIO) -> None:
    from bcalc.render.tables import to_markdown

    tables = _tables(results, options)
    if tables:
        out.write(to_markdown(tables))


def _csv(results: Iterable[Computed], options: Options, out: TextIO) -> None:
    from bcalc.render.lifecycle import result_records
    from bcalc.render.tidy import compute_records, write_csv
    from bcalc.results import FileResult

    records = (
        r
        for result in results
        for r in (
            compute_records(result, options.proposal)
            if isinstance(result, FileResult)
            else result_records(result, options.proposal)
        )
    )
    write_csv(records, out, options.danish)


def _json(results: Iterable[Computed], options: Options, out: TextIO) -> None:
    from bcalc.render.json import write_compute

    write_compute((result.only(options.proposal) for result in results), out)


def _html(results: Iterable[FileResult], options: Options, out: TextIO) -> None:
    from bcalc.render.html import write_compute

    write_compute(results, out, options.proposal)


def _xlsx(results: Iterable[FileResult], options: Options, out: BinaryIO) -> None:
    from bcalc.render.xlsx import write_workbook

    write_workbook(list(results), out, options.proposal)


FORMATS: dict[str, Write | Binary[Iterable[FileResult]]] = {
    "table": _table,
    "json": _json,
    "csv": _csv,
    "markdown": _markdown,
    "html": _html,
    "xlsx": Binary(_xlsx, ".xlsx"),
}
