"""``bcalc status``: its formats, one row each. Like every format table, it imports
nothing heavy until a format is used."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from bcalc.render import Options

if TYPE_CHECKING:
    from bcalc.lifecycle.results import StatusReport


def _table(report: StatusReport, options: Options, out: TextIO) -> None:
    from bcalc.present import Style
    from bcalc.render.lives import status_tables
    from bcalc.render.styled import to_rich
    from bcalc.render.terminal import print_rich

    print_rich(to_rich(status_tables(report, Style(danish=options.danish))), out)


def _markdown(report: StatusReport, options: Options, out: TextIO) -> None:
    from bcalc.present import Style
    from bcalc.render.lives import status_tables
    from bcalc.render.tables import to_markdown

    out.write(to_markdown(list(status_tables(report, Style(danish=options.danish)))))


def _csv(report: StatusReport, options: Options, out: TextIO) -> None:
    from bcalc.render.lives import status_records
    from bcalc.render.tidy import write_csv

    write_csv(status_records(report), out, options.danish)


def _json(report: StatusReport, options: Options, out: TextIO) -> None:
    from bcalc.render.json import dumps

    out.write(dumps(report.model_dump(mode="json")) + "\n")


Write = Callable[["StatusReport", Options, TextIO], None]
FORMATS: dict[str, Write] = {"table": _table, "json": _json, "csv": _csv, "markdown": _markdown}
