"""Work bounded by what was written, and an output that cannot be written: issue 11's
items that a small generated file reproduces (the files are built here rather than
kept in tests/hostile/, as they are large)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from bcalc.cli import app
from tests.conftest import CASES, problems_of

runner = CliRunner()
HEAD = "budget_year: 2026\ntitle: Bounds\nunit: mio. kr.\n"


def test_one_long_text_repeated_by_aliases_is_refused_by_its_expanded_size() -> None:
    # 600.000 characters used 20 times: 12 MB of text once expanded, from a file of
    # 600 kB and only 25 values, which the count of values alone let through.
    text = HEAD + (
        f"notes: &long {'x' * 600_000}\n"  # 4
        "proposals:\n"  # 5
        "  - id: a\n"  # 6
        "    title: A\n"  # 7
        '    investment: "2"\n'  # 8
        f"    description: [{', '.join(['*long'] * 20)}]\n"  # 9
    )
    [(code, line, message)] = problems_of(text)
    assert (code, line) == ("BC001", 9)
    assert message == (
        "anchors and aliases (&, *) expand to more than 10,485,760 bytes of text, more than "
        "a case file may hold written out; the file is refused"
    )


def test_a_few_repeats_of_a_text_are_fine() -> None:
    text = HEAD + (
        "proposals:\n"
        "  - &first {id: a, title: Flere i job, investment: '2'}\n"
        "  - {<<: *first, id: b}\n"
    )
    assert problems_of(text) == []


def test_thousands_of_proposals_made_by_merge_keys_are_refused() -> None:
    # 1.001 proposals from 1.001 short lines: no budget year holds that many, and each
    # costs a table in compute and a title comparison in compare.
    lines = ["proposals:", "  - &p {id: p0, title: Flere i job, investment: '2'}"]
    lines += [f"  - {{<<: *p, id: p{n}}}" for n in range(1, 1001)]
    [(code, line, message)] = problems_of(HEAD + "\n".join(lines) + "\n")
    assert (code, line) == ("BC002", 4)
    assert message == "proposals: a case file holds at most 1,000 proposals"


def test_a_title_of_megabytes_is_refused_before_it_costs_minutes() -> None:
    text = HEAD + f"proposals:\n  - id: a\n    title: {'ord ' * 100_000}\n    investment: '2'\n"
    [(code, line, message)] = problems_of(text)
    assert (code, line) == ("BC002", 6)
    assert (
        message == "proposals[0].title: the text is 399,999 characters long; at most 300 fit here"
    )


def test_absurd_but_valid_figures_never_end_in_an_internal_error(tmp_case) -> None:  # type: ignore[no-untyped-def]
    # Break-even = 10^14 / 10^-6 × (10^15 − 1) / 4 years: a number of 35 digits, which
    # rounding to 0,1 once took past Decimal's 28-digit context.
    path = tmp_case(
        HEAD + "proposals:\n  - id: a\n    title: A\n"
        '    investment: "100.000.000.000.000"\n'
        '    savings: "0,000001"\n'
        '    helaarspersoner: "999.999.999.999.999"\n'
    )
    for args in (["compute", str(path)], ["compute", "--format", "json", str(path)]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["compute", str(path)])
    assert "Break-even: 99999999999999900000000000000000000.0 færre" in result.output


def _bcalc(*args: str, stdout: int | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "bcalc", *args],
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ["compute", str(CASES / "2026.yaml")],
        ["compute", "--format", "json", str(CASES / "2026.yaml")],
        ["check", "--no-cache", "--format", "json", str(CASES)],
    ],
)
def test_a_full_disk_is_said_and_exits_4_not_1(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        process = _bcalc(*args, stdout=full.fileno())
        _, err = process.communicate(timeout=30)
    assert process.returncode == 4
    assert err == ("bcalc: the output could not be written completely: No space left on device\n")


def test_a_closed_pipe_is_said_and_exits_4_not_1() -> None:
    # Forty copies of 2021 print far more than a pipe holds, so bcalc is still writing
    # when the reader goes away (`bcalc compute … | head`).
    process = _bcalc("compute", *[str(CASES / "2021.yaml")] * 40)
    assert process.stdout is not None
    assert process.stdout.read(10) == "Overblik 2"
    process.stdout.close()
    _, err = process.communicate(timeout=30)
    assert process.returncode == 4
    assert err == (
        "bcalc: the output could not be written completely: the reader of its output "
        "stopped reading (a pipe such as '| head')\n"
    )
