"""What bcalc computes from follow-up reports and portfolio overviews, as pydantic
models: every output format renders these, and the JSON output is their dump
(docs/json.md). Figures serialize as bcalc.results's do ("10.7", at the written
precision); attainment in percent with one decimal ("88.9"); ``None`` is unknown or
not judged, never 0. Lights are the documents' words: "grøn", "gul", "rød".
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import Field, PlainSerializer, field_serializer

from bcalc.display import figure_text
from bcalc.intervals import Figure
from bcalc.kinds.followup import Direction, Expectation, Light, Reading
from bcalc.kinds.portfolio import ModelStatus
from bcalc.lifecycle.rules import Basis, LightKind
from bcalc.numbers import Amount, format_plain
from bcalc.results import FigureValue, LikelyMatch, Result, Status
from bcalc.units import Unit

PERCENT_QUANTUM = Decimal("0.1")
Percent = Annotated[
    Decimal, PlainSerializer(lambda value: format_plain(value, PERCENT_QUANTUM), return_type=str)
]


def _by_year(figures: dict[int, Figure]) -> dict[str, str]:
    return {str(year): figure_text(figure) for year, figure in sorted(figures.items())}


def percent_of(figure: Figure | None) -> Decimal | None:
    return None if figure is None else figure.value


# --- compute: a follow-up report -----------------------------------------------------


class TargetResult(Result):
    name: str
    measure: Literal["helaarspersoner", "activity"]
    direction: Direction
    period: tuple[int, int]
    target: FigureValue
    status: FigureValue
    basis: Basis
    due: FigureValue | None
    attainment: Percent | None
    meets: bool | None
    borderline: bool


class LightResult(Result):
    """The light the report states, the light the figures give, and how they compare."""

    stated: Light | None
    implied: Light | None
    agreement: LightKind | None  # None when either light is missing
    reason: str  # why the figures give ``implied``, in words


class AreaResult(Result):
    id: str
    number: str | None
    title: str
    models: tuple[str, ...]
    investment: FigureValue | None
    budget_years: tuple[int, ...]
    rule: Reading
    attainment: Percent | None
    meets: bool | None
    borderline: bool
    deciding: str
    deciding_danish: str = Field(exclude=True)  # for Danish tables; not in the JSON
    expectation: Expectation | None
    light: LightResult
    targets: tuple[TargetResult, ...]
    remarks: str | None
    # The investment as written ("ca. 3,2"), for judging it against the models' own.
    investment_written: Amount | None = Field(None, exclude=True)
    # The area's attainment as an interval, for the checks' messages.
    percent: Figure | None = Field(None, exclude=True)


class FollowupResult(Result):
    kind: Literal["followup"] = "followup"
    path: str
    title: str
    report_year: int
    unit: Unit
    rule: Reading
    threshold: Percent
    areas: tuple[AreaResult, ...]

    def only(self, model_id: str | None) -> FollowupResult:
        """The report with only the areas covering ``model_id`` (all when None)."""
        if model_id is None:
            return self
        kept = tuple(a for a in self.areas if model_id in a.models)
        return self.model_copy(update={"areas": kept})

    def models(self) -> dict[str, AreaResult]:
        """Each model the report follows up, with the area covering it."""
        return {model: area for area in self.areas for model in area.models}


# --- compute: a portfolio overview ---------------------------------------------------


class ModelResult(Result):
    id: str
    number: str | None
    title: str
    adopted: int
    first_full_year: int
    annual_investment: FigureValue  # in the overview's unit
    status: ModelStatus


class Counts(Result):
    models: int  # in the portfolio: active and recommended for permanentgørelse
    new_models: int  # of those, adopted in the overview's budget year
    recommended_permanent: int
    active_after_permanent: int


class PortfolioResult(Result):
    kind: Literal["portfolio"] = "portfolio"
    path: str
    budget_year: int
    title: str
    unit: Unit
    models: tuple[ModelResult, ...]
    counts: Counts
    annual_investment: FigureValue
    annual_investment_after_permanent: FigureValue
    by_adoption_year: dict[int, Figure]
    stated: dict[str, str]  # what the overview states, as written ("ca. 35,6"; "11")

    @field_serializer("by_adoption_year")
    def _years(self, figures: dict[int, Figure]) -> dict[str, str]:
        return _by_year(figures)

    def only(self, model_id: str | None) -> PortfolioResult:
        """The overview with only the model ``model_id`` (all when None); the totals
        still cover every model."""
        if model_id is None:
            return self
        return self.model_copy(update={"models": tuple(m for m in self.models if m.id == model_id)})


# --- status: every model's life across a folder -------------------------------------


class YearLight(Result):
    """A model's (or an area's) light in one report year."""

    year: int = Field(exclude=True)
    area: str
    light: Light | None  # what the figures give; None when no target is judged yet
    stated: Light | None
    attainment: Percent | None


class Permanent(Result):
    eligible: bool
    reason: str
    reason_danish: str = Field(exclude=True)  # the same for Danish tables; not in the JSON
    recommended: bool  # the latest portfolio overview recommends it or made it permanent


class ModelLife(Result):
    id: str
    number: str | None
    title: str
    adopted: int | None
    first_full_year: int | None
    status: ModelStatus | None  # in the latest portfolio overview; None when not in one
    budget_files: tuple[str, ...]
    investment: dict[int, Figure]  # per year, from its budget files, in the report's unit
    lights: tuple[YearLight, ...]
    permanent: Permanent

    @field_serializer("investment")
    def _years(self, figures: dict[int, Figure]) -> dict[str, str]:
        return _by_year(figures)

    @field_serializer("lights")
    def _lights(self, lights: tuple[YearLight, ...]) -> dict[str, Any]:
        return {str(light.year): light.model_dump(mode="json") for light in lights}


class StatusReport(Result):
    unit: Unit
    files: dict[str, tuple[str, ...]]  # kind → paths, in the order read
    report_years: tuple[int, ...]
    years: tuple[int, ...]  # every year with an investment
    models: tuple[ModelLife, ...]
    investment_by_year: dict[int, Figure]
    investment_by_adoption_year: dict[int, dict[int, Figure]]

    @field_serializer("investment_by_year")
    def _years(self, figures: dict[int, Figure]) -> dict[str, str]:
        return _by_year(figures)

    @field_serializer("investment_by_adoption_year")
    def _adoption(self, table: dict[int, dict[int, Figure]]) -> dict[str, dict[str, str]]:
        return {str(year): _by_year(figures) for year, figures in sorted(table.items())}


# --- compare: two or more follow-up reports ----------------------------------------


class ReportFile(Result):
    path: str
    report_year: int
    title: str


class AreaLights(Result):
    id: str
    title: str  # as in the latest report the area is in
    models: tuple[str, ...]  # every model it covers in any of the reports
    status: Status  # new, ended, changed (a light changed), unchanged
    lights: tuple[YearLight | None, ...]  # one per report; None where it is not in it
    likely_matches: tuple[LikelyMatch, ...] = ()

    @field_serializer("likely_matches")
    def _matches(self, matches: tuple[LikelyMatch, ...]) -> list[dict[str, Any]]:
        return [match.seen_from(self.id) for match in matches]


class FollowupComparison(Result):
    kind: Literal["followup"] = "followup"
    files: tuple[ReportFile, ...]
    counts: dict[Status, int]
    areas: tuple[AreaLights, ...]
    likely_matches: tuple[LikelyMatch, ...]

    @field_serializer("counts")
    def _counts(self, counts: dict[Status, int]) -> dict[str, int]:
        return {status.value: counts[status] for status in Status}

    def only_changed(self) -> FollowupComparison:
        kept = tuple(a for a in self.areas if a.status is not Status.UNCHANGED)
        return self.model_copy(update={"areas": kept})
