"""The yearly follow-up (*målopfølgning*) as pydantic models. No I/O.

One file is one report year. The department reports per follow-up *area* (one area
can cover several investment models): the annual investment, the promised reduction
in helårspersoner and the status against it, activity targets with their status, the
traffic light it gives the area (grøn / gul / rød), and, where it states one, its
expectation going forward. Models are named by the proposal ids of the budget files
that adopted them. How attainment and the light are computed: ``bcalc.lifecycle``
and docs/lifecycle.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, ConfigDict, Field, field_validator

from bcalc.fields import AmountField, Name, Strict, Text, Year, unit_alias
from bcalc.findings import FigurePath, Finding, Severity, dotted
from bcalc.numbers import Amount
from bcalc.units import Unit

MAX_AREAS = 500

# An id as a proposal's: the follow-up names models by their budget files' ids.
ModelId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=100)]
# "1", "1a", "12b": how overviews number models and areas.
Number = Annotated[str, Field(pattern=r"^[0-9]{1,3}[a-zæøå]?$")]


class Deferred(Strict):
    """Strict, with its validator built when a follow-up or a portfolio overview is
    first read rather than when bcalc starts: most runs read budget files only, and
    building these models costs ~20 ms."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Light(str, Enum):
    """The traffic light of a follow-up area, in the documents' own words."""

    GREEN = "grøn"
    YELLOW = "gul"
    RED = "rød"

    @property
    def rank(self) -> int:
        """0 for grøn, 1 for gul, 2 for rød: a higher rank is a worse light."""
        return _RANKS[self]


_RANKS = {Light.GREEN: 0, Light.YELLOW: 1, Light.RED: 2}


def _light_word(raw: Any) -> Any:
    """ "Grøn" and "GRØN" are grøn: the documents capitalise the light."""
    return raw.strip().lower() if isinstance(raw, str) else raw


StatedLight = Annotated[Light, BeforeValidator(_light_word)]

# How "the investment as a whole meets its targets" is read (docs/lifecycle.md):
# every judged target at the threshold or above, their mean (each capped at 100 %),
# or the helårspersoner target alone.
Reading = Literal["all", "mean", "primary"]
Direction = Literal["higher", "lower"]


class Target(Deferred):
    """A target and the status reached: "Mål 2025: 1.850 / Status 2025: 1.912"."""

    direction: Direction = Field(
        "higher",
        description="'higher' when more is better (persons in jobs), 'lower' when less is "
        "(days of waiting, persons still unemployed).",
    )
    target: AmountField = Field(description="The target (måltal) as printed.")
    status: AmountField = Field(description="What was reached (status) as printed.")
    period: tuple[Year, Year] | None = Field(
        None,
        description="First and last year of a target set over several years, e.g. "
        "[2025, 2026]; default: the report year alone.",
    )
    interim_target: AmountField | None = Field(
        None,
        description="For a target over several years: the part due by the end of the "
        "report year, where the follow-up states one.",
    )
    notes: Text | None = None


class Activity(Target):
    """An activity target: forløb started, companies visited, days of waiting."""

    name: Name = Field(description="What is counted, as printed.")


class Expectation(Deferred):
    """The department's expectation going forward ("forventes at indfri målet i 2026")."""

    meets_target: bool = Field(
        description="True when the department expects the area to meet its target "
        "going forward; false when it does not."
    )
    by: Year | None = Field(None, description="The year it expects to meet the target.")
    text: Text | None = Field(None, description="The expectation as written.")


class Area(Deferred):
    """One follow-up area and the models it covers."""

    id: ModelId = Field(description="A short, stable name for the area across report years.")
    number: Number | None = Field(None, description='Its number in the report ("1", "2a").')
    title: Name
    models: list[ModelId] = Field(
        min_length=1, description="The proposal ids, from the budget files, of the models."
    )
    investment: AmountField | None = Field(
        None, description="The annual investment of the area's models together, as printed."
    )
    budget_years: list[Year] = Field(
        default_factory=list,
        description='The budget years printed beside the investment ("ca. 3,2 mio. kr. '
        '(2021, 2022)"): the years its models were adopted.',
    )
    helaarspersoner: Target | None = Field(
        None, description="Fewer helårspersoner: the promised reduction and the status."
    )
    activities: list[Activity] = Field(default_factory=list)
    rule: Reading | None = Field(None, description="This area's own reading of the rule.")
    light: StatedLight | None = Field(None, description="The light the report states.")
    expectation: Expectation | None = None
    remarks: Text | None = None

    def targets(self) -> Iterator[tuple[FigurePath, str, Target]]:
        """Every target of the area: its path inside the area, its name, the target."""
        if self.helaarspersoner is not None:
            yield ("helaarspersoner",), "Færre helårspersoner", self.helaarspersoner
        for index, activity in enumerate(self.activities):
            yield ("activities", index), activity.name, activity


