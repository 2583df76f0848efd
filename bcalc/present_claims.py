"""A file's claims and tables of counts as plain tables, beside its business cases."""

from __future__ import annotations

from bcalc.display import DASH
from bcalc.present import Style, Table
from bcalc.results import FileResult


def claims_table(result: FileResult, style: Style) -> list[Table]:
    """Each claim: the document's figure beside what its arithmetic gives."""
    if not result.claims:
        return []
    rows = []
    for claim in result.claims:
        computed = claim.computed
        shown = DASH if computed is None else style.fmt(computed.value, computed.quantum)
        unit = f" {claim.unit}" if claim.unit else ""
        rows.append([claim.id, claim.expression, f"{claim.stated}{unit}", f"{shown}{unit}"])
    notes = [f"{claim.id}: {claim.text}" for claim in result.claims]
    notes += [f"{c.id}: kan ikke beregnes: {c.problem}" for c in result.claims if c.problem]
    header = ["Påstand", "Beregning", "Angivet", "Beregnet"]
    return [Table(f"Påstande: {result.title}", header, rows, text_columns=2, notes=notes)]


def totals_tables(result: FileResult, style: Style) -> list[Table]:
    """Each table's stated totals beside the sums of its figures."""
    tables = []
    for table in result.tables:
        rows = [
            [
                "kolonne" if total.axis == "column" else "række",
                total.label,
                total.stated,
                style.fmt(total.computed.value, total.computed.quantum),
            ]
            for total in table.totals
        ]
        unit = f" ({table.unit})" if table.unit else ""
        header = ["Total for", "Navn", "Angivet", "Sum af tallene"]
        tables.append(Table(f"{table.title}{unit}", header, rows, text_columns=2))
    return tables
