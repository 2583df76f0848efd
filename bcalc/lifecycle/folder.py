"""Every document of a folder together: budget files, follow-up reports and portfolio
overviews, matched by model id, and each model's life across them (``bcalc status``).
Pure: the documents come loaded; nothing here reads a file.

A model is a proposal id. Its title, number, adoption year and status come from the
latest portfolio overview that lists it, else from its budget files (adopted in the
budget year of the first that has it); its investment per year from its budget files
(a later file overrides an earlier one for the years both give: it is the newer
decision); its lights from the follow-up reports whose areas cover it. A model that
is in one kind of file and not another is shown with what is known, never dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bcalc.calc import compute_file, convert
from bcalc.compare import Titled, find_likely_matches
from bcalc.findings import FigurePath
from bcalc.intervals import Figure
from bcalc.kinds.budget import CaseFile
from bcalc.kinds.followup import FollowupReport, Light
from bcalc.kinds.portfolio import Portfolio
from bcalc.lifecycle.followup import compute_followup
from bcalc.lifecycle.portfolio import compute_portfolio
from bcalc.lifecycle.results import (
    FollowupResult,
    ModelLife,
    ModelResult,
    Permanent,
    PortfolioResult,
    StatusReport,
    YearLight,
)
from bcalc.lifecycle.rules import Eligibility, permanent_eligibility
from bcalc.results import FileResult, LikelyMatch, ProposalResult
from bcalc.units import Unit

if TYPE_CHECKING:
    from bcalc.load import Loaded

Locate = Callable[[FigurePath], tuple[int, int]]


@dataclass(frozen=True)
class BudgetDoc:
    path: str
    case: CaseFile
    result: FileResult
    locate: Locate


@dataclass(frozen=True)
class FollowupDoc:
    path: str
    report: FollowupReport
    result: FollowupResult
    locate: Locate


@dataclass(frozen=True)
class PortfolioDoc:
    path: str
    portfolio: Portfolio
    result: PortfolioResult
    locate: Locate


@dataclass(frozen=True)
class Documents:
    """Every valid document given, by kind: budget files oldest first (by budget
    year), follow-ups by report year, portfolio overviews by budget year."""

    budgets: tuple[BudgetDoc, ...]
    followups: tuple[FollowupDoc, ...]
    portfolios: tuple[PortfolioDoc, ...]

    @classmethod
    def of(cls, loaded: Iterable[Loaded]) -> Documents:
        """The valid documents among ``loaded``, computed (a budget file with the
        unit-cost table it names, where the loader read one)."""
        budgets: list[BudgetDoc] = []
        followups: list[FollowupDoc] = []
        portfolios: list[PortfolioDoc] = []
        for item in loaded:
            path, document, locate = item.path, item.document, item.locate
            if isinstance(document, CaseFile):
                computed = compute_file(document, path, item.unit_costs)
                budgets.append(BudgetDoc(path, document, computed, locate))
            elif isinstance(document, FollowupReport):
                followed = compute_followup(document, path)
                followups.append(FollowupDoc(path, document, followed, locate))
            elif isinstance(document, Portfolio):
                overview = compute_portfolio(document, path)
                portfolios.append(PortfolioDoc(path, document, overview, locate))
        return cls(
            tuple(sorted(budgets, key=lambda d: d.case.budget_year)),
            tuple(sorted(followups, key=lambda d: d.report.report_year)),
            tuple(sorted(portfolios, key=lambda d: d.portfolio.budget_year)),
        )

    def proposals(self) -> dict[str, list[tuple[BudgetDoc, int, ProposalResult]]]:
        """Each proposal id with where it is: its budget file, index and result."""
        found: dict[str, list[tuple[BudgetDoc, int, ProposalResult]]] = {}
        for doc in self.budgets:
            for index, proposal in enumerate(doc.result.proposals):
                found.setdefault(proposal.id, []).append((doc, index, proposal))
        return found

    def known_ids(self) -> set[str]:
        """Every model id a budget file or a portfolio overview names."""
        ids = set(self.proposals())
        return ids | {m.id for doc in self.portfolios for m in doc.result.models}

    def unit(self) -> Unit:
        """The unit of a status report: the latest overview's, else the latest budget
        file's, else the latest follow-up's."""
        for docs in (self.portfolios, self.budgets, self.followups):
            if docs:
                return docs[-1].result.unit
        return Unit.MIO


def lights_by_model(followups: Sequence[FollowupDoc]) -> dict[str, list[YearLight]]:
    """Each model's light in every report that follows it up, oldest first."""
    lights: dict[str, list[YearLight]] = {}
    for doc in followups:
        for model, area in doc.result.models().items():
            lights.setdefault(model, []).append(
                YearLight(
                    year=doc.report.report_year,
                    area=area.id,
                    light=area.light.implied,
                    stated=area.light.stated,
                    attainment=area.attainment,
                )
            )
    return lights


