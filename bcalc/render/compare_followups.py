"""``bcalc compare`` of follow-up reports: its formats, one row each. The command's
other formats draw budget files only (``render/compare.py``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from bcalc.render import Options

if TYPE_CHECKING:
    from bcalc.lifecycle.results import FollowupComparison


def _table(comparison: FollowupComparison, options: Options, out: TextIO) -> None:
    from bcalc.present import Style
    from bcalc.render.lives import followup_comparison_tables
    from bcalc.render.styled import to_rich
    from bcalc.render.terminal import print_rich

    style = Style(danish=options.danish)
    print_rich(to_rich(followup_comparison_tables(comparison, style, options.only_changed)), out)


def _markdown(comparison: FollowupComparison, options: Options, out: TextIO) -> None:
    from bcalc.present import Style
    from bcalc.render.lives import followup_comparison_tables
    from bcalc.render.tables import to_markdown

    style = Style(danish=options.danish)
    out.write(
        to_markdown(list(followup_comparison_tables(comparison, style, options.only_changed)))
    )


def _csv(comparison: FollowupComparison, options: Options, out: TextIO) -> None:
    from bcalc.render.lives import comparison_records
    from bcalc.render.tidy import write_csv

    write_csv(comparison_records(comparison, options.only_changed), out, options.danish)


def _json(comparison: FollowupComparison, options: Options, out: TextIO) -> None:
    from bcalc.render.json import dumps

    shown = comparison.only_changed() if options.only_changed else comparison
    out.write(dumps(shown.model_dump(mode="json")) + "\n")


Write = Callable[["FollowupComparison", Options, TextIO], None]
FORMATS: dict[str, Write] = {"table": _table, "json": _json, "csv": _csv, "markdown": _markdown}
