"""Numbers too large or too long to be budget figures: a BC002 with the line and the
field, never an internal error, and never a message that repeats a megabyte of digits."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bcalc.cli import app
from bcalc.load import load_text
from bcalc.numbers import MAX_NUMBER_TEXT, parse_danish, parse_plain

runner = CliRunner()

HEAD = "budget_year: 2026\ntitle: T\nunit: mio. kr.\nproposals:\n  - id: a\n    title: A\n"
MILLION = "9" * 1_000_001  # one digit more than the decimal context's largest exponent


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("1.0e+1000000", "proposals[0].investment: '1.0e+1000000' is too large to be a budget"),
        ("-1.0e+999999999999999999", "'-1.0e+999999999999999999' is too large to be"),
        ("1.0e-1000000", "'1.0e-1000000' has more than 6 decimals"),
        (MILLION, "a number written with 1,000,001 characters is too long to be a budget"),
        (f'"{MILLION}"', "a number written with 1,000,001 characters is too long to be a budget"),
        (f'"1.{"000." * 40}000"', "a number written with 165 characters is too long"),
    ],
    ids=["exponent", "huge-exponent", "tiny", "digits", "quoted-digits", "grouped"],
)
def test_a_number_too_large_or_too_long_is_a_bc002(written: str, message: str) -> None:
    [problem] = load_text(HEAD + f"    investment: {written}\n", "case.yaml").problems
    assert (problem.code, problem.line, problem.column) == ("BC002", 7, 5)
    assert message in problem.message
    assert len(problem.message) < 200


def test_the_parsers_refuse_long_texts_before_converting() -> None:
    for parse in (parse_plain, parse_danish):
        with pytest.raises(ValueError, match="too long to be a budget figure"):
            parse("1" * (MAX_NUMBER_TEXT + 1))
    # The longest real figures are far shorter than the limit.
    assert parse_danish("ca. 1.234.567.890,123456 mio. kr.").value == Decimal("1234567890.123456")


def test_check_reports_a_huge_figure_with_exit_2_not_an_internal_error(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(HEAD + f'    investment: "{MILLION}"\n    savings: 1.0e+1000000\n')
    result = runner.invoke(app, ["check", "--no-cache", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if ": BC002 [error] " in line]
    assert [line.split(": BC002")[0] for line in lines] == [f"{path}:7:5", f"{path}:8:5"]
    # The million digits are never repeated: not in the message, not in the quoted line.
    assert len(result.output) < 1000
    assert '     7 |     investment: "99999' in result.output
