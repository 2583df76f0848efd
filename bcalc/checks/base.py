"""What every check receives, and how it reports."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from bcalc.checks.judge import judge
from bcalc.findings import FigurePath, Finding, Severity
from bcalc.intervals import Figure
from bcalc.load import Loaded
from bcalc.model import CaseFile, Proposal, SignConvention, proposal_signs
from bcalc.numbers import Amount
from bcalc.results import FileResult, ProposalResult
from bcalc.units import Unit


@dataclass(frozen=True)
class Context:
    loaded: Loaded
    case: CaseFile
    result: FileResult

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
        line, column = self.loaded.locate(path)
        return Finding(
            code,
            severity,
            message,
            self.loaded.path,
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
        factor: Decimal = Decimal(1),
        unit: str = "",
    ) -> Iterator[Finding]:
        """Judge one stated figure against its computed value, if both exist."""
        if computed is None or stated is None:
            return
        verdict = judge(what, computed, stated, sign, factor, unit)
        if verdict is not None:
            yield self.finding(
                code,
                verdict.severity,
                path,
                verdict.message,
                proposal,
                verdict.computed,
                verdict.stated,
                verdict.tolerance,
            )


def gain_sign(case: CaseFile, proposal: Proposal | None) -> int:
    """-1 where savings and gains are written negative ("Gevinst (-)")."""
    signs = case.sign_convention if proposal is None else proposal_signs(case, proposal)
    return -1 if signs is SignConvention.GAIN_NEGATIVE else 1


def unit_factor(amount: Amount, target: Unit) -> Decimal:
    """Multiply a stated amount by this to express it in ``target``."""
    return Decimal(1) if amount.unit is None else amount.unit.kroner / target.kroner


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def worst(findings: list[Finding]) -> list[Finding]:
    """The first of the most severe findings, or none."""
    return sorted(findings, key=lambda f: _RANK[f.severity])[:1]
