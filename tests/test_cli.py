"""The command line as a user runs it."""

import json
import shutil
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from bcalc.cli import _InOrder, app
from tests.conftest import CASES

runner = CliRunner()


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


def test_installed_bcalc_computes_2026_as_a_user_would() -> None:
    executable = shutil.which("bcalc")
    command = [executable] if executable else [sys.executable, "-m", "bcalc"]
    done = subprocess.run(
        [*command, "compute", str(CASES / "2026.yaml"), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)["files"][0]
    assert document["period"] == [2026, 2029]
    assert document["totals"]["period"]["average_investment"] == "10.7"
    assert document["totals"]["period"]["average_savings"] == "11.3"
    first = document["proposals"][0]
    assert first["years"]["2026"] == {
        "investment": "2",
        "savings": "2.6",
        "net_gain": "0.6",
        "cumulative_net_gain": "0.6",
        "helaarspersoner": "15",
        "savings_components": {"Forsørgelsesudgifter": "2.6"},
    }
    assert first["period"]["net_gain"] == "2.4"
    assert first["payback_year"] == 2026
    assert first["break_even_helaarspersoner"] == "11.5"


def test_python_dash_m_and_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bcalc", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and done.stdout.startswith("bcalc ")


def test_help_lists_commands_as_a_user_meets_them_with_whole_summaries() -> None:
    result = run("--help")
    assert result.exit_code == 0
    listed = result.output.split("Commands:\n", 1)[1].splitlines()
    names = [line.split()[0] for line in listed if line.strip() and not line.startswith("   ")]
    # In the order a user meets them (cli._InOrder.ORDER), whoever adds a command.
    order = [name for name in _InOrder.ORDER if name in names]
    assert names == order + sorted(set(names) - set(order))
    assert names[:3] == ["compute", "check", "compare"]
    assert {"report", "export", "new", "config"} <= set(names)
    check = next(line for line in listed if line.startswith("  check "))
    assert check.split(None, 1)[1] == "Check stated figures against the arithmetic (for CI)."
    assert not any(line.endswith("...") for line in listed)  # no summary cut short


def test_rules_are_plain_text_with_a_severity_column() -> None:
    result = run("rules")
    lines = result.output.splitlines()
    assert lines[0].split() == ["Code", "Name", "Severity", "What", "it", "finds"]
    assert [line.split()[0] for line in lines[1:]] == sorted(line.split()[0] for line in lines[1:])
    assert lines[1].split()[:3] == ["BC001", "unreadable-file", "error"]
    bc107 = next(line for line in lines if line.startswith("BC107"))
    assert bc107.split()[:3] == ["BC107", "unused-ignore", "warning"]
    assert "an 'ignore' entry matches no finding of its rule." in bc107
    assert "``" not in result.output
    explained = run("rules", "bc107").output
    assert explained.startswith("BC107 unused-ignore: an 'ignore' entry matches no finding")
    assert explained.rstrip().endswith("Severity: warning")
    assert "``" not in explained


def test_table_shows_overview_and_cases() -> None:
    result = run("compute", str(CASES / "2026.yaml"))
    assert result.exit_code == 0
    assert "10.7" in result.output and "11.3" in result.output
    assert "Break-even: 11.5" in result.output


def test_danish_and_document_signs() -> None:
    result = run(
        "compute",
        str(CASES / "2021.yaml"),
        "--danish",
        "--document-signs",
        "--proposal",
        "corona-beskaeftigelsesindsats",
        "--format",
        "markdown",
    )
    assert result.exit_code == 0
    rows = [line for line in result.output.splitlines() if "Gevinst" in line]
    # As printed in the document: "Gevinst (-) 2,8 -3,0 -3,0 -3,0". (CSV and JSON keep
    # bcalc's own signs and plain numbers: tests/test_tidy_csv.py.)
    assert rows[0] == "| Gevinst (-) | 2,8 | -3,0 | -3,0 | -3,0 | -6,2 |"


def test_markdown_overview_has_a_total_row() -> None:
    result = run("compute", str(CASES / "2023.yaml"), "--format", "markdown")
    assert result.exit_code == 0
    assert "|  | **Total** | **35.4** | **–** | **–** | **–** |" in result.output
    assert "Helårspersoner" not in result.output  # none stated, so no row of dashes


def test_unknown_proposal_is_a_usage_error() -> None:
    assert run("compute", str(CASES / "2026.yaml"), "--proposal", "nope").exit_code == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "budget_year: 2026\ntitle: T\nunit: mio. kr.\nproposals:\n  - id: a\n    title: A\n"
            "    investmnet: 2\n",
            ["case.yaml:5:5: BC002", "case.yaml:7:5: BC002"],
        ),
        ("{not yaml", ["case.yaml:2:1: BC001"]),
    ],
)
def test_bad_files_exit_2_with_file_and_line(tmp_case, text, expected) -> None:  # type: ignore[no-untyped-def]
    path = tmp_case(text)
    done = subprocess.run(
        [sys.executable, "-m", "bcalc", "compute", str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=path.parent,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    for item in expected:
        assert item.replace("case.yaml", str(path)) in done.stderr


def test_schema_is_valid_json_and_refuses_to_overwrite(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = run("schema")
    assert json.loads(result.output)["title"] == "bcalc case file"
    target = tmp_path / "schema.json"
    assert run("schema", "-o", str(target)).exit_code == 0
    assert run("schema", "-o", str(target)).exit_code == 2
    assert run("schema", "-o", str(target), "--force").exit_code == 0


def test_titles_with_brackets_are_printed_as_written_not_read_as_markup(tmp_case) -> None:  # type: ignore[no-untyped-def]
    path = tmp_case(
        "budget_year: 2026\nunit: mio. kr.\ntitle: Budget [A]\nproposals:\n"
        "  - id: a\n    title: Forslag [/] og [bold]x\n"
        '    investment: "1"\n    savings: "2"\n    helaarspersoner: 5\n'
    )
    result = run("compute", str(path))
    assert result.exit_code == 0, result.output
    assert "Budget [A]" in result.stdout
    assert "Forslag [/] og [bold]x [a]" in result.stdout


def test_json_findings_name_the_figure_an_ignore_entry_would_name() -> None:
    result = run("check", "--no-cache", "--format", "json", str(CASES / "2021.yaml"))
    findings = json.loads(result.stdout)["findings"]
    serious = [
        (f["line"], f["code"], f["proposal"], f["figure"])
        for f in findings
        if f["severity"] != "info"
    ]
    assert serious[:3] == [
        (51, "BC106", "forsikrede-i-job", "period"),
        (72, "BC106", "unge-uddannelse-job", "period"),
        (74, "BC301", "unge-uddannelse-job", "savings"),
    ]


def test_piped_tables_keep_a_long_title_on_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    # CliRunner's output is not a terminal, as in a CI log: no folding at 80 columns.
    monkeypatch.delenv("COLUMNS", raising=False)
    result = run("compute", str(CASES / "2026.yaml"))
    assert result.exit_code == 0
    title = "Flere langtidssygemeldte skal tilbage i arbejdsfællesskabet via virksomhedsøvebaner"
    row = next(line for line in result.stdout.splitlines() if title in line)
    assert row.split() == ["2", *title.split(), "2.6", "2.6", "0.0", "16.6"]
