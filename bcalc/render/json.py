"""JSON documents (docs/json.md): the results' own dump, indented for people.

``compute`` streams one file at a time so that a folder of hundreds of files is
never held in memory at once."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable
from typing import Any, TextIO

from bcalc.results import Comparison, Result


def dumps(document: Any) -> str:
    """Characters as written (æ, not \\u00e6), two spaces of indentation."""
    return json.dumps(document, ensure_ascii=False, indent=2)


def write_compute(results: Iterable[Result], out: TextIO) -> None:
    """``{"files": [...]}``, each file written as soon as it is computed: a budget
    file's result, or a follow-up's or a portfolio overview's (``bcalc.lifecycle``)."""
    out.write('{\n  "files": [')
    separator = "\n"
    for result in results:
        text = textwrap.indent(dumps(result.model_dump(mode="json")), "    ")
        out.write(separator + text)
        separator = ",\n"
    out.write("]\n}\n" if separator == "\n" else "\n  ]\n}\n")


def compare(comparison: Comparison) -> str:
    return dumps(comparison.model_dump(mode="json")) + "\n"
