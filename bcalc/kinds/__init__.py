"""The kinds of document bcalc reads, one pydantic model each, in one table.

A file says which kind it is with a top-level ``kind:`` field; a budget year's case
file may leave it out (``kind: budget`` is the default, so every case file written
before there were other kinds still reads as one). Each kind has its model and its
rules a file must meet before anything is computed from it (BC003).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from bcalc.findings import Finding
from bcalc.kinds import budget, followup, portfolio, unitcosts
from bcalc.validate import semantic_problems

DEFAULT = "budget"


@dataclass(frozen=True)
class Kind:
    name: str
    model: type[BaseModel]
    what: str  # for messages: "a budget year's case file"
    problems: Callable[[Any], list[Finding]]  # BC003: fields that do not fit together


def _none(document: Any) -> list[Finding]:
    return []


KINDS: dict[str, Kind] = {
    "budget": Kind("budget", budget.CaseFile, "a budget year's case file", semantic_problems),
    "unitcosts": Kind("unitcosts", unitcosts.UnitCostTable, "a unit-cost table", _none),
    "followup": Kind(
        "followup",
        followup.FollowupReport,
        "a follow-up report (målopfølgning)",
        followup.followup_problems,
    ),
    "portfolio": Kind(
        "portfolio", portfolio.Portfolio, "a portfolio overview", portfolio.portfolio_problems
    ),
}

# Every field any kind has at the top of its file: a file with none of them is other
# YAML (a CI workflow), not a bcalc document with mistakes.
TOP_FIELDS = frozenset(name for kind in KINDS.values() for name in kind.model.model_fields)


def kind_named(raw: dict[Any, Any]) -> Kind | str:
    """The kind a file's data declares, or why it declares none bcalc knows."""
    name = raw.get("kind", DEFAULT)
    if isinstance(name, str) and name in KINDS:
        return KINDS[name]
    known = ", ".join(KINDS)
    return f"kind: {name!r} is not a kind of document bcalc reads; one of {known}"
