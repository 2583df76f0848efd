"""Hand-made SVG charts: no library, no script, the same bytes for the same figures.

One chart kind serves every section: bars per category (a year, a budget year) for
one or more series, an optional line (the cumulative net gain) and an optional marked
category (the payback year). Coordinates are computed in Decimal and written with one
decimal, so the output never depends on float formatting. Every chart has a
``<title>`` and a ``<desc>`` and ``role="img"``; the section prints the same figures as
a ``<table>`` next to it, which is what a screen reader reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from bcalc.numbers import format_danish
from bcalc.render.html.text import esc

# Okabe-Ito colours: told apart with every kind of colour blindness, and each dark
# enough against white for a 3:1 contrast of graphics (WCAG 1.4.11).
BLUE, GREEN, VERMILION, GREY = "#0072B2", "#007A5E", "#B84A00", "#5f6368"

WIDTH, HEIGHT = Decimal(640), Decimal(280)
LEFT, RIGHT, TOP, BOTTOM = Decimal(64), Decimal(16), Decimal(40), Decimal(36)
_STEPS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))
_TENTH = Decimal("0.1")


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    colour: str
    values: Sequence[Decimal | None]  # one per category; None: unknown, not drawn


@dataclass(frozen=True, slots=True)
class Chart:
    """What to draw. ``marked``: the index of a category to mark with ``mark_label``."""

    ident: str  # unique in the page, for aria-labelledby
    title: str
    description: str
    unit: str
    categories: Sequence[str]
    bars: Sequence[Series]
    line: Series | None = None
    marked: int | None = None
    mark_label: str = ""


def _c(value: Decimal) -> str:
    """A coordinate, one decimal, never "-0.0"."""
    rounded = value.quantize(_TENTH)
    return f"{abs(rounded) if rounded == 0 else rounded:f}"


def nice_step(span: Decimal, ticks: int = 5) -> Decimal:
    """A round step (1, 2, 2,5 or 5 times a power of ten) giving about ``ticks``
    gridlines over ``span``."""
    if span <= 0:
        return Decimal(1)
    raw = span / ticks
    power = Decimal(1).scaleb(raw.adjusted())
    return next(step * power for step in _STEPS if step * power >= raw)


def _range(values: list[Decimal]) -> tuple[Decimal, Decimal, Decimal]:
    """Axis low, high and step: always including zero."""
    low = min([Decimal(0), *values])
    high = max([Decimal(0), *values])
    if low == high:
        high = Decimal(1)
    step = nice_step(high - low)
    low = (low / step).to_integral_value(ROUND_FLOOR) * step
    high = (high / step).to_integral_value(ROUND_CEILING) * step
    return low, high, step


def render(chart: Chart) -> str:
    known = [v for s in (*chart.bars, *([chart.line] if chart.line else [])) for v in s.values]
    low, high, step = _range([v for v in known if v is not None])
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM

    def y(value: Decimal) -> Decimal:
        return TOP + (high - value) / (high - low) * plot_h

    n = max(len(chart.categories), 1)
    band = plot_w / n
    title_id, desc_id = f"{chart.ident}-title", f"{chart.ident}-desc"
    out = [
        f'<svg class="chart" viewBox="0 0 {_c(WIDTH)} {_c(HEIGHT)}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{title_id}">{esc(chart.title)}</title>',
        f'<desc id="{desc_id}">{esc(chart.description)}</desc>',
    ]
    # Gridlines and the axis labels, in the unit.
    tick = low
    while tick <= high:
        ty = _c(y(tick))
        stroke = "#444" if tick == 0 else "#d0d4d9"
        out.append(
            f'<line x1="{_c(LEFT)}" x2="{_c(WIDTH - RIGHT)}" y1="{ty}" y2="{ty}" '
            f'stroke="{stroke}" stroke-width="1"/>'
        )
        label = format_danish(tick, _quantum(step))
        out.append(
            f'<text x="{_c(LEFT - 8)}" y="{_c(y(tick) + 4)}" text-anchor="end" '
            f'class="tick">{label}</text>'
        )
        tick += step
    out.append(
        f'<text x="{_c(LEFT - 8)}" y="{_c(TOP - 14)}" text-anchor="end" class="tick">'
        f"{esc(chart.unit)}</text>"
    )
    # The marked category behind the bars.
    if chart.marked is not None:
        mx = LEFT + band * chart.marked
        out.append(
            f'<rect x="{_c(mx)}" y="{_c(TOP)}" width="{_c(band)}" height="{_c(plot_h)}" '
            f'fill="#fff4d6"/>'
        )
        out.append(
            f'<text x="{_c(mx + band / 2)}" y="{_c(TOP + 14)}" text-anchor="middle" '
            f'class="mark">{esc(chart.mark_label)}</text>'
        )
    # Bars.
    bars = [s for s in chart.bars if any(v is not None for v in s.values)]
    inner = band * Decimal("0.7")
    width = inner / max(len(bars), 1)
    for index, category in enumerate(chart.categories):
        x0 = LEFT + band * index + (band - inner) / 2
        for k, series in enumerate(bars):
            value = series.values[index]
            if value is None:
                continue
            top, bottom = sorted((y(value), y(Decimal(0))))
            out.append(
                f'<rect x="{_c(x0 + width * k + 1)}" y="{_c(top)}" width="{_c(width - 2)}" '
                f'height="{_c(max(bottom - top, Decimal("0.5")))}" fill="{series.colour}">'
                f"<title>{esc(series.name)} {esc(category)}: "
                f"{format_danish(value, _quantum(value))} {esc(chart.unit)}</title></rect>"
            )
        out.append(
            f'<text x="{_c(LEFT + band * index + band / 2)}" y="{_c(HEIGHT - BOTTOM + 18)}" '
            f'text-anchor="middle" class="cat">{esc(category)}</text>'
        )
    # The line, with a dot and its value at each known point.
    if chart.line is not None:
        points = [
            (LEFT + band * i + band / 2, y(v), v)
            for i, v in enumerate(chart.line.values)
            if v is not None
        ]
        if points:
            path = " ".join(f"{_c(px)},{_c(py)}" for px, py, _ in points)
            colour = chart.line.colour
            out.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"/>'
            )
            for px, py, value in points:
                out.append(
                    f'<circle cx="{_c(px)}" cy="{_c(py)}" r="4" fill="{colour}">'
                    f"<title>{esc(chart.line.name)}: {format_danish(value, _quantum(value))} "
                    f"{esc(chart.unit)}</title></circle>"
                )
    # The legend, top right.
    legend = [*bars, *([chart.line] if chart.line else [])]
    lx = WIDTH - RIGHT
    for series in reversed(legend):
        text_w = Decimal(len(series.name) * 7 + 22)
        lx -= text_w
        shape = (
            f'<line x1="{_c(lx)}" x2="{_c(lx + 12)}" y1="{_c(TOP - 18)}" y2="{_c(TOP - 18)}" '
            f'stroke="{series.colour}" stroke-width="2.5"/>'
            if series is chart.line
            else f'<rect x="{_c(lx)}" y="{_c(TOP - 24)}" width="12" height="12" '
            f'fill="{series.colour}"/>'
        )
        out.append(shape)
        out.append(
            f'<text x="{_c(lx + 16)}" y="{_c(TOP - 14)}" class="legend">{esc(series.name)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


def _quantum(value: Decimal) -> Decimal:
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    return Decimal(1).scaleb(min(exponent, 0))
