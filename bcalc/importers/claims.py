"""What the recognizer says about a document: claims (this printed figure is that
field of that proposal) and the things it saw but could not place."""

from __future__ import annotations

from dataclasses import dataclass

from bcalc.importers.document import Location
from bcalc.importers.figures import Printed
from bcalc.units import Unit

# Which reading of a figure wins when the document prints one field twice: the
# business case's own table, then the overview and its notes, then running text.
TABLE, OVERVIEW, SENTENCE, REPEAT = 0, 1, 2, 3


@dataclass(frozen=True, slots=True)
class Claim:
    """One printed figure read as one field.

    ``owner`` is the proposal's index, or None for the file. ``field`` is the
    case-file field: ``("investment",)``, ``("stated", "average_savings")``,
    ``("savings", "components")``, ``("helaarspersoner", "phase_in")``.
    """

    owner: int | None
    field: tuple[str, ...]
    figure: Printed
    rank: int
    context: str  # the row or sentence it was read from, for a comment
    unit: Unit | None = None  # the unit that applies: printed, or the table's
    year: int | None = None
    kind: str | None = None  # a saving component's kind
    name: str | None = None  # a component's name
    overview: bool = False  # read from the overview (may become an input)


@dataclass(frozen=True, slots=True)
class Unplaced:
    """Something that looks like part of a business case but found no field."""

    where: Location
    text: str
    reason: str

    def describe(self) -> str:
        return f'{self.where.describe()}: "{self.text}" — {self.reason}'


@dataclass(frozen=True, slots=True)
class UnitSeen:
    """A unit printed in a table's header or caption."""

    unit: Unit
    text: str
    where: Location
