"""Figures as a Danish document prints them, and running text with its places.

A figure is a number in Danish notation ("2,6", "8.500", "-5,7") that may carry a
hedge before it ("ca.", "omkring"), footnote stars after it ("2,6*") and a unit
("mio. kr."). ``Passage`` joins lines, paragraphs or cells into one text that the
recognizer's patterns can run over, and maps every match back to its place.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from bcalc.importers.document import Location
from bcalc.units import Unit, parse_unit

# A number is not part of a word, a paragraph sign ("§17.4"), a range ("15-29"),
# a date or an English decimal ("2.6"). A dot groups exactly three digits.
_NUMBER = (
    r"(?P<sign>[-−–](?=\d))?"
    r"(?P<digits>\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d.]\d)|\d+(?:,\d+)?)"
    r"(?!\d)(?!\.\d)(?!,\d)"
)
_HEDGE = r"(?:(?P<hedge>ca\.?|omkring|cirka)\s+)?"
FIGURE = re.compile(
    rf"(?<![\w§/.,\-−–]){_HEDGE}(?<![\w§/.,]){_NUMBER}(?P<stars>\*{{1,4}})?", re.IGNORECASE
)
# The unit right after a figure, as documents spell it; parse_unit reads the match.
UNIT = re.compile(
    r"\s*(?P<unit>mio\.?\s*kr\.?|mill\.?\s*kr\.?|t\.\s?kr\.?|tkr\.?"
    r"|tusinde?\s+kr(?:oner|\.)?|millioner\s+kr(?:oner|\.)?|mio\.|mill\.|mio\b|kr\.|kroner)",
    re.IGNORECASE,
)
# A unit on its own, in a table's header or caption: "(i mio. kr.)", "Investering i
# tusind kr.", "Mio. kr.".
UNIT_ANYWHERE = re.compile(
    r"(?<!\w)(?P<unit>mio\.\s*kr\.?|mill\.\s*kr\.?|t\.\s?kr\.?|tkr\.?|tusinde?\s+kr(?:oner|\.)?"
    r"|millioner\s+kr(?:oner|\.)?|1\.000\s+kr\.)",
    re.IGNORECASE,
)
# Shares written as words: "med halv effekt i 2026".
SHARE_WORDS = {"halv": Decimal("0.5"), "halvt": Decimal("0.5"), "fuld": Decimal(1)}


@dataclass(frozen=True, slots=True)
class Printed:
    """One figure exactly as printed, and where."""

    text: str  # as printed: "ca. 6,1", "2,6*", "-5,7"
    number: str  # hedge and stars removed: "6,1", "2,6", "-5,7"
    hedge: str | None  # "ca." or "omkring", as printed
    stars: int  # footnote stars after the number
    unit: Unit | None  # the unit printed right after it, if any
    unit_text: str | None  # that unit as printed: "mio. kr.", "tusinde kr."
    where: Location  # with the character column for lines and paragraphs
    same_piece_unit: bool  # the unit stands in the same line or cell as the number

    @property
    def value(self) -> Decimal:
        plain = self.number.replace("−", "-").replace("–", "-")
        return Decimal(plain.replace(".", "").replace(",", "."))

    def is_year(self) -> bool:
        plain = self.hedge is None and not self.stars
        return plain and re.fullmatch(r"(19|20|21)\d\d", self.number) is not None

    def draft_text(self, unit: Unit | None) -> str:
        """The figure for a draft whose surrounding unit is ``unit``: its hedge and
        number as printed, and its own unit when that is another one."""
        text = f"{self.hedge} {self.number}" if self.hedge else self.number
        if self.unit is not None and self.unit != unit:
            text += f" {self.unit_text if self.same_piece_unit else self.unit.value}"
        return text

    def ref_text(self, unit: Unit | None) -> str:
        """What a source reference quotes: the figure as printed, with its unit when the
        draft's figure carries one printed in the same line or cell."""
        if self.unit is not None and self.unit != unit and self.same_piece_unit:
            return f"{self.text} {self.unit_text}"
        return self.text


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    where: Location


