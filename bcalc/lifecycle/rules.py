"""The follow-up's written rules as code. Pure: figures in, judgements out.

The rule as the reports write it: an area is **grøn** when the investment as a whole
meets its expected targets for the year within a 95 % interval (95 % attainment),
**gul** when it misses this year's target but is expected to meet it going forward,
**rød** when it misses and needs action. A model that was grøn two years running may
be recommended for permanentgørelse. The readings bcalc takes where the words leave a
choice are documented in docs/lifecycle.md and with each function here.

Targets and statuses are written figures, so attainment is a ``Figure``: an interval
that rounding of the written figures allows. A light is decided by the figures as
written; ``borderline`` says when rounding alone could put an attainment on the other
side of the threshold, which the checks treat as rounding, never as an error.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from bcalc.intervals import DivisorIsZero, DivisorMayBeZero, Figure, total
from bcalc.kinds.followup import Direction, Expectation, Light, Reading

HUNDRED = Decimal(100)

# What a target's status is judged against in the report year: the whole target; for
# a target over several years its pro-rata share or the interim target the report
# states; or nothing yet (a lower-is-better level due only in its last year).
Basis = Literal["target", "pro_rata", "interim", "not_judged"]


@dataclass(frozen=True, slots=True)
class Attainment:
    """One target judged in the report year."""

    basis: Basis
    due: Figure | None  # what the status is judged against this year
    percent: Figure | None  # None when not judged, or a lower-is-better status of 0
    meets: bool | None  # at the threshold or above; None when not judged this year
    borderline: bool  # rounding of the written figures could put it on the other side


def due_this_year(
    target: Figure,
    direction: Direction,
    period: tuple[int, int],
    year: int,
    interim: Figure | None = None,
) -> tuple[Basis, Figure | None]:
    """What a target is judged against in ``year``.

    A target for one year, or in the last year of its period, is judged whole. Before
    the last year, an interim target the report states is used; otherwise a target
    where more is better counts up over its period and is judged pro rata, by the
    years elapsed (400 forløb over 2025–2026 is 200 by the end of 2025); a target
    where less is better is a level to reach by the end and is not judged yet.
    """
    first, last = period
    if year >= last:
        return "target", target
    if interim is not None:
        return "interim", interim
    if direction == "higher":
        return "pro_rata", target.scaled(Decimal(year - first + 1)).per(last - first + 1)
    return "not_judged", None


def attainment(
    status: Figure, due: Figure | None, direction: Direction, threshold: Decimal, basis: Basis
) -> Attainment:
    """Status against what is due, in percent: status ÷ due where more is better,
    due ÷ status where less is better (30 days of waiting against a target of 24 is
    80 %). A lower-is-better status of 0 meets any target (no percentage exists)."""
    if due is None:
        return Attainment("not_judged", None, None, None, False)
    if direction == "lower" and status.value == 0:
        return Attainment(basis, due, None, True, False)
    ratio = _ratio(status, due) if direction == "higher" else _ratio(due, status)
    percent = ratio.scaled(HUNDRED)
    meets = percent.value >= threshold
    return Attainment(basis, due, percent, meets, straddles(percent, threshold))


def _ratio(numerator: Figure, denominator: Figure) -> Figure:
    try:
        return numerator / denominator
    except DivisorMayBeZero:
        # "ca. 1" may be 0: no interval exists; judge the figures as written.
        return Figure.exact(numerator.value / denominator.value, numerator.quantum)
    except DivisorIsZero:  # a target of 0 where more is better is refused when loading
        return Figure.exact(Decimal(0))


def straddles(percent: Figure, threshold: Decimal) -> bool:
    """Whether rounding of the written figures allows either side of the threshold."""
    return percent.low < threshold <= percent.high


@dataclass(frozen=True, slots=True)
class Judged:
    """A target of an area as the rule sees it."""

    name: str
    primary: bool  # the helårspersoner target
    attainment: Attainment


@dataclass(frozen=True, slots=True)
class AreaJudgement:
    """Whether an area meets its targets under a reading of the rule."""

    percent: Figure | None  # the area's attainment under the reading
    meets: bool | None  # None: no target is judged this year
    borderline: bool  # rounding could turn ``meets`` around
    deciding: str  # which targets decided, for messages
    deciding_danish: str  # the same for Danish tables


def judge_area(rule: Reading, targets: Sequence[Judged], threshold: Decimal) -> AreaJudgement:
    """The area under one reading of "the investment as a whole meets its targets":

    * ``all``: every target judged this year is at the threshold or above; the area's
      attainment is the lowest;
    * ``mean``: the mean attainment of the targets judged this year, each capped at
      100 %, so that overshooting one target cannot make up for missing another;
    * ``primary``: the helårspersoner target alone decides.
    """
    judged = [t for t in targets if t.attainment.meets is not None]
    if rule == "primary":
        judged = [t for t in judged if t.primary]
    if not judged:
        return AreaJudgement(
            None, None, False, "no target is judged this year", "intet mål vurderes i år"
        )
    if rule == "mean":
        capped = [_capped(t.attainment.percent) for t in judged]
        mean = total(capped).per(len(capped))
        meets = mean.value >= threshold
        deciding = f"the mean of {len(judged)} targets, each capped at 100 %"
        danish = f"gennemsnittet af {len(judged)} mål, hvert medregnet med højst 100 %"
        return AreaJudgement(mean, meets, straddles(mean, threshold), deciding, danish)
    meets = all(t.attainment.meets for t in judged)
    with_percent = [t for t in judged if t.attainment.percent is not None]
    lowest = min(with_percent, key=lambda t: _value(t.attainment.percent), default=None)
    percent = None if lowest is None else lowest.attainment.percent
    if meets:  # rounding could push any one of them below
        borderline = any(t.attainment.borderline for t in judged)
    else:  # rounding would have to lift every one that misses
        borderline = all(t.attainment.borderline for t in judged if not t.attainment.meets)
    if rule == "primary":
        deciding, danish = "the helårspersoner target", "målet for helårspersoner"
    elif len(judged) == 1:
        deciding = f"its one target judged this year ({judged[0].name})"
        danish = f"det eneste mål, der vurderes i år ({judged[0].name})"
    else:
        name = lowest.name if lowest else "–"
        deciding = f"the lowest of {len(judged)} targets ({name})"
        danish = f"det laveste af {len(judged)} mål ({name})"
    return AreaJudgement(percent, meets, borderline, deciding, danish)


def _value(figure: Figure | None) -> Decimal:
    return HUNDRED if figure is None else figure.value


def _capped(percent: Figure | None) -> Figure:
    """At most 100 %; a lower-is-better status of 0 (no percentage) counts as 100 %."""
    if percent is None or percent.low >= HUNDRED:
        return Figure.exact(HUNDRED)
    if percent.high <= HUNDRED:
        return percent
    return Figure(
        min(percent.value, HUNDRED), percent.low, HUNDRED, percent.variance, percent.quantum
    )


def implied_light(meets: bool | None, expectation: Expectation | None) -> Light | None:
    """grøn when the area meets its targets; otherwise gul when the department
    expects it to meet them going forward, rød when it does not or says nothing (a
    yellow light is a promise, and a promise must be written)."""
    if meets is None:
        return None
    if meets:
        return Light.GREEN
    return Light.YELLOW if expectation is not None and expectation.meets_target else Light.RED


# How a stated light compares with the one the figures give.
LightKind = Literal["equal", "rounding", "better", "worse"]


def compare_light(
    stated: Light, judgement: AreaJudgement, expectation: Expectation | None
) -> LightKind:
    """``equal``; ``rounding`` when only rounding of the written figures separates
    them; ``better`` when the stated light is better than the figures support (grøn
    at 90 %); ``worse`` when it is more cautious than they are."""
    implied = implied_light(judgement.meets, expectation)
    if implied is None or stated is implied:
        return "equal"
    if judgement.borderline and stated is implied_light(not judgement.meets, expectation):
        return "rounding"
    return "better" if stated.rank < implied.rank else "worse"


@dataclass(frozen=True, slots=True)
class Eligibility:
    """Whether a model may be recommended for permanentgørelse, and why."""

    eligible: bool
    reason: str
    reason_danish: str  # the same for Danish tables


def permanent_eligibility(lights: Mapping[int, Light | None], last_year: int | None) -> Eligibility:
    """Grøn two years running: in ``last_year`` (the latest follow-up considered) and
    the year before. ``lights`` holds the model's light per report year it was
    followed up in (None: followed up, but no target judged yet); a year missing from
    it was not followed up, and a gap breaks the run."""
    if last_year is None:
        return Eligibility(
            False, "no follow-up report among the files", "ingen målopfølgning blandt filerne"
        )
    years = (last_year - 1, last_year)
    words = [_light_in(lights, year, False) for year in years]
    danish = [_light_in(lights, year, True) for year in years]
    if all(lights.get(year) is Light.GREEN for year in years):
        return Eligibility(
            True, f"grøn in {years[0]} and {years[1]}", f"grøn i {years[0]} og {years[1]}"
        )
    if lights.get(last_year) is not Light.GREEN:
        return Eligibility(False, words[1], danish[1])
    return Eligibility(False, f"{words[1]}, but {words[0]}", f"{danish[1]}, men {danish[0]}")


def _light_in(lights: Mapping[int, Light | None], year: int, danish: bool) -> str:
    if year not in lights:
        return f"ikke fulgt op i {year}" if danish else f"not followed up in {year}"
    light = lights[year]
    if light is None:
        return f"intet mål vurderet i {year}" if danish else f"no target judged in {year}"
    return f"{light.value} i {year}" if danish else f"{light.value} in {year}"
