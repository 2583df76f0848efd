"""Rounding-aware comparison of a computed figure with the figure a document states.

Both are intervals: the computed figure carries the tolerance that rounding of its
written inputs allows (see ``calc.Figure``), the stated figure half a unit of its
last digit (one and a half when marked "ca."). Then:

* the intervals do not touch → an **error**: the document is wrong;
* they touch, but the computed value does not round to the stated one → **info**:
  the difference is explained by rounding;
* the computed value rounds to the stated one → no finding.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from bcalc.findings import Severity
from bcalc.intervals import Figure
from bcalc.numbers import Amount, format_plain, round_to


@dataclass(frozen=True, slots=True)
class Verdict:
    severity: Severity
    message: str
    computed: Decimal
    stated: Decimal
    tolerance: Decimal


def judge(
    what: str,
    computed: Figure,
    stated: Amount,
    sign: int = 1,
    factor: Decimal = Decimal(1),
    unit: str = "",
) -> Verdict | None:
    """Compare ``computed`` with ``stated``, which is multiplied by ``sign`` (a
    "Gevinst (-)" row) and by ``factor`` (a unit conversion) to put it on the same footing."""
    stated_value = sign * stated.value * factor
    stated_tolerance = stated.tolerance * factor
    quantum = stated.quantum * factor
    if round_to(computed.value, quantum) == stated_value:
        return None
    difference = computed.value - stated_value
    allowed = computed.tolerance + stated_tolerance
    shown = _show_quantum(quantum, computed.quantum)
    suffix = f" {unit}" if unit else ""
    # Figures are shown in the document's own signs ("Gevinst (-) -2,0"), at the finer
    # of the two precisions; difference and tolerance without trailing zeros.
    texts = (
        format_plain(sign * stated_value, shown) + suffix,
        format_plain(sign * computed.value, shown) + suffix,
        _compact(abs(difference)),
        _compact(allowed),
    )
    if abs(difference) > allowed:
        return Verdict(
            Severity.ERROR,
            f"{what} is stated as {texts[0]} but the written figures give {texts[1]}: "
            f"a difference of {texts[2]}, more than rounding can explain (at most {texts[3]})",
            sign * computed.value,
            sign * stated_value,
            allowed,
        )
    approx = " and its 'ca.'" if stated.approx else ""
    return Verdict(
        Severity.INFO,
        f"{what} is stated as {texts[0]}; the written figures give {texts[1]}, "
        f"a difference of {texts[2]} explained by rounding{approx} (up to {texts[3]})",
        sign * computed.value,
        sign * stated_value,
        allowed,
    )


def _compact(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _show_quantum(stated: Decimal, computed: Decimal) -> Decimal:
    """Show both figures at the finer of the two precisions, cleanly as a power of 10."""
    finest = min(stated, computed)
    return Decimal(1).scaleb(finest.adjusted())
