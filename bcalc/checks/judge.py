"""Rounding-aware judgement of a stated figure against its computed value.

Both are intervals: the computed figure carries the interval rounding of its written
inputs allows and the variance of its rounding error (``bcalc.intervals``); the stated
figure is read at the document's precision (``bcalc.precision``). Then:

* the computed value rounds to the stated one → no finding;
* the intervals do not touch → an **error**: no rounding explains the difference;
* they touch, but the difference is more than three standard deviations of the
  rounding errors together → a **warning**: rounding explains it only if nearly all
  the figures were rounded the same way, which independent rounding almost never does;
* otherwise → **info**: the difference is explained by rounding.

Messages quote the stated figure as the document writes it ("ca. 6,1") and say which
range each side was read as, so that a reader can redo the judgement by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from bcalc.findings import Severity
from bcalc.intervals import Figure, verdict
from bcalc.numbers import Amount, format_plain, round_to

_SEVERITY = {"error": Severity.ERROR, "unlikely": Severity.WARNING, "rounding": Severity.INFO}


@dataclass(frozen=True, slots=True)
class Judgement:
    severity: Severity
    message: str
    computed: Decimal  # in the document's own signs, in the unit the message names
    stated: Decimal
    tolerance: Decimal  # the largest difference rounding can explain (worst case)
    likely: Decimal  # the largest difference independent rounding plausibly gives


def judge(
    what: str,
    computed: Figure,
    stated: Figure,
    written: Amount,
    sign: int,
    unit: str,
    source: str = "the written figures give",
) -> Judgement | None:
    """Compare ``computed`` with ``stated``, both in bcalc's signs and in ``unit``;
    ``written`` is the stated figure as the document writes it, and ``sign`` -1 where
    the document writes gains negative ("Gevinst (-)"), so that messages use its signs.
    ``source`` says what ``computed`` comes from, with its verb, for the message."""
    outcome = verdict(computed, stated)
    if outcome.kind == "equal":
        return None
    shown = _finer(stated.quantum, computed.quantum)
    suffix = f" {unit}" if unit and written.unit is None else ""
    quoted = f'"{written.written}"{suffix}'
    own = _signed(computed, sign)
    gives = f"{format_plain(own.value, shown)}{f' {unit}' if unit else ''}"
    step = shown / 10  # differences and ranges one digit finer than the figures
    difference = _compact(abs(outcome.difference), step)
    worst = _compact(outcome.worst_case, step)
    ranges = (
        f'"{written.written}" is {_range(_signed(stated, sign), step)}, '
        f"the figures give {_range(own, step)}"
    )
    if outcome.kind == "error":
        message = (
            f"{what} is stated as {quoted} but {source} {gives}: a difference "
            f"of {difference}, more than rounding can explain (at most {worst}; {ranges})"
        )
    elif outcome.kind == "unlikely":
        message = (
            f"{what} is stated as {quoted} but {source} {gives}: a difference "
            f"of {difference} that rounding explains only if nearly all figures were rounded "
            f"the same way (at most {worst}; independent rounding rarely gives more than "
            f"{_significant(outcome.likely)}; {ranges})"
        )
    else:
        approx = " and its 'ca.'" if written.approx else ""
        message = (
            f"{what} is stated as {quoted}; {source} {gives}, a difference "
            f"of {difference} explained by rounding{approx} (up to {worst}; {ranges})"
        )
    return Judgement(
        _SEVERITY[outcome.kind],
        message,
        own.value,
        _signed(stated, sign).value,
        outcome.worst_case,
        min(outcome.likely, outcome.worst_case),
    )


def _signed(figure: Figure, sign: int) -> Figure:
    return -figure if sign < 0 else figure


def _range(figure: Figure, step: Decimal) -> str:
    if figure.low == figure.high:
        return f"exactly {_compact(figure.value, step)}"
    return f"{_compact(figure.low, step)} to {_compact(figure.high, step)}"


def _compact(value: Decimal, step: Decimal = Decimal("0.000001")) -> str:
    """At most one digit finer than the figures shown, without trailing zeros, never in
    exponent notation."""
    rounded = round_to(value, step) if value != round_to(value, step) else value
    return f"{rounded.normalize():f}" if rounded else "0"


def _significant(value: Decimal, digits: int = 3) -> str:
    """A derived tolerance (3σ) to three significant digits: 0.335, not 40 of them."""
    if not value:
        return "0"
    return _compact(round_to(value, Decimal(1).scaleb(value.adjusted() - digits + 1)))


def _finer(stated: Decimal, computed: Decimal) -> Decimal:
    """Show both figures at the finer of the two precisions, as a power of ten."""
    return Decimal(1).scaleb(min(stated, computed).adjusted())
