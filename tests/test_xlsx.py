"""The Excel workbook read back with openpyxl: every figure and every cached formula
value is bcalc's own, and every formula, worked out from the cells it names, gives
the value cached in it."""

from __future__ import annotations

import ast
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bcalc.cli import app
from bcalc.render.xlsx import excel_text, number_format
from bcalc.results import FileResult
from tests.conftest import CASES, compute_case

openpyxl = pytest.importorskip("openpyxl")
runner = CliRunner()


def _export(name: str, tmp_path: Path) -> Path:
    output = tmp_path / f"{Path(name).stem}.xlsx"
    result = runner.invoke(app, ["export", str(CASES / name), "-o", str(output)])
    assert result.exit_code == 0, result.output
    return output


def _excel(value: Decimal) -> float:
    """What Excel holds for an exact figure: its 16 significant digits."""
    return float(excel_text(value))


def _rows(sheet: Any) -> dict[str, list[Any]]:
    """Label in column A → the values of the other columns."""
    return {
        row[0]: list(row[1:])
        for row in sheet.iter_rows(values_only=True)
        if isinstance(row[0], str)
    }


def test_the_2026_workbook_holds_bcalcs_figures(tmp_path: Path) -> None:
    book_path = _export("2026.yaml", tmp_path)
    values = openpyxl.load_workbook(book_path, data_only=True)
    result = compute_case("2026.yaml")
    assert values.sheetnames == [
        "Overblik 2026",
        "1 akademikere-opkvalificering",
        "2 sygemeldte-virksomhedsoevebaner"[:31],
        "3 igu-velfaerdsomraader",
    ]
    overview = [list(r) for r in values["Overblik 2026"].iter_rows(min_row=5, values_only=True)]
    # Slide 5, row by row: "2 2,6 0,6", "2,6 2,6 0", "6,1 6,1 0", total "10,7 11,3 0,6".
    assert [r[:7] for r in overview[:4]] == [
        [1, result.proposals[0].title, "akademikere-opkvalificering", 2, 2.6, 0.6, 15],
        [2, result.proposals[1].title, "sygemeldte-virksomhedsoevebaner", 2.6, 2.6, 0, 16.625],
        [3, result.proposals[2].title, "igu-velfaerdsomraader", 6.1, 6.1, 0, 59],
        [None, "Total", None, 10.7, 11.3, 0.6, 90.625],
    ]
    _proposal_sheets_match(values, result)


def _proposal_sheets_match(values: Any, result: FileResult) -> None:
    for proposal, sheet in zip(result.proposals, values.worksheets[1:], strict=True):
        rows = _rows(sheet)
        years = [y.year for y in proposal.years]
        header = rows[proposal.unit.value]
        assert header == [*years, "I alt"]
        period = proposal.period

        def line(
            label: str, figures: list[Any], total: Any, rows: Any = rows, years: Any = years
        ) -> None:
            expected = [None if f is None else _excel(f.value) for f in figures]
            assert rows[label][: len(years)] == expected, label
            if total is not None:
                assert rows[label][len(years)] == _excel(total.value), label

        line("Investering", [y.investment for y in proposal.years], period.investment)
        line("Besparelse", [y.savings for y in proposal.years], period.savings)
        line("Gevinst", [y.net_gain for y in proposal.years], period.net_gain)
        line("Akkumuleret", [y.cumulative_net_gain for y in proposal.years], None)
        if period.helaarspersoner is not None:
            line(
                "Helårspersoner",
                [y.helaarspersoner for y in proposal.years],
                period.helaarspersoner,
            )
        unit = proposal.unit.value
        key = {
            f"Investering, gns. pr. år ({unit})": period.average_investment.value,
            "Besparelse pr. investeret krone": proposal.savings_ratio,
            "Investering pr. helårsperson": proposal.investment_per_helaarsperson_kr,
            "Besparelse pr. helårsperson": proposal.savings_per_helaarsperson_kr,
            "Break-even, færre helårspersoner om året": proposal.break_even_helaarspersoner,
        }
        for label, value in key.items():
            if value is not None:
                assert rows[label][0] == _excel(value), label
        assert rows["Tilbagebetalt (år)"][0] == proposal.payback_year


def test_akademikere_by_hand(tmp_path: Path) -> None:
    """Seed 001, slide 6: 2 mio. kr. a year, 2,6 saved, 15 persons: 8 and 10,4 over the
    period, 0,6 a year net, 2,4 cumulative by 2029, 173.333 kr. saved per person."""
    rows = _rows(
        openpyxl.load_workbook(_export("2026.yaml", tmp_path), data_only=True).worksheets[1]
    )
    assert rows["Investering"] == [2, 2, 2, 2, 8]
    assert rows["Besparelse"] == [2.6, 2.6, 2.6, 2.6, 10.4]
    assert rows["Gevinst"] == [0.6, 0.6, 0.6, 0.6, 2.4]
    assert rows["Akkumuleret"][:4] == [0.6, 1.2, 1.8, 2.4]
    assert rows["Besparelse pr. helårsperson"][0] == pytest.approx(173333.3333333333, abs=1e-6)
    assert rows["Besparelse pr. investeret krone"][0] == 1.3


