"""What every check receives, and how it reports."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cached_property

from bcalc.checks.judge import judge
from bcalc.findings import FigurePath, Finding, Severity
from bcalc.intervals import Figure
from bcalc.kinds.budget import CaseFile, Proposal, SignConvention, proposal_signs
from bcalc.kinds.unitcosts import UnitCostTable
from bcalc.numbers import Amount
from bcalc.precision import key_of
from bcalc.results import FileResult, ProposalResult
from bcalc.units import Unit

# Where a figure is written in the file (line, column); the loader's source map.
Locate = Callable[[FigurePath], tuple[int, int]]


@dataclass(frozen=True)
class Context:
    """What a check sees: the case as written, its results, and where each figure is."""

    case: CaseFile
    result: FileResult
    locate: Locate
    unit_costs: UnitCostTable | None = None  # the table the case names, read beside it

    def read(
        self, amount: Amount, unit: Unit, sign: int = 1, proposal: str | None = None
    ) -> Figure:
        """A stated amount as an interval at the document's precision (the proposal's
        own where it declares one), in ``unit`` and in bcalc's signs (``sign`` -1 for a
        figure the document writes negative)."""
        # perf (issue 18): checks read the same stated amounts again and again; each
        # reading is made once per file, remembered by the amount's identity (the
        # entry holds the amount, so that its id cannot be another amount's).
        key = (id(amount), unit, sign, proposal)
        known = self._read.get(key)
        if known is not None:
            return known[1]
        precision = self.result.precision
        if proposal is not None:
            precision = next(p.precision for p in self.result.proposals if p.id == proposal)
        figure = precision.stated(amount, key_of(amount, unit))
        factor = Decimal(sign) * (Decimal(1) if amount.unit is None else amount.unit.to(unit))
        figure = figure.scaled(factor)
        self._read[key] = (amount, figure)
        return figure

    @cached_property
    def _read(self) -> dict[tuple[int, Unit, int, str | None], tuple[Amount, Figure]]:
        return {}

    def proposals(self) -> Iterator[tuple[int, Proposal, ProposalResult]]:
        for index, (proposal, result) in enumerate(
            zip(self.case.proposals, self.result.proposals, strict=True)
        ):
            yield index, proposal, result

    def finding(
        self,
        code: str,
        severity: Severity,
        path: FigurePath,
        message: str,
        proposal: str | None = None,
        computed: Decimal | None = None,
        stated: Decimal | None = None,
        tolerance: Decimal | None = None,
    ) -> Finding:
        line, column = self.locate(path)
        return Finding(
            code,
            severity,
            message,
            self.result.path,
            path,
            line,
            column,
            proposal,
            computed,
            stated,
            tolerance,
        )

    def judge(
        self,
        code: str,
        path: FigurePath,
        what: str,
        computed: Figure | None,
        stated: Amount | None,
        proposal: str | None = None,
        sign: int = 1,
        unit: Unit | None = None,
        source: str = "the written figures give",
    ) -> Iterator[Finding]:
        """Judge one stated figure against its computed value (in ``unit``), if both
        exist. ``sign`` is -1 where the document writes it negative ("Gevinst (-)")."""
        if computed is None or stated is None:
            return
        unit = unit or self.result.unit
        read = self.read(stated, unit, sign, proposal)
        outcome = judge(what, computed, read, stated, sign, unit.value, source)
        if outcome is not None:
            yield replace(
                self.finding(code, outcome.severity, path, outcome.message, proposal),
                computed=outcome.computed,
                stated=outcome.stated,
                tolerance=outcome.tolerance,
                likely_tolerance=outcome.likely,
                stated_as=stated.written,
            )


def gain_sign(case: CaseFile, proposal: Proposal | None) -> int:
    """-1 where savings and gains are written negative ("Gevinst (-)")."""
    signs = case.sign_convention if proposal is None else proposal_signs(case, proposal)
    return -1 if signs is SignConvention.GAIN_NEGATIVE else 1


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def worst(findings: list[Finding]) -> list[Finding]:
    """The first of the most severe findings, or none."""
    return sorted(findings, key=lambda f: _RANK[f.severity])[:1]
