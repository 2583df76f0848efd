"""Figures as text, at the precision their written inputs justify: the one place where
a computed number becomes digits, for tables and JSON alike."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from bcalc.intervals import Figure
from bcalc.numbers import format_danish, format_plain, round_to

Formatter = Callable[[Decimal, Decimal], str]
DASH = "–"  # an unknown figure in a table: never 0


def figure_text(figure: Figure | None, fmt: Formatter = format_plain, extra: int = 3) -> str:
    """A figure at its written precision, with up to ``extra`` more digits when it is an
    average that does not come out even (6,2 / 4 = 1,55). Three for JSON and CSV, which
    keep every digit; one for what people read (``shown_text``)."""
    if figure is None:
        return DASH
    quantum = figure.quantum
    for _ in range(extra):
        if round_to(figure.value, quantum) == figure.value:
            break
        quantum /= 10
    return fmt(figure.value, quantum)


def decimal_text(value: Decimal | None, quantum: str, fmt: Formatter = format_plain) -> str:
    return DASH if value is None else fmt(value, Decimal(quantum))


def formatter(danish: bool) -> Formatter:
    return format_danish if danish else format_plain


def shown_text(figure: Figure | None, fmt: Formatter = format_plain) -> str:
    """A figure as people read it (tables, HTML, Excel), at ``shown_quantum``: 19
    helårspersoner at half effect the first year average 16,625 a year, shown 16,6;
    JSON and CSV keep 16.625."""
    if figure is None:
        return DASH
    return fmt(figure.value, shown_quantum(figure))


def shown_decimal(figure: Figure) -> Decimal:
    """The value ``shown_text`` prints, as a number (for a spreadsheet's cell)."""
    return round_to(figure.value, shown_quantum(figure))


# An average that does not come out even is shown to one decimal at most.
_FINEST_EXTRA = Decimal("0.1")


def shown_quantum(figure: Figure) -> Decimal:
    """The digit a figure is shown to: its written precision; where it does not come
    out even there (an average, a phase-in), one more digit, but never past the first
    decimal that the written figures did not have. 2 and 2,6 stay 2 and 2,6; 66,5 / 4
    persons is 16,6 (not 16,625); 6,2 / 4 mio. kr. is 1,6 (not 1,55); a figure written
    to hundredths keeps them."""
    quantum = figure.quantum
    if round_to(figure.value, quantum) == figure.value:
        return quantum
    return max(quantum / 10, min(quantum, _FINEST_EXTRA))


# Kroner per helårsperson come from figures written to two or three significant digits
# (2,6 mio. kr. over 15 persons): three significant digits is all they can say.
PER_PERSON_DIGITS = 3


def kroner_quantum(value: Decimal) -> Decimal:
    """The digit an amount of kroner per person is rounded to: three significant digits,
    never finer than a krone (173.333 → 173.000; 8.412 → 8.410; 512 → 512)."""
    if value == 0:
        return Decimal(1)
    exponent = value.copy_abs().adjusted() - (PER_PERSON_DIGITS - 1)
    return Decimal(1).scaleb(max(exponent, 0))


def kroner_text(value: Decimal | None, fmt: Formatter = format_plain) -> str:
    """Kroner per person as people read them: ``kroner_quantum``'s three digits."""
    if value is None:
        return DASH
    quantum = kroner_quantum(value)
    return fmt(round_to(value, quantum), Decimal(1))
