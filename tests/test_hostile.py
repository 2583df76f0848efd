"""Hostile and broken input: one small file per hazard in tests/hostile/, each pinned
to the finding it must produce (code, line, a fragment of the message) and the exit
code of ``bcalc check``. Folder hazards and output files are built in tmp_path.

A few pins need changes to files outside this test's reach (bcalc/load.py,
bcalc/cli.py, bcalc/checks/); they are strict xfails, so they fail loudly the day
the change lands and the marker must go.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bcalc.cli import app
from bcalc.load import load_file
from tests.conftest import CASES, consistent_2026

HOSTILE = Path(__file__).parent / "hostile"
FINDING = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<code>BC\d{3}) \[(\w+)\] ")

runner = CliRunner()


@pytest.fixture(autouse=True)
def _cache_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`bcalc check` keeps a cache; these tests leave none behind."""
    monkeypatch.setenv("BCALC_CACHE_DIR", str(tmp_path / "cache"))


def findings(output: str) -> list[tuple[str, int, str, str]]:
    """(file, line, code, whole line) of every finding bcalc printed."""
    found = []
    for text in output.splitlines():
        if match := FINDING.match(text):
            found.append((match["file"], int(match["line"]), match["code"], text))
    return found


def pin(name: str, exit_code: int, line: int, code: str, fragment: str, *marks: object):  # type: ignore[no-untyped-def]
    return pytest.param(name, exit_code, line, code, fragment, id=name, marks=marks)


