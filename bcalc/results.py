"""What bcalc computes, as pydantic models: every output format renders these.

The JSON of ``compute`` and ``compare`` is their dump (``model_dump(mode="json")``),
so a field added here appears in every machine format at once. Figures serialize as
their display text at the written precision ("10.4"; see ``display.figure_text``),
ratios at a fixed precision; ``None`` is unknown, never 0. The models carry what
presentation needs (units, the document's sign convention) so that nothing after the
calculation reads the input model again. docs/json.md is the contract.
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from pathlib import PurePath
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    SerializerFunctionWrapHandler,
    field_serializer,
    model_serializer,
)

from bcalc.display import figure_text
from bcalc.intervals import Figure
from bcalc.numbers import format_plain
from bcalc.precision import WHOLE, Precision
from bcalc.units import Unit


def _figure(figure: Figure) -> str:
    return figure_text(figure)


def _text(figure: Figure | None) -> str | None:
    return None if figure is None else figure_text(figure)


FigureValue = Annotated[Figure, PlainSerializer(_figure, return_type=str)]


def _at_quantum(figure: Figure) -> str:
    return format_plain(figure.value, figure.quantum)


# A product or quotient: shown to the digits its inputs' rounding leaves meaningful.
DerivedValue = Annotated[Figure, PlainSerializer(_at_quantum, return_type=str)]


def _at(quantum: str) -> Any:
    step = Decimal(quantum)
    return PlainSerializer(lambda value: format_plain(value, step), return_type=str)


class Result(BaseModel):
    """Immutable; built by the calculation, never by parsing user input."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)


# --- compute ------------------------------------------------------------------------


