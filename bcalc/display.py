"""Figures as text, at the precision their written inputs justify: the one place where
a computed number becomes digits, for tables and JSON alike."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from bcalc.intervals import Figure
from bcalc.numbers import format_danish, format_plain, round_to

Formatter = Callable[[Decimal, Decimal], str]
DASH = "–"  # an unknown figure in a table: never 0


def figure_text(figure: Figure | None, fmt: Formatter = format_plain) -> str:
    """A figure at its written precision, with up to three more digits when it is an
    average that does not come out even (6,2 / 4 = 1,55)."""
    if figure is None:
        return DASH
    quantum = figure.quantum
    for _ in range(3):
        if round_to(figure.value, quantum) == figure.value:
            break
        quantum /= 10
    return fmt(figure.value, quantum)


def decimal_text(value: Decimal | None, quantum: str, fmt: Formatter = format_plain) -> str:
    return DASH if value is None else fmt(value, Decimal(quantum))


def formatter(danish: bool) -> Formatter:
    return format_danish if danish else format_plain
