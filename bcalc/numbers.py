"""Written numbers: an exact Decimal plus the precision it was written with.

A business case prints "2,6" and means "somewhere in 2,55–2,65". bcalc keeps both
the value and the *quantum* (0.1 here) of every number it reads, so that the checks
can tell rounding from error. Two notations are accepted:

* YAML numbers use a decimal point and no grouping: ``2.6``, ``8500``.
* Quoted strings use Danish notation: ``"2,6"``, ``"8.500"``, ``"1.234,5"``. A dot is
  always a thousands separator and must group exactly three digits; so may a space
  (``"1 234"``), but not a mix of both; a comma is the decimal mark. A string may end
  in a unit (``"300.000 kr."``) and may start with ``ca.``/``omkring`` to mark the
  figure approximate.

``1.234`` could be either reading; ``Amount.ambiguous`` marks it so that a check can
warn where the unit makes the reading bcalc chose unlikely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, getcontext, localcontext

from bcalc.units import Unit, parse_unit

# Largest magnitude accepted: a thousand billion (10^15) in any unit is beyond any
# municipal budget and keeps 1e999999 from turning into a 1-megabyte integer.
MAX_MAGNITUDE = Decimal(10) ** 15
# More than six decimals is no longer a budget figure but a typo or a float artefact.
MAX_DECIMALS = 6
# The longest real figure ("ca. 1.234.567.890,123456 mio. kr.") has 34 characters; a
# longer text is refused before it is converted or repeated in a message.
MAX_NUMBER_TEXT = 100


@dataclass(frozen=True, slots=True)
class Amount:
    """A number as written in a document.

    ``value`` is exact; ``quantum`` is the unit of its last written digit, so the true
    figure lies within ``value ± quantum / 2`` (widened by one quantum when ``approx``).
    A document's own precision may read a whole number more finely ("2" in a table of
    tenths is 2,0): ``bcalc.precision`` decides that, not the number alone.
    ``radius`` is a tolerance the writer states (``"25 ± 2"``): then nothing else is
    assumed. ``unit`` is set only when the number itself names a unit
    (``"300.000 kr."``). ``text`` is the figure as written, for messages.
    """

    value: Decimal
    quantum: Decimal
    approx: bool = False
    unit: Unit | None = None
    # Written as one to three digits, a dot and three digits ("1.234" or 1.234): a
    # thousands separator to a Dane, a decimal point to YAML and to English eyes.
    ambiguous: bool = field(default=False, compare=False)
    radius: Decimal | None = None
    text: str = field(default="", compare=False)

    @property
    def tolerance(self) -> Decimal:
        """The stated ±; else half a unit of the last digit, one and a half when
        marked approximate."""
        if self.radius is not None:
            return self.radius
        half = self.quantum / 2
        return half + self.quantum if self.approx else half

    @property
    def written(self) -> str:
        """As the document writes it: "ca. 6,1", "2", "300.000 kr."."""
        return self.text or format_danish(self.value, self.quantum)

    def __str__(self) -> str:
        return format_plain(self.value, self.quantum)


_APPROX = re.compile(r"^(?:ca\.?|omkring|~)\s*", re.IGNORECASE)
# Digits are ASCII only: "١٢" is not a budget figure. Thousands are grouped by dots
# or by spaces, in groups of exactly three, never both in one number.
_DANISH = re.compile(r"^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d{1,3}(?: \d{3})+|\d+)(?:,\d+)?$", re.ASCII)
_ONE_DOT_GROUP = re.compile(r"^[+-]?\d{1,3}\.\d{3}$", re.ASCII)
_UNIT_TAIL = re.compile(r"\s*([a-zA-Z][a-zA-Z. ]*\.?)$")
# No-break, narrow no-break and thin spaces: what a copy from a PDF or Word gives.
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " "})


def quantum_of(value: Decimal) -> Decimal:
    """The unit of the last written digit: 2.6 → 0.1, 2.60 → 0.01, 8500 → 1."""
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # finite values only reach here
    return Decimal(1).scaleb(min(exponent, 0))


def _short(text: str) -> None:
    if len(text) > MAX_NUMBER_TEXT:
        raise ValueError(
            f"a number written with {len(text):,} characters is too long to be a budget figure"
        )


def _checked(value: Decimal, text: str) -> Decimal:
    """``value`` if it can be a budget figure. Nothing here rounds under the decimal
    context (``abs()`` would), so no exponent, however large, overflows."""
    if not value.is_finite():
        raise ValueError(f"{text!r} is not a finite number")
    if value.copy_abs() >= MAX_MAGNITUDE:
        raise ValueError(f"{text!r} is too large to be a budget figure")
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    if -exponent > MAX_DECIMALS:
        raise ValueError(f"{text!r} has more than {MAX_DECIMALS} decimals")
    return value


def parse_danish(text: str) -> Amount:
    """Parse a quoted Danish number such as ``"ca. 1.234,5 t.kr."`` or ``"25 ± 2"``."""
    _short(text)
    rest = text.translate(_SPACES).strip()
    approx = False
    if match := _APPROX.match(rest):
        approx, rest = True, rest[match.end() :]
    radius = None
    if ("±" in rest or "+/-" in rest) and not _PLUS_MINUS.search(rest):
        raise ValueError(f"{text!r}: the tolerance after '±' must be a number, e.g. \"25 ± 2\"")
    if match := _PLUS_MINUS.search(rest):
        if approx:
            raise ValueError(f"{text!r}: write either 'ca.' or '±', not both")
        radius = _radius(match.group(1), text)
        rest = rest[: match.start()] + (match.group(2) or "")
    if any(c.isalpha() for c in rest) and not any(c.isdigit() for c in rest):  # "tre"
        raise ValueError(f'{text!r} is not a number; write it in digits, e.g. "2,6" or "8.500"')
    unit = None
    if match := _UNIT_TAIL.search(rest):
        unit, rest = parse_unit(match.group(1)), rest[: match.start()]
    rest = rest.replace("\u2212", "-")  # the typographic minus sign
    if not _DANISH.match(rest):
        hint = ' (a space may only group thousands: "1 234")' if " " in rest else ""
        raise ValueError(
            f'{text!r} is not a Danish number{hint}; write e.g. "2,6", "8.500" or "1.234,5"'
        )
    digits = rest.replace(".", "").replace(" ", "").replace(",", ".")
    value = _checked(Decimal(digits), text)
    ambiguous = bool(_ONE_DOT_GROUP.match(rest))
    return Amount(value, quantum_of(value), approx, unit, ambiguous, radius, text.strip())


# "25 ± 2", "25 +/- 2 mio. kr.": the tolerance, then perhaps the unit of both.
_PLUS_MINUS = re.compile(r"\s*(?:±|\+/-)\s*([0-9.,]+)(\s*[a-zA-Z].*)?$")


def _radius(written: str, text: str) -> Decimal:
    if not _DANISH.match(written) or written.startswith(("+", "-")):
        raise ValueError(f"{text!r}: the tolerance after '±' must be a number, e.g. \"25 ± 2\"")
    return _checked(Decimal(written.replace(".", "").replace(",", ".")), text)


def parse_plain(text: str) -> Amount:
    """Parse a YAML number's source text (``2.6``, ``8500``) keeping its precision."""
    _short(text)
    try:
        value = Decimal(text.replace("_", ""))
    except InvalidOperation:
        raise ValueError(f"{text!r} is not a number") from None
    value = _checked(value, text)
    ambiguous = bool(_ONE_DOT_GROUP.match(text.strip()))
    return Amount(value, quantum_of(value), ambiguous=ambiguous, text=text.strip())


