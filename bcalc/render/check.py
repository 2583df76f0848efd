"""``bcalc check``: its formats, one row each. Light on purpose: a check answered
from the cache imports this and nothing heavier."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TextIO

from bcalc.render import Options
from bcalc.render.findings import to_github, to_json, to_text
from bcalc.reports import CheckRun

Write = Callable[[CheckRun, Options, TextIO], None]


def _text(run: CheckRun, options: Options, out: TextIO) -> None:
    shown = [f for f in run.findings if options.show_info or f.severity.value != "info"]
    text = to_text(shown, run.quoted)
    if text:
        out.write(text + "\n")
    counts = run.counts
    infos = f", {counts['infos']} explained by rounding" if counts["infos"] else ""
    hint = " (--show-info)" if counts["infos"] and not options.show_info else ""
    out.write(
        f"{_count(run.files, 'file')} checked: {_count(counts['errors'], 'error')}, "
        f"{_count(counts['warnings'], 'warning')}{infos}{hint}\n"
    )


def _json(run: CheckRun, options: Options, out: TextIO) -> None:
    out.write(json.dumps(to_json(run.findings, run.files), ensure_ascii=False, indent=2) + "\n")


def _github(run: CheckRun, options: Options, out: TextIO) -> None:
    text = to_github(run.findings)
    if text:
        out.write(text + "\n")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


FORMATS: dict[str, Write] = {"text": _text, "json": _json, "github": _github}