class YearResult(Result):
    year: int = Field(exclude=True)  # the key of the year in JSON
    investment: FigureValue
    savings: FigureValue | None
    net_gain: FigureValue | None
    cumulative_net_gain: FigureValue | None
    helaarspersoner: FigureValue | None
    investment_components: dict[str, FigureValue] = {}
    savings_components: dict[str, FigureValue] = {}
    excluded_savings: dict[str, FigureValue] = {}

    @model_serializer(mode="wrap")
    def _without_empty_parts(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        for name in ("investment_components", "savings_components", "excluded_savings"):
            if not data.get(name):
                data.pop(name, None)
        return data


class PeriodResult(Result):
    years: int
    investment: FigureValue
    savings: FigureValue | None
    net_gain: FigureValue | None
    helaarspersoner: FigureValue | None
    average_investment: FigureValue
    average_savings: FigureValue | None
    average_net_gain: FigureValue | None
    average_helaarspersoner: FigureValue | None


class EffectResult(Result):
    """One effect: fewer helårspersoner on one benefit, and the price used for it."""

    benefit: str
    helaarspersoner: dict[int, Decimal]
    unit_cost_kr: Decimal | None  # the price used: the municipality's share, budget-year prices
    table_cost_kr: Decimal | None  # the table's price in the same terms


class ProposalResult(Result):
    id: str
    number: int | None
    title: str
    target_group: str | None
    unit: Unit
    period_years: tuple[int, int]
    years: list[YearResult]
    period: PeriodResult
    payback_year: int | None
    savings_ratio: Annotated[Decimal, _at("0.01")] | None
    investment_per_helaarsperson_kr: Annotated[Decimal, _at("1")] | None
    savings_per_helaarsperson_kr: Annotated[Decimal, _at("1")] | None
    break_even_helaarspersoner: Annotated[Decimal, _at("0.1")] | None
    # "Besparelse (-)" and "Gevinst (-)": the document writes savings and gains
    # negative. bcalc's figures never are; a table may print them the document's way.
    gains_written_negative: bool = Field(False, exclude=True)
    # With effects by benefit type: the savings on income support their helårspersoner
    # give at the unit-cost table's prices, per year, in the proposal's unit.
    derived_savings: dict[int, FigureValue] | None = Field(None, exclude=True)
    effects: list[EffectResult] = Field(default_factory=list, exclude=True)
    # The precision its figures were read at: the file's, and its own where declared.
    precision: Precision = Field(default=WHOLE, exclude=True)

    @field_serializer("years")
    def _by_year(self, years: list[YearResult]) -> dict[str, Any]:
        return {str(year.year): year.model_dump(mode="json") for year in years}

    @property
    def first_year(self) -> int:
        return self.period_years[0]

    @property
    def last_year(self) -> int:
        return self.period_years[1]


class TotalsYear(Result):
    year: int = Field(exclude=True)
    investment: FigureValue
    savings: FigureValue | None
    net_gain: FigureValue | None


class Totals(Result):
    """All proposals together, in the file's unit."""

    years: list[TotalsYear]
    period: PeriodResult

    @field_serializer("years")
    def _by_year(self, years: list[TotalsYear]) -> dict[str, Any]:
        return {str(year.year): year.model_dump(mode="json") for year in years}


class Needed(Result):
    """A written number of a claim's expression, and what it would have to be."""

    written: str
    value: Annotated[Decimal, _at("0.01")]


class ClaimResult(Result):
    """A claim: the document's words and figure, and what its arithmetic gives."""

    id: str
    text: str
    stated: str  # as the document writes it: "ca. 10,5"
    unit: str | None
    expression: str
    computed: DerivedValue | None  # None when it cannot be computed: ``problem`` says why
    problem: str | None = None
    # For each written number: the value that would make the claim hold (the others
    # as written), so that a reviewer sees which input the claim needs to be true.
    needed: list[Needed] = []


class TotalResult(Result):
    """One stated total of a table against the sum of its figures."""

    axis: str  # "column": a column's total (the "I alt" row); "row": a row's
    label: str
    terms: int
    computed: FigureValue
    stated: str  # as written


class TableResult(Result):
    id: str
    title: str
    unit: str | None
    totals: list[TotalResult]


class FileResult(Result):
    path: str
    budget_year: int
    title: str
    unit: Unit
    period: tuple[int, int]
    proposals: list[ProposalResult]
    totals: Totals
    claims: list[ClaimResult] = []
    tables: list[TableResult] = []
    # The precision each unit's figures were read at (bcalc.precision).
    precision: Precision = Field(default=WHOLE, exclude=True)

    @property
    def first_year(self) -> int:
        return self.period[0]

    @property
    def last_year(self) -> int:
        return self.period[1]

    @model_serializer(mode="wrap")
    def _without_empty_parts(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        for name in ("claims", "tables"):  # optional keys: left out when empty
            if not data.get(name):
                data.pop(name, None)
        return data

    def only(self, proposal_id: str | None) -> FileResult:
        """The file with only the proposal ``proposal_id`` (all when None); the totals
        still cover every proposal."""
        if proposal_id is None:
            return self
        kept = [p for p in self.proposals if p.id == proposal_id]
        return self.model_copy(update={"proposals": kept})


# --- compare ------------------------------------------------------------------------

# The four annual averages that decide whether a proposal changed, in display order.
AVERAGES = (
    "average_investment",
    "average_savings",
    "average_net_gain",
    "average_helaarspersoner",
)
# Totals over each business case's own period: shown per file, not compared.
PERIOD_TOTALS = ("investment", "savings", "net_gain", "helaarspersoner")


class Status(str, Enum):
    NEW = "new"
    ENDED = "ended"
    CHANGED = "changed"
    UNCHANGED = "unchanged"


class Values(Result):
    """One proposal, or one file's portfolio, in one file; money in the comparison's
    unit. ``unit`` is the unit the figures were written in."""

    title: str
    unit: Unit
    period: tuple[int, int]
    years: int
    average_investment: FigureValue
    average_savings: FigureValue | None
    average_net_gain: FigureValue | None
    average_helaarspersoner: FigureValue | None
    investment: FigureValue
    savings: FigureValue | None
    net_gain: FigureValue | None
    helaarspersoner: FigureValue | None

    @property
    def first_year(self) -> int:
        return self.period[0]

    @property
    def last_year(self) -> int:
        return self.period[1]

    def figure(self, name: str) -> Figure | None:
        """A figure by name: one of ``AVERAGES`` or ``PERIOD_TOTALS``."""
        value: Figure | None = getattr(self, name)
        return value


# A percentage of change is shown to one decimal.
PERCENT_QUANTUM = Decimal("0.1")


class Change(Result):
    """One figure from a proposal's first file to its last.

    ``changed`` is True when the figure differs between any two files the proposal is
    in, so it can be True while ``absolute`` is zero (3,0 → 3,5 → 3,0).
    """

    old: FigureValue | None
    new: FigureValue | None
    changed: bool

    @property
    def absolute(self) -> Figure | None:
        return None if self.old is None or self.new is None else self.new - self.old

    @property
    def percent(self) -> Decimal | None:
        """Relative to the old value's size; None when it is zero or unknown."""
        if self.old is None or self.new is None or self.old.value == 0:
            return None
        return (self.new.value - self.old.value) / abs(self.old.value) * 100

    @model_serializer(mode="plain")
    def _with_change(self) -> dict[str, Any]:
        percent = self.percent
        return {
            "from": _text(self.old),
            "to": _text(self.new),
            "absolute": _text(self.absolute),
            "percent": None if percent is None else format_plain(percent, PERCENT_QUANTUM),
            "changed": self.changed,
        }


class LikelyMatch(Result):
    """An ended and a new proposal with (nearly) the same title; never merged."""

    old_id: str
    old_title: str
    old_file: int  # index of the last file the old proposal is in
    new_id: str
    new_title: str
    new_file: int  # index of the first file the new proposal is in
    reason: str
    reason_danish: str = Field(exclude=True)  # the same for Danish tables; not in the JSON

    def seen_from(self, proposal_id: str) -> dict[str, Any]:
        """The other side of the match, as the proposal ``proposal_id`` sees it."""
        is_old = self.old_id == proposal_id
        return {
            "id": self.new_id if is_old else self.old_id,
            "title": self.new_title if is_old else self.old_title,
            "file": self.new_file if is_old else self.old_file,
            "relation": "successor" if is_old else "predecessor",
            "reason": self.reason,
        }

    @model_serializer(mode="plain")
    def _old_and_new(self) -> dict[str, Any]:
        return {
            "old": {"id": self.old_id, "title": self.old_title, "file": self.old_file},
            "new": {"id": self.new_id, "title": self.new_title, "file": self.new_file},
            "reason": self.reason,
        }


def _change_set(changes: dict[str, Change], first: int | None, last: int | None) -> Any:
    return {
        "from_file": first,
        "to_file": last,
        **{n: changes[n].model_dump(mode="json") if n in changes else None for n in AVERAGES},
    }


class ProposalComparison(Result):
    id: str
    title: str  # as in the latest file the proposal is in
    status: Status
    values: tuple[Values | None, ...]  # one per file; None where it is not in the file
    # From the first file the proposal is in to the last, keyed by AVERAGES; empty
    # when it is in one file only (a new or ended proposal has nothing to change from).
    changes: dict[str, Change] = Field(exclude=True)
    likely_matches: tuple[LikelyMatch, ...] = Field((), exclude=True)
    # The change in its average saving, first file to last, split (bcalc.explain).
    explained: Explained | None = Field(None, exclude=True)

    @property
    def first_file(self) -> int:
        return next(i for i, v in enumerate(self.values) if v is not None)

    @property
    def last_file(self) -> int:
        return max(i for i, v in enumerate(self.values) if v is not None)

    @model_serializer(mode="wrap")
    def _as_documented(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        several = bool(self.changes)
        return {
            "id": self.id,
            "title": self.title,
            "status": self.status.value,
            "values": data["values"],
            "change": _change_set(
                self.changes,
                self.first_file if several else None,
                self.last_file if several else None,
            ),
            "likely_matches": [m.seen_from(self.id) for m in self.likely_matches],
            **(
                {"explained": self.explained.model_dump(mode="json")}
                if self.explained is not None
                else {}
            ),
        }


class Comparison(Result):
    files: tuple[FileResult, ...] = Field(exclude=True)  # as given, oldest first
    unit: Unit
    proposals: tuple[ProposalComparison, ...]
    # Of every proposal, also when ``proposals`` is filtered.
    counts: dict[Status, int] = Field(exclude=True)
    totals: tuple[Values, ...]  # the portfolio, one per file
    total_changes: dict[str, Change] = Field(exclude=True)  # first → last file, by AVERAGES
    likely_matches: tuple[LikelyMatch, ...]
    scored_pairs: int = Field(exclude=True)  # title pairs the likely-match search compared
    savings_explained: PortfolioExplained | None = Field(None, exclude=True)

    @property
    def periods(self) -> list[tuple[int, int]]:
        """Every distinct period compared, files' and proposals' own, in order."""
        spans = {v.period for v in self.totals}
        spans |= {v.period for p in self.proposals for v in p.values if v is not None}
        return sorted(spans)

    @property
    def converted_from(self) -> list[Unit]:
        """Units figures were written in other than the comparison's, if any."""
        units = {v.unit for v in self.totals}
        units |= {v.unit for p in self.proposals for v in p.values if v is not None}
        others = (u for u in units if u is not self.unit)
        return sorted(others, key=lambda u: u.to(Unit.KR))

    def labels(self) -> list[str]:
        """Names for the files: budget years, else file names, else numbered."""
        years = [str(f.budget_year) for f in self.files]
        if len(set(years)) == len(years):
            return years
        names = [PurePath(f.path).name for f in self.files]
        if len(set(names)) == len(names):
            return names
        return [f"{year} ({index})" for index, year in enumerate(years, start=1)]

    def only_changed(self) -> Comparison:
        """Without the unchanged proposals (the counts still count them)."""
        kept = tuple(p for p in self.proposals if p.status is not Status.UNCHANGED)
        return self.model_copy(update={"proposals": kept})

    @model_serializer(mode="wrap")
    def _as_documented(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        return {
            "files": [
                {
                    "path": f.path,
                    "budget_year": f.budget_year,
                    "title": f.title,
                    "unit": f.unit.value,
                    "period": list(f.period),
                }
                for f in self.files
            ],
            "unit": self.unit.value,
            "basis": "annual_average",
            "periods_differ": len(self.periods) > 1,
            "counts": {status.value: self.counts[status] for status in Status},
            "proposals": data["proposals"],
            "totals": data["totals"],
            "totals_change": _change_set(self.total_changes, 0, len(self.files) - 1),
            "likely_matches": data["likely_matches"],
            **(
                {"savings_explained": self.savings_explained.model_dump(mode="json")}
                if self.savings_explained is not None
                else {}
            ),
        }


# --- sensitivity --------------------------------------------------------------------


class ScenarioRow(Result):
    """One scenario of a proposal, over its period, in the proposal's unit."""

    name: str
    period_investment: Annotated[Decimal, _at("0.01")]
    period_savings: Annotated[Decimal, _at("0.01")]
    period_net_gain: Annotated[Decimal, _at("0.01")]
    payback_year: int | None
    present_value: Annotated[Decimal, _at("0.01")] | None  # the net gain's, discounted


class Switching(Result):
    """Where the period net gain is zero: the effect share the savings may fall to,
    the investment they just cover (and as a change), the unit cost (kroner a year per
    helårsperson) at which they do."""

    effect_share: Annotated[Decimal, _at("0.0001")] | None
    investment: Annotated[Decimal, _at("0.01")] | None
    investment_change: Annotated[Decimal, _at("0.0001")] | None
    unit_cost_kr: Annotated[Decimal, _at("1")] | None


class ProposalSensitivity(Result):
    id: str
    title: str
    unit: Unit
    scenarios: list[ScenarioRow]
    switching: Switching


class SensitivityResult(Result):
    path: str
    title: str
    unit: Unit
    rate: Annotated[Decimal, _at("0.001")]  # the real discount rate of the present values
    proposals: list[ProposalSensitivity]


# --- compare that explains ------------------------------------------------------------


class Explained(Result):
    """A proposal's change in average saving a year: volume + price + phasing = total."""

    total: Annotated[Decimal, _at("0.001")]
    volume: Annotated[Decimal, _at("0.001")]
    price: Annotated[Decimal, _at("0.001")]
    phasing: Annotated[Decimal, _at("0.001")]


class PortfolioExplained(Result):
    """The portfolio's change in average savings a year: new + ended + changed = total."""

    total: Annotated[Decimal, _at("0.001")]
    new: Annotated[Decimal, _at("0.001")]
    ended: Annotated[Decimal, _at("0.001")]
    changed: Annotated[Decimal, _at("0.001")]
