"""A portfolio overview → its totals and counts. Pure: no I/O.

The portfolio is the models that are ``active`` or ``recommended_permanent``: a model
recommended for permanentgørelse is still in it until the council moves its money.
Of those, the *new* ones were adopted in the overview's budget year, and the ones that
remain *after permanentgørelse* are the ``active`` ones. Models made ``permanent`` or
``ended`` are listed for the record and counted nowhere.

Investments are read at the overview's own precision, as a budget file's are
(``bcalc.precision``): where most investments are written in tenths, a whole "2" is
2,0. So "ca. 35" beside eleven figures in tenths is judged against their sum, an
interval, by ``intervals.verdict`` like every other stated figure.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from bcalc.intervals import Figure, total
from bcalc.kinds.portfolio import IN_PORTFOLIO, Portfolio
from bcalc.lifecycle.results import Counts, ModelResult, PortfolioResult
from bcalc.numbers import Amount
from bcalc.precision import Precision, key_of
from bcalc.units import Unit


def portfolio_precision(portfolio: Portfolio) -> Precision:
    """The precision most of the overview's investments are written to, per unit."""
    written: dict[str, Counter[Decimal]] = {}
    for amount in _amounts(portfolio):
        if amount.approx or amount.radius is not None or amount.quantum >= 1:
            continue
        key = key_of(amount, portfolio.unit)
        written.setdefault(key, Counter())[amount.quantum] += 1
    return Precision(
        {key: max(counts, key=lambda q: (counts[q], q)) for key, counts in written.items()}
    )


def _amounts(portfolio: Portfolio) -> list[Amount]:
    stated = [
        portfolio.stated.annual_investment,
        portfolio.stated.annual_investment_after_permanent,
    ]
    return [m.annual_investment for m in portfolio.models] + [a for a in stated if a is not None]


def read_money(amount: Amount, unit: Unit, precision: Precision) -> Figure:
    """A written amount at the document's precision, in ``unit``."""
    figure = precision.figure(amount, key_of(amount, unit))
    return figure if amount.unit is None else figure.scaled(amount.unit.to(unit))


def compute_portfolio(portfolio: Portfolio, path: str = "") -> PortfolioResult:
    precision = portfolio_precision(portfolio)
    unit = portfolio.unit
    models = tuple(
        ModelResult(
            id=m.id,
            number=m.number,
            title=m.title,
            adopted=m.adopted,
            first_full_year=m.first_full_year or m.adopted,
            annual_investment=read_money(m.annual_investment, unit, precision),
            status=m.status,
        )
        for m in portfolio.models
    )
    inside = [m for m in models if m.status in IN_PORTFOLIO]
    remaining = [m for m in inside if m.status == "active"]
    by_adoption: dict[int, Figure] = {}
    for model in inside:
        by_adoption[model.adopted] = by_adoption.get(model.adopted, _ZERO) + model.annual_investment
    counts = Counts(
        models=len(inside),
        new_models=sum(m.adopted == portfolio.budget_year for m in inside),
        recommended_permanent=len(inside) - len(remaining),
        active_after_permanent=len(remaining),
    )
    return PortfolioResult(
        path=path,
        budget_year=portfolio.budget_year,
        title=portfolio.title,
        unit=unit,
        models=models,
        counts=counts,
        annual_investment=total(m.annual_investment for m in inside),
        annual_investment_after_permanent=total(m.annual_investment for m in remaining),
        by_adoption_year=dict(sorted(by_adoption.items())),
        stated=_stated(portfolio),
    )


_ZERO = Figure.exact(Decimal(0))


def _stated(portfolio: Portfolio) -> dict[str, str]:
    stated: dict[str, str] = {}
    for name in type(portfolio.stated).model_fields:
        value = getattr(portfolio.stated, name)
        if isinstance(value, Amount):
            stated[name] = value.written
        elif value is not None:
            stated[name] = str(value)
    return stated
