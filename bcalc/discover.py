"""Finding case files in folders: stable order, no hidden folders, no symlink loops.

Nothing found is dropped silently when it looks like a case file: a broken or looping
symbolic link named ``*.yaml``, a named pipe or device, or a folder that cannot be
listed is reported, so that CI never passes because a file went unread.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

SUFFIXES = (".yaml", ".yml")


def case_files(paths: list[Path]) -> tuple[list[str], list[str]]:
    """Files to check, and problems with the given paths (missing or unusable paths)."""
    files: list[str] = []
    problems: list[str] = []
    for path in paths:
        if path.is_dir():
            found, trouble = _walk(path)
            files += found
            problems += trouble
        elif path.exists():
            if (problem := _not_regular(str(path))) is None:
                files.append(str(path))
            else:
                problems.append(problem)
        elif path.is_symlink():
            problems.append(f"{path}: a broken or looping symbolic link")
        else:
            problems.append(f"{path}: no such file or folder")
    return list(dict.fromkeys(files)), problems


def is_case_file_name(name: str) -> bool:
    """``*.yaml`` or ``*.yml`` in any case, and not hidden."""
    return name.lower().endswith(SUFFIXES) and not name.startswith(".")


def _walk(folder: Path) -> tuple[list[str], list[str]]:
    found: list[str] = []
    problems: list[str] = []

    def unreadable(error: OSError) -> None:
        problems.append(f"{error.filename}: cannot be listed: {error.strerror or error}")

    # followlinks=False: a symlink loop cannot make this walk forever.
    for root, dirs, names in os.walk(folder, onerror=unreadable, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not is_case_file_name(name):
                continue
            path = os.path.join(root, name)
            if (problem := _not_regular(path)) is None:
                found.append(path)
            else:
                problems.append(problem)
    return sorted(found), problems


def _not_regular(path: str) -> str | None:
    """Why ``path`` cannot be read as a file (a pipe would block, a device never end)."""
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        if os.path.islink(path):
            return f"{path}: a broken or looping symbolic link"
        return f"{path}: cannot be read: {error.strerror or error}"
    if stat.S_ISREG(mode):
        return None
    return f"{path}: not a regular file"