def round_to(value: Decimal, quantum: Decimal) -> Decimal:
    """Round half up, as documents are rounded.

    Inputs are bounded, but a quotient of them is not (10^14 kr. over 0,000001 kr. of
    savings): the context is widened to hold every digit up to ``quantum``, so that no
    ratio, however absurd, ends in an internal error."""
    digits = max(value.adjusted(), 0) - min(quantum.as_tuple().exponent, 0)  # type: ignore[operator]
    if digits + 2 <= getcontext().prec:  # perf (issue 18): no wider context needed
        return value.quantize(quantum, rounding=ROUND_HALF_UP)
    with localcontext() as context:
        context.prec = max(context.prec, digits + 2)
        return value.quantize(quantum, rounding=ROUND_HALF_UP)


def format_plain(value: Decimal, quantum: Decimal) -> str:
    """Format at a quantum with a decimal point: 10.7, 8500, -0.60."""
    rounded = round_to(value, quantum)
    if rounded == 0:
        rounded = abs(rounded)  # never print -0.0
    return f"{rounded:f}"


def format_danish(value: Decimal, quantum: Decimal) -> str:
    """Format at a quantum in Danish notation: 10,7, 8.500, -1.234,5."""
    text = f"{abs(round_to(value, quantum)):,f}"
    text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return f"-{text}" if round_to(value, quantum) < 0 else text
