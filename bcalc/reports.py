"""What ``bcalc check`` knows about one file, shared by the checking and the cache
without either importing the other: the rules chosen and the report of a checked file.

Light on purpose: a run answered from the cache imports this, never the loader.
"""

from __future__ import annotations

from dataclasses import dataclass

from bcalc.findings import Finding
from bcalc.limits import MAX_FILE_BYTES


@dataclass(frozen=True, slots=True)
class RuleChoice:
    """``--select`` and ``--ignore`` as given: resolved to rules only where a file is
    checked, so that a run answered from the cache never imports the checks."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    max_bytes: int = MAX_FILE_BYTES


@dataclass(frozen=True, slots=True)
class FileReport:
    path: str
    findings: tuple[Finding, ...]
    quoted: dict[int, str]  # the source lines the findings point at, by line number
    invalid: bool  # the file could not be read or validated: nothing was checked
    digest: str | None = None  # sha256 of the bytes checked; None if none could be read