@pytest.mark.parametrize("name", ["2021.yaml", "2023.yaml", "2026.yaml"])
def test_every_formula_gives_its_cached_value(name: str, tmp_path: Path) -> None:
    path = _export(name, tmp_path)
    formulas = openpyxl.load_workbook(path)
    cached = openpyxl.load_workbook(path, data_only=True)
    count = 0
    for sheet in formulas.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    expected = cached[sheet.title][cell.coordinate].value
                    assert isinstance(expected, (int, float)), (sheet.title, cell.coordinate)
                    got = _evaluate(cell.value[1:], cached[sheet.title])
                    assert abs(got - Decimal(repr(expected))) <= abs(got) * Decimal("1e-12"), (
                        sheet.title,
                        cell.coordinate,
                        cell.value,
                    )
                    count += 1
    assert count > 10


def _evaluate(formula: str, sheet: Any) -> Decimal:
    """SUM(A1:B1), cell references, numbers, + - * / and brackets, in Decimal."""

    def span(match: re.Match[str]) -> str:
        cells = sheet[f"{match[1]}:{match[2]}"]
        names = [c.coordinate for line in cells for c in line if c.value is not None]
        return "(" + "+".join(names) + ")"

    expression = re.sub(r"SUM\(([A-Z]+\d+):([A-Z]+\d+)\)", span, formula)

    def walk(node: ast.AST) -> Decimal:
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.BinOp):
            left, right = walk(node.left), walk(node.right)
            operations = {ast.Add: left + right, ast.Sub: left - right, ast.Mult: left * right}
            if isinstance(node.op, ast.Div):
                return left / right
            return operations[type(node.op)]
        if isinstance(node, ast.Constant):
            return Decimal(str(node.value))
        if isinstance(node, ast.Name):
            return Decimal(repr(sheet[node.id].value))
        raise AssertionError(f"unexpected {ast.dump(node)} in {formula}")

    return walk(ast.parse(expression, mode="eval"))


def test_2021_overview_converts_mio_to_the_files_tkr(tmp_path: Path) -> None:
    """Budget 2021's overview is in t.kr., its business cases in mio. kr.: corona's
    investment of 8,5 mio. kr. a year is 8.500 t.kr. in the overview."""
    book = openpyxl.load_workbook(_export("2021.yaml", tmp_path), data_only=True)
    overview = book.worksheets[0]
    first = [c.value for c in overview[5]]
    assert first[2] == "corona-beskaeftigelsesindsats"
    assert first[3] == 8500
    total = next(r for r in overview.iter_rows(values_only=True) if r[1] == "Total")
    assert total[3] == 30100  # "Samlet investering 30.000" is stated; the rows give 30.100


def test_number_formats_show_the_documents_precision(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(_export("2026.yaml", tmp_path))
    overview = book.worksheets[0]
    assert overview["G6"].value == 16.625 and overview["G6"].number_format == "#,##0.0"
    assert overview["D5"].number_format == "#,##0"  # "2", as written
    assert overview["E5"].number_format == "#,##0.0"
    assert overview.freeze_panes == "C5"
    assert book.worksheets[1].freeze_panes == "B5"
    assert number_format(Decimal("0.01")) == "#,##0.00"


def test_user_text_is_text_never_a_formula(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(
        'budget_year: 2026\ntitle: "=HYPERLINK(\\"http://x\\")"\nunit: mio. kr.\n'
        'proposals:\n  - id: a\n    title: "=1+1"\n    investment: "2"\n',
        encoding="utf-8",
    )
    output = tmp_path / "book.xlsx"
    assert runner.invoke(app, ["export", str(case), "-o", str(output)]).exit_code == 0
    book = openpyxl.load_workbook(output)
    assert book.worksheets[0]["B5"].value == "=1+1"
    assert book.worksheets[0]["B5"].data_type == "s"


def test_same_bytes_and_safe_writing(tmp_path: Path) -> None:
    first = _export("2026.yaml", tmp_path).read_bytes()
    again = runner.invoke(app, ["export", str(CASES / "2026.yaml"), "-o", str(tmp_path / "b.xlsx")])
    assert again.exit_code == 0 and (tmp_path / "b.xlsx").read_bytes() == first
    exists = runner.invoke(
        app, ["export", str(CASES / "2026.yaml"), "-o", str(tmp_path / "b.xlsx")]
    )
    assert exists.exit_code == 2 and "b.xlsx exists; use --force to overwrite it" in exists.output
    wrong = runner.invoke(app, ["export", str(CASES / "2026.yaml"), "-o", str(tmp_path / "b.csv")])
    assert wrong.exit_code == 2 and "the file's name must end in .xlsx" in wrong.output
    piped = runner.invoke(app, ["compute", "--format", "xlsx", str(CASES / "2026.yaml")])
    assert piped.exit_code == 2
    assert "--format xlsx writes a binary file; name it with -o, e.g. -o book.xlsx" in piped.output
    formatted = runner.invoke(
        app, ["compute", "-f", "xlsx", "-o", str(tmp_path / "c.xlsx"), str(CASES / "2026.yaml")]
    )
    assert formatted.exit_code == 0 and (tmp_path / "c.xlsx").read_bytes() == first
