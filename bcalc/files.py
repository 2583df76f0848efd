"""Writing output files safely: never a half-written file, never a silent overwrite."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_new(path: Path, text: str, force: bool = False) -> str | None:
    """Write atomically (temporary file + rename). Returns an error message or None."""
    if path.exists() and not force:
        return f"{path} exists; use --force to overwrite it"
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except OSError as error:
        return f"cannot write {path}: {error.strerror or error}"
    return None
