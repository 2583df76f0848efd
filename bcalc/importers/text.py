"""Plain text (an extraction from Word, PowerPoint or PDF): one paragraph per line."""

from __future__ import annotations

from bcalc.importers.document import Document, Location, Paragraph, Refused
from bcalc.importers.limits import Limits


def read_text(data: bytes, name: str, limits: Limits) -> Document:
    """Every line of the file, numbered as an editor numbers them."""
    if len(data) > limits.max_text_bytes:
        raise Refused(f"is {len(data):,} bytes of text; the limit is {limits.max_text_bytes:,}")
    if b"\x00" in data:
        raise Refused("holds binary data, not text; bcalc reads .docx, .pptx, .pdf and .txt")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise Refused(f"is not UTF-8 text (line {line}); save the extraction as UTF-8") from None
    # splitlines() would also break at form feeds and other separators an editor does
    # not count as lines; line numbers must be the ones a person sees.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    blocks = tuple(Paragraph(line, Location(line=n)) for n, line in enumerate(lines, 1))
    return Document(name, "text", blocks)
