"""Finding case files in folders: stable order, no hidden folders, no symlink loops."""

from __future__ import annotations

import os
from pathlib import Path

SUFFIXES = (".yaml", ".yml")


def case_files(paths: list[Path]) -> tuple[list[str], list[str]]:
    """Files to check, and problems with the given paths (missing paths)."""
    files: list[str] = []
    missing: list[str] = []
    for path in paths:
        if path.is_dir():
            files += _walk(path)
        elif path.exists():
            files.append(str(path))
        else:
            missing.append(f"{path}: no such file or folder")
    return list(dict.fromkeys(files)), missing


def _walk(folder: Path) -> list[str]:
    found = []
    # followlinks=False: a symlink loop cannot make this walk forever.
    for root, dirs, names in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = os.path.join(root, name)
            if name.endswith(SUFFIXES) and not name.startswith(".") and os.path.isfile(path):
                found.append(path)
    return sorted(found)
