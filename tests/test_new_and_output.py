"""`bcalc new` (the one place bcalc writes a .yaml), figures at the document's
precision in tables, and the progress bar that only a terminal sees."""

from __future__ import annotations

import io
import os
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bcalc import files
from bcalc.calc import compute_file
from bcalc.checking import check_file
from bcalc.display import kroner_text, shown_text
from bcalc.intervals import Figure
from bcalc.load import load_file
from bcalc.numbers import format_danish
from bcalc.progress import bar, wanted
from bcalc.reports import RuleChoice
from tests.conftest import CASES

runner = CliRunner()


def _app():  # type: ignore[no-untyped-def]
    from bcalc.cli import app

    return app


# bcalc new


def test_new_writes_a_skeleton_that_loads_computes_and_checks_clean(tmp_path: Path) -> None:
    target = tmp_path / "2027.yaml"
    result = runner.invoke(_app(), ["new", "2027", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert f"bcalc: wrote {target}" in result.output
    loaded = load_file(str(target))
    assert loaded.problems == [] and loaded.case is not None
    computed = compute_file(loaded.case, loaded.path)
    assert (computed.budget_year, computed.period) == (2027, (2027, 2030))
    report = check_file(str(target), RuleChoice())
    assert [f.code for f in report.findings] == []
    # The commented per-year example, uncommented in place of the line above it, too.
    lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
    [at] = [n for n, line in enumerate(lines) if line.startswith('    investment: "1"')]
    assert lines[at + 1] == '    # investment: {2027: "1", 2028: "1", 2029: "0,5", 2030: "0,5"}\n'
    lines[at : at + 2] = [lines[at + 1].replace("# ", "", 1)]
    target.write_text("".join(lines), encoding="utf-8")
    assert [f.code for f in check_file(str(target), RuleChoice()).findings] == []


def test_new_never_overwrites_nor_follows_a_link(tmp_path: Path) -> None:
    target = tmp_path / "2027.yaml"
    target.write_text("mine\n", encoding="utf-8")
    refused = runner.invoke(_app(), ["new", "2027", "-o", str(target)])
    assert refused.exit_code == 2
    assert f"{target} exists; bcalc never overwrites a case file" in refused.output
    assert target.read_text(encoding="utf-8") == "mine\n"
    link = tmp_path / "2028.yaml"
    link.symlink_to(tmp_path / "elsewhere.yaml")  # a broken link: its target would be made
    refused = runner.invoke(_app(), ["new", "2028", "-o", str(link)])
    assert refused.exit_code == 2 and "is a symbolic link" in refused.output
    assert not (tmp_path / "elsewhere.yaml").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2027.yaml", "2028.yaml"]


def test_new_defaults_to_the_configured_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "bcalc.toml").write_text('folder = "budget"\n', encoding="utf-8")
    (tmp_path / "budget").mkdir()
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(_app(), ["new", "2030"]).exit_code == 0
    assert (
        (tmp_path / "budget" / "2030.yaml").read_text(encoding="utf-8").startswith("# Budget 2030")
    )
    wrong = runner.invoke(_app(), ["new", "2030", "-o", str(tmp_path / "x.txt")])
    assert wrong.exit_code == 2 and "a case file's name ends in .yaml or .yml" in wrong.output


def test_write_new_bytes_is_atomic_and_refuses_devices(tmp_path: Path) -> None:
    target = tmp_path / "book.xlsx"
    assert files.write_new_bytes(target, b"PK\x03\x04") is None
    assert target.read_bytes() == b"PK\x03\x04"
    assert files.write_new_bytes(target, b"x") == f"{target} exists; use --force to overwrite it"
    assert files.write_new_bytes(target, b"y", force=True) is None
    assert target.read_bytes() == b"y"
    assert [p.name for p in tmp_path.iterdir()] == ["book.xlsx"]  # no temporary left
    pipe = tmp_path / "pipe.xlsx"
    os.mkfifo(pipe)
    assert "is not a regular file" in (files.write_new_bytes(pipe, b"x", force=True) or "")


# Figures at the document's precision


def test_shown_figures_never_say_more_than_the_inputs() -> None:
    whole = Decimal(1)
    assert shown_text(Figure.exact(Decimal("16.625"), whole), format_danish) == "16,6"
    assert shown_text(Figure.exact(Decimal("16.625"), Decimal("0.1")), format_danish) == "16,6"
    assert shown_text(Figure.exact(Decimal("1.55"), Decimal("0.1")), format_danish) == "1,6"
    assert shown_text(Figure.exact(Decimal("9.5"), whole), format_danish) == "9,5"
    assert shown_text(Figure.exact(Decimal("2.605"), Decimal("0.01")), format_danish) == "2,61"
    assert shown_text(Figure.exact(Decimal("8500"), whole), format_danish) == "8.500"
    assert kroner_text(Decimal("173333.33"), format_danish) == "173.000"
    assert kroner_text(Decimal("156390.98"), format_danish) == "156.000"
    assert kroner_text(Decimal("512"), format_danish) == "512"


def test_the_2026_tables_pinned() -> None:
    result = runner.invoke(_app(), ["compute", "--danish", str(CASES / "2026.yaml")])
    rows = [" ".join(line.split()) for line in result.stdout.splitlines()]
    assert (
        "2 Flere langtidssygemeldte skal tilbage i arbejdsfællesskabet via "
        "virksomhedsøvebaner 2,6 2,6 0,0 16,6"
    ) in rows
    assert "Total 10,7 11,3 0,6 90,6" in rows
    assert "Besparelse pr. helårsperson: 173.000 kr." in rows
    assert "Investering pr. helårsperson: 133.000 kr." in rows
    assert "Break-even: 11,5 færre helårspersoner om året" in rows
    assert "Helårspersoner 9,5 19 19 19 66,5" in rows
    # JSON keeps every digit.
    json_out = runner.invoke(_app(), ["compute", "-f", "json", str(CASES / "2026.yaml")]).stdout
    assert '"average_helaarspersoner": "90.625"' in json_out
    assert '"savings_per_helaarsperson_kr": "173333"' in json_out


# Progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_bar_only_for_many_files_on_a_terminal() -> None:
    assert wanted(100, stream=_Terminal()) is True
    assert wanted(5, stream=_Terminal()) is False
    assert wanted(100, stream=io.StringIO()) is False  # a pipe or a file
    with bar(3, "x", enabled=False) as done:
        done()  # nothing drawn, nothing imported


def test_check_prints_no_bar_into_a_pipe() -> None:
    result = runner.invoke(_app(), ["check", "--no-cache", str(CASES)])
    assert "Kontrollerer" not in result.output
