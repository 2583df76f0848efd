"""CSV is one long table (render/tidy.py): the same columns for compute and compare,
exact values as in JSON, empty for unknown, `--danish` for Danish Excel."""

from __future__ import annotations

import csv
import io

from typer.testing import CliRunner

from bcalc.cli import app
from bcalc.render.tidy import COLUMNS
from tests.conftest import CASES

runner = CliRunner()


def _csv(*args: str) -> tuple[list[str], list[dict[str, str]]]:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    text = result.stdout.removeprefix("\ufeff")
    delimiter = ";" if "--danish" in args else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    return list(reader.fieldnames or []), list(reader)


def _value(rows: list[dict[str, str]], **match: str) -> list[str]:
    return [r["value"] for r in rows if all(r[k] == v for k, v in match.items())]


def test_compute_csv_is_one_long_table_with_exact_values() -> None:
    header, rows = _csv("compute", "--format", "csv", str(CASES / "2026.yaml"))
    assert header == list(COLUMNS)
    path = str(CASES / "2026.yaml")
    assert {r["file"] for r in rows} == {path}
    # Slide 6: 2 mio. kr. invested, 2,6 saved on forsørgelse, 15 persons, each year.
    first = {"proposal": "akademikere-opkvalificering", "table": "year", "year": "2026"}
    assert _value(rows, **first, row="investment") == ["2"]
    assert _value(rows, **first, row="savings", component="") == ["2.6"]
    assert _value(rows, **first, row="savings", component="Forsørgelsesudgifter") == ["2.6"]
    assert _value(rows, **first, row="helaarspersoner") == ["15"]
    # The totals (proposal empty): slide 5's "Total 10,7 11,3 0,6"; persons exact.
    totals = {"proposal": "", "table": "period"}
    assert _value(rows, **totals, row="average_investment") == ["10.7"]
    assert _value(rows, **totals, row="average_savings") == ["11.3"]
    assert _value(rows, **totals, row="average_net_gain") == ["0.6"]
    assert _value(rows, **totals, row="average_helaarspersoner") == ["90.625"]
    units = {r["row"]: r["unit"] for r in rows if r["table"] == "period"}
    assert units["average_helaarspersoner"] == "helårspersoner"
    assert units["investment"] == "mio. kr."
    key = {"proposal": "akademikere-opkvalificering", "table": "key_figures"}
    assert _value(rows, **key, row="savings_per_helaarsperson_kr") == ["173333"]
    assert _value(rows, **key, row="payback_year") == ["2026"]
    # No dash, no indentation, no repeated header anywhere.
    assert all(r["value"] != "–" and r["row"] == r["row"].strip() for r in rows)
    assert sum(r["file"] == "file" for r in rows) == 0


def test_unknown_figures_are_empty_cells() -> None:
    _, rows = _csv("compute", "--format", "csv", str(CASES / "2023.yaml"))
    savings = [r for r in rows if r["row"] == "savings" and r["table"] == "year"]
    assert savings and {r["value"] for r in savings} == {""}


def test_danish_csv_is_what_danish_excel_opens() -> None:
    result = runner.invoke(app, ["compute", "-f", "csv", "--danish", str(CASES / "2026.yaml")])
    assert result.stdout.startswith("\ufefffile;proposal;table;row;component;year;value;unit\n")
    assert ";akademikere-opkvalificering;year;savings;;2026;2,6;mio. kr.\n" in result.stdout
    assert ";;period;average_helaarspersoner;;;90,625;helårspersoner\n" in result.stdout


def test_compare_csv_uses_the_same_columns() -> None:
    header, rows = _csv(
        "compare", "--format", "csv", str(CASES / "2021.yaml"), str(CASES / "2023.yaml")
    )
    assert header == list(COLUMNS)
    corona = {"proposal": "corona-beskaeftigelsesindsats"}
    assert _value(rows, **corona, table="status", row="ended") == ["1"]
    # (5,7 + 3 × 11,5) / 4 = 10,05 mio. kr. a year, converted from the file's t.kr.
    assert _value(rows, **corona, table="values", row="average_savings") == ["10.05"]
    total = {"proposal": "", "row": "average_investment"}
    assert _value(rows, **total, table="values") == ["30.1", "35.4"]
    assert _value(rows, **total, table="change") == ["5.3"]
    assert _value(rows, **total, table="change_percent") == ["17.6"]


def test_a_component_named_like_a_formula_stays_text(tmp_case) -> None:  # type: ignore[no-untyped-def]
    path = tmp_case(
        "budget_year: 2026\ntitle: T\nunit: mio. kr.\nproposals:\n  - id: a\n    title: A\n"
        "    investment:\n      components:\n        - name: '=HYPERLINK(1)'\n"
        '          amount: "2"\n'
    )
    _, rows = _csv("compute", "--format", "csv", str(path))
    assert "'=HYPERLINK(1)" in {r["component"] for r in rows}
