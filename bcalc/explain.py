"""Compare that explains: why a proposal's savings changed between budget years, and
which proposals moved the portfolio's (``bcalc.economics.decompose``). Pure.

For a proposal in the first and the last file, the change in its average saving a
year is split exactly into **volume** (helårspersoner at full effect), **price**
(saving per helårsperson) and **phasing** (how much of the full effect the period
reaches), the three adding up to the change. For the portfolio, the change in the
average savings a year is split into what **new** proposals add, what **ended** ones
took away and what **changed** in the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from bcalc import economics
from bcalc.calc import convert
from bcalc.results import Explained, FileResult, PortfolioExplained, ProposalResult
from bcalc.units import Unit


def _path(proposal: ProposalResult, unit: Unit) -> economics.SavingsPath | None:
    if proposal.period.savings is None:
        return None
    savings = {
        y.year: convert(y.savings, proposal.unit, unit).value
        for y in proposal.years
        if y.savings is not None
    }
    persons = {
        y.year: y.helaarspersoner.value for y in proposal.years if y.helaarspersoner is not None
    }
    return economics.SavingsPath(savings, persons)


def proposal_change(
    old: ProposalResult | None, new: ProposalResult | None, unit: Unit
) -> Explained | None:
    """The change of one proposal's average saving a year, split; None when a side has
    no savings or savings without helårspersoner (no price per person to split by)."""
    if old is None or new is None:
        return None
    before, after = _path(old, unit), _path(new, unit)
    if before is None or after is None:
        return None
    split = economics.decompose_change(before, after)
    if split is None:
        return None
    return Explained(
        total=split.total, volume=split.volume, price=split.price, phasing=split.phasing
    )


def portfolio_change(files: Sequence[FileResult], unit: Unit) -> PortfolioExplained | None:
    """The change of the portfolio's average savings a year from the first file to the
    last, split into new, ended and changed proposals; None when a file has a proposal
    without savings (a partial sum would pass for a total)."""
    sides = []
    for result in (files[0], files[-1]):
        averages: dict[str, Decimal] = {}
        for proposal in result.proposals:
            average = proposal.period.average_savings
            if average is None:
                return None
            averages[proposal.id] = convert(average, proposal.unit, unit).value
        sides.append(averages)
    change = economics.portfolio_change(sides[0], sides[1])
    return PortfolioExplained(
        total=change.total, new=change.new, ended=change.ended, changed=change.changed
    )
