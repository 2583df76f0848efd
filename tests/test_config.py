"""Settings as ruff finds them: command line over environment over file over default;
`bcalc config` says where each came from; a bad file is an error with its line."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bcalc.cli import app
from bcalc.config import ConfigError, load
from tests.conftest import CASES

runner = CliRunner()
ENV = ("BCALC_DANISH", "BCALC_CACHE_DIR", "BCALC_MAX_FILE_SIZE")


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENV:
        monkeypatch.delenv(name, raising=False)


def test_defaults_without_a_file(tmp_path: Path) -> None:
    settings = load(tmp_path, {})
    assert (settings.danish, settings.folder, settings.select, settings.max_file_size) == (
        False,
        Path("cases"),
        [],
        10,
    )
    assert set(settings.sources.values()) == {"default"}


def test_pyproject_found_upwards_and_paths_relative_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.bcalc]\ndanish = true\nfolder = "budget"\n'
        'select = ["bc1", "BC3"]\n',
        encoding="utf-8",
    )
    below = tmp_path / "a" / "b"
    below.mkdir(parents=True)
    monkeypatch.chdir(below)
    settings = load(below, {})
    assert settings.danish is True
    assert settings.folder == Path("../../budget")
    assert settings.select == ["BC1", "BC3"]
    assert settings.sources["danish"] == "../../pyproject.toml:5"
    assert settings.sources["select"] == "../../pyproject.toml:7"


def test_a_pyproject_without_the_table_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / "bcalc.toml").write_text("max-file-size = 3\n", encoding="utf-8")
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    settings = load(inner, {})
    assert settings.max_file_size == 3
    assert settings.file == tmp_path / "bcalc.toml"


def test_command_line_over_environment_over_file(tmp_path: Path) -> None:
    (tmp_path / "bcalc.toml").write_text("danish = false\nmax-file-size = 3\n", encoding="utf-8")
    settings = load(tmp_path, {"BCALC_DANISH": "1"})
    assert settings.danish is True and settings.sources["danish"] == "BCALC_DANISH"
    assert settings.max_file_size == 3
    given = settings.given(danish=False, max_file_size=None)
    assert given.danish is False and given.sources["danish"] == "command line"
    assert given.sources["max-file-size"].endswith("bcalc.toml:2")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("danish = yes\n", "bcalc.toml:1:10: not valid TOML: Invalid value"),
        (
            "\n\ndanishh = true\n",
            "bcalc.toml:3: unknown setting 'danishh'; did you mean 'danish'?",
        ),
        ('max-file-size = "big"\n', "bcalc.toml:1: max-file-size must be a whole number"),
        ('select = "BC1"\n', 'bcalc.toml:1: select must be a list of rule codes, e.g. ["BC1"'),
        ("danish = 1\n", "bcalc.toml:1: danish must be true or false, not 1"),
    ],
)
def test_a_bad_file_is_an_error_with_its_line(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "bcalc.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load(tmp_path, {})
    assert message in raised.value.message


def test_a_bad_environment_value_names_the_variable(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="BCALC_DANISH='maybe': use 1 or 0"):
        load(tmp_path, {"BCALC_DANISH": "maybe"})
    with pytest.raises(ConfigError, match="BCALC_MAX_FILE_SIZE='0': use a whole number"):
        load(tmp_path, {"BCALC_MAX_FILE_SIZE": "0"})


def test_bcalc_config_shows_each_setting_and_its_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.bcalc]\ndanish = true\nignore = ['BC108']\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BCALC_MAX_FILE_SIZE", "5")
    result = runner.invoke(app, ["config"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "configuration file: pyproject.toml"
    assert "danish         true          pyproject.toml:2" in lines
    assert "ignore         [BC108]       pyproject.toml:3" in lines
    assert "max-file-size  5             BCALC_MAX_FILE_SIZE" in lines
    assert "folder         cases         default" in lines


def test_commands_use_the_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "bcalc.toml").write_text(f'danish = true\nfolder = "{CASES}"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    danish = runner.invoke(app, ["compute", str(CASES / "2026.yaml")])
    assert "10,7" in danish.stdout and "10.7" not in danish.stdout
    plain = runner.invoke(app, ["compute", "--no-danish", str(CASES / "2026.yaml")])
    assert "10.7" in plain.stdout
    checked = runner.invoke(app, ["check", "--no-cache"])  # the configured folder
    assert "3 files checked" in checked.stdout


def test_a_bad_file_stops_a_command_with_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "bcalc.toml").write_text("[oops\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["compute", str(CASES / "2026.yaml")])
    assert result.exit_code == 2
    assert result.output.startswith(f"bcalc: {tmp_path / 'bcalc.toml'}:1:")
    assert "Traceback" not in result.output
