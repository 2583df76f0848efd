"""Claims: arithmetic a document states in words, computed and explained. Pure.

A claim's expression (``bcalc.expr``) may name the file's computed figures:

* ``<proposal id>.<figure>``: the proposal's sum over its period, or its average a
  year (``akademikere-opkvalificering.net_gain``, ``….average_investment``);
* ``<proposal id>.<year>.<figure>``: one year (``….2026.savings``);
* ``file.<figure>`` and ``file.<year>.<figure>``: all proposals together;
* ``claims.<id>``: another claim's computed value, in that claim's unit.

``<figure>`` is ``investment``, ``savings``, ``net_gain`` or ``helaarspersoner``, with
``average_`` before it for an average a year. Money is money in the file's (or the
proposal's) unit; helårspersoner are persons.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from bcalc import expr
from bcalc.findings import FigurePath, Finding, Severity, dotted
from bcalc.intervals import CONTEXT, Figure, FigureError
from bcalc.kinds.budget import CaseFile, Claim, proposal_unit, proposal_years
from bcalc.results import FileResult, PeriodResult
from bcalc.units import Unit

FIGURES = ("investment", "savings", "net_gain", "helaarspersoner")
AVERAGES = tuple(f"average_{name}" for name in FIGURES)


def names_in(case: CaseFile) -> dict[str, expr.Quantity]:
    """The names a claim in ``case`` may use, each with a stand-in value of the right
    dimension: enough to check a claim's names and units before anything is computed."""
    one = Figure.exact(Decimal(1))
    names: dict[str, expr.Quantity] = {}
    for proposal in case.proposals:
        first, last = proposal_years(case, proposal)
        unit = proposal_unit(case, proposal)
        fields = [f for f in FIGURES if f != "savings" or proposal.savings is not None]
        fields = [f for f in fields if f != "net_gain" or proposal.savings is not None]
        fields = [f for f in fields if f != "helaarspersoner" or proposal.helaarspersoner]
        for name in (*fields, *(f"average_{f}" for f in fields)):
            names[f"{proposal.id}.{name}"] = _quantity(name, one, unit)
        for year in range(first, last + 1):
            for name in fields:
                names[f"{proposal.id}.{year}.{name}"] = _quantity(name, one, unit)
    first, last = case.years
    for name in (*FIGURES, *AVERAGES):
        names[f"file.{name}"] = _quantity(name, one, case.unit)
    for year in range(first, last + 1):
        for name in FIGURES:
            names[f"file.{year}.{name}"] = _quantity(name, one, case.unit)
    return names


def figure_names(result: FileResult) -> dict[str, expr.Quantity]:
    """Every figure a claim may name, with its value and dimension."""
    names: dict[str, expr.Quantity] = {}
    for proposal in result.proposals:
        names.update(_period(proposal.id, proposal.period, proposal.unit))
        for year in proposal.years:
            names.update(_year(f"{proposal.id}.{year.year}", year, proposal.unit))
    names.update(_period("file", result.totals.period, result.unit))
    for totals in result.totals.years:
        names.update(_year(f"file.{totals.year}", totals, result.unit))
    return names


def _quantity(name: str, figure: Figure, unit: Unit) -> expr.Quantity:
    return expr.persons(figure) if "helaarspersoner" in name else expr.money(figure, unit)


def _period(prefix: str, period: PeriodResult, unit: Unit) -> Iterator[tuple[str, expr.Quantity]]:
    for name in (*FIGURES, *AVERAGES):
        figure: Figure | None = getattr(period, name)
        if figure is not None:
            yield f"{prefix}.{name}", _quantity(name, figure, unit)


def _year(prefix: str, year: object, unit: Unit) -> Iterator[tuple[str, expr.Quantity]]:
    for name in FIGURES:
        figure: Figure | None = getattr(year, name, None)
        if figure is not None:
            yield f"{prefix}.{name}", _quantity(name, figure, unit)


@dataclass(frozen=True, slots=True)
class Needed:
    """What one written number of the expression would have to be for the claim to hold."""

    written: str  # as the expression writes it: "662 mio. kr."
    value: Decimal  # in the unit it is written in


@dataclass(frozen=True, slots=True)
class Evaluated:
    """A claim computed in its stated unit, or why it could not be."""

    figure: Figure | None
    problem: str | None = None
    needed: tuple[Needed, ...] = ()


def evaluate(
    claim: Claim, names: dict[str, expr.Quantity], earlier: dict[str, expr.Quantity]
) -> tuple[Evaluated, expr.Quantity | None]:
    """The claim's value in its stated unit (and as a Quantity, for later claims to
    name as ``claims.<id>``). ``earlier``: the claims computed before this one."""
    known = {**names, **{f"claims.{key}": value for key, value in earlier.items()}}
    try:
        parsed = expr.parse(claim.expression)
        quantity = expr.evaluate(parsed, known.get, known.keys)
        figure = expr.convert(quantity, claim.unit)
    except expr.ExpressionError as error:
        return Evaluated(None, error.message), None
    except FigureError as error:
        return Evaluated(None, error.message), None
    return Evaluated(figure, None, tuple(_needed(parsed, known, claim))), quantity


