"""How follow-up reports and portfolio overviews are checked (rules BC501–BC509).

Two passes, as the rules need:

* **one file**: a follow-up's lights, a portfolio's totals and counts are checked
  like a budget file's figures, file by file (``check_document``), and cached with it;
* **the files together**: rules that compare a file with others (a recommendation
  with the follow-ups before it, a portfolio with the budget files, an area's
  investment with its models' business cases) run after every file is checked, over
  every valid document given (``check_together``). Their findings depend on the other
  files, so they never come from the per-file cache: ``checking.check_paths`` runs
  this pass anew whenever a follow-up or portfolio file is among the files, and never
  otherwise, so a check of budget files alone is exactly what it was.

A rule that compares with a kind of file runs only when the files checked include
that kind: a portfolio checked on its own is not told that every model lacks a
budget file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING

from bcalc.checks.judge import judge
from bcalc.findings import FigurePath, Finding, Severity, quote_lines
from bcalc.intervals import Figure
from bcalc.numbers import Amount
from bcalc.render.safe import clip
from bcalc.reports import LIFECYCLE_KINDS, FileReport, RuleChoice

if TYPE_CHECKING:
    from bcalc.checks import Rule
    from bcalc.kinds.followup import FollowupReport
    from bcalc.kinds.portfolio import Portfolio
    from bcalc.lifecycle.folder import Documents
    from bcalc.lifecycle.results import FollowupResult, PortfolioResult
    from bcalc.load import Loaded

Locate = Callable[[FigurePath], tuple[int, int]]
__all__ = ["LIFECYCLE_KINDS", "check_document", "check_together", "with_findings_together"]


@dataclass(frozen=True)
class Place:
    """One document's findings: its file, and where each figure is written in it."""

    path: str
    locate: Locate

    def finding(
        self,
        code: str,
        severity: Severity,
        where: FigurePath,
        message: str,
        model: str | None = None,
    ) -> Finding:
        line, column = self.locate(where)
        return Finding(code, severity, message, self.path, where, line, column, model)

    def judged(
        self,
        code: str,
        where: FigurePath,
        what: str,
        computed: Figure,
        stated: Figure,
        written: Amount,
        unit: str,
        source: str,
    ) -> Iterator[Finding]:
        """A stated figure against the computed one, rounding-aware (``checks.judge``)."""
        outcome = judge(what, computed, stated, written, 1, unit, source)
        if outcome is None:
            return
        yield replace(
            self.finding(code, outcome.severity, where, outcome.message),
            computed=outcome.computed,
            stated=outcome.stated,
            tolerance=outcome.tolerance,
            likely_tolerance=outcome.likely,
            stated_as=written.written,
        )


@dataclass(frozen=True)
class FollowupContext:
    place: Place
    report: FollowupReport
    result: FollowupResult


@dataclass(frozen=True)
class PortfolioContext:
    place: Place
    portfolio: Portfolio
    result: PortfolioResult


@dataclass(frozen=True)
class FolderContext:
    """Every valid document given, computed, with where each one's figures are."""

    documents: Documents


def check_document(loaded: Loaded, rules: Iterable[Rule]) -> list[Finding]:
    """The per-file rules of a follow-up report or a portfolio overview."""
    from bcalc.kinds.followup import FollowupReport
    from bcalc.kinds.portfolio import Portfolio
    from bcalc.lifecycle.followup import compute_followup
    from bcalc.lifecycle.portfolio import compute_portfolio

    place = Place(loaded.path, loaded.locate)
    document = loaded.document
    context: FollowupContext | PortfolioContext
    if isinstance(document, FollowupReport):
        context = FollowupContext(place, document, compute_followup(document, loaded.path))
    elif isinstance(document, Portfolio):
        context = PortfolioContext(place, document, compute_portfolio(document, loaded.path))
    else:
        return []
    kind = str(loaded.kind)
    found = [f for rule in rules if rule.kind == kind and rule.check for f in rule.check(context)]
    return sorted(found, key=Finding.sort_key)


def check_together(loaded: Iterable[Loaded], rules: Iterable[Rule]) -> list[Finding]:
    """The rules that compare files with each other, over every valid document."""
    from bcalc.lifecycle.folder import Documents

    documents = Documents.of(loaded)
    context = FolderContext(documents)
    found = [
        f for rule in rules if rule.kind == "folder" and rule.check for f in rule.check(context)
    ]
    return sorted(found, key=Finding.sort_key)


def with_findings_together(reports: list[FileReport], choice: RuleChoice) -> list[FileReport]:
    """``reports`` with the findings of the rules over the files together added to the
    files they point into (and the lines they quote). Each readable, valid file is
    loaded again: these findings never come from, nor go into, the per-file cache."""
    from bcalc.checks import selected
    from bcalc.load import load_file, with_unit_costs

    loaded = [
        with_unit_costs(load_file(r.path, choice.max_bytes), choice.max_bytes)
        for r in reports
        if not r.invalid
    ]
    found = check_together(loaded, selected(choice.select, choice.ignore))
    if not found:
        return reports
    lines = {item.path: item.lines for item in loaded}
    by_file: dict[str, list[Finding]] = {}
    for finding in found:
        by_file.setdefault(finding.file, []).append(finding)
    merged = []
    for report in reports:
        extra = by_file.get(report.path)
        if extra:
            quoted = quote_lines(extra, lines.get(report.path, []))
            report = replace(
                report,
                findings=tuple(sorted((*report.findings, *extra), key=Finding.sort_key)),
                quoted={**report.quoted, **{n: clip(text) for n, text in quoted.items()}},
            )
        merged.append(report)
    return merged


def percent(value: Decimal | None) -> str:
    """An attainment as messages print it: "88.9 %"."""
    from bcalc.numbers import format_plain

    return "–" if value is None else f"{format_plain(value, Decimal('0.1'))} %"
