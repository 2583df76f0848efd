"""``bcalc compute``: its formats, one row each."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TextIO

from bcalc.render import Options

if TYPE_CHECKING:
    from bcalc.present import Table
    from bcalc.results import FileResult

Write = Callable[[Iterable["FileResult"], Options, TextIO], None]


def _tables(results: Iterable[FileResult], options: Options) -> list[Table]:
    from bcalc.present import Style, file_tables

    style = Style(danish=options.danish, document_signs=options.document_signs)
    return [table for result in results for table in file_tables(result, style, options.proposal)]


def _table(results: Iterable[FileResult], options: Options, out: TextIO) -> None:
    from bcalc.render.tables import to_rich
    from bcalc.render.terminal import print_rich

    print_rich(to_rich(_tables(results, options)), out)


def _markdown(results: Iterable[FileResult], options: Options, out: TextIO) -> None:
    from bcalc.render.tables import to_markdown

    tables = _tables(results, options)
    if tables:
        out.write(to_markdown(tables))


def _csv(results: Iterable[FileResult], options: Options, out: TextIO) -> None:
    from bcalc.render.tables import to_csv

    out.write(to_csv(_tables(results, options)))


def _json(results: Iterable[FileResult], options: Options, out: TextIO) -> None:
    from bcalc.render.json import write_compute

    write_compute((result.only(options.proposal) for result in results), out)


FORMATS: dict[str, Write] = {
    "table": _table,
    "json": _json,
    "csv": _csv,
    "markdown": _markdown,
}
