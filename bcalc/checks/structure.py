"""Totals against their parts, and years against the budget period."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from bcalc.calc import convert
from bcalc.checks.base import Context, gain_sign, worst
from bcalc.checks.stated import PERIOD_ROWS
from bcalc.findings import FigurePath, Finding, Severity
from bcalc.intervals import Figure, total
from bcalc.kinds.budget import CaseFile, Components, amounts_in, proposal_unit
from bcalc.numbers import Amount, format_danish, quantum_of
from bcalc.precision import key_of
from bcalc.units import Unit


def component_totals(ctx: Context) -> Iterator[Finding]:
    """BC103 component-total: the parts of an investment or saving do not add up to
    the total the document states for them.

    Why it matters: a note like "2,3 mio. kr. forsørgelse samt 300.000 kr. decentralt"
    is checked by nobody once the headline 2,6 is in the overview.

    Example (passes): 2,3 + 300.000 kr. = 2,6 mio. kr. Example (error): 5,5 + 0,6
    stated as 6,3.
    """
    for index, proposal, result in ctx.proposals():
        for name in ("investment", "savings"):
            flow = getattr(proposal, name)
            if not isinstance(flow, Components) or flow.total is None:
                continue
            found: list[Finding] = []
            for year in result.years:
                stated = flow.total if isinstance(flow.total, Amount) else flow.total.get(year.year)
                parts = getattr(year, f"{name}_components")
                if stated is None or not parts:
                    continue
                path: FigurePath = ("proposals", index, name, "total")
                if isinstance(flow.total, dict):
                    path = (*path, year.year)
                found += ctx.judge(
                    "BC103",
                    path,
                    f"total of the {name} components {year.year}",
                    total(parts.values()),
                    stated,
                    proposal.id,
                    gain_sign(ctx.case, proposal) if name == "savings" else 1,
                    result.unit,
                )
            yield from found if isinstance(flow.total, dict) else worst(found)


_FILE_ROWS = {"investment": "investment", "savings": "savings", "net_gain": "gain"}


def file_totals(ctx: Context) -> Iterator[Finding]:
    """BC104 file-total: a total the document states for all proposals (the overview's
    "Samlet investering" or "Total" row) differs from the sum over the proposals,
    after converting every proposal to the file's unit.

    Why it matters: the total is what enters the budget; a proposal added, removed or
    changed after the total was typed leaves it wrong.

    Example (info): 14 investments of one decimal each sum to 35,4; "Samlet
    investering 35,3" is within the rounding of 14 × 0,05.

    A year that a proposal's business case does not cover (Budget 2021's overview
    runs to 2024, three of its business cases end in 2023) is checked with that
    proposal's own stated figure for the year, the overview row, where it has one;
    without one, the year cannot be checked (BC106 reports the proposal).
    """
    stated, result = ctx.case.stated, ctx.result
    sign = gain_sign(ctx.case, None)
    for name, label in _FILE_ROWS.items():
        series = getattr(stated, name)
        if series is None:
            continue
        found: list[Finding] = []
        for year in range(result.first_year, result.last_year + 1):
            amount = series if isinstance(series, Amount) else series.get(year)
            if amount is None:
                continue
            computed, from_stated = _file_year(ctx, name, year)
            what = f"{label} {year} for all proposals"
            if from_stated:
                what += f" ({from_stated} of them by their stated figure for {year})"
            path = ("stated", name) if isinstance(series, Amount) else ("stated", name, year)
            found += ctx.judge(
                "BC104",
                path,
                what,
                computed,
                amount,
                None,
                sign if name != "investment" else 1,
                result.unit,
            )
        yield from found if isinstance(series, dict) else worst(found)
    for name, (attribute, label, row_sign) in PERIOD_ROWS.items():
        amount = getattr(stated, name)
        summed: Figure | None = getattr(result.totals.period, attribute)
        yield from ctx.judge(
            "BC104",
            ("stated", name),
            label,
            summed,
            amount,
            None,
            row_sign,
            result.unit,
        )


def _file_year(ctx: Context, name: str, year: int) -> tuple[Figure | None, int]:
    """The sum over the proposals of one row for one year, in the file's unit and
    bcalc's signs, and how many proposals entered it by their stated figure because
    their business case does not cover the year. None if one has neither."""
    unit = ctx.result.unit
    terms: list[Figure] = []
    from_stated = 0
    for _, proposal, result in ctx.proposals():
        if result.first_year <= year <= result.last_year:
            figure: Figure | None = getattr(result.years[year - result.first_year], name)
            if figure is None:
                return None, 0
            terms.append(convert(figure, result.unit, unit))
            continue
        series = getattr(proposal.stated, name)
        amount = series if isinstance(series, Amount) or series is None else series.get(year)
        if amount is None:
            return None, 0
        own = amount.unit or result.unit
        read = result.precision.figure(amount, key_of(amount, result.unit))
        figure = convert(read, own, unit)
        terms.append(
            figure.scaled(Decimal(gain_sign(ctx.case, proposal)))
            if name != "investment"
            else figure
        )
        from_stated += 1
    return total(terms), from_stated


def period_labels(ctx: Context) -> Iterator[Finding]:
    """BC106 period-mismatch: a business case is labelled with years outside the
    file's budget period.

    Why it matters: the overview and the business cases must describe the same
    years; otherwise the yearly totals add up figures of different years.

    Example (error): Budget 2021's overview covers 2021–2024, but three business
    cases are labelled "Mio. kr. 2020 2021 2022 2023".
    """
    first, last = ctx.result.first_year, ctx.result.last_year
    for index, proposal, result in ctx.proposals():
        if result.first_year < first or result.last_year > last:
            yield ctx.finding(
                "BC106",
                Severity.ERROR,
                ("proposals", index, "period"),
                f"the business case is labelled {result.first_year}–{result.last_year}, "
                f"but the budget period is {first}–{last}",
                proposal.id,
            )


def ambiguous_numbers(ctx: Context) -> Iterator[Finding]:
    """BC108 ambiguous-number: a money figure written with one dot and three digits
    (``"1.234"`` or ``8.500``) whose unit makes bcalc's reading of it unlikely.

    In quotes a dot groups thousands, as in Danish: ``"1.234"`` is 1234. Unquoted,
    YAML reads a dot as a decimal point: ``8.500`` is 8,5. bcalc warns where the
    unit makes that reading unlikely: ``"1.234"`` in mio. kr. is over a billion
    kroner, and ``8.500`` in kr. or t.kr. is a fraction no budget prints. Likewise
    a comma and three digits in kr. or t.kr. (``"300,000 kr."``): a comma is the
    decimal mark, so that is 300 kr., where an English text means 300.000.

    Why it matters: a figure copied from an English text, or a Danish figure left
    unquoted, is off by a factor of a thousand and still looks right in the file.

    Example (warning): ``investment: "1.234"`` in a file in mio. kr. Write
    ``"1,234"`` if the document means one comma two three four, or ``"1.234 t.kr."``
    to keep the thousands and say so.
    """
    for path, amount, unit in _money(ctx.case):
        message = _ambiguity(amount, amount.unit or unit)
        if message is None:
            continue
        proposal = None
        if len(path) > 1 and path[0] == "proposals" and isinstance(path[1], int):
            proposal = ctx.case.proposals[path[1]].id
        yield ctx.finding("BC108", Severity.WARNING, path, message, proposal)


# A comma and exactly three digits: "300,000", "3,450" (not "1.234,567" or "2,6").
# "0,125" is a fraction, not a thousands group; a "± 0,125" margin is not the figure.
_COMMA_GROUP = re.compile(r"(?<![\d.,])([1-9]\d{0,2}),(\d{3})(?![\d.,])")


def _ambiguity(amount: Amount, unit: Unit) -> str | None:
    """Why bcalc's reading of a figure written ``1.234`` (or ``300,000``) is unlikely
    in ``unit``, if it is."""
    figure = amount.text.split("±")[0]
    comma = _COMMA_GROUP.search(figure) if unit is not Unit.MIO else None
    if comma is not None:
        meant = f"{comma.group(1)}.{comma.group(2)}"
        text = amount.text[: comma.start()] + meant + amount.text[comma.end() :]
        value = amount.value.normalize()
        read = format_danish(value, quantum_of(value))
        return (
            f'"{amount.text}" is read as {read} {unit.value}, as a comma is the '
            f"decimal mark, but no budget prints thousandths of {unit.value}; if the "
            f'document means thousands, write "{text}"'
        )
    if not amount.ambiguous:
        return None
    if amount.quantum == 1 and unit is Unit.MIO:
        written = format_danish(amount.value, amount.quantum)
        meant = written.replace(".", ",")
        return (
            f'"{written}" is read as {amount} {unit.value}: in quotes a dot groups '
            f'thousands; if the document means {meant}, write "{meant}"'
        )
    if amount.quantum < 1 and unit is not Unit.MIO:
        thousands = format_danish(amount.value * 1000, Decimal(1))
        return (
            f"{amount} unquoted is read as {amount.value.normalize():f} {unit.value}: "
            f"YAML reads a dot as a decimal point; if the document means {thousands}, "
            f'write it in quotes: "{thousands}"'
        )
    return None


_Money = Iterator[tuple[FigurePath, Amount, Unit]]


def _money(case: CaseFile) -> _Money:
    """Every money figure with its path and the unit it is in unless it names one."""
    yield from _amounts_in(("stated",), case.stated, case.unit)
    yield from _amounts_in(("checks",), case.checks, case.unit)
    for index, proposal in enumerate(case.proposals):
        unit = proposal_unit(case, proposal)
        for name in ("investment", "savings", "stated"):
            yield from _amounts_in(("proposals", index, name), getattr(proposal, name), unit)


def _amounts_in(path: FigurePath, value: object, unit: Unit) -> _Money:
    for where, amount in amounts_in(path, value):
        yield where, amount, unit


def proposal_numbers(ctx: Context) -> Iterator[Finding]:
    """BC110 duplicate-number: two proposals carry the same number ("Nr.").

    Why it matters: the number is how the council, the overview and the business
    cases refer to a proposal; two with one number means a proposal was copied, or
    renumbered in one table and not in the other.

    Example (warning): the overview lists "3 Flere unge …" and "3 Styrket samarbejde …".
    """
    first: dict[int, int] = {}
    for index, proposal, _ in ctx.proposals():
        if proposal.number is None:
            continue
        if proposal.number in first:
            yield ctx.finding(
                "BC110",
                Severity.WARNING,
                ("proposals", index, "number"),
                f"number {proposal.number} is also proposal {first[proposal.number] + 1}'s "
                f"('{ctx.case.proposals[first[proposal.number]].id}')",
                proposal.id,
            )
        else:
            first[proposal.number] = index


def budget_year_in_period(ctx: Context) -> Iterator[Finding]:
    """BC111 budget-year-not-first: the budget year is not the first year of the
    budget period the file states.

    Why it matters: a budget year's period starts with that year (Budget 2021 covers
    2021–2024); a file that says ``budget_year: 2022`` with a period of 2021–2024 has
    one of the two mistyped, and compare sorts and labels files by the budget year.

    Example (warning): ``budget_year: 2022`` and ``period: [2021, 2024]``.
    """
    first, last = ctx.result.period
    if ctx.case.budget_year != first:
        yield ctx.finding(
            "BC111",
            Severity.WARNING,
            ("budget_year",),
            f"the budget year {ctx.case.budget_year} is not the first year of the budget "
            f"period {first}–{last}; a budget year's period starts with it",
        )
