"""A finding is a plain value: what is wrong, where, and the figures behind it."""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

# Where a figure lives in a case file, in pydantic's location shape:
# ("proposals", 2, "stated", "net_gain", 2027).
FigurePath = tuple[str | int, ...]


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: Severity
    message: str
    file: str = ""
    path: FigurePath = ()
    line: int = 0
    column: int = 0
    proposal: str | None = None
    computed: Decimal | None = None
    stated: Decimal | None = None
    tolerance: Decimal | None = None
    # A stated figure judged against the arithmetic: the largest difference that
    # independent rounding plausibly gives (3 standard deviations), and the figure as
    # the document writes it.
    likely_tolerance: Decimal | None = None
    stated_as: str | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)


def dotted(path: FigurePath) -> str:
    """``("proposals", 2, "stated", "net_gain", 2027)`` → ``proposals[2].stated.net_gain.2027``."""
    text = ""
    for part in path:
        if isinstance(part, int) and text and not _is_year(part):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def undotted(text: str) -> FigurePath:
    """``proposals[2].stated.net_gain.2027`` → ``("proposals", 2, "stated", "net_gain",
    2027)``: the inverse of ``dotted``."""
    path: list[str | int] = []
    for part in text.replace("[", ".[").split("."):
        if part.startswith("[") and part.endswith("]") and part[1:-1].isdigit():
            path.append(int(part[1:-1]))
        elif part.isdigit():
            path.append(int(part))
        elif part:
            path.append(part)
    return tuple(path)


def _is_year(part: int) -> bool:
    return part >= 1900


def quote_lines(findings: list[Finding], lines: list[str]) -> dict[int, str]:
    """The source lines ``findings`` point at, by line number, for quoting."""
    return {f.line: lines[f.line - 1] for f in findings if 0 < f.line <= len(lines)}


# --- Records: a finding as JSON values, and back ------------------------------


def read_int(value: object) -> int:
    if type(value) is not int:  # not a bool, a float or a text
        raise TypeError(value)
    return value


def read_text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value


def _optional_text(value: object) -> str | None:
    return None if value is None else read_text(value)


def to_record(finding: Finding) -> dict[str, Any]:
    """Every field of the finding but its file, as JSON values: the one shape a
    finding is written in (the check cache stores it, ``check --format json`` prints
    its public part)."""
    return {name: _plain(getattr(finding, name)) for name in _FIELDS}


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return f"{value:f}"  # never an exponent: "30100", not "3.01E+4"
    if isinstance(value, Severity):
        return value.value
    if isinstance(value, tuple):
        return list(value)
    return value


def from_record(record: object, path: str) -> Finding:
    """A stored finding, named by the path given in this run. Every field is read back
    with the type it has in ``Finding``; anything else is a damaged entry."""
    if not isinstance(record, dict):
        raise TypeError(record)
    values = {name: _READERS[_TYPES[name]](record[name]) for name in _FIELDS}
    return Finding(file=path, **values)


def _figure_path(value: object) -> tuple[str | int, ...]:
    if not isinstance(value, list) or not all(type(part) in (str, int) for part in value):
        raise TypeError(value)
    return tuple(value)


def _texts(value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        raise TypeError(value)
    return {read_text(name): read_text(text) for name, text in value.items()}


def _decimal(text: object) -> Decimal | None:
    if text is None:
        return None
    value = Decimal(read_text(text))  # InvalidOperation (an ArithmeticError) if not a number
    if not value.is_finite():
        raise ValueError(text)
    return value


# How each field of a Finding is read back, by its type: a field added to Finding is
# cached without a change here, unless its type is new (then importing this module
# fails, in the tests, rather than a cache silently dropping the field).
_READERS: dict[object, Callable[[object], Any]] = {
    str: read_text,
    str | None: _optional_text,
    int: read_int,
    Decimal | None: _decimal,
    Severity: Severity,
    tuple[str | int, ...]: _figure_path,
    dict[str, str]: _texts,
}
_TYPES = typing.get_type_hints(Finding)
_FIELDS = [field.name for field in dataclasses.fields(Finding) if field.name != "file"]
_UNREADABLE = [name for name in _FIELDS if _TYPES[name] not in _READERS]
if _UNREADABLE:  # pragma: no cover - a programming error, caught by any test
    raise TypeError(f"a Finding field cannot be read back from its record: {_UNREADABLE}")
