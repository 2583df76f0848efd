"""Rules a case file must meet before anything is computed from it.

These are not arithmetic checks (``bcalc check`` does those) but the things that
make a file meaningless: a year outside the period, a negative investment, two
proposals with one id. They are reported like schema errors, with exit code 2.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from bcalc import claims
from bcalc.findings import FigurePath, Finding, Severity, dotted
from bcalc.kinds.budget import (
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
from bcalc.units import Unit

# What is wrong and where, before it becomes a Finding.
Problem = tuple[FigurePath, str]


def semantic_problems(case: CaseFile) -> list[Finding]:
    """BC003 invalid-case: the fields are well-formed but do not make sense
    together: a year outside the period, a negative investment or a stated figure
    of the wrong sign, a missing year in a per-year mapping, two proposals with one id,
    a table row with more figures than columns, a claim naming a figure the file does
    not have or adding kroner to persons.

    Why it matters: such a file describes no business case that can be computed
    (exit code 2).
    """
    found = [
        Finding("BC003", Severity.ERROR, f"{dotted(path)}: {message}", path=path)
        for path, message in _problems(case)
    ]
    return found + claims.problems(case)


def _problems(case: CaseFile) -> list[Problem]:
    problems = list(_period_problem(("period",), case.period))
    file_savings = -1 if case.sign_convention is SignConvention.GAIN_NEGATIVE else 1
    problems += _stated_problems(("stated",), case.stated, case.years, file_savings)
    problems += _range_problems(case)
    problems += [
        (("precision", key), 'a precision is a positive step, e.g. "0,1" for tenths')
        for key, quantum in case.precision.items()
        if quantum.value <= 0
    ]
    problems += _table_problems(case)
    seen: dict[str, int] = {}
    for index, proposal in enumerate(case.proposals):
        where: FigurePath = ("proposals", index)
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


def _effect_problems(
    case: CaseFile, proposal: Proposal, where: FigurePath, years: tuple[int, int]
) -> list[Problem]:
    """Effects replace helårspersoner, need a price, and lie in the period."""
    problems: list[Problem] = []
    assert proposal.effects is not None
    if proposal.helaarspersoner is not None:
        problems.append(
            (
                (*where, "effects"),
                "write either helaarspersoner or effects (helårspersoner by benefit), "
                "not both: bcalc sums the effects",
            )
        )
    first, last = years
    for index, effect in enumerate(proposal.effects):
        path: FigurePath = (*where, "effects", index)
        if effect.unit_cost is None and case.unit_costs is None:
            problems.append(
                (
                    (*path, "benefit"),
                    "an effect needs a price: give the file a unit_costs table, "
                    "or the effect a unit_cost",
                )
            )
        counts = effect.helaarspersoner
        for year in (*(counts if isinstance(counts, dict) else ()), *effect.phase_in):
            if not first <= year <= last:
                problems.append(
                    ((*path, "helaarspersoner"), f"{year} is outside the period {first}–{last}")
                )
    return problems


def _table_problems(case: CaseFile) -> list[Problem]:
    """A table's rows and totals must have a figure for each column (or row)."""
    problems: list[Problem] = []
    ids: set[str] = set()
    for index, table in enumerate(case.tables):
        path: FigurePath = ("tables", index)
        if table.id in ids:
            problems.append(((*path, "id"), f"the table id {table.id!r} is used twice"))
        ids.add(table.id)
        width = len(table.columns)
        for label, figures in table.rows.items():
            if len(figures) != width:
                problems.append(
                    ((*path, "rows", label), f"{len(figures)} figures for {width} columns")
                )
        if table.total_row is not None and len(table.total_row.figures) != width:
            count = len(table.total_row.figures)
            problems.append(
                ((*path, "total_row", "figures"), f"{count} totals for {width} columns")
            )
        if table.total_column is not None and len(table.total_column.figures) != len(table.rows):
            count, rows = len(table.total_column.figures), len(table.rows)
            problems.append(((*path, "total_column", "figures"), f"{count} totals for {rows} rows"))
        if table.rounding is not None and table.rounding.value <= 0:
            problems.append(((*path, "rounding"), 'a rounding basis is a positive step, e.g. "1"'))
    return problems


def _tax_in_investment(path: FigurePath, flow: object) -> Iterator[Problem]:
    """The calculation leaves tax revenue out of every sum; in an investment that would
    silently lower it, and tax revenue is never an investment anyway."""
    if isinstance(flow, Components):
        for index, component in enumerate(flow.components):
            if component.kind == "skatteindtægter":
                yield (
                    (*path, "components", index, "kind"),
                    "tax revenue (skatteindtægter) is not an investment; move it to savings, "
                    "where it is shown but not counted",
                )


def _period_problem(path: FigurePath, period: tuple[int, int] | None) -> Iterator[Problem]:
    if period is not None and period[0] > period[1]:
        yield path, f"the period starts in {period[0]} after it ends in {period[1]}"


