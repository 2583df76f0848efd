"""Documents → draft case files with source references (``bcalc import``).

``read_document`` turns a .docx, .pptx, .pdf or plain-text file into the neutral
document model; ``import_document`` recognises a business case in it and returns a
``Draft``; ``render_draft`` writes the draft as a commented YAML case file. A file
that cannot be read gives an ``Unreadable`` value, never an exception.

The readers and their libraries are imported only when a document is read, so that
importing this package (``bcalc.sources`` needs its document model) costs nothing.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from bcalc.importers.document import Document, Refused, Unreadable
from bcalc.importers.limits import LIMITS, Limits

if TYPE_CHECKING:
    from bcalc.importers.draft import Draft

__all__ = [
    "LIMITS",
    "Document",
    "Limits",
    "Unreadable",
    "import_document",
    "read_document",
    "render_draft",
]

_KINDS = {".docx": "docx", ".pptx": "pptx", ".pdf": "pdf", ".txt": "text", ".text": "text"}
_NAMES = {
    "docx": "a Word document (.docx)",
    "pptx": "a PowerPoint file (.pptx)",
    "pdf": "a PDF",
    "text": "plain text (.txt)",
    "ole": "an old Word or PowerPoint file (.doc, .ppt)",
    "zip": "a zip archive",
}


def read_document(path: str | Path, limits: Limits = LIMITS) -> Document | Unreadable:
    """Read a document into the neutral model, or say why it cannot be read."""
    name = str(path)
    data = _read_bytes(name, limits)
    if isinstance(data, Unreadable):
        return data
    try:
        kind = _kind(name, data)
        document = _parse(kind, data, name, limits)
    except Refused as refused:
        return Unreadable(name, refused.message)
    return replace(document, sha256=hashlib.sha256(data).hexdigest())


def import_document(path: str | Path, limits: Limits = LIMITS) -> Draft | Unreadable:
    """Read a document and recognise the business case in it."""
    from bcalc.importers.draft import build_draft
    from bcalc.importers.recognize import recognize

    document = read_document(path, limits)
    if isinstance(document, Unreadable):
        return document
    return build_draft(recognize(document), str(path))


def render_draft(draft: Draft) -> str:
    """The draft as a commented YAML case file (see ``bcalc.importers.render``)."""
    from bcalc.importers.render import render_draft as render

    return render(draft)


def _read_bytes(name: str, limits: Limits) -> bytes | Unreadable:
    try:
        mode = os.stat(name).st_mode
        if stat.S_ISDIR(mode):
            return Unreadable(name, "is a folder, not a document")
        if not stat.S_ISREG(mode):  # a pipe would block and a device never end
            return Unreadable(name, "is not a regular file")
        with open(name, "rb") as handle:
            data = handle.read(limits.max_file_bytes + 1)  # never more, even if it grows
    except FileNotFoundError:
        return Unreadable(name, "does not exist")
    except OSError as error:
        return Unreadable(name, f"cannot be read: {error.strerror or error}")
    if len(data) > limits.max_file_bytes:
        return Unreadable(name, f"is larger than the limit of {limits.max_file_bytes:,} bytes")
    if not data.strip():
        return Unreadable(name, "is empty")
    return data


def _kind(name: str, data: bytes) -> str:
    """What the file is, by its content; a name that says otherwise is refused."""
    suffix = Path(name).suffix.lower()
    if suffix and suffix not in _KINDS:
        raise Refused(f"has the extension {suffix!r}; bcalc reads .docx, .pptx, .pdf and .txt")
    if data.startswith(b"%PDF-"):
        found = "pdf"
    elif data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        from bcalc.importers.archive import office_kind

        found = office_kind(data)
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        found = "ole"
    else:
        found = "text"
    expected = _KINDS.get(suffix)
    if expected is None:
        if suffix:
            raise Refused(f"has the extension {suffix!r}; bcalc reads .docx, .pptx, .pdf and .txt")
        expected = "text" if found == "text" else found
    if found != expected:
        if found == "ole":
            advice = "; save it as .docx or .pptx"
        elif found == "zip":
            advice = ""
        else:
            advice = f"; rename it to {_suffix_of(found)}"
        raise Refused(f"is named as {_NAMES[expected]}, but it is {_NAMES[found]}{advice}")
    return found


def _suffix_of(kind: str) -> str:
    return next(s for s, k in _KINDS.items() if k == kind)


def _parse(kind: str, data: bytes, name: str, limits: Limits) -> Document:
    if kind == "pdf":
        from bcalc.importers.pdf import read_pdf

        return read_pdf(data, name, limits)
    if kind == "docx":
        from bcalc.importers.docx import read_docx

        return read_docx(data, name, limits)
    if kind == "pptx":
        from bcalc.importers.pptx import read_pptx

        return read_pptx(data, name, limits)
    from bcalc.importers.text import read_text

    return read_text(data, name, limits)
