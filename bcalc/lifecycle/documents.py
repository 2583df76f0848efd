"""Follow-up reports and portfolio overviews among the files a command is given:
computing one, and which files ``bcalc compare`` can set side by side. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bcalc.kinds import KINDS
from bcalc.kinds.budget import CaseFile
from bcalc.kinds.followup import FollowupReport
from bcalc.kinds.portfolio import Portfolio
from bcalc.lifecycle.followup import compute_followup
from bcalc.lifecycle.portfolio import compute_portfolio
from bcalc.lifecycle.results import FollowupResult, PortfolioResult

if TYPE_CHECKING:
    from bcalc.load import Loaded

# The kinds ``bcalc compare`` compares, each only with its own kind.
COMPARABLE = ("budget", "followup")


def compute_document(document: object, path: str) -> FollowupResult | PortfolioResult | None:
    """A follow-up report's or a portfolio overview's result; None for another kind."""
    if isinstance(document, FollowupReport):
        return compute_followup(document, path)
    if isinstance(document, Portfolio):
        return compute_portfolio(document, path)
    return None


def covers(result: FollowupResult | PortfolioResult, model: str) -> bool:
    """Whether the result says anything about the model (``--proposal``)."""
    if isinstance(result, FollowupResult):
        return model in result.models()
    return any(m.id == model for m in result.models)


def year_of(item: Loaded) -> int:
    """The year a folder's files are ordered by: a budget file's or a portfolio's
    budget year, a follow-up's report year."""
    document = item.document
    if isinstance(document, CaseFile | Portfolio):
        return document.budget_year
    if isinstance(document, FollowupReport):
        return document.report_year
    return 0


def comparable(loaded: Sequence[Loaded]) -> str | None:
    """Why the files cannot be compared, in words; None when they can: all budget
    files, or all follow-up reports."""
    by_kind: dict[str, list[str]] = {}
    for item in loaded:
        by_kind.setdefault(str(item.kind), []).append(item.path)
    if len(by_kind) > 1:
        groups = "; ".join(f"{_what(kind)}: {', '.join(paths)}" for kind, paths in by_kind.items())
        return (
            "compare sets files of one kind side by side, budget files or follow-up reports; "
            f"these are of {len(by_kind)} kinds ({groups}). `bcalc status` shows budget files, "
            "follow-ups and portfolio overviews together"
        )
    kind = next(iter(by_kind), "budget")
    if kind not in COMPARABLE:
        return (
            f"compare takes budget files or follow-up reports; {by_kind[kind][0]} is "
            f"{_what(kind)}. `bcalc status` shows a portfolio overview with the files around it"
        )
    return None


def _what(kind: str) -> str:
    return KINDS[kind].what if kind in KINDS else kind
