"""PDF: each page's tables (ruled ones, as pdfplumber finds them) and the text lines
around them, in order from the top of the page.

On a page, text lines outside tables are numbered 1, 2, ... from the top; tables
1, 2, ... with rows and columns. A PDF protected by a password is refused; so is
one with more pages than the limit (counted before any page is read) or a page
whose content unpacks to more than the limit.
"""

from __future__ import annotations

import io
import zlib
from typing import Any

from bcalc.importers.document import Block, Cell, Document, Location, Paragraph, Refused, Table
from bcalc.importers.limits import Limits

_DAMAGED = "is damaged, or not a PDF bcalc can read"


def read_pdf(data: bytes, name: str, limits: Limits) -> Document:
    try:
        from pdfminer.pdfdocument import PDFPasswordIncorrect
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdftypes import resolve1
        from pdfplumber.page import Page
        from pdfplumber.pdf import PDF
        from pdfplumber.utils.exceptions import PdfminerException
    except ImportError:  # pragma: no cover - depends on the installation
        raise Refused("needs pdfplumber to be read: pip install 'bcalc[import]'") from None
    try:
        pdf = PDF(io.BytesIO(data))
    except PdfminerException as error:
        cause = error.args[0] if error.args else None
        if isinstance(cause, PDFPasswordIncorrect):
            raise Refused("is protected by a password; save an unprotected copy") from None
        raise Refused(_DAMAGED) from None
    except Exception:
        raise Refused(_DAMAGED) from None
    blocks: list[Block] = []
    try:
        declared = resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"])
        if isinstance(declared, int) and declared > limits.max_pages:
            raise Refused(f"has {declared:,} pages; the limit is {limits.max_pages:,}")
        doctop: float = 0
        chars = 0
        for number, raw in enumerate(PDFPage.create_pages(pdf.doc), 1):
            if number > limits.max_pages:  # the declared count may lie
                raise Refused(f"has more than {limits.max_pages:,} pages")
            _check_contents(raw, number, limits)
            page = Page(pdf, raw, page_number=number, initial_doctop=doctop)
            doctop += page.height
            page_blocks = _page(page, number)
            chars += sum(len(b.text) for b in page_blocks if isinstance(b, Paragraph))
            if chars > limits.max_chars:
                raise Refused(f"holds more than {limits.max_chars:,} characters of text")
            blocks += page_blocks
            page.close()
    except Refused:
        raise
    except RecursionError:
        raise Refused("is damaged: its objects nest without end") from None
    except Exception:  # pdfminer raises many kinds on a damaged file
        raise Refused(_DAMAGED) from None
    finally:
        pdf.close()
    return Document(name, "pdf", tuple(blocks))


def _check_contents(raw: Any, number: int, limits: Limits) -> None:
    """Refuse a page whose compressed content would unpack past the limit, before
    pdfminer unpacks it whole."""
    from pdfminer.pdftypes import PDFStream, resolve1

    contents = raw.contents if isinstance(raw.contents, list) else [raw.contents]
    total = 0
    for item in contents:
        stream = resolve1(item)
        if not isinstance(stream, PDFStream) or stream.rawdata is None or stream.decipher:
            continue
        size = len(_unpacked(stream, limits.max_page_stream_bytes + 1))
        total += size
        if total > limits.max_page_stream_bytes:
            raise Refused(
                f"has a page ({number}) whose content unpacks to more than "
                f"{limits.max_page_stream_bytes:,} bytes"
            )


def _unpacked(stream: Any, most: int) -> bytes:
    """The stream's content, unpacked through its text filters, never past ``most``
    bytes. Filters that do not unpack text (images) leave it as it stands."""
    from pdfminer.ascii85 import ascii85decode, asciihexdecode

    data: bytes = stream.rawdata
    for kind, _ in stream.get_filters():
        name = getattr(kind, "name", "")
        if name in ("ASCII85Decode", "A85"):
            data = ascii85decode(data)  # shrinks: four bytes from five
        elif name in ("ASCIIHexDecode", "AHx"):
            data = asciihexdecode(data)
        elif name in ("FlateDecode", "Fl"):
            try:
                data = zlib.decompressobj().decompress(data, most)
            except zlib.error:
                break  # damaged: pdfminer's own recovery decides
        else:
            break
    return data


def _page(page: Any, number: int) -> list[Block]:
    """Tables and the text lines outside them, ordered from the top of the page."""
    found = page.find_tables()
    placed: list[tuple[float, Block]] = []
    for index, table in enumerate(found, 1):
        rows = []
        for row_number, row in enumerate(table.extract(), 1):
            cells = tuple(
                Cell(text or "", Location(page=number, table=index, row=row_number, column=column))
                for column, text in enumerate(row, 1)
            )
            rows.append(cells)
        placed.append((table.bbox[1], Table(tuple(rows), Location(page=number, table=index))))
    boxes = [table.bbox for table in found]

    def outside(obj: dict[str, Any]) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    text_lines = page.filter(outside).extract_text_lines() if boxes else page.extract_text_lines()
    for line_number, line in enumerate(text_lines, 1):
        where = Location(page=number, line=line_number)
        placed.append((line["top"], Paragraph(line["text"], where)))
    placed.sort(key=lambda item: item[0])
    return [block for _, block in placed]
