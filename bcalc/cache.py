"""A cache of ``bcalc check`` results per file, as linters keep one.

A file whose stamp (size, modification and change time, inode: ``reports.Stamp``, as
git's index keeps them) is that of the last check is answered without being read.
The change time and inode catch an edit after which ``cp -p``, ``tar`` or ``rsync -t``
restored size and modification time. A file whose stamp changed is read and hashed:
if its content is what was checked, the stored findings still hold. Only then is it
checked anew. The stamp stored is that of the handle the check read, taken before
reading, never a later ``os.stat()``, which may already describe the next edit.

A change within ``RACY_NS`` of the read that recorded it is not trusted (git's
"racily clean" problem: a file edited in the same instant as it was checked keeps its
stamp), so such a file is hashed on the next run.

One cache file serves one combination of bcalc version and rules selected; any other
combination uses its own file, so nothing is ever answered under other rules. The
cache lives in ``.bcalc_cache/`` in the current folder (``--cache-dir`` or
``BCALC_CACHE_DIR`` to move it, ``--no-cache`` to bypass it). It is written atomically
and, if it cannot be written (a read-only checkout), silently left out: it only ever
saves time; a temporary file that a killed run left is removed by a later one.
Nothing is read or written through a symbolic link: a cache folder, a
cache file or a ``.gitignore`` that is a link (committed to a repository, it could
point anywhere) is left alone. A damaged cache file is ignored and replaced; a
damaged entry (a field missing or of another type) means that file is checked anew.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bcalc import __version__
from bcalc.findings import from_record, read_int, read_text, to_record
from bcalc.reports import FileReport, RuleChoice, Stamp

DEFAULT_FOLDER = ".bcalc_cache"
RACY_NS = 2_000_000_000
FORMAT = 5  # bump when the stored shape changes, or what a file is read as


class CheckCache:
    def __init__(self, folder: Path, choice: RuleChoice) -> None:
        key = json.dumps(
            [FORMAT, __version__, sorted(choice.select), sorted(choice.ignore), choice.max_bytes]
        )
        name = f"check-{hashlib.sha256(key.encode()).hexdigest()[:16]}.json"
        self.path = folder / name
        self.max_bytes = choice.max_bytes
        self.entries: dict[str, Any] = _read(self.path)  # validated entry by entry
        self.changed = False

    def lookup(self, path: str) -> FileReport | None:
        """The stored report if the file is what was checked, else None (check it).
        A damaged entry is as good as none: the file is checked anew."""
        key = os.path.abspath(path)
        entry = _entry(self.entries.get(key))
        try:
            status = os.stat(path)
        except OSError:
            return None  # the check reports why
        if entry is None or not stat.S_ISREG(status.st_mode) or status.st_size > self.max_bytes:
            return None  # nothing to compare with, or for the check to report
        report = _report(entry, path)
        if report is None:
            return None
        now = Stamp.of(status)
        if now == entry.stamp and now.changed_ns + RACY_NS < entry.checked_ns:
            return report
        # Touched, or too recent to trust: compare the content. (A changed file is
        # read again by the check, which hashes what it checks.) The stamp stored is
        # that of the handle hashed, taken before reading, like the check's.
        read_ns = time.time_ns()
        try:
            with open(path, "rb", opener=_nonblocking) as handle:
                opened = os.fstat(handle.fileno())
                if not stat.S_ISREG(opened.st_mode):
                    return None
                digest = hashlib.sha256(handle.read(self.max_bytes + 1)).hexdigest()
        except OSError:
            return None
        if digest != entry.sha256:
            return None
        self._remember(key, Stamp.of(opened), digest, read_ns, entry.record)
        return report

    def store(self, report: FileReport) -> None:
        """Remember a checked file's report under the stamp of the handle it was read
        through and the time it was read: never under a later os.stat() of the path,
        which may already describe an edit made while the report was being made."""
        if report.digest is None or report.stamp is None:  # nothing was read
            return
        record = {
            "findings": [to_record(f) for f in report.findings],
            "quoted": {str(line): text for line, text in report.quoted.items()},
            "invalid": report.invalid,
        }
        key = os.path.abspath(report.path)
        self._remember(key, report.stamp, report.digest, report.read_ns, record)

    def _remember(
        self, key: str, stamp: Stamp, digest: str, read_ns: int, record: dict[str, Any]
    ) -> None:
        self.entries[key] = {
            **record,
            **{name: getattr(stamp, name) for name in _STAMP_FIELDS},
            "sha256": digest,
            "checked_ns": read_ns,
        }
        self.changed = True

    def save(self) -> None:
        """Write the cache atomically, never through a link: not into a cache folder
        that is a link, not onto a ``.gitignore`` that is one (a committed dangling
        link would otherwise make bcalc create a file outside the repository), and
        the cache file's own name is replaced, never followed."""
        folder = self.path.parent
        if not self.changed:
            if _real_folder(folder):
                _remove_stale_temporaries(folder)
            return
        temporary = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if not _real_folder(folder):
                return
            _remove_stale_temporaries(folder)
            _write_new(folder / ".gitignore", "# Written by bcalc: never commit the cache.\n*\n")
            handle, temporary = tempfile.mkstemp(  # O_EXCL, and named as TEMPORARY matches
                dir=folder, prefix=f"{self.path.name}.", suffix=".tmp"
            )
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(self.entries, stream, ensure_ascii=False, separators=(",", ":"))
            os.replace(temporary, self.path)  # replaces a link by that name, never follows it
            temporary = None
        except OSError:
            pass  # a cache that cannot be written only costs time next run
        finally:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