# (file, exit code, line, code, message fragment); line 0 and code "" for a file that
# is read correctly and has nothing to report.
PINS = [
    # 1. YAML hazards
    pin("python_tag.yaml", 2, 1, "BC001", "'tag:yaml.org,2002:python/object/apply:os.system'"),
    pin("custom_tag.yaml", 2, 7, "BC001", "YAML tag '!money' is not allowed in a case file"),
    pin("duplicate_key.yaml", 2, 8, "BC001", "is written twice (first on line 7)"),
    pin("not_utf8.yaml", 2, 2, "BC001", "is not UTF-8 text; save it as UTF-8"),
    # A BOM or Windows line endings shift no line: the slip on line 10 is found there.
    pin("bom.yaml", 1, 10, "BC102", 'average annual gain is stated as "0,9" mio. kr. but'),
    pin("crlf.yaml", 1, 10, "BC102", 'average annual gain is stated as "0,9" mio. kr. but'),
    pin("tabs.yaml", 2, 7, "BC001", "a tab is used to indent this line; YAML indents with spaces"),
    pin("tab_before_value.yaml", 2, 8, "BC001", "a tab is used to indent this line"),
    pin(
        "wrong_indentation.yaml",
        2,
        7,
        "BC001",
        "this line is not indented like the lines around it",
    ),
    pin("unclosed_quote.yaml", 2, 6, "BC001", 'the quote (") opened on line 6 is not closed'),
    pin("unclosed_bracket.yaml", 2, 8, "BC001", "the bracket { opened on line 7 is not closed"),
    pin("missing_colon.yaml", 2, 6, "BC001", "'title A' is not a field: a ':' is missing after"),
    pin("colon_in_text.yaml", 2, 6, "BC001", "a text containing ': ' must be in quotes"),
    pin("undefined_alias.yaml", 2, 7, "BC001", "the alias *annual refers to no anchor (&)"),
    pin("two_documents.yaml", 2, 8, "BC001", "a case file is one YAML document; a second one"),
    pin(
        "control_character.yaml",  # a NUL byte on line 8
        2,
        8,
        "BC001",
        "is not valid YAML: control characters are not allowed (U+0000)",
    ),
    pin("empty.yaml", 2, 1, "BC001", "the file is empty"),
    pin("comments_only.yaml", 2, 1, "BC001", "the file is empty"),
    pin("top_list.yaml", 2, 1, "BC001", "must be a mapping of fields (budget_year: …)"),
    pin("top_scalar.yaml", 2, 1, "BC001", "must be a mapping of fields (budget_year: …)"),
    pin("merge_key.yaml", 0, 0, "", ""),  # `<<: *first` is plain YAML and is read
    pin("merge_not_mapping.yaml", 2, 7, "BC001", "'<<' must merge a mapping"),
    # 1500 brackets: libyaml refuses them itself (since PyYAML 6.0.4), the pure-Python
    # parser runs out of stack; bcalc says the same in both cases, at level 101.
    pin("deep_nesting.yaml", 2, 1, "BC001", "the file is nested more than 100 levels deep"),
    # 600 block levels: too deep for bcalc, not for the parsers; reported where it happens.
    pin("deep_block_nesting.yaml", 2, 104, "BC001", "nested more than 100 levels deep"),
    pin(
        "billion_laughs.yaml",
        2,
        7,  # the first anchor (&g) whose expansion is too large
        "BC001",
        "anchors and aliases (&, *) expand to more than 1,000,000 values",
    ),
    # 2. Values
    pin("nan.yaml", 2, 7, "BC002", "proposals[0].investment: '.nan' is not a number"),
    pin("inf.yaml", 2, 7, "BC002", "proposals[0].investment: '-.inf' is not a number"),
    pin("huge_plain.yaml", 2, 7, "BC002", "'1.0e+999999' is too large to be a budget figure"),
    pin("huge_text.yaml", 2, 7, "BC002", "'1e999999' is not a Danish number"),
    pin("many_decimals.yaml", 2, 7, "BC002", "'2.1234567' has more than 6 decimals"),
    pin("negative_investment.yaml", 2, 7, "BC003", "investment cannot be negative"),
    pin("negative_helaarspersoner.yaml", 2, 8, "BC003", "helaarspersoner cannot be negative"),
    pin("negative_net_cost.yaml", 2, 10, "BC003", "a net cost is written positive"),
    pin("phase_in_over_one.yaml", 2, 10, "BC003", "a share of 1.5 is more than the full effect"),
    pin("phase_in_negative.yaml", 2, 10, "BC003", "phase_in cannot be negative"),
    pin("unit_on_helaarspersoner.yaml", 2, 8, "BC003", "not money: remove the unit 'mio. kr.'"),
    pin("year_out_of_range.yaml", 2, 1, "BC002", "budget_year: the year is outside 1900–2200"),
    pin("year_key_out_of_range.yaml", 2, 7, "BC002", "the year is outside 1900–2200"),
    pin("yes_as_amount.yaml", 2, 7, "BC002", "expected an amount, got a yes/no value"),
    pin("on_as_amount.yaml", 2, 8, "BC002", "savings: expected an amount, got a yes/no value"),
    pin("no_as_year.yaml", 2, 1, "BC002", "budget_year: expected a whole number such as 2026"),
    pin(
        "ambiguous_dot.yaml",
        0,  # a warning: exit 1 only under --strict
        7,
        "BC108",
        '"1.234" is read as 1234 mio. kr.: in quotes a dot groups thousands',
    ),
    pin("dot_not_three_digits.yaml", 2, 7, "BC002", "'1.23' is not a Danish number"),
    pin("comma_list.yaml", 2, 7, "BC002", "'2,6,3' is not a Danish number"),
    pin("empty_string.yaml", 2, 7, "BC002", "'' is not a Danish number; write e.g. \"2,6\""),
    pin("null_amount.yaml", 2, 7, "BC002", 'expected an amount such as 2.6 or "2,6"'),
    pin("null_title.yaml", 2, 2, "BC002", "title: this field is empty; write its text"),
    pin("spaces_in_number.yaml", 2, 7, "BC002", 'a space may only group thousands: "1 234"'),
    pin("thousands_space.yaml", 0, 0, "", ""),  # "1 234" t.kr. = stated "1.234"
    pin("danish_units.yaml", 0, 0, "", ""),  # "Mio. kr.", "600 tusinde kr.", "MILL. KR."
    pin("unknown_unit.yaml", 2, 7, "BC002", "unknown unit 'mia. kr.'; use one of"),
    # Issue 11: an exponent past the decimal context's (decimal.Overflow before) and a
    # figure too long to convert or repeat.
    pin("huge_exponent.yaml", 2, 7, "BC002", "'1.0e+1000000' is too large to be a budget figure"),
    pin("long_number.yaml", 2, 7, "BC002", "written with 150 characters is too long"),
    # Clear screen and an OSC 52 clipboard write, raw in a string: refused by YAML, and
    # the quoted line shows them as \x1b (tests/test_output_safety.py).
    pin("escape_sequence.yaml", 2, 8, "BC001", "control characters are not allowed (U+001B)"),
    # 5. Claims: an expression is arithmetic, never code, and never unbounded work
    pin("claim_import.yaml", 2, 12, "BC002", "a name starts with a letter, not '_'"),
    pin("claim_nesting.yaml", 2, 12, "BC002", "the text is 20,001 characters long; at most 2,000"),
    pin("claim_deep_parentheses.yaml", 2, 12, "BC002", "parentheses are nested more than 50 deep"),
    pin("claim_division_by_zero.yaml", 2, 12, "BC003", "cannot divide by zero"),
    pin("claim_exponent.yaml", 2, 12, "BC002", "scientific notation such as 1e6 is not allowed"),
    pin("claim_unknown_name.yaml", 2, 12, "BC003", "unknown figure 'b.net_gain'; did you mean"),
    # 6. Follow-up reports and portfolio overviews: the same loader, the same guarantees
    pin(
        "followup_status_twice.yaml",
        2,
        13,
        "BC001",
        "'areas[0].helaarspersoner.status' is written twice (first on line 12)",
    ),
    pin(
        "portfolio_count_yes.yaml",
        2,
        8,
        "BC002",
        "stated.new_models: expected a whole number such as 2026, got a yes/no value",
    ),
]


