"""Word and PowerPoint files are zip archives. Before a library unpacks one, its
directory is read and the declared sizes are checked: a "zip bomb" of a few
kilobytes that unpacks to gigabytes is refused without unpacking anything.
Python's zipfile never unpacks an entry past its declared size (a lie fails the
checksum), so the checked sizes bound the memory used."""

from __future__ import annotations

import io
import zipfile

from bcalc.importers.document import Refused
from bcalc.importers.limits import Limits

_DAMAGED = "is damaged: its zip archive cannot be read"


def office_kind(data: bytes) -> str:
    """docx, pptx, or zip (some other archive), by the parts the archive holds."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise Refused(_DAMAGED) from None
    if "word/document.xml" in names:
        return "docx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    return "zip"


def check_archive(data: bytes, limits: Limits, parts: tuple[str, ...]) -> None:
    """Refuse an archive whose directory declares too many entries or too many bytes
    unpacked, or an XML part (under one of ``parts``) too large to parse."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise Refused(_DAMAGED) from None
    if len(entries) > limits.max_zip_entries:
        raise Refused(
            f"holds {len(entries):,} files in its zip archive; the limit is "
            f"{limits.max_zip_entries:,}"
        )
    total = sum(entry.file_size for entry in entries)
    if total > limits.max_unpacked_bytes:
        raise Refused(
            f"would unpack to {total:,} bytes (a 'zip bomb'?); the limit is "
            f"{limits.max_unpacked_bytes:,}"
        )
    for entry in entries:
        if entry.filename.startswith(parts) and entry.file_size > limits.max_part_bytes:
            raise Refused(
                f"has a part ({entry.filename}) of {entry.file_size:,} bytes; the limit is "
                f"{limits.max_part_bytes:,}"
            )
