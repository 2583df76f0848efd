"""Reading case files and writing output files safely.

A case file is read only if it is a regular file (a pipe would block, a device never
end), never past the size limit, and with the stamp of the very handle it was read
through. An output file is never half-written, never silently overwritten, never a
case file and never anything but a regular file.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bcalc.discover import SUFFIXES
from bcalc.reports import Stamp

# Opening a pipe that was put where a file was a moment ago must not block.
_OPEN_FLAGS = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


@dataclass(frozen=True, slots=True)
class CaseRead:
    data: bytes
    stamp: Stamp  # os.fstat of the handle, taken before reading
    read_ns: int  # time.time_ns() just before the file was opened


def read_case(path: str, max_bytes: int) -> CaseRead | str:
    """The file's bytes and stamp, or why they cannot be read ("the file is ...")."""
    try:
        mode = os.stat(path).st_mode  # not even opened unless it is a regular file
        if stat.S_ISDIR(mode):
            return "the file is a folder, not a case file"
        if not stat.S_ISREG(mode):
            return "the file is not a regular file"
        read_ns = time.time_ns()
        with open(path, "rb", opener=lambda name, flags: os.open(name, flags | _OPEN_FLAGS)) as f:
            status = os.fstat(f.fileno())
            if not stat.S_ISREG(status.st_mode):  # replaced since the stat above
                return "the file is not a regular file"
            data = f.read(max_bytes + 1)  # never more, even if the file grows
    except OSError as error:
        return f"the file cannot be read: {error.strerror or error}"
    if len(data) > max_bytes:
        size = max(status.st_size, len(data))
        return f"the file is {size:,} bytes; the limit is {max_bytes:,}"
    return CaseRead(data, Stamp.of(status), read_ns)


def beside(target: str, case_path: str) -> bool:
    """Whether ``target`` (links followed) lies in the case file's folder or the current
    one, below either. A file a case file names is read only there: a path into /etc
    or a parent folder would put another file's lines into bcalc's messages."""
    real = os.path.realpath(target)
    roots = (os.path.realpath(os.path.dirname(case_path) or "."), os.path.realpath("."))
    return any(real == root or real.startswith(root + os.sep) for root in roots)


def write_new(path: Path, text: str, force: bool = False) -> str | None:
    """``write_new_bytes`` of ``text`` in UTF-8."""
    return write_new_bytes(path, text.encode("utf-8"), force)


def write_new_bytes(path: Path, data: bytes, force: bool = False) -> str | None:
    """Write atomically (temporary file, then a rename or link). Returns an error
    message or None. Without ``force`` an existing file is never replaced, even one
    that appears while writing; a ``*.yaml`` target is refused even with it: bcalc
    writes JSON, and a YAML file next to the cases is most likely one of them. Nor is
    anything but a regular file (a pipe, a device, a socket, or a link to one) ever
    replaced: ``--force`` onto ``/dev/full`` would otherwise destroy the device."""
    if path.name.lower().endswith(SUFFIXES):
        return f"{path} looks like a case file; bcalc never writes to one"
    try:
        mode: int | None = os.stat(path).st_mode  # through a link: what it points at
    except OSError:
        mode = None  # nothing there (or a broken link): a new file
    if mode is not None and stat.S_ISDIR(mode):
        return f"{path} is a folder"
    if mode is not None and not stat.S_ISREG(mode):
        return f"{path} is not a regular file; bcalc writes only to regular files"
    exists = f"{path} exists; use --force to overwrite it"
    if mode is not None and not force:
        return exists
    return _write_atomically(path, data, force, exists)


def write_new_case(path: Path, text: str) -> str | None:
    """Write a new case file (``bcalc new``): the one place bcalc writes a ``*.yaml``.
    Stricter than ``write_new``: an existing name is refused always (there is no
    ``--force``: a case file is a user's work), and so is a symbolic link, even a
    broken one, whose target would otherwise be created wherever it points. Written
    atomically under a temporary name, then linked to its own name only if that is
    still free."""
    if not path.name.lower().endswith(SUFFIXES):
        return f"{path}: a case file's name ends in .yaml or .yml"
    if os.path.islink(path):
        return f"{path} is a symbolic link; bcalc writes a new case file only under a new name"
    if os.path.lexists(path):
        return f"{path} exists; bcalc never overwrites a case file"
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        return f"cannot write {path}: the folder {folder} does not exist"
    exists = f"{path} exists; bcalc never overwrites a case file"
    return _write_atomically(path, text.encode("utf-8"), False, exists)


def _write_atomically(path: Path, data: bytes, replace: bool, exists: str) -> str | None:
    """``data`` under a temporary name beside ``path``, then renamed onto it
    (``replace``) or linked to it only if the name is still free; ``exists`` is what
    to say when it is not. Returns an error message or None; no temporary file stays."""
    folder = path.parent if str(path.parent) else Path(".")
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        if hasattr(os, "fchmod"):  # mkstemp's 0600 is not what a user expects
            os.fchmod(handle, 0o666 & ~_umask())
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if replace:
            os.replace(temporary, path)
        else:
            _link_new(temporary, path)
    except FileExistsError:
        return exists
    except OSError as error:
        return f"cannot write {path}: {error.strerror or error}"
    finally:
        if temporary is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
    return None


def _link_new(temporary: str, path: Path) -> None:
    """Give the written file its name unless that name exists, even if it has
    appeared since the check above."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:  # no hard links on this file system: claim the name, then replace
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        os.replace(temporary, path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