def _proposal_problems(case: CaseFile, proposal: Proposal, where: FigurePath) -> list[Problem]:
    problems = list(_period_problem((*where, "period"), proposal.period))
    years = proposal_years(case, proposal)
    negative_savings = proposal_signs(case, proposal) is SignConvention.GAIN_NEGATIVE
    problems += _flow_problems((*where, "investment"), proposal.investment, years, sign=1)
    problems += _tax_in_investment((*where, "investment"), proposal.investment)
    if proposal.savings is not None:
        sign = -1 if negative_savings else 1
        problems += _flow_problems((*where, "savings"), proposal.savings, years, sign)
    persons = proposal.helaarspersoner
    if proposal.effects is not None:
        problems += _effect_problems(case, proposal, where, years)
    if isinstance(persons, PhaseIn):
        annual: FigurePath = (*where, "helaarspersoner", "annual")
        shares: FigurePath = (*where, "helaarspersoner", "phase_in")
        problems += _series_problems(annual, persons.annual, years, 1)
        problems += _series_problems(shares, persons.phase_in, years, 1, partial=True)
        problems += _unit_problems(annual, persons.annual, _PERSONS_UNIT)
        problems += _unit_problems(shares, persons.phase_in, _SHARE_UNIT)
        problems += [
            ((*shares, year), f"a share of {share} is more than the full effect (0,5 = half)")
            for year, share in persons.phase_in.items()
            if share.value > 1
        ]
    elif persons is not None:
        problems += _series_problems((*where, "helaarspersoner"), persons, years, 1)
        problems += _unit_problems((*where, "helaarspersoner"), persons, _PERSONS_UNIT)
    problems += _stated_problems(
        (*where, "stated"), proposal.stated, years, -1 if negative_savings else 1
    )
    stated = proposal.stated
    if stated.period_net_gain and stated.period_net_cost:
        problems.append(
            (
                (*where, "stated", "period_net_cost"),
                "state either period_net_gain or period_net_cost",
            )
        )
    if stated.period_net_cost is not None and stated.period_net_cost.value < 0:
        problems.append(
            (
                (*where, "stated", "period_net_cost"),
                'a net cost is written positive, as read ("nettoudgift på 3,0"); '
                "a negative net cost is a net gain: use period_net_gain",
            )
        )
    return problems


_PERSONS_UNIT = "helårspersoner are a number of persons, not money: remove the unit"
_SHARE_UNIT = "a phase-in share is a fraction of the annual effect (0,5 = half): remove the unit"


def _unit_problems(
    path: FigurePath, series: Amount | dict[int, Amount], message: str
) -> list[Problem]:
    """A unit on a count or a share would otherwise be silently ignored."""
    if isinstance(series, Amount):
        return [] if series.unit is None else [(path, f"{message} {series.unit.value!r}")]
    return [
        ((*path, year), f"{message} {amount.unit.value!r}")
        for year, amount in series.items()
        if amount.unit is not None
    ]


def _range_problems(case: CaseFile) -> list[Problem]:
    bounds = case.checks.saving_per_helaarsperson
    if bounds is None:
        return []
    path: FigurePath = ("checks", "saving_per_helaarsperson")
    problems: list[Problem] = [
        ((*path, name), f"{name} cannot be negative")
        for name in ("minimum", "maximum")
        if getattr(bounds, name).value < 0
    ]
    low, high = (_kroner(a, case.unit) for a in (bounds.minimum, bounds.maximum))
    if low > high:
        problems.append(((*path, "minimum"), "the minimum is larger than the maximum"))
    return problems


def _kroner(amount: Amount, unit: Unit) -> Decimal:
    return amount.value * (amount.unit or unit).kroner


def _flow_problems(
    path: FigurePath,
    flow: Amount | dict[int, Amount] | Components,
    years: tuple[int, int],
    sign: int,
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
    path: FigurePath,
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


def _sign_problem(path: FigurePath, amount: Amount, sign: int) -> list[Problem]:
    if sign * amount.value >= 0:
        return []
    field = next((p for p in reversed(path) if isinstance(p, str) and p != "amount"), "")
    if sign < 0:
        return [(path, f'{field} must be written negative under gain_negative ("Besparelse (-)")')]
    return [(path, f"{field} cannot be negative")]


def _stated_problems(
    path: FigurePath, stated: Stated, years: tuple[int, int], savings_sign: int
) -> list[Problem]:
    """Stated figures must lie in the period, and have the sign their row has: an
    investment is never negative, a saving is negative only in a "Besparelse (-)" row.
    (File-level rows may cover years a proposal does not: Budget 2021's overview.)"""
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
    for name, sign in (("investment", 1), ("savings", savings_sign)):
        series = getattr(stated, name)
        if isinstance(series, Amount):
            problems += _sign_problem((*path, name), series, sign)
        elif series is not None:
            for year, amount in series.items():
                problems += _sign_problem((*path, name, year), amount, sign)
    for name in ("period_investment", "period_savings", "average_investment", "average_savings"):
        amount = getattr(stated, name)
        if amount is not None:  # sentences are written as read: "besparelse på 2,6"
            problems += _sign_problem((*path, name), amount, 1)
    return problems
