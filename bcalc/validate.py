"""Rules a case file must meet before anything is computed from it.

These are not arithmetic checks (``bcalc check`` does those) but the things that
make a file meaningless: a year outside the period, a negative investment, two
proposals with one id. They are reported like schema errors, with exit code 2.
"""

from __future__ import annotations

from collections.abc import Iterator

from bcalc.findings import Path
from bcalc.model import (
    CaseFile,
    Components,
    PhaseIn,
    Proposal,
    SignConvention,
    Stated,
    proposal_signs,
    proposal_years,
)
from bcalc.numbers import Amount

Problem = tuple[Path, str]


def semantic_problems(case: CaseFile) -> list[Problem]:
    problems = list(_period_problem(("period",), case.period))
    problems += _stated_problems(("stated",), case.stated, case.years)
    seen: dict[str, int] = {}
    for index, proposal in enumerate(case.proposals):
        where: Path = ("proposals", index)
        if proposal.id in seen:
            problems.append(
                (
                    (*where, "id"),
                    f"id {proposal.id!r} is already used by proposal {seen[proposal.id] + 1}",
                )
            )
        seen.setdefault(proposal.id, index)
        problems += _proposal_problems(case, proposal, where)
    return problems


def _period_problem(path: Path, period: tuple[int, int] | None) -> Iterator[Problem]:
    if period is not None and period[0] > period[1]:
        yield path, f"the period starts in {period[0]} after it ends in {period[1]}"


def _proposal_problems(case: CaseFile, proposal: Proposal, where: Path) -> list[Problem]:
    problems = list(_period_problem((*where, "period"), proposal.period))
    years = proposal_years(case, proposal)
    negative_savings = proposal_signs(case, proposal) is SignConvention.GAIN_NEGATIVE
    problems += _flow_problems((*where, "investment"), proposal.investment, years, sign=1)
    if proposal.savings is not None:
        sign = -1 if negative_savings else 1
        problems += _flow_problems((*where, "savings"), proposal.savings, years, sign)
    persons = proposal.helaarspersoner
    if isinstance(persons, PhaseIn):
        problems += _series_problems(
            (*where, "helaarspersoner", "annual"), persons.annual, years, 1
        )
        problems += _series_problems(
            (*where, "helaarspersoner", "phase_in"), persons.phase_in, years, 1, partial=True
        )
    elif persons is not None:
        problems += _series_problems((*where, "helaarspersoner"), persons, years, 1)
    problems += _stated_problems((*where, "stated"), proposal.stated, years)
    if proposal.stated.period_net_gain and proposal.stated.period_net_cost:
        problems.append(
            (
                (*where, "stated", "period_net_cost"),
                "state either period_net_gain or period_net_cost",
            )
        )
    return problems


def _flow_problems(
    path: Path, flow: Amount | dict[int, Amount] | Components, years: tuple[int, int], sign: int
) -> list[Problem]:
    if not isinstance(flow, Components):
        return _series_problems(path, flow, years, sign)
    problems: list[Problem] = []
    for index, component in enumerate(flow.components):
        problems += _series_problems(
            (*path, "components", index, "amount"), component.amount, years, sign
        )
    if flow.total is not None:
        problems += _series_problems((*path, "total"), flow.total, years, sign, partial=True)
    return problems


def _series_problems(
    path: Path,
    series: Amount | dict[int, Amount],
    years: tuple[int, int],
    sign: int,
    partial: bool = False,
) -> list[Problem]:
    """Per-year figures must lie in the period and, for inputs, cover all of it:
    a missing year would otherwise silently count as zero."""
    if isinstance(series, Amount):
        return _sign_problem(path, series, sign)
    problems: list[Problem] = []
    first, last = years
    for year, amount in series.items():
        if not first <= year <= last:
            problems.append(((*path, year), f"{year} is outside the period {first}–{last}"))
        problems += _sign_problem((*path, year), amount, sign)
    missing = [y for y in range(first, last + 1) if y not in series]
    if missing and not partial:
        listed = ", ".join(map(str, missing))
        problems.append((path, f"no figure for {listed}; write 0 for a year without one"))
    return problems


def _sign_problem(path: Path, amount: Amount, sign: int) -> list[Problem]:
    if sign * amount.value >= 0:
        return []
    field = next((p for p in reversed(path) if isinstance(p, str) and p != "amount"), "")
    if sign < 0:
        return [(path, f'{field} must be written negative under gain_negative ("Besparelse (-)")')]
    return [(path, f"{field} cannot be negative")]


def _stated_problems(path: Path, stated: Stated, years: tuple[int, int]) -> list[Problem]:
    problems: list[Problem] = []
    for name in ("investment", "savings", "net_gain", "cumulative_net_gain"):
        series = getattr(stated, name)
        if isinstance(series, dict):
            first, last = years
            problems += [
                ((*path, name, year), f"{year} is outside the period {first}–{last}")
                for year in series
                if not first <= year <= last
            ]
    return problems