def eligibility(lights: Sequence[YearLight], last_year: int | None) -> Eligibility:
    """Two green years running up to ``last_year``, from a model's lights."""
    by_year: dict[int, Light | None] = {light.year: light.light for light in lights}
    return permanent_eligibility(by_year, last_year)


def likely_by_title(
    missing: Sequence[tuple[str, str]], candidates: Sequence[tuple[str, str]]
) -> dict[str, LikelyMatch]:
    """For ids found nowhere else, the candidate (id, title) with the same or nearly
    the same title, as ``bcalc compare`` finds them (never merged)."""
    old = [Titled(model, title, 0, 0) for model, title in missing]
    new = [Titled(model, title, 1, 1) for model, title in candidates]
    return {match.old_id: match for match in find_likely_matches(old, new, 2).matches}


def model_lives(docs: Documents) -> StatusReport:
    """Each model's life across the documents, and the portfolio's investment by year
    and by the year its models were adopted."""
    unit = docs.unit()
    proposals = docs.proposals()
    listed = _portfolio_entries(docs.portfolios)
    lights = lights_by_model(docs.followups)
    ids = list(dict.fromkeys([*listed, *proposals, *lights]))
    last_year = docs.followups[-1].report.report_year if docs.followups else None
    lives = [
        _life(model, listed.get(model), proposals.get(model, []), lights.get(model, []), unit)
        for model in ids
    ]
    lives = [life.model_copy(update={"permanent": _permanent(life, last_year)}) for life in lives]
    lives.sort(key=lambda life: (life.adopted or 9999, _order(life.number)))
    by_year: dict[int, Figure] = {}
    by_adoption: dict[int, dict[int, Figure]] = {}
    for life in lives:
        for year, figure in life.investment.items():
            by_year[year] = by_year[year] + figure if year in by_year else figure
            if life.adopted is not None:
                row = by_adoption.setdefault(life.adopted, {})
                row[year] = row[year] + figure if year in row else figure
    files = {
        "budget": tuple(d.path for d in docs.budgets),
        "followup": tuple(d.path for d in docs.followups),
        "portfolio": tuple(d.path for d in docs.portfolios),
    }
    return StatusReport(
        unit=unit,
        files=files,
        report_years=tuple(d.report.report_year for d in docs.followups),
        years=tuple(sorted(by_year)),
        models=tuple(lives),
        investment_by_year=dict(sorted(by_year.items())),
        investment_by_adoption_year=dict(sorted(by_adoption.items())),
    )


def _portfolio_entries(portfolios: Sequence[PortfolioDoc]) -> dict[str, ModelResult]:
    """Each model as the latest overview listing it has it."""
    entries: dict[str, ModelResult] = {}
    for doc in portfolios:  # oldest first: a later overview overrides
        for model in doc.result.models:
            entries.pop(model.id, None)
            entries[model.id] = model
    return entries


def _life(
    model: str,
    entry: ModelResult | None,
    budgets: list[tuple[BudgetDoc, int, ProposalResult]],
    lights: list[YearLight],
    unit: Unit,
) -> ModelLife:
    investment: dict[int, Figure] = {}
    for _, _, proposal in budgets:  # oldest first: a later budget file overrides
        for year in proposal.years:
            investment[year.year] = convert(year.investment, proposal.unit, unit)
    first = budgets[0] if budgets else None
    title = entry.title if entry else (budgets[-1][2].title if budgets else "")
    # The overview's numbering ("1a"): each budget file numbers its own proposals.
    number = entry.number if entry else None
    adopted = entry.adopted if entry else (first[0].case.budget_year if first else None)
    return ModelLife(
        id=model,
        number=number,
        title=title,
        adopted=adopted,
        first_full_year=entry.first_full_year if entry else adopted,
        status=entry.status if entry else None,
        budget_files=tuple(dict.fromkeys(doc.path for doc, _, _ in budgets)),
        investment=dict(sorted(investment.items())),
        lights=tuple(lights),
        permanent=Permanent(eligible=False, reason="", reason_danish="", recommended=False),
    )


def _permanent(life: ModelLife, last_year: int | None) -> Permanent:
    judged = eligibility(life.lights, last_year)
    reason, danish = judged.reason, judged.reason_danish
    first = life.first_full_year
    if not life.lights and first is not None and last_year is not None and first > last_year:
        reason = f"first full year {first}, not yet followed up"
        danish = f"første hele år {first}, endnu ikke fulgt op"
    recommended = life.status in ("recommended_permanent", "permanent")
    return Permanent(
        eligible=judged.eligible, reason=reason, reason_danish=danish, recommended=recommended
    )


def _order(number: str | None) -> tuple[int, str]:
    """ "2" before "10", "1a" before "1b"; unnumbered last."""
    if number is None:
        return (10_000, "")
    digits = "".join(c for c in number if c.isdigit())
    return (int(digits) if digits else 10_000, number)
