"""``bcalc sensitivity``: its formats, one row each."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, TextIO

from bcalc.render import Options

if TYPE_CHECKING:
    from bcalc.present import Table
    from bcalc.results import SensitivityResult

Write = Callable[[Iterable["SensitivityResult"], Options, TextIO], None]


def tables(result: SensitivityResult, options: Options) -> list[Table]:
    """One table a proposal: its scenarios, and its switching values as notes."""
    from bcalc.display import DASH, formatter
    from bcalc.present import Table

    fmt = formatter(options.danish)
    money = Decimal("0.01")

    def text(value: Decimal | None, quantum: Decimal = money) -> str:
        return DASH if value is None else fmt(value, quantum)

    rate = fmt(result.rate * 100, Decimal("0.1"))
    out = []
    for proposal in result.proposals:
        unit = proposal.unit.value
        rows = [
            [
                row.name,
                text(row.period_investment),
                text(row.period_savings),
                text(row.period_net_gain),
                DASH if row.payback_year is None else str(row.payback_year),
                text(row.present_value),
            ]
            for row in proposal.scenarios
        ]
        switching = proposal.switching
        notes = []
        if switching.effect_share is not None:
            share = text(switching.effect_share * 100, Decimal("0.1"))
            notes.append(
                f"Effekten kan falde til {share} % af det forventede, før casen ikke betaler sig"
            )
        if switching.investment_change is not None:
            change = text(switching.investment_change * 100, Decimal("0.1"))
            notes.append(
                f"Investeringen kan stige til {text(switching.investment)} {unit} i perioden "
                f"({change} %), før besparelsen ikke dækker den"
            )
        if switching.unit_cost_kr is not None:
            notes.append(
                f"Besparelsen pr. helårsperson skal være mindst "
                f"{text(switching.unit_cost_kr, Decimal('1E3'))} kr. om året"
            )
        header = [
            "Scenarie",
            "Investering",
            "Besparelse",
            "Gevinst",
            "Tilbagebetalt",
            "Nutidsværdi",
        ]
        title = f"Følsomhed: {proposal.title} [{proposal.id}], {unit} over perioden"
        notes.append(f"Nutidsværdi ved {rate} % real diskonteringsrente, første år udiskonteret")
        out.append(Table(title, header, rows, notes=notes))
    return out


def _table(results: Iterable[SensitivityResult], options: Options, out: TextIO) -> None:
    from bcalc.render.tables import to_rich
    from bcalc.render.terminal import print_rich

    print_rich(to_rich([t for result in results for t in tables(result, options)]), out)


def _markdown(results: Iterable[SensitivityResult], options: Options, out: TextIO) -> None:
    from bcalc.render.tables import to_markdown

    found = [t for result in results for t in tables(result, options)]
    if found:
        out.write(to_markdown(found))


def _json(results: Iterable[SensitivityResult], options: Options, out: TextIO) -> None:
    from bcalc.render.json import dumps

    out.write(dumps({"files": [r.model_dump(mode="json") for r in results]}) + "\n")


FORMATS: dict[str, Write] = {"table": _table, "json": _json, "markdown": _markdown}