def test_every_hostile_file_is_pinned() -> None:
    pinned = {p.values[0] for p in PINS}
    assert pinned == {p.name for p in HOSTILE.glob("*.yaml")}


@pytest.mark.parametrize(("name", "exit_code", "line", "code", "fragment"), PINS)
def test_hazard(name: str, exit_code: int, line: int, code: str, fragment: str) -> None:
    path = str(HOSTILE / name)
    result = runner.invoke(app, ["check", path])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    found = findings(result.output)
    if not code:
        assert found == []
    else:
        assert [(f, n, c) for f, n, c, _ in found] == [(path, line, code)]
        assert fragment in found[0][3]
    assert result.exit_code == exit_code, result.output


def test_billion_laughs_is_refused() -> None:
    [problem] = load_file(str(HOSTILE / "billion_laughs.yaml")).problems
    assert problem.code == "BC001" and "aliases" in problem.message


def test_a_python_tag_is_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "owned"
    text = f'budget_year: !!python/object/apply:os.system ["touch {marker}"]\n'
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    assert runner.invoke(app, ["check", str(path)]).exit_code == 2
    assert not marker.exists()


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.truncate(10 * 1024 * 1024 + 1)  # sparse: costs no disk
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    [(_, line, code, text)] = findings(result.output)
    assert (line, code) == (1, "BC001")
    assert "the file is 10,485,761 bytes; the limit is 10,485,760" in text


def test_the_size_limit_is_a_parameter_of_the_loader() -> None:
    [problem] = load_file(str(CASES / "2026.yaml"), 1000).problems  # type: ignore[call-arg]
    assert "the limit is 1,000" in problem.message


def test_the_size_limit_is_a_command_line_option(tmp_path: Path) -> None:
    case = tmp_path / "2026.yaml"
    case.write_bytes(consistent_2026())
    result = runner.invoke(app, ["check", "--max-file-size", "1", str(case)])
    assert result.exit_code == 0
    result = runner.invoke(app, ["check", str(case)], env={"BCALC_MAX_FILE_SIZE": "0"})
    assert result.exit_code == 2  # 0 MB is not a limit anyone means


# 3. Folders


