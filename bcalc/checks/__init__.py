"""Every check bcalc runs, in one explicit table. A check's docstring is its rule doc."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from bcalc.checks import plausibility, stated, structure
from bcalc.checks.base import Context
from bcalc.findings import FigurePath, Finding, Severity, dotted


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    # The most severe finding the rule reports. Arithmetic rules report a difference
    # that rounding explains as info.
    severity: Severity
    check: Callable[[Context], Iterator[Finding]] | None

    @property
    def doc(self) -> str:
        """The rule's documentation as written (markdown: ``code`` marks)."""
        source = self.check.__doc__ if self.check else FIXED_DOCS[self.code]
        return _dedent(source or "")

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


# Codes reported by the loader, or by the check run itself, rather than by a check
# function: documented here, so that every finding can be looked up.
FIXED_DOCS = {
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
    "BC107": """BC107 unused-ignore: an ``ignore`` entry matches no finding of its rule.

    Why it matters: an entry outlives the slip it was written for; left in place it
    would silence a new finding on the same figure without anyone seeing it.

    Example (warning): ``ignore: [{code: BC106, figure: period, reason: ...}]`` on a
    proposal whose period now agrees with the budget period.

    Only entries whose rule was run are judged: ``--select BC1`` does not make an
    entry for BC301 stale.""",
}

_E, _W = Severity.ERROR, Severity.WARNING
RULES: tuple[Rule, ...] = (
    Rule("BC001", "unreadable-file", _E, None),
    Rule("BC002", "invalid-field", _E, None),
    Rule("BC003", "invalid-case", _E, None),
    Rule("BC101", "stated-year-figure", _E, stated.stated_year_figures),
    Rule("BC102", "stated-period-figure", _E, stated.stated_period_figures),
    Rule("BC103", "component-total", _E, structure.component_totals),
    Rule("BC104", "file-total", _E, structure.file_totals),
    Rule("BC105", "figure-in-two-units", _E, stated.figure_in_two_units),
    Rule("BC106", "period-mismatch", _E, structure.period_labels),
    Rule("BC107", "unused-ignore", _W, None),
    Rule("BC108", "ambiguous-number", _W, structure.ambiguous_numbers),
    Rule("BC201", "implausible-saving-per-person", _W, plausibility.saving_per_person),
    Rule("BC301", "savings-below-investment", _W, plausibility.savings_cover_investment),
    Rule("BC302", "tax-revenue-counted", _E, plausibility.tax_revenue),
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
    chosen = list(rules)
    findings = [f for rule in chosen if rule.check for f in rule.check(ctx)]
    kept, unused = _apply_ignores(ctx, findings)
    codes = {rule.code for rule in chosen}
    if "BC107" in codes:  # an entry for a rule not run this time is not stale
        kept += [_unused(ctx, entry) for entry in unused if entry.code in codes]
    return sorted(kept, key=Finding.sort_key)


@dataclass(frozen=True)
class _IgnoreEntry:
    code: str
    figure: str | None
    path: FigurePath  # where the entry is written
    proposal: str | None


def _apply_ignores(
    ctx: Context, findings: list[Finding]
) -> tuple[list[Finding], list[_IgnoreEntry]]:
    """Drop findings silenced in the file, and say which ignore entries silenced none.
    An ignore names a code and, optionally, the figure (a dotted path inside its
    proposal, or inside the file)."""
    file_entries = [
        _IgnoreEntry(i.code, i.figure, ("ignore", n), None) for n, i in enumerate(ctx.case.ignore)
    ]
    by_proposal = {
        p.id: [
            _IgnoreEntry(i.code, i.figure, ("proposals", index, "ignore", n), p.id)
            for n, i in enumerate(p.ignore)
        ]
        for index, p in enumerate(ctx.case.proposals)
    }
    used: set[FigurePath] = set()
    kept: list[Finding] = []
    for finding in findings:
        scope = by_proposal.get(finding.proposal, []) if finding.proposal else file_entries
        where = dotted(finding.path[2:] if finding.proposal else finding.path)
        entry = next(
            (
                e
                for e in scope
                if e.code == finding.code and (e.figure is None or where.startswith(e.figure))
            ),
            None,
        )
        if entry is None:
            kept.append(finding)
        else:
            used.add(entry.path)
    every = file_entries + [e for entries in by_proposal.values() for e in entries]
    return kept, [e for e in every if e.path not in used]


def _unused(ctx: Context, entry: _IgnoreEntry) -> Finding:
    figure = f" for {entry.figure!r}" if entry.figure else ""
    return ctx.finding(
        "BC107",
        Severity.WARNING,
        entry.path,
        f"the ignore entry for {entry.code}{figure} silences nothing; remove it, or it "
        "will hide a new finding there unseen",
        entry.proposal,
    )
