"""Hostile and broken documents: each gives an Unreadable value in bcalc's words, in
bounded time and memory, never a traceback. The files are built here, small."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from bcalc.importers import Limits, import_document, read_document
from bcalc.importers.document import Unreadable


def message(path: Path, limits: Limits | None = None) -> str:
    result = read_document(path, limits) if limits else read_document(path)
    assert isinstance(result, Unreadable), result
    assert isinstance(import_document(path, limits or Limits()), Unreadable)
    return result.message


def office_zip(first_part: str, entries: dict[str, bytes]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr(first_part, b"<x/>")
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer


@pytest.mark.parametrize(
    ("suffix", "part"), [(".docx", "word/document.xml"), (".pptx", "ppt/presentation.xml")]
)
def test_a_zip_bomb_is_refused_from_its_directory(tmp_path: Path, suffix: str, part: str) -> None:
    # 40 MB of zeros packs into some 40 kB: one part past the 30 MB limit.
    folder = part.split("/")[0]
    buffer = office_zip(part, {f"{folder}/bomb.xml": bytes(40 * 1024 * 1024)})
    path = tmp_path / f"bomb{suffix}"
    path.write_bytes(buffer.getvalue())
    assert path.stat().st_size < 100_000
    assert message(path) == (
        f"has a part ({folder}/bomb.xml) of 41,943,040 bytes; the limit is 31,457,280"
    )


def test_a_zip_whose_directory_declares_gigabytes_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", b"<x/>")
        archive.writestr("word/media/image1.png", b"\x00" * 100)
        # The directory lies: three gigabytes unpacked. Nothing is unpacked to find out.
        archive.filelist[-1].file_size = 3_000_000_000
    path = tmp_path / "lies.docx"
    path.write_bytes(buffer.getvalue())
    assert message(path) == (
        "would unpack to 3,000,000,012 bytes (a 'zip bomb'?); the limit is 314,572,800"
    )


def test_too_many_entries_are_refused(tmp_path: Path) -> None:
    entries = {f"ppt/media/{n}.bin": b"" for n in range(30)}
    path = tmp_path / "many.pptx"
    path.write_bytes(office_zip("ppt/presentation.xml", entries).getvalue())
    assert message(path, Limits(max_zip_entries=20)) == (
        "holds 32 files in its zip archive; the limit is 20"
    )


def needs(*libraries: str) -> None:
    """The readers' libraries come with bcalc[import] (and pyproject's test extra)."""
    for library in libraries:
        pytest.importorskip(library)


def pdf_with_pages(count: int, declared: int) -> bytes:
    """A minimal PDF of ``count`` empty pages whose page tree declares ``declared``."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Count %d /Kids [%s] >>"
        % (declared, b" ".join(b"%d 0 R" % (n + 3) for n in range(count))),
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>"] * count
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def test_a_pdf_of_ten_thousand_pages_is_refused_by_its_count(tmp_path: Path) -> None:
    needs("pdfplumber")
    path = tmp_path / "long.pdf"
    path.write_bytes(pdf_with_pages(10_000, 10_000))
    assert message(path) == "has 10,000 pages; the limit is 1,000"


def test_a_pdf_whose_count_lies_is_stopped_at_the_limit(tmp_path: Path) -> None:
    needs("pdfplumber")
    path = tmp_path / "lying.pdf"
    path.write_bytes(pdf_with_pages(60, 1))
    assert message(path, Limits(max_pages=50)) == "has more than 50 pages"


def test_an_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    needs("pdfplumber", "reportlab")
    from reportlab.pdfgen import canvas

    path = tmp_path / "secret.pdf"
    pdf = canvas.Canvas(str(path), encrypt="hemmelig")
    pdf.drawString(72, 720, "Investering 2,6 mio. kr.")
    pdf.save()
    assert message(path) == "is protected by a password; save an unprotected copy"


def test_a_page_whose_content_unpacks_past_the_limit(tmp_path: Path) -> None:
    needs("pdfplumber", "reportlab")
    from reportlab.pdfgen import canvas

    path = tmp_path / "dense.pdf"
    pdf = canvas.Canvas(str(path))
    for n in range(400):
        pdf.drawString(72, 20 + n, f"Investering {n},5 mio. kr.")
    pdf.save()
    assert message(path, Limits(max_page_stream_bytes=1_000)) == (
        "has a page (1) whose content unpacks to more than 1,000 bytes"
    )


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("empty.docx", b"", "is empty"),
        ("blank.txt", b"  \n\n", "is empty"),
        ("broken.pdf", b"%PDF-1.7\n\x00\xff garbage", "is damaged, or not a PDF bcalc can read"),
        ("broken.docx", b"PK\x03\x04 truncated", "is damaged: its zip archive cannot be read"),
        (
            "not-word.docx",
            b"PK\x05\x06" + bytes(18),
            "is named as a Word document (.docx), but it is a zip archive",
        ),
        (
            "slides.docx",
            b"%PDF-1.4\n",
            "is named as a Word document (.docx), but it is a PDF; rename it to .pdf",
        ),
        (
            "old.ppt.pptx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
            "is named as a PowerPoint file (.pptx), but it is an old Word or PowerPoint file "
            "(.doc, .ppt); save it as .docx or .pptx",
        ),
        (
            "extraction.txt",
            b"%PDF-1.4\n",
            "is named as plain text (.txt), but it is a PDF; rename it to .pdf",
        ),
        (
            "binary.txt",
            b"Investering\x00\x01\x02",
            "holds binary data, not text; bcalc reads .docx, .pptx, .pdf and .txt",
        ),
        (
            "latin1.txt",
            "Gns. årlig besparelse".encode("latin-1"),
            "is not UTF-8 text (line 1); save the extraction as UTF-8",
        ),
        (
            "budget.xlsx",
            b"PK\x03\x04",
            "has the extension '.xlsx'; bcalc reads .docx, .pptx, .pdf and .txt",
        ),
    ],
)
def test_broken_and_mislabelled_files(
    tmp_path: Path, name: str, data: bytes, expected: str
) -> None:
    if name == "broken.pdf":
        needs("pdfplumber")
    path = tmp_path / name
    path.write_bytes(data)
    assert message(path) == expected


def test_a_word_document_named_as_text(tmp_path: Path) -> None:
    needs("docx")
    import docx

    path = tmp_path / "draft.txt"
    docx.Document().save(str(path))
    assert message(path) == (
        "is named as plain text (.txt), but it is a Word document (.docx); rename it to .docx"
    )


def test_paths_that_are_no_file(tmp_path: Path) -> None:
    assert message(tmp_path / "missing.pdf") == "does not exist"
    assert message(tmp_path) == "is a folder, not a document"


def test_a_file_past_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2_000)
    assert message(path, Limits(max_file_bytes=1_000)) == (
        "is larger than the limit of 1,000 bytes"
    )
