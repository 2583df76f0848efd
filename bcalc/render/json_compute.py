"""The JSON contract of ``bcalc compute --format json`` (documented in docs/json.md).

Numbers are strings in plain notation carrying their decimals ("10.4"), so that no
consumer reads money through a float. Keys are only ever added, never renamed.
"""

from __future__ import annotations

from typing import Any

from bcalc.calc import FileResult, PeriodResult, ProposalResult, YearResult
from bcalc.present import decimal_text, figure_text

NONE = "–"


def _text(value: str) -> str | None:
    return None if value == NONE else value


def _figure(figure: Any) -> str | None:
    return _text(figure_text(figure))


def _year(year: YearResult) -> dict[str, Any]:
    data: dict[str, Any] = {
        "investment": _figure(year.investment),
        "savings": _figure(year.savings),
        "net_gain": _figure(year.net_gain),
        "cumulative_net_gain": _figure(year.cumulative_net_gain),
        "helaarspersoner": _figure(year.helaarspersoner),
    }
    if year.investment_components:
        data["investment_components"] = {
            k: _figure(v) for k, v in year.investment_components.items()
        }
    if year.savings_components:
        data["savings_components"] = {k: _figure(v) for k, v in year.savings_components.items()}
    if year.excluded_savings:
        data["excluded_savings"] = {k: _figure(v) for k, v in year.excluded_savings.items()}
    return data


def _period(period: PeriodResult) -> dict[str, Any]:
    return {
        "years": period.years,
        "investment": _figure(period.investment),
        "savings": _figure(period.savings),
        "net_gain": _figure(period.net_gain),
        "helaarspersoner": _figure(period.helaarspersoner),
        "average_investment": _figure(period.average_investment),
        "average_savings": _figure(period.average_savings),
        "average_net_gain": _figure(period.average_net_gain),
        "average_helaarspersoner": _figure(period.average_helaarspersoner),
    }


def _proposal(proposal: ProposalResult) -> dict[str, Any]:
    return {
        "id": proposal.id,
        "number": proposal.number,
        "title": proposal.title,
        "target_group": proposal.target_group,
        "unit": proposal.unit.value,
        "period_years": [proposal.first_year, proposal.last_year],
        "years": {str(y.year): _year(y) for y in proposal.years},
        "period": _period(proposal.period),
        "payback_year": proposal.payback_year,
        "savings_ratio": _text(decimal_text(proposal.savings_ratio, "0.01")),
        "investment_per_helaarsperson_kr": _text(
            decimal_text(proposal.investment_per_helaarsperson_kr, "1")
        ),
        "savings_per_helaarsperson_kr": _text(
            decimal_text(proposal.savings_per_helaarsperson_kr, "1")
        ),
        "break_even_helaarspersoner": _text(
            decimal_text(proposal.break_even_helaarspersoner, "0.1")
        ),
    }


def file_document(result: FileResult, proposal_id: str | None = None) -> dict[str, Any]:
    return {
        "path": result.path,
        "budget_year": result.budget_year,
        "title": result.title,
        "unit": result.unit.value,
        "period": [result.first_year, result.last_year],
        "proposals": [_proposal(p) for p in result.proposals if proposal_id in (None, p.id)],
        "totals": {
            "years": {
                str(y.year): {
                    "investment": _figure(y.investment),
                    "savings": _figure(y.savings),
                    "net_gain": _figure(y.net_gain),
                }
                for y in result.totals_years
            },
            "period": _period(result.totals_period),
        },
    }
