"""Precision as the document means it.

A slide that prints "2   2,6*   0,6" in one row writes tenths: its "2" is 2,0, not
"somewhere in 1,5–2,5". Counting a whole number's digits would let a slip of half a
million pass as rounding, in every figure written without decimals. So a case file has
a precision per unit, and a figure is read at the finer of its own digits and the
file's precision in its unit:

* **declared**: ``precision: {"mio. kr.": "0,1", "t.kr.": "1"}`` in the file;
* **inferred** otherwise: the precision most of the file's figures with decimals are
  written to in that unit (a file that writes tenths in mio. kr. writes tenths
  everywhere in mio. kr.); a unit in which no figure has decimals is read in whole
  units, as written.

A figure marked approximate ("ca. 6,1", "omkring 25") is read at its own digits and
widened by one more of them: "ca." says the writer rounded loosely, so the document's
table precision does not apply to it. A figure with a stated tolerance ("25 ± 2") is
read exactly as stated: that is how a figure says it is coarser on purpose.

Helårspersoner have a precision of their own (``"helårspersoner"``), inferred the same
way; phase-in shares are exact factors, never rounded figures. The inference from a
case file is ``calc.document_precision``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from bcalc.intervals import Figure
from bcalc.numbers import Amount, format_danish
from bcalc.units import Unit

PERSONS = "helårspersoner"


@dataclass(frozen=True, slots=True)
class Precision:
    """The quantum each unit of a file is read at, and which of them the file declares."""

    quanta: Mapping[str, Decimal]  # "mio. kr." → 0.1; "helårspersoner" → 1
    declared: frozenset[str] = frozenset()

    def quantum(self, amount: Amount, key: str) -> Decimal:
        """The quantum ``amount`` is read at: its own digits, or the finer document's."""
        if amount.approx or amount.radius is not None:
            return amount.quantum
        document = self.quanta.get(key)
        return amount.quantum if document is None else min(amount.quantum, document)

    def radius(self, amount: Amount, key: str) -> Decimal:
        """How far the true figure may lie from the written one."""
        if amount.radius is not None:
            return amount.radius
        quantum = self.quantum(amount, key)
        return quantum / 2 + (quantum if amount.approx else 0)

    def figure(self, amount: Amount, key: str) -> Figure:
        """The written amount as an interval, in the amount's own unit. It is shown
        as written ("2" stays "2"): the precision decides how it is read, not printed."""
        return Figure.written(amount.value, self.radius(amount, key), amount.quantum)

    def stated(self, amount: Amount, key: str) -> Figure:
        """A stated figure as the judge reads it: also its quantum is the one it is read
        at, so that "2" in a document of tenths equals 2,0 (1,95–2,05) and nothing
        that merely rounds to a whole 2, such as 2,4."""
        return Figure.written(amount.value, self.radius(amount, key), self.quantum(amount, key))

    def declaring(self, quanta: Mapping[str, Decimal]) -> Precision:
        """This precision with ``quanta`` declared on top (a section of the document
        that rounds its own way)."""
        if not quanta:
            return self
        return Precision({**self.quanta, **quanta}, self.declared | frozenset(quanta))

    def describe(self) -> dict[str, str]:
        """Each unit's quantum in Danish notation, with where it came from."""
        described = {}
        for key, quantum in sorted(self.quanta.items()):
            source = "declared" if key in self.declared else "inferred"
            described[key] = f"{format_danish(quantum, quantum)} ({source})"
        return described


WHOLE = Precision({})  # every figure read at its own digits


def key_of(amount: Amount, unit: Unit | str) -> str:
    """The precision key of a figure: its own unit if it names one, else ``unit``."""
    if amount.unit is not None:
        return amount.unit.value
    return unit.value if isinstance(unit, Unit) else unit
