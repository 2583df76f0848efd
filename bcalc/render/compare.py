"""``bcalc compare``: its formats, one row each."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from bcalc.render import Options

if TYPE_CHECKING:
    from bcalc.results import Comparison


def _table(comparison: Comparison, options: Options, out: TextIO) -> None:
    from bcalc.present import Style
    from bcalc.render.comparison import comparison_tables, to_rich
    from bcalc.render.terminal import print_rich

    style = Style(danish=options.danish)
    print_rich(to_rich(comparison_tables(comparison, style, options.only_changed)), out)


def _markdown(comparison: Comparison, options: Options, out: TextIO) -> None:
    from bcalc.present import Style
    from bcalc.render.comparison import comparison_tables
    from bcalc.render.tables import to_markdown

    style = Style(danish=options.danish)
    out.write(to_markdown(list(comparison_tables(comparison, style, options.only_changed))))


def _csv(comparison: Comparison, options: Options, out: TextIO) -> None:
    from bcalc.render.tidy import compare_records, write_csv

    write_csv(compare_records(comparison, options.only_changed), out, options.danish)


def _json(comparison: Comparison, options: Options, out: TextIO) -> None:
    from bcalc.render.json import compare

    out.write(compare(comparison.only_changed() if options.only_changed else comparison))


def _html(comparison: Comparison, options: Options, out: TextIO) -> None:
    from bcalc.render.html import write_compare

    write_compare(comparison.only_changed() if options.only_changed else comparison, out)


Write = Callable[["Comparison", Options, TextIO], None]
FORMATS: dict[str, Write] = {
    "table": _table,
    "json": _json,
    "csv": _csv,
    "markdown": _markdown,
    "html": _html,
}
