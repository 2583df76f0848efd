"""Every check bcalc runs, in one explicit table. A check's docstring is its rule doc."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from bcalc.checks import plausibility, stated, structure
from bcalc.checks.base import Context
from bcalc.findings import Finding, dotted


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    check: Callable[[Context], Iterator[Finding]] | None

    @property
    def doc(self) -> str:
        source = self.check.__doc__ if self.check else LOAD_DOCS[self.code]
        return _dedent(source or "")


def _dedent(text: str) -> str:
    import inspect

    return inspect.cleandoc(text)


# Load problems carry codes too, so that every finding can be looked up.
LOAD_DOCS = {
    "BC001": """BC001 unreadable-file: the file cannot be read as a case file: not UTF-8, not
    YAML, empty, not a mapping, a duplicated key, a custom YAML tag, or too large.

    Why it matters: nothing in such a file can be trusted, so nothing is computed
    from it (exit code 2).""",
    "BC002": """BC002 invalid-field: a field is unknown (a typo), missing, or holds text
    where an amount, a year or a unit belongs.

    Why it matters: a mistyped key would otherwise silently drop a figure
    (exit code 2).""",
    "BC003": """BC003 invalid-case: the fields are well-formed but do not make sense
    together: a year outside the period, a negative investment, a missing year in a
    per-year mapping, two proposals with one id.

    Why it matters: such a file describes no business case that can be computed
    (exit code 2).""",
}

RULES: tuple[Rule, ...] = (
    Rule("BC001", "unreadable-file", None),
    Rule("BC002", "invalid-field", None),
    Rule("BC003", "invalid-case", None),
    Rule("BC101", "stated-year-figure", stated.stated_year_figures),
    Rule("BC102", "stated-period-figure", stated.stated_period_figures),
    Rule("BC103", "component-total", structure.component_totals),
    Rule("BC104", "file-total", structure.file_totals),
    Rule("BC105", "figure-in-two-units", stated.figure_in_two_units),
    Rule("BC106", "period-mismatch", structure.period_labels),
    Rule("BC201", "implausible-saving-per-person", plausibility.saving_per_person),
    Rule("BC301", "savings-below-investment", plausibility.savings_cover_investment),
    Rule("BC302", "tax-revenue-counted", plausibility.tax_revenue),
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
    findings = [f for rule in rules if rule.check for f in rule.check(ctx)]
    return sorted(_without_ignored(ctx, findings), key=Finding.sort_key)


def _without_ignored(ctx: Context, findings: list[Finding]) -> Iterator[Finding]:
    """Drop findings silenced in the file. An ignore names a code and, optionally, the
    figure (a dotted path inside its proposal, or inside the file)."""
    file_ignores = [(i.code, i.figure) for i in ctx.case.ignore]
    by_proposal = {p.id: [(i.code, i.figure) for i in p.ignore] for p in ctx.case.proposals}
    for finding in findings:
        scope = by_proposal.get(finding.proposal or "", []) if finding.proposal else file_ignores
        inner = finding.path[2:] if finding.proposal else finding.path
        where = dotted(inner)
        if any(
            code == finding.code and (figure is None or where.startswith(figure))
            for code, figure in scope
        ):
            continue
        yield finding
