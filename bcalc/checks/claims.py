"""Claims and tables of counts: arithmetic the document states outside the business case."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from bcalc.checks.base import Context
from bcalc.checks.judge import judge
from bcalc.counts import check_table
from bcalc.findings import FigurePath, Finding, Severity
from bcalc.intervals import Figure
from bcalc.numbers import format_plain, quantum_of


def claim_arithmetic(ctx: Context) -> Iterator[Finding]:
    """BC401 claim-arithmetic: a claim's stated figure is not what its arithmetic gives
    (``claims:`` in the case file), rounding-aware: every written number with a unit is
    an interval, products and quotients of intervals are intervals.

    Why it matters: budget papers justify investments with sentences such as "for hver
    1 mio. kr. til indsats har kommunen ca. 10,5 mio. kr. i udgifter til forsørgelse".
    Nobody recomputes them; a reviewer must be told when the figures printed beside a
    claim do not give it, and which figure the claim would need.

    Example (error): "ca. 10,5" from 5.689 mio. kr. / 662 mio. kr., which is 8,59
    (8,586–8,601); it would hold if 662 mio. kr. were 541,8 mio. kr. — another basis
    than the slide shows, or a slip.
    """
    for index, (claim, computed) in enumerate(zip(ctx.case.claims, ctx.result.claims, strict=True)):
        path: FigurePath = ("claims", index, "stated")
        what = f"claim '{claim.id}'"
        if computed.computed is None:
            yield ctx.finding(
                "BC401",
                Severity.ERROR,
                ("claims", index, "expression"),
                f"{what} cannot be computed: {computed.problem}",
            )
            continue
        stated = claim.stated
        read = Figure.written(stated.value, stated.tolerance, stated.quantum)
        source = f"its arithmetic ({claim.expression}) gives"
        outcome = judge(what, computed.computed, read, stated, 1, claim.unit or "", source)
        if outcome is None:
            continue
        text = outcome.message
        if outcome.severity is not Severity.INFO and computed.needed:
            options = [f"{n.written} were {_shown(n.value, n.written)}" for n in computed.needed]
            text += f". It would hold if {' or '.join(options)}"
        yield ctx.finding(
            "BC401",
            outcome.severity,
            path,
            text,
            computed=outcome.computed,
            stated=outcome.stated,
            tolerance=outcome.tolerance,
        )


def _shown(value: Decimal, written: str) -> str:
    """A needed value at one digit finer than the number it replaces."""
    from bcalc.numbers import parse_danish

    try:
        amount = parse_danish(written)
    except ValueError:
        return format_plain(value, Decimal("0.01"))
    unit = f" {amount.unit.value}" if amount.unit else ""
    quantum = quantum_of(amount.value) / 10
    return f"{format_plain(value, quantum).rstrip('0').rstrip('.')}{unit}"


def table_totals(ctx: Context) -> Iterator[Finding]:
    """BC402 table-total: a total a table states ("I alt") is not what its rows (or
    columns) add up to, rounding-aware. Where the rows are rounded from unrounded data
    (averages of counts), the table states its rounding basis and the sum of the
    printed rows may miss the total by up to half a unit a row.

    Why it matters: a row added, changed or retyped after the total was made leaves
    the total wrong, and the total is the figure that is quoted.

    Example (warning): Beskæftigelsesplan 2023, Tabel 2, Okt 2018: the twelve rows add
    up to 38.992 against "I alt 38.988". Rounding of twelve averages allows up to 6,5,
    but independent rounding rarely gives more than 3,1: possible only if nearly every
    row was rounded the same way, while the other four columns add up exactly.
    """
    from bcalc.calc import count_table, stated_totals

    for index, table in enumerate(ctx.case.tables):
        rows = len(table.columns)
        checks = check_table(count_table(table))
        for number, (check, written) in enumerate(zip(checks, stated_totals(table), strict=True)):
            if check.axis == "column":
                path: FigurePath = ("tables", index, "total_row", "figures", number)
                terms = f"the {check.terms} rows add up to"
            else:
                path = ("tables", index, "total_column", "figures", number - rows)
                terms = f"the {check.terms} columns add up to"
            what = f"table '{table.id}': the total of {check.axis} '{check.label}'"
            outcome = judge(what, check.computed, check.stated, written, 1, table.unit or "", terms)
            if outcome is None:
                continue
            yield ctx.finding(
                "BC402",
                outcome.severity,
                path,
                outcome.message,
                computed=outcome.computed,
                stated=outcome.stated,
                tolerance=outcome.tolerance,
            )
