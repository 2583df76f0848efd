"""Text for the HTML report: every piece of user text escaped, every number Danish.

``esc`` is the only way user text (titles, ids, file names, messages) reaches the
page: HTML-escaped, quotes included (it may stand in an attribute), with control
characters shown as escapes (``render.safe.visible``). A title "<script>" prints as
text.
"""

from __future__ import annotations

import html
from decimal import Decimal

from bcalc.display import DASH, shown_text
from bcalc.intervals import Figure
from bcalc.numbers import format_danish
from bcalc.render.safe import visible


def esc(text: str) -> str:
    """User text made inert in HTML text and attributes alike."""
    return html.escape(visible(text), quote=True)


def number(figure: Figure | None) -> str:
    """A figure in Danish notation at the precision people read ("2,6", "8.500")."""
    return shown_text(figure, format_danish)


def amount(figure: Figure | None, unit: str) -> str:
    """A figure with its unit: "2,6 mio. kr.", "8.500 t.kr."; unknown: "–"."""
    return DASH if figure is None else f"{number(figure)} {unit}"


def decimal(value: Decimal, quantum: str) -> str:
    return format_danish(value, Decimal(quantum))


def count(number: int, one: str, many: str) -> str:
    """ "1 fejl", "3 advarsler"."""
    return f"{number} {one if number == 1 else many}"