class FollowupReport(Deferred):
    """A follow-up report (målopfølgning) for one year."""

    kind: Literal["followup"] = Field(
        description="The kind of document: a yearly follow-up (målopfølgning)."
    )
    report_year: Year = Field(description="The year followed up.")
    title: Name
    municipality: Name | None = None
    source: Text | None = Field(None, description="Where the figures come from.")
    unit: Unit = Field(description="The unit of the investments.")
    rule: Reading = Field(
        "all",
        description="How 'the investment as a whole meets its targets' is read: 'all' "
        "(every target), 'mean' (the mean attainment, each capped at 100 %), 'primary' "
        "(the helårspersoner target).",
    )
    threshold: AmountField = Field(
        Amount(Decimal(95), Decimal(1)),
        description="The attainment in percent at which an area is green; default 95.",
    )
    areas: list[Area] = Field(min_length=1, max_length=MAX_AREAS)

    _unit_alias = field_validator("unit", mode="before")(unit_alias)


# --- BC003: fields that do not fit together -----------------------------------------

Problem = tuple[FigurePath, str]


def followup_problems(report: FollowupReport) -> list[Finding]:
    """BC003 invalid-case for a follow-up: a target period outside the report year, a
    model listed twice, a negative or zero target where attainment needs one."""
    return [
        Finding("BC003", Severity.ERROR, f"{dotted(path)}: {message}", path=path)
        for path, message in _problems(report)
    ]


def _problems(report: FollowupReport) -> Iterator[Problem]:
    threshold = report.threshold
    if threshold.unit is not None or not 0 < threshold.value <= 100:
        yield ("threshold",), "the threshold is a percentage above 0 and at most 100, e.g. 95"
    areas: dict[str, int] = {}
    models: dict[str, int] = {}
    for index, area in enumerate(report.areas):
        where: FigurePath = ("areas", index)
        if area.id in areas:
            yield (
                (*where, "id"),
                f"area id {area.id!r} is already used by area {areas[area.id] + 1}",
            )
        areas.setdefault(area.id, index)
        for position, model in enumerate(area.models):
            if model in models:
                other = models[model]
                place = "this area" if other == index else f"area {other + 1}"
                yield (*where, "models", position), f"model {model!r} is listed twice (in {place})"
            models.setdefault(model, index)
        yield from _area_problems(report, area, where)


def _area_problems(report: FollowupReport, area: Area, where: FigurePath) -> Iterator[Problem]:
    if area.investment is not None and area.investment.value < 0:
        yield (*where, "investment"), "an investment cannot be negative"
    for position, year in enumerate(area.budget_years):
        if year > report.report_year:
            yield (
                (*where, "budget_years", position),
                f"budget year {year} is after the report year {report.report_year}",
            )
    # In the order of the fields in the model, which is how files are written.
    if area.helaarspersoner is None and not area.activities:
        yield where, "an area needs a helaarspersoner target or at least one activity target"
    for path, _, target in area.targets():
        yield from _target_problems(report.report_year, target, (*where, *path))
    if (area.rule or report.rule) == "primary" and area.helaarspersoner is None:
        yield (
            (*where, "rule") if area.rule else where,
            "rule 'primary' judges the area by its helårspersoner target, and it has none",
        )
    by = None if area.expectation is None else area.expectation.by
    if by is not None and by < report.report_year:
        yield (
            (*where, "expectation", "by"),
            f"an expectation going forward cannot be for {by}, before the report year "
            f"{report.report_year}",
        )


def _target_problems(year: int, target: Target, where: FigurePath) -> Iterator[Problem]:
    for name in ("target", "status", "interim_target"):
        amount: Amount | None = getattr(target, name)
        if amount is None:
            continue
        if amount.unit is not None:
            yield (
                (*where, name),
                f"a target is counted, not money: remove the unit {amount.unit.value!r}",
            )
        if amount.value < 0:
            yield (*where, name), f"a {name.replace('_', ' ')} cannot be negative"
    if target.direction == "higher":
        for name in ("target", "interim_target"):
            amount = getattr(target, name)
            if amount is not None and amount.value == 0:
                yield (
                    (*where, name),
                    f"a {name.replace('_', ' ')} of 0 where more is better gives no attainment",
                )
    first, last = target.period or (year, year)
    if first > last:
        yield (*where, "period"), f"the period starts in {first} after it ends in {last}"
    elif not first <= year <= last:
        yield (
            (*where, "period"),
            f"the target is set for {first}–{last}, outside the report year {year}: a follow-up "
            "reports on targets that run in its year",
        )
    if target.interim_target is not None and last <= year:
        yield (
            (*where, "interim_target"),
            f"an interim target is for a target that runs past the report year; this one ends in "
            f"{last}",
        )
