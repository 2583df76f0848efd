"""What `bcalc check` reads: links are followed only inside the tree it was asked to
check, and every path it cannot use is a finding in every output format."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bcalc.cli import app
from tests.conftest import consistent_2026

runner = CliRunner()

SECRET = "hunter2-secret-value"
BROKEN = "budget_year: 2026\ntitle: Broken\nunit: mio. kr.\n"  # no proposals: BC002 on line 1


def check(*args: str, output_format: str = "text") -> tuple[int, str]:
    result = runner.invoke(app, ["check", "--no-cache", "--format", output_format, *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert SECRET not in result.output  # stdout and stderr: never, in any test here
    return result.exit_code, result.stdout  # nothing but the document: json.loads() it


def found(output: str) -> list[tuple[str, int, str]]:
    """(file, line, code) of every finding in the JSON output, in order."""
    return [(f["file"], f["line"], f["code"]) for f in json.loads(output)["findings"]]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository checked from its root (as CI and pre-commit run bcalc), a secret
    outside it, and a clean case file in cases/."""
    (tmp_path / "secret.yaml").write_text(f"password: {SECRET}\n", encoding="utf-8")
    root = tmp_path / "repo"
    (root / "cases").mkdir(parents=True)
    (root / "cases" / "2026.yaml").write_bytes(consistent_2026())
    monkeypatch.chdir(root)
    return root


# 1. A link that leaves the tree is reported, never read


@pytest.mark.parametrize("output_format", ["text", "json", "github"])
@pytest.mark.parametrize("target", ["/proc/self/environ", "../../secret.yaml"])
def test_a_link_out_of_the_folder_checked_is_reported_unread(
    repo: Path, monkeypatch: pytest.MonkeyPatch, output_format: str, target: str
) -> None:
    monkeypatch.setenv("BCALC_TEST_SECRET", SECRET)
    (repo / "cases" / "env.yaml").symlink_to(target)
    code, output = check("cases", output_format=output_format)
    assert code == 2
    assert SECRET not in output
    assert "password" not in output
    resolved = os.path.realpath(repo / "cases" / "env.yaml")
    why = f"a symbolic link to '{resolved}', outside the folder being checked; not read"
    if output_format == "json":
        assert found(output) == [("cases/env.yaml", 1, "BC001")]
        assert json.loads(output)["findings"][0]["message"] == why
        assert json.loads(output)["summary"] == {
            "files": 1,
            "errors": 1,
            "warnings": 0,
            "infos": 0,
        }
    elif output_format == "github":
        assert output == f"::error file=cases/env.yaml,line=1,col=1,title=BC001::{why}\n"
    else:
        assert output == (
            f"cases/env.yaml:1:1: BC001 [error] {why}\n1 file checked: 1 error, 0 warnings\n"
        )


def test_a_file_named_on_the_command_line_may_link_inside_the_current_folder_only(
    repo: Path,
) -> None:
    """pre-commit passes paths relative to the repository root, from the root."""
    cases = repo / "cases"
    (repo / "shared").mkdir()
    (repo / "shared" / "2026.yaml").write_bytes(consistent_2026())
    (cases / "inside.yaml").symlink_to("../shared/2026.yaml")
    (cases / "outside.yaml").symlink_to("../../secret.yaml")
    (repo / ".env.yaml").write_text(f"token: {SECRET}\n", encoding="utf-8")
    (cases / "hidden.yaml").symlink_to("../.env.yaml")
    (repo / "key.json").write_text(f'{{"key": "{SECRET}"}}\n', encoding="utf-8")
    (cases / "key.yaml").symlink_to("../key.json")

    code, output = check("cases/inside.yaml", output_format="json")
    assert (code, found(output)) == (0, [])
    assert json.loads(output)["summary"]["files"] == 1
    for name, why in [
        (
            "outside",
            f"a symbolic link to '{repo.parent / 'secret.yaml'}', outside the current "
            "folder; not read",
        ),
        ("hidden", f"a symbolic link to '{repo / '.env.yaml'}', a hidden file or folder; not read"),
        ("key", f"a symbolic link to '{repo / 'key.json'}', not a *.yaml or *.yml file; not read"),
    ]:
        code, output = check(f"cases/{name}.yaml", output_format="json")
        assert code == 2 and SECRET not in output
        assert found(output) == [(f"cases/{name}.yaml", 1, "BC001")]
        assert json.loads(output)["findings"][0]["message"] == why


def test_a_file_named_outside_the_current_folder_may_link_within_its_own_folder(
    tmp_path: Path, repo: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "2026.yaml").write_bytes(consistent_2026())
    (elsewhere / "alias.yaml").symlink_to("2026.yaml")
    (elsewhere / "up.yaml").symlink_to("../secret.yaml")
    assert check(str(elsewhere / "alias.yaml"))[0] == 0
    code, output = check(str(elsewhere / "up.yaml"))
    assert code == 2 and SECRET not in output