def _folder(tmp_path: Path) -> Path:
    """A folder with one good case file among everything that is not one."""
    root = tmp_path / "cases"
    (root / ".git").mkdir(parents=True)
    (root / ".git" / "HEAD.yaml").write_text("not: [a case", encoding="utf-8")
    (root / "good.yaml").write_bytes(consistent_2026())
    (root / "UPPER.YML").write_bytes(consistent_2026())
    (root / ".hidden.yaml").write_text("{broken", encoding="utf-8")
    (root / "folder.yaml").mkdir()  # a directory with a case-file name is walked into
    (root / "folder.yaml" / "inner.yaml").write_bytes((CASES / "2023.yaml").read_bytes())
    (root / "notes.txt").write_text("not yaml", encoding="utf-8")
    (root / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (root / "loop.yaml").symlink_to("loop.yaml")
    (root / "broken.yaml").symlink_to("nowhere.yaml")
    (root / "self").symlink_to(".")  # a folder loop: not followed
    (root / "alias.yaml").symlink_to("good.yaml")  # a link to a file is read
    os.mkfifo(root / "pipe.yaml")
    return root


def test_a_hostile_folder_is_walked_without_hanging(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    result = runner.invoke(app, ["check", str(root)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 2  # the unusable paths are reported, not skipped silently
    # alias, folder/inner, good, UPPER; the three unusable paths are findings, counted
    assert "4 files checked: 3 errors" in result.output
    for name, why in [
        ("loop.yaml", "a broken or looping symbolic link"),
        ("broken.yaml", "a broken or looping symbolic link"),
        ("pipe.yaml", "not a regular file (a pipe, a device or a socket); not read"),
    ]:
        assert f"{root / name}:1:1: BC001 [error] {why}\n" in result.output
    for skipped in (".git", ".hidden.yaml", "notes.txt", "picture.png", "self/"):
        assert skipped not in result.output


def test_paths_given_one_by_one(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    for name, why in [
        ("loop.yaml", "a broken or looping symbolic link"),
        ("pipe.yaml", "not a regular file (a pipe, a device or a socket); not read"),
        ("missing.yaml", "no such file or folder"),
    ]:
        result = runner.invoke(app, ["check", str(root / name)])
        assert result.exit_code == 2
        assert f"{root / name}:1:1: BC001 [error] {why}\n" in result.output
    result = runner.invoke(app, ["check", str(root / "picture.png")])
    [(_, line, code, text)] = findings(result.output)
    assert (result.exit_code, line, code) == (2, 1, "BC001")
    assert "is not UTF-8 text" in text


def _bcalc(*args: str, timeout: float = 20) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bcalc", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )


def test_compute_on_a_named_pipe_does_not_hang(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    done = _bcalc("compute", str(pipe), timeout=2)
    assert done.returncode == 2
    # compute finds its files as check does: the pipe is reported, never opened.
    assert (
        f"{pipe}:1:1: BC001 [error] not a regular file (a pipe, a device or a socket); not read"
        in done.stderr
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "locked.yaml"
    path.write_bytes(consistent_2026())
    path.chmod(0)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    assert f"{path}:1:1: BC001 [error] the file cannot be read: Permission denied" in result.output


def test_a_read_error_is_a_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", refuse)
    [problem] = load_file(str(CASES / "2026.yaml")).problems
    assert (problem.code, problem.line) == ("BC001", 1)
    assert problem.message == "the file cannot be read: Permission denied"


# 4. Nothing lost


def _digests() -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in CASES.glob("*.yaml")}


def test_bcalc_never_writes_to_a_case_file(tmp_path: Path) -> None:
    before = _digests()
    case = tmp_path / "2026.yaml"
    case.write_bytes(consistent_2026())
    for args in (
        ["check", str(CASES)],
        ["compute", *map(str, sorted(CASES.glob("*.yaml")))],
        ["compare", str(CASES / "2023.yaml"), str(CASES / "2026.yaml")],
    ):
        runner.invoke(app, args)
    result = runner.invoke(app, ["schema", "-o", str(case), "--force"])
    assert result.exit_code == 2
    assert "looks like a case file; bcalc never writes to one" in result.output
    assert case.read_bytes() == consistent_2026()
    assert _digests() == before


def test_schema_output_is_atomic_and_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "bcalc.schema.json"
    target.write_text("mine", encoding="utf-8")
    result = runner.invoke(app, ["schema", "-o", str(target)])
    assert result.exit_code == 2
    assert f"{target} exists; use --force to overwrite it" in result.output
    assert target.read_text(encoding="utf-8") == "mine"
    assert runner.invoke(app, ["schema", "-o", str(target), "--force"]).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("{")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bcalc.schema.json"]  # no temp left
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


def test_a_file_appearing_while_writing_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bcalc import files

    target = tmp_path / "schema.json"
    real_mkstemp = files.tempfile.mkstemp

    def racing_mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
        target.write_text("someone else's", encoding="utf-8")  # appears after the check
        return real_mkstemp(*args, **kwargs)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr(files.tempfile, "mkstemp", racing_mkstemp)
    assert files.write_new(target, "{}") == f"{target} exists; use --force to overwrite it"
    assert target.read_text(encoding="utf-8") == "someone else's"
    assert [p.name for p in tmp_path.iterdir()] == ["schema.json"]


def test_schema_into_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["schema", "-o", str(tmp_path / "no" / "schema.json")])
    assert result.exit_code == 2
    assert "cannot write" in result.output and "No such file or directory" in result.output


_SLOW = """
import sys, time
import bcalc.load
def slow(*args):
    print("ready", file=sys.stderr, flush=True)
    time.sleep(30)
bcalc.load.load_file = slow
from bcalc.cli import main
sys.argv = ["bcalc", "compute", sys.argv[1]]
main()
"""


def test_ctrl_c_while_bcalc_is_still_importing_exits_130_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The first ~0,1 s of every run is importing typer, rich and pydantic; a Ctrl-C
    # then printed a traceback. The command's entry point guards the import.
    import builtins

    from bcalc import entry

    real_import = builtins.__import__

    def interrupted(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "bcalc.cli":
            raise KeyboardInterrupt
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", interrupted)
    with pytest.raises(SystemExit) as done:
        entry.main()
    assert done.value.code == 130
    assert capsys.readouterr() == ("", "bcalc: interrupted\n")


def test_ctrl_c_exits_130_with_a_short_message() -> None:
    import signal

    process = subprocess.Popen(
        [sys.executable, "-c", _SLOW, str(CASES / "2026.yaml")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    assert process.stderr.readline() == "ready\n"
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=10)
    assert (process.returncode, out, err) == (130, "", "bcalc: interrupted\n")