class Passage:
    """Pieces of text (lines, paragraphs, cells) joined into one string for pattern
    matching. A word hyphenated across two lines ("resultat-" / "tilskuddene") is
    joined again; every offset still maps back to one piece and column."""

    def __init__(self, pieces: Sequence[Piece]) -> None:
        self.pieces = [piece for piece in pieces if piece.text.strip()]
        parts: list[str] = []
        self.starts: list[int] = []
        length = 0
        joined = False  # the previous piece ended in a hyphenated word
        for index, piece in enumerate(self.pieces):
            if index:
                separator = "" if joined else " "
                parts.append(separator)
                length += len(separator)
            self.starts.append(length)
            text = piece.text
            following = self.pieces[index + 1].text if index + 1 < len(self.pieces) else ""
            joined = _hyphenated(text, following)
            if joined:  # only the tail is cut, so offsets into the piece stay valid
                text = text.rstrip()[:-1]
            parts.append(text)
            length += len(text)
        self.text = "".join(parts)
        self.lower = _lower(self.text)

    def locate(self, offset: int) -> tuple[int, int]:
        """The piece an offset falls in, and the offset inside that piece."""
        index = max(bisect.bisect_right(self.starts, offset) - 1, 0)
        return index, offset - self.starts[index]

    def where(self, offset: int) -> Location:
        index, inside = self.locate(offset)
        return self.pieces[index].where.at_char(inside + 1)

    def figure(self, match: re.Match[str]) -> Printed:
        """The Printed figure of a FIGURE match in this passage's text."""
        return printed(self.text, match, self.where(match.start()), self._same_piece(match))

    def _same_piece(self, match: re.Match[str]) -> bool:
        unit = UNIT.match(self.text, match.end())
        if unit is None:
            return False
        return self.locate(match.start())[0] == self.locate(unit.end() - 1)[0]

    def figures(self, start: int = 0, end: int | None = None) -> Iterator[tuple[int, Printed]]:
        """Every figure between two offsets, with its offset."""
        stop = len(self.text) if end is None else end
        for match in FIGURE.finditer(self.text, start, stop):
            yield match.start(), self.figure(match)

    def bounds(self, offset: int) -> tuple[int, int]:
        """Start and end of the sentence around an offset. A sentence ends at a full
        stop before a capital, or where a new line starts with a capital ("Gevinst
        (-) 2,8 -3,0" / "Det bemærkes ..."): table rows and headings are sentences too."""
        starts = self._start_set()
        start = offset
        while start > 0 and not self._break(start, starts):
            start -= 1
        end = offset + 1
        while end < len(self.text) and not self._break(end, starts):
            end += 1
        return start, end

    def sentence(self, offset: int, end: int | None = None) -> str:
        """The sentence around an offset (or a span), whitespace collapsed, for comments."""
        start, stop = self.bounds(offset)
        if end is not None and end > stop:
            stop = self.bounds(end - 1)[1]
        text = " ".join(self.text[start:stop].split())
        return text if len(text) <= 160 else text[:157] + "…"

    def _start_set(self) -> set[int]:
        if not hasattr(self, "_starts"):
            self._starts = set(self.starts)
        return self._starts

    def _break(self, offset: int, starts: set[int]) -> bool:
        text = self.text
        if offset <= 0 or offset >= len(text):
            return True
        if offset in starts and (text[offset].isupper() or text[offset] in "§•"):
            return True
        if text[offset - 1] not in ".!?" or not text[offset].isspace():
            return False
        return text[offset:].lstrip()[:1].isupper()


def printed(text: str, match: re.Match[str], where: Location, same_piece: bool) -> Printed:
    """A Printed figure from a FIGURE match in ``text``."""
    hedge = match.group("hedge")
    sign = match.group("sign") or ""
    stars = match.group("stars") or ""
    unit = UNIT.match(text, match.end())
    unit_value = None
    unit_text = None
    if unit is not None and _unit_ends_word(text, unit.end()):
        unit_text = " ".join(unit.group("unit").split())
        unit_value = parse_unit(unit_text)
    return Printed(
        text=match.group(0),
        number=sign + match.group("digits"),
        hedge=hedge,
        stars=len(stars),
        unit=unit_value,
        unit_text=unit_text,
        where=where,
        same_piece_unit=same_piece and unit_value is not None,
    )


def _unit_ends_word(text: str, end: int) -> bool:
    return end >= len(text) or not text[end].isalnum()


def _hyphenated(previous: str, following: str) -> bool:
    """A word broken at the end of a line: "voksenlær-" then "lingeforløb"."""
    previous = previous.rstrip()
    return (
        len(previous) >= 2
        and previous.endswith("-")
        and previous[-2].isalpha()
        and following[:1].islower()
    )


def _lower(text: str) -> str:
    """Lower case, one character for one, so that offsets stay valid."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def collapse(text: str) -> str:
    """Whitespace collapsed to single spaces, no-break spaces included."""
    return " ".join(text.replace("\u00a0", " ").split())
