"""What bcalc writes: files it creates, and text it prints to a terminal or a CI log."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bcalc import files
from bcalc.cli import app

runner = CliRunner()


# Output files: only regular files are ever replaced


def test_schema_never_replaces_a_named_pipe(tmp_path: Path) -> None:
    pipe = tmp_path / "schema.json"
    os.mkfifo(pipe)
    for force in ([], ["--force"]):
        result = runner.invoke(app, ["schema", "-o", str(pipe), *force])
        assert result.exit_code == 2
        assert f"{pipe} is not a regular file; bcalc writes only to regular files" in (
            result.output
        )
        assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["schema.json"]  # no temporary left


def test_a_device_is_refused_before_anything_is_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read-only: /dev/null is only looked at. Were the refusal ever to fail, writing
    is made impossible here, so that the test can never replace the device."""

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("bcalc tried to write next to /dev/null")

    monkeypatch.setattr(files.tempfile, "mkstemp", never)
    monkeypatch.setattr(files.os, "replace", never)
    monkeypatch.setattr(files.os, "link", never)
    device = Path("/dev/null")
    for force in (False, True):
        assert files.write_new(device, "{}", force) == (
            "/dev/null is not a regular file; bcalc writes only to regular files"
        )
    assert stat.S_ISCHR(os.stat(device).st_mode)


def test_a_link_to_a_pipe_is_refused_too(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    link = tmp_path / "schema.json"
    link.symlink_to(pipe)
    message = f"{link} is not a regular file; bcalc writes only to regular files"
    assert files.write_new(link, "{}", force=True) == message
    assert link.is_symlink() and stat.S_ISFIFO(os.stat(pipe).st_mode)


# Terminal escapes: user text is printed with its control characters visible

CLEAR, CLIPBOARD = "\x1b[2J", "\x1b]52;c;aGk=\x07"  # clear screen; OSC 52 clipboard write
HOSTILE_TEXT = (
    'budget_year: 2026\ntitle: "\\e[2J\\e]52;c;aGk=\\a Budget \\u202e"\nunit: mio. kr.\n'
    'proposals:\n  - id: a\n    title: "A\\e[31m"\n    investment: "2"\n    savings: "3"\n'
    "    helaarspersoner: 4\n"
)


def _no_control(output: str) -> None:
    controls = {c for c in output if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) < 0xA0}
    assert controls == set()
    assert "\u202e" not in output  # right-to-left override: "trojan source"


@pytest.mark.parametrize("output_format", ["text", "github"])
def test_a_quoted_line_and_an_unknown_key_show_escapes_visibly(
    tmp_path: Path, output_format: str
) -> None:
    path = tmp_path / "case.yaml"
    key = '    "\\e]0;pwned\\a": 1\n'  # an unknown key: its name is in the message
    path.write_text(HOSTILE_TEXT.replace("    helaarspersoner", key + "    helaarspersoner"))
    raw = tmp_path / "raw.yaml"
    raw.write_text(f'budget_year: 2026\nnotes: "{CLEAR}{CLIPBOARD}"\n')
    result = runner.invoke(
        app, ["check", "--no-cache", "--format", output_format, str(path), str(raw)]
    )
    assert result.exit_code == 2
    _no_control(result.output)
    assert "proposals[0].\\x1b]0;pwned\\x07: unknown field" in result.output
    if output_format == "text":
        assert '       9 |     "\\e]0;pwned\\a": 1' in result.output  # as written: no escape
        assert '       2 | notes: "\\x1b[2J\\x1b]52;c;aGk=\\x07"' in result.output


@pytest.mark.parametrize("output_format", ["table", "markdown"])
def test_titles_show_escapes_visibly_in_tables(tmp_path: Path, output_format: str) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(HOSTILE_TEXT)
    result = runner.invoke(app, ["compute", "--format", output_format, str(path)])
    assert result.exit_code == 0, result.output
    _no_control(result.output)
    assert "\\x1b[2J\\x1b]52;c;aGk=\\x07 Budget" in result.output
    assert "\\u202e" in result.output  # a table may fold the title's end
    assert "A\\x1b[31m" in result.output


# File names that are not UTF-8


@pytest.mark.parametrize("output_format", ["text", "json", "github"])
def test_a_file_name_that_is_not_utf8_is_printed_with_the_byte_escaped(
    tmp_path: Path, output_format: str
) -> None:
    folder = tmp_path / "cases"
    folder.mkdir()
    name = os.fsdecode(b"budget-\xff.yaml")  # a real file whose name has the byte 0xff
    (folder / name).write_text("budget_year: 2026\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "bcalc", "check", "--no-cache", "-f", output_format, str(folder)],
        capture_output=True,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    assert (done.returncode, err) == (2, "")
    shown = f"{folder}/budget-\\xff.yaml"
    if output_format == "json":
        document = json.loads(out)
        assert {f["file"] for f in document["findings"]} == {shown}
        assert document["summary"]["errors"] == 3  # title, unit, proposals missing
    elif output_format == "github":
        assert out.count(f"::error file={shown},line=1,col=1,title=BC002::") == 3
    else:
        assert f"{shown}:1:1: BC002 [error] title: this required field is missing" in out