def _needed(
    parsed: expr.Expression, known: dict[str, expr.Quantity], claim: Claim
) -> Iterator[Needed]:
    """For each written number with a unit, the value that makes the expression give
    the stated figure, the others held as written. One number enters the arithmetic of
    + − × ÷ as f(x) = (a·x + b) / (c·x + d): three evaluations find a, b, c (d = 1) and
    the x that gives the target exactly. Numbers whose change cannot reach it (the
    expression does not depend on them that way) are left out."""
    target = claim.stated.value
    steps = parsed.steps
    for index, step in enumerate(steps):
        if step.kind != "number" or step.quantity is None or step.quantity.figure.is_exact:
            continue
        scale = _written_scale(step)
        if scale is None:
            continue
        value = _solve(parsed, index, known, claim.unit, target)
        if value is not None and value > 0:
            yield Needed(step.text.strip(), CONTEXT.divide(value, scale))


def _written_scale(step: expr.Step) -> Decimal | None:
    """How many internal units (kroner, persons, 1) one unit of the written number is."""
    assert step.quantity is not None
    written = _number_part(step.text)
    if written is None or written == 0:
        return None
    return CONTEXT.divide(step.quantity.figure.value, written)


def _number_part(text: str) -> Decimal | None:
    from bcalc.numbers import parse_danish

    try:
        return parse_danish(text).value
    except ValueError:
        digits = text.split()[0] if text.split() else ""
        try:
            return parse_danish(digits).value
        except ValueError:
            return None


def _solve(
    parsed: expr.Expression,
    index: int,
    known: dict[str, expr.Quantity],
    unit: str | None,
    target: Decimal,
) -> Decimal | None:
    """The internal value of step ``index`` that makes the expression equal ``target``."""
    original = parsed.steps[index].quantity
    assert original is not None
    x0 = original.figure.value
    points = (x0, x0 * 2, x0 * 3) if x0 else (Decimal(1), Decimal(2), Decimal(3))
    values = []
    for x in points:
        y = _value_with(parsed, index, x, known, unit)
        if y is None:
            return None
        values.append(y)
    return _through(points, values, target)


def _through(xs: Sequence[Decimal], ys: Sequence[Decimal], y: Decimal) -> Decimal | None:
    """The x at which the fractional-linear function through three points (x_i, y_i)
    takes the value y: such functions keep the cross-ratio, so (x, x1; x2, x3) =
    (y, y1; y2, y3) gives x. None when the function does not depend on x."""
    (x1, x2, x3), (y1, y2, y3) = xs, ys
    if y1 in (y2, y3) or y2 == y3:
        return None
    if y == y3:
        return x3
    ratio = CONTEXT.divide((y - y2) * (y1 - y3), (y - y3) * (y1 - y2))
    denominator = (x1 - x3) - ratio * (x1 - x2)
    if denominator == 0:
        return None
    return CONTEXT.divide(x2 * (x1 - x3) - ratio * x3 * (x1 - x2), denominator)


def _value_with(
    parsed: expr.Expression,
    index: int,
    x: Decimal,
    known: dict[str, expr.Quantity],
    unit: str | None,
) -> Decimal | None:
    step = parsed.steps[index]
    assert step.quantity is not None
    quantity = expr.Quantity(Figure.exact(x), step.quantity.dimension)
    steps = (*parsed.steps[:index], replace(step, quantity=quantity), *parsed.steps[index + 1 :])
    try:
        result = expr.evaluate(replace(parsed, steps=steps), known.get)
        return expr.convert(result, unit).value
    except (expr.ExpressionError, FigureError):
        return None


def problems(case: CaseFile) -> list[Finding]:
    """What is wrong with the claims before anything is computed: an expression that is
    not arithmetic (BC002, with its column), a name the file has no figure for, units
    that do not fit together or the stated unit (BC003). ``Finding.column`` holds the
    column *within the expression*; the loader turns it into the file's column."""
    found: list[Finding] = []
    if not case.claims:  # perf (issue 18): the names cost ~3 ms a file, for no claim
        return found
    names = names_in(case)
    earlier: dict[str, expr.Quantity] = {}
    ids: set[str] = set()
    for index, claim in enumerate(case.claims):
        path: FigurePath = ("claims", index, "expression")
        if claim.id in ids:
            message = f"the claim id {claim.id!r} is used twice"
            found.append(_problem("BC003", ("claims", index, "id"), message))
        ids.add(claim.id)
        known = {**names, **{f"claims.{key}": value for key, value in earlier.items()}}
        try:
            parsed = expr.parse(claim.expression)
        except expr.ExpressionError as error:
            found.append(_problem("BC002", path, error.message, error.column))
            continue
        try:
            quantity = expr.evaluate(parsed, known.get, known.keys)
            expr.convert(quantity, claim.unit)
        except expr.ExpressionError as error:
            later = [n for n in parsed.names if n.startswith("claims.") and n not in known]
            message = error.message
            if later and f"'{later[0]}'" in message:
                message += "; a claim may name only the claims listed before it"
            where = path if error.column is not None else ("claims", index, "unit")
            found.append(_problem("BC003", where, message, error.column))
            continue
        except FigureError as error:  # a divisor that is zero whatever the figures are
            found.append(_problem("BC003", path, error.message))
            continue
        earlier[claim.id] = quantity
    return found


def _problem(code: str, path: FigurePath, message: str, column: int | None = None) -> Finding:
    text = f"{dotted(path)}: {message}"
    if column is not None:
        text += f" (column {column} of the expression)"
    return Finding(code, Severity.ERROR, text, path=path, column=column or 0)
