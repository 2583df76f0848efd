"""Limits on the documents ``bcalc import`` and ``bcalc trace`` read, in one place.

A budget document is a few megabytes at most. Every limit is far above that and
far below what would stall a laptop: a file past one is refused with the limit
named, never read halfway.
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    # The file on disk: slide decks with photos run to tens of megabytes.
    max_file_bytes: int = 100 * MB
    # A plain-text extraction of a budget document is well under a megabyte.
    max_text_bytes: int = 10 * MB
    # Word and PowerPoint files are zip archives: a "zip bomb" declares a few
    # kilobytes packed and gigabytes unpacked. Sizes are read from the archive's
    # directory before anything is unpacked, and zipfile never unpacks past them.
    max_zip_entries: int = 10_000
    max_unpacked_bytes: int = 300 * MB
    # One XML part (the document body, one slide): real ones are a few megabytes.
    max_part_bytes: int = 30 * MB
    max_pages: int = 1_000
    max_slides: int = 1_000
    # One PDF page's content, decompressed: a page of text is kilobytes.
    max_page_stream_bytes: int = 20 * MB
    # Text collected from the whole document; past this it is not a budget document.
    max_chars: int = 5_000_000


LIMITS = Limits()
