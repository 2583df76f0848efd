"""What bcalc writes: files it creates, and text it prints to a terminal or a CI log."""

from __future__ import annotations

import os
import stat
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