def test_a_folder_named_on_the_command_line_that_links_out_is_not_walked(
    tmp_path: Path, repo: Path
) -> None:
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "private.yaml").write_text(f"pw: {SECRET}\n", encoding="utf-8")
    (repo / "linked").symlink_to(tmp_path / "other")
    code, output = check("linked", output_format="json")
    assert code == 2 and SECRET not in output
    assert found(output) == [("linked", 1, "BC001")]


# 2. Linked sub-folders: walked inside the tree, reported outside it, never in a loop


def test_a_linked_sub_folder_inside_the_tree_is_checked_and_one_outside_reported(
    tmp_path: Path, repo: Path
) -> None:
    cases = repo / "cases"
    (cases / "2027").mkdir()
    (cases / "2027" / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    (cases / "current").symlink_to("2027")  # inside: its files are checked once
    (cases / "loop").symlink_to(".")  # a loop: walked once, as the folder itself
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "private.yaml").write_text(f"pw: {SECRET}\n", encoding="utf-8")
    (cases / "away").symlink_to(tmp_path / "private")
    code, output = check("cases", output_format="json")
    assert code == 2 and SECRET not in output
    assert found(output) == [
        ("cases/2027/broken.yaml", 1, "BC002"),
        ("cases/away", 1, "BC001"),
    ]
    away = json.loads(output)["findings"][1]["message"]
    assert away == (
        f"a symbolic link to the folder '{tmp_path / 'private'}', outside the folder being "
        "checked; not followed"
    )
    assert json.loads(output)["summary"]["files"] == 2


def test_a_linked_sub_folder_alone_behind_a_link_is_no_longer_skipped(
    tmp_path: Path, repo: Path
) -> None:
    """Before: `cases/2027 -> ../drafts/2027` was skipped and check exited 0."""
    (repo / "drafts").mkdir()
    (repo / "drafts" / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    (repo / "cases" / "drafts").symlink_to("../drafts")
    code, output = check("cases", output_format="json")
    assert code == 2
    assert found(output) == [("cases/drafts", 1, "BC001")]  # outside cases/: reported
    code, output = check("cases", "drafts", output_format="json")  # named: checked
    assert code == 2
    assert [(f, c) for f, _, c in found(output)] == [
        ("cases/drafts", "BC001"),
        ("drafts/broken.yaml", "BC002"),
    ]


# 12. Every problem with a path is a finding, in every format, and counted


@pytest.mark.parametrize("output_format", ["text", "json", "github"])
def test_a_missing_path_is_a_finding_in_every_format(repo: Path, output_format: str) -> None:
    code, output = check("nothere.yaml", "cases/2026.yaml", output_format=output_format)
    assert code == 2
    if output_format == "json":
        document = json.loads(output)
        assert found(output) == [("nothere.yaml", 1, "BC001")]
        assert document["findings"][0]["message"] == "no such file or folder"
        assert document["summary"] == {"files": 1, "errors": 1, "warnings": 0, "infos": 0}
    elif output_format == "github":
        assert output == (
            "::error file=nothere.yaml,line=1,col=1,title=BC001::no such file or folder\n"
        )
    else:
        assert output == (
            "nothere.yaml:1:1: BC001 [error] no such file or folder\n"
            "1 file checked: 1 error, 0 warnings\n"
        )


def test_every_unusable_path_is_a_finding(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cases = repo / "cases"
    os.mkfifo(cases / "pipe.yaml")
    (cases / "broken.yaml").symlink_to("nowhere.yaml")
    (cases / "loop.yaml").symlink_to("loop.yaml")
    (cases / "locked").mkdir()
    (cases / "empty").mkdir()
    real_scandir = os.scandir

    def scandir(path: str) -> object:  # as root, no folder is unreadable: pretend
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, output = check("cases", "empty", "cases/empty", output_format="json")
    assert code == 2
    messages = {f["file"]: f["message"] for f in json.loads(output)["findings"]}
    assert messages == {
        "cases/broken.yaml": "a broken or looping symbolic link",
        "cases/locked": "the folder cannot be listed: Permission denied",
        "cases/loop.yaml": "a broken or looping symbolic link",
        "cases/pipe.yaml": "not a regular file (a pipe, a device or a socket); not read",
        "empty": "no such file or folder",
    }
    assert json.loads(output)["summary"]["errors"] == 5


def test_a_folder_without_case_files_is_a_finding(repo: Path) -> None:
    (repo / "empty").mkdir()
    code, output = check("empty", output_format="json")
    assert code == 2
    assert found(output) == [("empty", 1, "BC001")]
    assert json.loads(output)["findings"][0]["message"] == (
        "no *.yaml or *.yml case files in this folder"
    )
