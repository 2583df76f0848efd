"""`bcalc import` and `bcalc trace` as a user runs them (issue 19)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bcalc.cli import app
from bcalc.load import load_file
from tests.conftest import CASES

runner = CliRunner()
SLIDES = CASES / "sources" / "001_6e0a9db3903357d7.txt"


def test_the_real_2026_case_traces_to_its_slides() -> None:
    # 34 references (33 from bcalc import, and slide 3's claim): every figure stands
    # in the slides where its reference says, as printed.
    result = runner.invoke(app, ["trace", str(CASES / "2026.yaml"), "--source", str(SLIDES)])
    assert result.exit_code == 0, result.output
    assert result.output == "1 file checked: 0 errors, 0 warnings\n"
    loaded = load_file(str(CASES / "2026.yaml"))
    assert loaded.case is not None and loaded.case.sources is not None
    assert len(loaded.case.sources.figures) == 34


def test_trace_reads_the_document_the_sources_section_names(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # cases/2026.yaml names "cases/sources/001_6e0a9db3903357d7.txt", written from
    # the repository's root as bcalc import records it.
    monkeypatch.chdir(CASES.parent)
    result = runner.invoke(app, ["trace", "cases/2026.yaml"])
    assert result.exit_code == 0, result.output
    assert result.output == "1 file checked: 0 errors, 0 warnings\n"


def test_another_document_is_named_beside_the_one_the_references_were_made_from() -> None:
    other = CASES / "sources" / "003_04f509a049a639a7.txt"
    result = runner.invoke(app, ["trace", str(CASES / "2026.yaml"), "--source", str(other)])
    assert result.exit_code == 1
    assert (
        f"BC705 [warning] {other} is not the document the references were made from "
        "(cases/sources/001_6e0a9db3903357d7.txt): its SHA-256 differs; figures are "
        "checked all the same"
    ) in " ".join(result.output.split())


def test_a_document_outside_the_folders_is_never_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A case file that names "../secret.txt" would otherwise quote its lines in the
    # findings (BC701 "it reads '...'").
    (tmp_path / "secret.txt").write_text("TOKEN=abc 2\n", encoding="utf-8")
    folder = tmp_path / "repo" / "cases"
    folder.mkdir(parents=True)
    text = (CASES / "2026.yaml").read_text(encoding="utf-8")
    old = 'document: "cases/sources/001_6e0a9db3903357d7.txt"'
    assert text.count(old) == 1
    case = folder / "2026.yaml"
    case.write_text(text.replace(old, 'document: "../../secret.txt"'), encoding="utf-8")
    monkeypatch.chdir(tmp_path / "repo")
    result = runner.invoke(app, ["trace", "cases/2026.yaml"])
    assert result.exit_code == 2
    assert "TOKEN" not in result.output
    assert (
        "BC001 [error] sources.document: '../../secret.txt' lies outside the case file's "
        "folder and the current one; not read (name it with --source to trace against it)"
    ) in " ".join(result.output.split())


def test_the_named_document_is_found_from_the_case_files_folder_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "cases/sources/..." is written from the repository's root; from cases/ it is
    # found in the folder above the case file's.
    monkeypatch.chdir(CASES)
    result = runner.invoke(app, ["trace", "2026.yaml"])
    assert result.exit_code == 0, result.output


def _with_document(tmp_path: Path, document: str) -> Path:
    text = (CASES / "2026.yaml").read_text(encoding="utf-8")
    old = 'document: "cases/sources/001_6e0a9db3903357d7.txt"'
    case = tmp_path / "2026.yaml"
    case.write_text(text.replace(old, f"document: {document!r}"), encoding="utf-8")
    return case


@pytest.mark.parametrize(
    ("document", "why"),
    [
        (".git/config", "is not a .txt, .docx, .pptx or .pdf document; not read"),
        (".hidden/slides.txt", "lies in a hidden folder or is a hidden file; not read"),
        ("gone.txt", "was not found from the current folder, the case file's folder or any"),
    ],
)
def test_a_case_file_cannot_name_a_secret_as_its_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, document: str, why: str
) -> None:
    for secret in (".git/config", ".hidden/slides.txt"):
        (tmp_path / secret).parent.mkdir(exist_ok=True)
        (tmp_path / secret).write_text("url = https://x-access-token:SECRET@host\n")
    case = _with_document(tmp_path, document)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["trace", case.name])
    assert result.exit_code == 2
    assert "SECRET" not in result.output
    assert f"BC001 [error] sources.document: {document!r} {why}" in " ".join(result.output.split())


def test_an_edited_document_is_said_to_have_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slides = SLIDES.read_text(encoding="utf-8")
    (tmp_path / "slides.txt").write_text(slides + "\nTilføjet senere.\n", encoding="utf-8")
    case = _with_document(tmp_path, "slides.txt")
    monkeypatch.chdir(tmp_path.parent)
    result = runner.invoke(app, ["trace", f"{tmp_path.name}/2026.yaml"])
    assert result.exit_code == 0, result.output
    assert (
        f"BC705 [warning] {tmp_path.name}/slides.txt has changed since the references were "
        "made (its SHA-256 differs); figures are checked all the same"
    ) in " ".join(result.output.split())
    assert case.exists()


def test_a_transcription_slip_is_found_with_both_places(tmp_path: Path) -> None:
    text = (CASES / "2026.yaml").read_text(encoding="utf-8")
    old = '    investment: "2,6"\n'  # proposal 2, slide 7: "Den årlige investering på 2,6"
    assert text.count(old) == 1
    slipped = tmp_path / "2026.yaml"
    slipped.write_text(text.replace(old, '    investment: "2,7"\n'), encoding="utf-8")
    line = text.splitlines().index(old.rstrip("\n")) + 1
    reference = next(
        n for n, row in enumerate(text.splitlines(), 1) if '"proposals[1].investment"' in row
    )
    result = runner.invoke(app, ["trace", str(slipped), "--source", str(SLIDES)])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{slipped}:{line}:5: BC701 [error] proposals[1].investment is 2,7 in the case file, "
        f"but {SLIDES} prints 2,6 at line 280, column 27 (its reference: line {reference} "
        "of this file)"
    )


def test_import_writes_a_draft_that_loads_and_never_overwrites(tmp_path: Path) -> None:
    draft = tmp_path / "draft.yaml"
    result = runner.invoke(app, ["import", str(SLIDES), "-o", str(draft)])
    assert result.exit_code == 0, result.output
    assert draft.read_text(encoding="utf-8").startswith("# DRAFT made by `bcalc import`")
    loaded = load_file(str(draft))
    assert loaded.problems == []
    assert loaded.case is not None and [p.number for p in loaded.case.proposals] == [1, 2, 3]
    # The draft traces to its document, too.
    traced = runner.invoke(app, ["trace", str(draft), "--source", str(SLIDES)])
    assert traced.exit_code == 0, traced.output
    again = runner.invoke(app, ["import", str(SLIDES), "-o", str(draft)])
    assert again.exit_code == 2
    assert f"bcalc: {draft} exists; use --force to replace an earlier draft" in again.output
    assert runner.invoke(app, ["import", str(SLIDES), "-o", str(draft), "--force"]).exit_code == 0


def test_force_never_replaces_a_case_file_a_person_wrote(tmp_path: Path) -> None:
    case = tmp_path / "2026.yaml"
    case.write_bytes((CASES / "2026.yaml").read_bytes())
    result = runner.invoke(app, ["import", str(SLIDES), "-o", str(case), "--force"])
    assert result.exit_code == 2
    assert "is not a draft of bcalc import; bcalc never overwrites a case file" in result.output
    assert case.read_bytes() == (CASES / "2026.yaml").read_bytes()


def test_a_document_that_cannot_be_read_is_a_clear_exit_2(tmp_path: Path) -> None:
    fake = tmp_path / "budget.docx"
    fake.write_bytes(b"not a zip")
    result = runner.invoke(app, ["import", str(fake)])
    assert result.exit_code == 2
    assert result.output.startswith(f"{fake}:1:1: BC001 [error] ")
    assert "Traceback" not in result.output
