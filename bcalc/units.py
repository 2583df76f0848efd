"""Money units as Danish budget documents write them, and the one table of their sizes."""

from __future__ import annotations

import re
from decimal import Decimal
from enum import Enum


class Unit(str, Enum):
    """Currency units seen in Danish budget documents."""

    KR = "kr."
    TKR = "t.kr."
    MIO = "mio. kr."

    @property
    def kroner(self) -> Decimal:
        """How many kroner one of this unit is."""
        return _KRONER[self]

    def to(self, target: Unit) -> Decimal:
        """The exact factor that turns a figure in this unit into ``target``:
        ``Unit.TKR.to(Unit.MIO)`` is 0,001."""
        return _KRONER[self] / _KRONER[target]


# The one place where a unit's size in kroner is written down.
_KRONER = {Unit.KR: Decimal(1), Unit.TKR: Decimal(1000), Unit.MIO: Decimal(1_000_000)}

# Spellings seen in documents, normalised by lower-casing and removing spaces.
_UNIT_ALIASES = {
    "kr.": Unit.KR,
    "kr": Unit.KR,
    "kroner": Unit.KR,
    "t.kr.": Unit.TKR,
    "t.kr": Unit.TKR,
    "tkr.": Unit.TKR,
    "tkr": Unit.TKR,
    "tusindkr.": Unit.TKR,
    "tusindkr": Unit.TKR,
    "tusindekr.": Unit.TKR,
    "tusindekr": Unit.TKR,
    "tusindkroner": Unit.TKR,
    "tusindekroner": Unit.TKR,
    "t.kroner": Unit.TKR,
    "1.000kr.": Unit.TKR,
    "1.000kr": Unit.TKR,
    "mio.kr.": Unit.MIO,
    "mio.kr": Unit.MIO,
    "mio.": Unit.MIO,
    "mio": Unit.MIO,
    "mio.kroner": Unit.MIO,
    "miokroner": Unit.MIO,
    "miokr.": Unit.MIO,
    "miokr": Unit.MIO,
    "millkr.": Unit.MIO,
    "millkr": Unit.MIO,
    "mill.kr.": Unit.MIO,
    "mill.kr": Unit.MIO,
    "mill.": Unit.MIO,
    "mill": Unit.MIO,
    "mill.kroner": Unit.MIO,
    "millkroner": Unit.MIO,
    "millionerkr.": Unit.MIO,
    "millionerkr": Unit.MIO,
    "millionerkroner": Unit.MIO,
}


def parse_unit(text: str) -> Unit:
    """Read a unit as economists write it: ``t.kr.``, ``t. kr.``, ``mio. kr.``."""
    unit = _UNIT_ALIASES.get(re.sub(r"\s+", "", text.lower()))
    if unit is None:
        raise ValueError(f"unknown unit {text!r}; use one of: kr., t.kr., mio. kr.")
    return unit
