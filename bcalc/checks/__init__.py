"""Every check bcalc runs, in one explicit table. A check's docstring is its rule doc."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from bcalc import load
from bcalc.checks import (
    claims,
    followup,
    ignores,
    plausibility,
    portfolio,
    stated,
    structure,
    trace,
    unitcosts,
)
from bcalc.checks.base import Context
from bcalc.findings import Finding, Severity
from bcalc.validate import semantic_problems

# A check takes the context of the kind of document its rule is for (``Rule.kind``):
# a budget file's ``Context``, or a follow-up's, a portfolio's or the files' together
# (``bcalc.checks.lifecycle``).
Check = Callable[[Any], Iterator[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    # The most severe finding the rule reports. Arithmetic rules report a difference
    # that rounding explains as info.
    severity: Severity
    check: Check | None
    # What reports the rule, when it is not a check (the loader, the ignore entries):
    # its docstring is the rule's documentation, so the two stay side by side.
    reported_by: Callable[..., object] | None = None
    # Or the documentation itself, where one function reports several rules (trace).
    documentation: str = ""
    # The kind of document the check reads: "budget", "followup", "portfolio", or
    # "folder" for a rule over every file given together (bcalc.checks.lifecycle).
    kind: str = "budget"

    @property
    def doc(self) -> str:
        """The rule's documentation as written (markdown: ``code`` marks)."""
        if self.documentation:
            return self.documentation
        source = self.check or self.reported_by
        return _dedent((source.__doc__ if source else "") or "")

    @property
    def text(self) -> str:
        """The documentation as plain text for a terminal: ``ignore`` → 'ignore'."""
        return re.sub(r"``(.+?)``", r"'\1'", self.doc, flags=re.DOTALL)

    @property
    def summary(self) -> str:
        """The first paragraph without the code and name, on one line."""
        return " ".join(self.text.split("\n\n")[0].split(": ", 1)[-1].split())


def _dedent(text: str) -> str:
    import inspect

    return inspect.cleandoc(text)


_E, _W = Severity.ERROR, Severity.WARNING
RULES: tuple[Rule, ...] = (
    Rule("BC001", "unreadable-file", _E, None, load.unreadable),
    Rule("BC002", "invalid-field", _E, None, load.invalid_field),
    Rule("BC003", "invalid-case", _E, None, semantic_problems),
    Rule("BC101", "stated-year-figure", _E, stated.stated_year_figures),
    Rule("BC102", "stated-period-figure", _E, stated.stated_period_figures),
    Rule("BC103", "component-total", _E, structure.component_totals),
    Rule("BC104", "file-total", _E, structure.file_totals),
    Rule("BC105", "figure-in-two-units", _E, stated.figure_in_two_units),
    Rule("BC106", "period-mismatch", _E, structure.period_labels),
    Rule("BC107", "unused-ignore", _W, None, ignores.apply_ignores),
    Rule("BC108", "ambiguous-number", _W, structure.ambiguous_numbers),
    Rule("BC109", "stated-figures-disagree", _E, stated.stated_figures_agree),
    Rule("BC110", "duplicate-number", _W, structure.proposal_numbers),
    Rule("BC111", "budget-year-not-first", _W, structure.budget_year_in_period),
    Rule("BC201", "implausible-saving-per-person", _W, plausibility.saving_per_person),
    Rule("BC301", "savings-below-investment", _W, plausibility.savings_cover_investment),
    Rule("BC302", "tax-revenue-counted", _E, plausibility.tax_revenue),
    Rule("BC401", "claim-arithmetic", _E, claims.claim_arithmetic),
    Rule("BC402", "table-total", _E, claims.table_totals),
    # Follow-up reports and portfolio overviews (bcalc.checks.lifecycle)
    Rule("BC501", "light-not-supported", _E, followup.light_supported, kind="followup"),
    Rule("BC502", "permanent-too-early", _E, portfolio.permanent_too_early, kind="folder"),
    Rule("BC503", "portfolio-total", _E, portfolio.stated_totals, kind="portfolio"),
    Rule("BC504", "portfolio-count", _E, portfolio.stated_counts, kind="portfolio"),
    Rule("BC505", "model-without-budget-file", _W, portfolio.budget_files, kind="folder"),
    Rule("BC506", "model-not-followed-up", _W, portfolio.followed_up, kind="folder"),
    Rule("BC507", "area-investment", _E, followup.area_investment, kind="folder"),
    Rule("BC508", "unknown-model", _W, followup.known_models, kind="folder"),
    Rule("BC509", "area-budget-years", _W, followup.area_budget_years, kind="folder"),
    Rule("BC601", "saving-per-person-vs-unit-cost", _W, unitcosts.saving_per_person_against_table),
    Rule("BC602", "unit-cost-table-too-old", _W, unitcosts.table_fit),
    Rule("BC603", "unit-cost-price-level", _W, unitcosts.price_level),
    Rule("BC604", "derived-saving", _W, unitcosts.derived_savings),
    Rule("BC605", "unknown-benefit", _E, unitcosts.unknown_benefits),
    Rule("BC606", "illustrative-unit-costs", _W, unitcosts.illustrative_table),
    # bcalc trace CASEFILE --source DOCUMENT
    Rule("BC701", "figure-not-as-printed", _E, None, documentation=trace.doc("BC701")),
    Rule("BC702", "no-such-place", _E, None, documentation=trace.doc("BC702")),
    Rule("BC703", "stale-reference", _W, None, documentation=trace.doc("BC703")),
    Rule("BC704", "reference-without-figure", _W, None, documentation=trace.doc("BC704")),
    Rule("BC705", "other-document", _W, None, documentation=trace.doc("BC705")),
)
RULES_BY_CODE = {rule.code: rule for rule in RULES}


def selected(select: Iterable[str], ignore: Iterable[str]) -> list[Rule]:
    """Rules whose code starts with a selected prefix and with no ignored prefix."""
    chosen = tuple(select) or ("BC",)
    skipped = tuple(ignore)
    return [
        r
        for r in RULES
        if r.code.startswith(chosen) and not (skipped and r.code.startswith(skipped))
    ]


def run_checks(ctx: Context, rules: Iterable[Rule]) -> list[Finding]:
    """The findings of ``rules``, less those an ``ignore`` entry silences, in file order."""
    chosen = list(rules)
    findings = [
        f for rule in chosen if rule.check and rule.kind == "budget" for f in rule.check(ctx)
    ]
    kept = ignores.apply_ignores(ctx, findings, {rule.code for rule in chosen})
    return sorted(kept, key=Finding.sort_key)
