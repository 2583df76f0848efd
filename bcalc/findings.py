"""A finding is a plain value: what is wrong, where, and the figures behind it."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

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
    extra: dict[str, str] = field(default_factory=dict)

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


def _is_year(part: int) -> bool:
    return part >= 1900


def quote_lines(findings: list[Finding], lines: list[str]) -> dict[int, str]:
    """The source lines ``findings`` point at, by line number, for quoting."""
    return {f.line: lines[f.line - 1] for f in findings if 0 < f.line <= len(lines)}
