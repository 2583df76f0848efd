"""The portfolio overview (the active investment models) as pydantic models. No I/O.

One file is the overview a budget year's documents print: a table of every model in
the portfolio (number, title, the budget year it was adopted, its annual investment)
and the totals stated beside it ("investeringsmodeller for ca. 35 mio. kr. årligt",
"11 modeller, heraf 3 nye", "efter permanentgørelse er der 8 aktive modeller tilbage").
A model leaves the portfolio when the council makes it permanent (its money moves into
the operating budget) or when it ends. How the totals are computed: docs/lifecycle.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field, field_validator

from bcalc.fields import AmountField, Name, Text, Whole, Year, unit_alias
from bcalc.findings import FigurePath, Finding, Severity, dotted
from bcalc.kinds.followup import Deferred, ModelId, Number
from bcalc.units import Unit

MAX_MODELS = 1000

# active: in the portfolio; recommended_permanent: still in it, recommended for
# permanent funding this budget year; permanent: its money has moved into the operating
# budget; ended: stopped. The first two are the portfolio, the last two have left it.
ModelStatus = Literal["active", "recommended_permanent", "permanent", "ended"]
IN_PORTFOLIO: tuple[ModelStatus, ...] = ("active", "recommended_permanent")


class Model(Deferred):
    """One investment model in the overview."""

    id: ModelId = Field(description="The proposal id of the budget file that adopted it.")
    number: Number | None = Field(None, description='Its number in the overview ("1a").')
    title: Name
    adopted: Year = Field(description="The budget year it was adopted (startår).")
    first_full_year: Year | None = Field(
        None,
        description="The first year it ran all year, when it started during its budget "
        "year; default the budget year it was adopted.",
    )
    annual_investment: AmountField = Field(description="Its annual investment as printed.")
    status: ModelStatus = "active"
    notes: Text | None = None


class Stated(Deferred):
    """The totals and counts the overview states."""

    annual_investment: AmountField | None = Field(
        None, description='"Investeringsmodeller for ca. 35 mio. kr. årligt": the models in it.'
    )
    models: Whole | None = Field(None, description='"11 modeller": the models in the portfolio.')
    new_models: Whole | None = Field(
        None, description='"heraf 3 nye": those adopted in this budget year.'
    )
    active_after_permanent: Whole | None = Field(
        None,
        description='"Efter permanentgørelse er der 8 aktive modeller tilbage": those not '
        "recommended for permanent funding.",
    )
    annual_investment_after_permanent: AmountField | None = Field(
        None, description="The annual investment of those that remain."
    )


class Portfolio(Deferred):
    """The portfolio overview of one budget year."""

    kind: Literal["portfolio"] = Field(
        description="The kind of document: the portfolio overview of the active models."
    )
    budget_year: Year = Field(description="The budget year of the overview.")
    title: Name
    municipality: Name | None = None
    source: Text | None = Field(None, description="Where the figures come from.")
    unit: Unit = Field(description="The unit of the investments.")
    stated: Stated = Stated()
    models: list[Model] = Field(min_length=1, max_length=MAX_MODELS)

    _unit_alias = field_validator("unit", mode="before")(unit_alias)


def portfolio_problems(portfolio: Portfolio) -> list[Finding]:
    """BC003 invalid-case for a portfolio: a model listed twice, a model adopted after
    the overview's budget year, a negative investment."""
    return [
        Finding("BC003", Severity.ERROR, f"{dotted(path)}: {message}", path=path)
        for path, message in _problems(portfolio)
    ]


def _problems(portfolio: Portfolio) -> Iterator[tuple[FigurePath, str]]:
    seen: dict[str, int] = {}
    for index, model in enumerate(portfolio.models):
        where: FigurePath = ("models", index)
        if model.id in seen:
            yield (
                (*where, "id"),
                f"model {model.id!r} is listed twice (first as model {seen[model.id] + 1})",
            )
        seen.setdefault(model.id, index)
        if model.adopted > portfolio.budget_year:
            yield (
                (*where, "adopted"),
                f"adopted in {model.adopted}, after the overview's budget year "
                f"{portfolio.budget_year}",
            )
        if model.first_full_year is not None and model.first_full_year < model.adopted:
            yield (
                (*where, "first_full_year"),
                f"the first full year {model.first_full_year} is before it was adopted "
                f"({model.adopted})",
            )
        if model.annual_investment.value < 0:
            yield (*where, "annual_investment"), "an investment cannot be negative"
    stated = portfolio.stated
    for name in ("models", "new_models", "active_after_permanent"):
        count: int | None = getattr(stated, name)
        if count is not None and count < 0:
            yield ("stated", name), "a count of models cannot be negative"
    for name in ("annual_investment", "annual_investment_after_permanent"):
        amount = getattr(stated, name)
        if amount is not None and amount.value < 0:
            yield ("stated", name), "an investment cannot be negative"
