"""Output formats. Each output kind (compute, check, compare, rules) has one table of
its formats, ``FORMATS`` in ``render/<kind>.py``; a format is a function that writes the
kind's results to a stream. ``cli.py`` parses options, picks the row, calls it.

A new format is one module (how it draws) plus one row in each kind's table it serves.
The tables import nothing heavy: a format imports what it needs when it is used, so
that ``bcalc --help`` and a check answered from the cache stay fast.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Options:
    """How to print, as the command line asked."""

    danish: bool = False  # 2,6 and 8.500
    document_signs: bool = False  # "Besparelse (-)" rows negative, as the document has them
    proposal: str | None = None  # compute: only this proposal
    only_changed: bool = False  # compare: leave out unchanged proposals
    show_info: bool = False  # check: also print what rounding explains