# bcalc's own temporary cache files, "check-<16 hex>.json.<mkstemp's 8>.tmp": a run
# killed between writing and renaming leaves one. One older than STALE_NS is no save
# in progress (a save takes milliseconds) and is removed by a later run.
TEMPORARY = re.compile(r"check-[0-9a-f]{16}\.json\.[a-z0-9_]{8}\.tmp")
STALE_NS = 10 * 60 * 10**9


def _real_folder(folder: Path) -> bool:
    """True if ``folder`` is a folder itself, not a link to one: a committed
    ``.bcalc_cache`` link could point anywhere, and the cache is never read or
    written through it."""
    try:
        return stat.S_ISDIR(os.lstat(folder).st_mode)
    except OSError:
        return False


def _remove_stale_temporaries(folder: Path) -> None:
    """Remove bcalc's own temporary files older than ``STALE_NS`` from the cache
    folder: only regular files named as bcalc names them (never a link, nothing
    else), and only in the cache folder."""
    now = time.time_ns()
    try:
        with os.scandir(folder) as entries:
            stale = [
                entry.path
                for entry in entries
                if TEMPORARY.fullmatch(entry.name)
                and entry.is_file(follow_symlinks=False)
                and entry.stat(follow_symlinks=False).st_mtime_ns + STALE_NS < now
            ]
    except OSError:
        return
    for path in stale:
        with contextlib.suppress(OSError):
            os.unlink(path)


def _write_new(path: Path, text: str) -> None:
    """Create ``path`` with ``text`` unless anything, a dangling link included, has
    that name already."""
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666)
    except FileExistsError:
        return
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)


def _nonblocking(name: str, flags: int) -> int:
    """Open without blocking, should a pipe have replaced the file since its stat."""
    return os.open(name, flags | getattr(os, "O_NONBLOCK", 0))


def _no_link(name: str, flags: int) -> int:
    return os.open(name, flags | _NOFOLLOW)


def _read(path: Path) -> dict[str, Any]:
    """The stored entries; none from a cache file or folder that is a link."""
    if not _real_folder(path.parent):
        return {}
    try:
        with open(path, encoding="utf-8", opener=_no_link) as stream:
            entries = json.load(stream)
    except (OSError, ValueError):
        return {}
    return entries if isinstance(entries, dict) else {}


_STAMP_FIELDS = ("size", "mtime_ns", "ctime_ns", "inode", "device")  # Stamp's, in order


@dataclass(frozen=True, slots=True)
class _Entry:
    """A stored entry whose every field has the type it was written with."""

    stamp: Stamp
    sha256: str
    checked_ns: int
    record: dict[str, Any]  # findings, quoted, invalid: read by _report


def _entry(raw: object) -> _Entry | None:
    """The entry, or None if any field is missing or of another type (a damaged or
    hand-edited cache): then the file is checked anew, never an exception."""
    if not isinstance(raw, dict):
        return None
    try:
        return _Entry(
            Stamp(*(read_int(raw[name]) for name in _STAMP_FIELDS)),
            read_text(raw["sha256"]),
            read_int(raw["checked_ns"]),
            {name: raw[name] for name in ("findings", "quoted", "invalid")},
        )
    except (KeyError, TypeError):
        return None


def _report(entry: _Entry, path: str) -> FileReport | None:
    record = entry.record
    try:
        if not isinstance(record["findings"], list) or not isinstance(record["quoted"], dict):
            return None
        findings = tuple(from_record(item, path) for item in record["findings"])
        quoted = {_line(line): read_text(text) for line, text in record["quoted"].items()}
        if not isinstance(record["invalid"], bool):
            return None
        return FileReport(path, findings, quoted, record["invalid"], entry.sha256)
    except (KeyError, TypeError, ValueError, ArithmeticError):
        return None  # a damaged entry: check the file anew


def _line(text: str) -> int:
    if not text.isdigit():
        raise ValueError(text)
    return int(text)
