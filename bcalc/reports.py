"""What ``bcalc check`` knows about one file, shared by the checking and the cache
without either importing the other: the rules chosen, the report of a checked file
and the stamp of the file it was read from.

Light on purpose: a run answered from the cache imports this, never the loader.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from bcalc.findings import Finding, Severity
from bcalc.limits import MAX_FILE_BYTES


@dataclass(frozen=True, slots=True)
class RuleChoice:
    """``--select`` and ``--ignore`` as given: resolved to rules only where a file is
    checked, so that a run answered from the cache never imports the checks."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    max_bytes: int = MAX_FILE_BYTES


@dataclass(frozen=True, slots=True)
class Stamp:
    """What the file system says about a file's content, as git's index keeps it.

    Size and modification time can be restored after an edit (``cp -p``, ``tar``,
    ``rsync -t`` do); the change time and the inode cannot, so an edit always changes
    the stamp. Taken from the handle the file was read through (``os.fstat``), before
    reading, so that it describes the bytes that were read, never the file as it is
    some time later.
    """

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    device: int

    @classmethod
    def of(cls, status: os.stat_result) -> Stamp:
        return cls(
            status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev
        )

    @property
    def changed_ns(self) -> int:
        """When the file last changed, by the later of its two clocks."""
        return max(self.mtime_ns, self.ctime_ns)


@dataclass(frozen=True, slots=True)
class FileReport:
    path: str
    findings: tuple[Finding, ...]
    quoted: dict[int, str]  # the source lines the findings point at, by line number
    invalid: bool  # the file could not be read or validated: nothing was checked
    digest: str | None = None  # sha256 of the bytes checked; None if none could be read
    # The file the bytes were read from, and when (time.time_ns() just before): what
    # the cache stores, never a later os.stat() of the path, which may be of an edit.
    stamp: Stamp | None = field(default=None, compare=False)
    read_ns: int = field(default=0, compare=False)
    # The kind of document checked ("budget", "followup", …); None when it could not be
    # read, or when the report comes from the cache, which keeps no lifecycle files.
    kind: str | None = field(default=None, compare=False)


# Follow-up reports and portfolio overviews: their rules also compare files with each
# other (bcalc.checks.lifecycle), so a check that meets one runs a pass over them all.
LIFECYCLE_KINDS = ("followup", "portfolio")


def path_problem(path: str, message: str) -> Finding:
    """A problem with a file as a whole, not with a line in it (it cannot be read, or
    is not a file): BC001 at line 1, column 1, so that every format can point at it."""
    return Finding("BC001", Severity.ERROR, message, path, (), 1, 1)


@dataclass(frozen=True, slots=True)
class CheckRun:
    """A whole ``bcalc check``: every finding, problems with the paths given among them,
    and the lines they quote, by file."""

    files: int  # case files checked
    findings: list[Finding]
    quoted: dict[str, dict[int, str]]

    @property
    def counts(self) -> dict[str, int]:
        return {
            "errors": sum(f.severity is Severity.ERROR for f in self.findings),
            "warnings": sum(f.severity is Severity.WARNING for f in self.findings),
            "infos": sum(f.severity is Severity.INFO for f in self.findings),
        }
