"""``ignore`` entries in a case file, and the rule that keeps them honest (BC107)."""

from __future__ import annotations

from dataclasses import dataclass

from bcalc.checks.base import Context
from bcalc.findings import FigurePath, Finding, Severity, dotted


def apply_ignores(ctx: Context, findings: list[Finding], codes: set[str]) -> list[Finding]:
    """BC107 unused-ignore: an ``ignore`` entry matches no finding of its rule.

    Why it matters: an entry outlives the slip it was written for; left in place it
    would silence a new finding on the same figure without anyone seeing it.

    Example (warning): ``ignore: [{code: BC106, figure: period, reason: ...}]`` on a
    proposal whose period now agrees with the budget period.

    Only entries whose rule was run are judged: ``--select BC1`` does not make an
    entry for BC301 stale.
    """
    kept, unused = _apply(ctx, findings)
    if "BC107" in codes:  # an entry for a rule not run this time is not stale
        kept += [_unused(ctx, entry) for entry in unused if entry.code in codes]
    return kept


@dataclass(frozen=True)
class _IgnoreEntry:
    code: str
    figure: str | None
    path: FigurePath  # where the entry is written
    proposal: str | None


def _apply(ctx: Context, findings: list[Finding]) -> tuple[list[Finding], list[_IgnoreEntry]]:
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
