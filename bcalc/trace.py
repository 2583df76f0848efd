"""Trace: is every figure of a case file printed where its source reference says?

``trace`` is pure: it takes the case file's raw data, its ``sources:`` section and
the document (read with ``bcalc.importers.read_document``) and returns problems as
values. It catches the transcription slip ("2,7" typed where the document prints
"2,6"), a reference to a line, page, slide or cell that does not exist, and a
reference whose quoted text no longer stands at its place.

What counts as "the same figure": both sides are read as numbers after only this
normalisation of the printed text: runs of whitespace (no-break and thin spaces
included) become one space, the typographic minus (U+2212, or an en dash before a
digit) becomes "-", and footnote stars after a number are dropped ("2,6*" is
"2,6"). Then the value, the written precision ("2,6" is not "2,60") and the hedge
("ca. 6,1" is not "6,1"; "ca." and "omkring" are one hedge) must agree, and the
unit too when the printed text names one; a unit the case file adds to a figure
whose unit stands in a table's header is not compared. "halv" in "med halv
effekt" is 0,5. A plain YAML number is read as bcalc reads it: 2.6 is "2,6".
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bcalc.fields import to_amount
from bcalc.importers.document import Document, Location
from bcalc.importers.figures import FIGURE, SHARE_WORDS, UNIT
from bcalc.numbers import Amount, parse_danish, quantum_of
from bcalc.sources import SourceRef, Sources
from bcalc.units import parse_unit

# Suggested rule codes; the lead maps them to findings (see docs/import.md).
NOT_AS_PRINTED = "BC701"
NO_SUCH_PLACE = "BC702"
STALE_REFERENCE = "BC703"
NO_SUCH_FIGURE = "BC704"
OTHER_DOCUMENT = "BC705"


@dataclass(frozen=True, slots=True)
class TraceProblem:
    """One reference that does not hold."""

    code: str
    path: str  # the figure's dotted path, as in the sources section
    written: str | None  # the figure as the case file writes it
    reference: SourceRef | None
    found: str | None  # what the document prints at that place; None: no such place
    message: str


def trace(raw: Mapping[str, Any], sources: Sources, document: Document) -> list[TraceProblem]:
    """Every problem with the references in ``sources`` against ``document``.

    ``raw`` is the case file as plain data; pass the loader's (it keeps "2.60"'s two
    decimals); ``yaml.safe_load`` will do for files whose figures are quoted.
    """
    problems: list[TraceProblem] = []
    if sources.sha256 and document.sha256 and sources.sha256 != document.sha256:
        problems.append(
            TraceProblem(
                OTHER_DOCUMENT,
                "",
                None,
                None,
                None,
                _other_document(document.name, sources.document),
            )
        )
    for path, ref in sources.figures.items():
        problem = _check(raw, path, ref, document)
        if problem is not None:
            problems.append(problem)
    return problems


def _check(
    raw: Mapping[str, Any], path: str, ref: SourceRef, document: Document
) -> TraceProblem | None:
    written = _resolve(raw, path)
    if written is _MISSING:
        return TraceProblem(
            NO_SUCH_FIGURE,
            path,
            None,
            ref,
            None,
            f"the sources name {path}, but the case file has no such figure",
        )
    if isinstance(written, dict | list):
        return TraceProblem(
            NO_SUCH_FIGURE,
            path,
            None,
            ref,
            None,
            f"{path} is not one figure in the case file; a reference names one figure",
        )
    text = str(written)
    place = ref.location()
    printed = document.text_at(place)
    if printed is None:
        return TraceProblem(
            NO_SUCH_PLACE,
            path,
            text,
            ref,
            None,
            f"{path} ({text}) refers to {ref.describe()}, which {document.name} does not "
            f"have ({document.size()})",
        )
    unit_field = path == "unit" or path.endswith(".unit")
    found = _found(printed, ref, place, unit_field)
    where = ref.describe()
    if found is None:
        return TraceProblem(
            NOT_AS_PRINTED,
            path,
            text,
            ref,
            normalise(printed),
            f"{path} is {text} in the case file, but {where} does not print it: "
            f"it reads {_excerpt(printed)!r}",
        )
    if not same_figure(written, found, unit_field):
        return TraceProblem(
            NOT_AS_PRINTED,
            path,
            text,
            ref,
            found,
            f"{path} is {text} in the case file, but the document prints {found} at {where}",
        )
    if normalise(found, keep_stars=True) != normalise(ref.text, keep_stars=True):
        return TraceProblem(
            STALE_REFERENCE,
            path,
            text,
            ref,
            found,
            f"the reference for {path} quotes {ref.text!r}, but {where} prints {found!r}; "
            "the figure agrees with the document: update the reference",
        )
    return None


_MISSING = object()
_STEP = re.compile(r"\[(\d+)\]|\.?(\d{4})(?![\w])|\.?([a-z_]+)")


def _resolve(raw: Any, path: str) -> Any:
    """The value at a dotted path: proposals[0].stated.net_gain.2021."""
    value = raw
    for match in _STEP.finditer(path):
        index, year, name = match.groups()
        key: Any = int(index) if index else int(year) if year else name
        if isinstance(value, dict) and key not in value:
            key = str(key)  # a year written as a quoted key
        if (isinstance(value, list) and isinstance(key, int) and 0 <= key < len(value)) or (
            isinstance(value, dict) and key in value
        ):
            value = value[key]
        else:
            return _MISSING
    return value


def _found(printed: str, ref: SourceRef, place: Location, unit_field: bool) -> str | None:
    """The figure printed at the reference's place: at its character column for a
    line or paragraph, else the cell's (or line's) figure that the reference quotes."""
    with_unit = _has_unit(ref.text)
    if unit_field:
        return _unit_at(printed, place.char)
    if place.char is not None:
        return _figure_at(printed, place.char - 1, with_unit)
    wanted = normalise(ref.text)
    candidates = []
    for match in _TOKEN.finditer(printed):
        token = _with_unit(printed, match, with_unit)
        if normalise(token) == wanted:
            return token
        candidates.append(token)
    return candidates[0] if len(candidates) == 1 else None


_TOKEN = re.compile(rf"{FIGURE.pattern}|(?<!\w)(?:{'|'.join(SHARE_WORDS)})(?!\w)", re.IGNORECASE)


def _figure_at(printed: str, offset: int, with_unit: bool) -> str | None:
    if not 0 <= offset < len(printed):
        return None
    match = _TOKEN.match(printed, offset)
    return _with_unit(printed, match, with_unit) if match else None


def _with_unit(printed: str, match: re.Match[str], with_unit: bool) -> str:
    if with_unit and (unit := UNIT.match(printed, match.end())):
        return printed[match.start() : unit.end()]
    return match.group(0)


def _unit_at(printed: str, char: int | None) -> str | None:
    from bcalc.importers.figures import UNIT_ANYWHERE

    start = 0 if char is None else char - 1
    match = UNIT_ANYWHERE.search(printed, start) or re.compile(r"mio\.?", re.I).search(
        printed, start
    )
    if match is None or (char is not None and match.start() != start):
        return None
    return match.group(0)


def _has_unit(text: str) -> bool:
    match = FIGURE.search(text)
    return bool(match and UNIT.match(text, match.end()))


def normalise(text: str, keep_stars: bool = False) -> str:
    """Whitespace collapsed, the typographic minus made "-", footnote stars dropped."""
    text = " ".join(
        text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ").split()
    )
    text = text.replace("\u2212", "-")
    text = re.sub(r"–(?=\d)", "-", text)
    if not keep_stars:
        text = re.sub(r"(?<=\d)\*+", "", text)
    return text


def _printed_amount(text: str) -> Amount | None:
    text = normalise(text)
    share = SHARE_WORDS.get(text.lower())
    if share is not None:
        return Amount(share, quantum_of(share))
    try:
        return parse_danish(text)
    except ValueError:
        return None


def same_figure(written: Any, printed: str, unit_field: bool = False) -> bool:
    """Whether the case file's figure is the printed one (see the module's docstring)."""
    if unit_field:
        try:
            return parse_unit(str(written)) == parse_unit(normalise(printed))
        except ValueError:
            return False
    found = _printed_amount(printed)
    if found is None:
        return False
    try:
        mine = to_amount(written)
    except ValueError:
        return False
    if normalise(printed).lower() in SHARE_WORDS:
        return mine.value == found.value
    if found.unit is not None and mine.unit is not None and found.unit != mine.unit:
        return False
    return (mine.value, mine.quantum, mine.approx) == (found.value, found.quantum, found.approx)


def _excerpt(text: str) -> str:
    text = normalise(text, keep_stars=True)
    return text if len(text) <= 80 else text[:77] + "…"


__all__ = [
    "NOT_AS_PRINTED",
    "NO_SUCH_FIGURE",
    "NO_SUCH_PLACE",
    "OTHER_DOCUMENT",
    "STALE_REFERENCE",
    "TraceProblem",
    "normalise",
    "same_figure",
    "trace",
]


def _other_document(name: str, recorded: str) -> str:
    if name == recorded or os.path.realpath(name) == os.path.realpath(recorded):
        return (
            f"{name} has changed since the references were made (its SHA-256 differs); "
            "figures are checked all the same"
        )
    return (
        f"{name} is not the document the references were made from ({recorded}): its "
        "SHA-256 differs; figures are checked all the same"
    )
