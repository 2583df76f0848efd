"""examples/lifecycle/ end to end: every planted slip found with its code and line,
nothing else; each model's life and its permanentgørelse; the figures of compute,
status and compare, worked out by hand; budget files alone checked as before."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bcalc.checking import check_file, check_paths
from bcalc.cli import app
from bcalc.lifecycle.folder import Documents, model_lives
from bcalc.load import load_file
from bcalc.reports import RuleChoice
from tests.conftest import CASES

FOLDER = CASES.parent / "examples" / "lifecycle"
runner = CliRunner()


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


def line_of(name: str, fragment: str, after: str | None = None) -> int:
    """The first line of ``name`` holding ``fragment`` (after the line holding ``after``)."""
    lines = (FOLDER / name).read_text(encoding="utf-8").splitlines()
    start = 0 if after is None else next(i for i, line in enumerate(lines) if after in line)
    return next(n for n, line in enumerate(lines[start:], start + 1) if fragment in line)


def test_check_finds_every_planted_slip_and_nothing_else() -> None:
    reports = check_paths(sorted(str(p) for p in FOLDER.glob("*.yaml")), RuleChoice(), jobs=1)
    found = [
        (Path(f.file).name, f.line, f.code, f.severity.value) for r in reports for f in r.findings
    ]
    f25, p26 = "followup-2025.yaml", "portfolio-2026.yaml"
    assert found == [
        # Area 3: "ca. 6,5" (6,35-6,65) where its one model invests 7,5 (7,45-7,55).
        (f25, line_of(f25, 'investment: "ca. 6,5"'), "BC507", "error"),
        # Area 3: gul at 40 / 45 = 88,9 % with no expectation stated: rød.
        (f25, line_of(f25, "light: gul", after="id: aktivitetsparate"), "BC501", "error"),
        # Area 4: grøn at 18 / 20 = 90,0 %; with its expectation the figures give gul.
        (f25, line_of(f25, "light: grøn", after="id: ikke-vestlige-kvinder"), "BC501", "error"),
        # "ca. 33,6" against 35,6 (eleven figures in tenths: 35,05-36,15).
        (p26, line_of(p26, 'annual_investment: "ca. 33,6"'), "BC503", "error"),
        # 9 stated, 11 - 3 recommended = 8.
        (p26, line_of(p26, "active_after_permanent: 9"), "BC504", "error"),
        # Adopted 2023, in neither the 2024 nor the 2025 follow-up.
        (p26, line_of(p26, "- id: oesteuropaeere-i-job"), "BC506", "warning"),
        # Recommended, gul in 2025.
        (
            p26,
            line_of(p26, "status: recommended_permanent", after="id: ikke-vestlige"),
            "BC502",
            "error",
        ),
        # No budget file has the id; Budget 2026 has the same title.
        (p26, line_of(p26, "- id: sygemeldte-oevebaner"), "BC505", "warning"),
    ]


def test_check_on_the_command_line_with_and_without_the_cache(tmp_path: Path) -> None:
    first = run("check", "--cache-dir", str(tmp_path), str(FOLDER))
    assert first.exit_code == 1  # errors
    assert "5 files checked: 6 errors, 2 warnings" in first.stdout
    # The second run answers the budget files from the cache; the findings that need
    # the files together are found again, never hidden by it.
    second = run("check", "--cache-dir", str(tmp_path), str(FOLDER))
    assert second.stdout == first.stdout
    assert second.exit_code == 1


def test_the_message_of_a_recommendation_too_early() -> None:
    reports = check_paths(
        [str(p) for p in sorted(FOLDER.glob("*.yaml"))], RuleChoice(("BC502",)), jobs=1
    )
    [finding] = [f for r in reports for f in r.findings]
    assert finding.proposal == "ikke-vestlige-kvinder"
    assert finding.message == (
        "model 'ikke-vestlige-kvinder' is recommended for permanentgørelse in 2026 without "
        "two grøn years running: gul in 2025 (the 2025 report states grøn, which its "
        "figures do not support)"
    )


def lives() -> dict[str, object]:
    loaded = [load_file(str(p)) for p in sorted(FOLDER.glob("*.yaml"))]
    report = model_lives(Documents.of(loaded))
    return {life.id: life for life in report.models}


def test_which_models_may_be_made_permanent_and_why() -> None:
    by_id = lives()
    eligible = {
        model: (life.permanent.eligible, life.permanent.reason, life.permanent.recommended)  # type: ignore[attr-defined]
        for model, life in by_id.items()
    }
    assert eligible == {
        "akademikere-i-job": (True, "grøn in 2024 and 2025", True),
        "groen-opkvalificering": (True, "grøn in 2024 and 2025", True),
        "oesteuropaeere-i-job": (False, "not followed up in 2025", False),
        # One area for three models: each is grøn with it.
        "psykiatri-sygemeldte": (True, "grøn in 2024 and 2025", False),
        "tidlig-indsats-raskmelding": (True, "grøn in 2024 and 2025", False),
        "langtidssygemeldte-arbejde": (True, "grøn in 2024 and 2025", False),
        "aktivitetsparate-arbejdsmarked": (False, "rød in 2025", False),
        "ikke-vestlige-kvinder": (False, "gul in 2025", True),
        "akademikere-opkvalificering": (False, "first full year 2026, not yet followed up", False),
        "sygemeldte-oevebaner": (False, "first full year 2026, not yet followed up", False),
        "igu-velfaerdsomraader": (False, "first full year 2026, not yet followed up", False),
        # In Budget 2026 under this id, in no overview: adopted with its budget file.
        "sygemeldte-virksomhedsoevebaner": (
            False,
            "first full year 2026, not yet followed up",
            False,
        ),
    }


def test_the_portfolio_investment_by_year_and_by_adoption_year() -> None:
    loaded = [load_file(str(p)) for p in sorted(FOLDER.glob("*.yaml"))]
    report = model_lives(Documents.of(loaded))
    by_year = {year: f.value for year, f in report.investment_by_year.items()}
    # 2023-2025: the eight 2023 models, 3,0 + 1,2 + 1,8 + 1,2 + 4,2 + 3,0 + 7,5 + 3,0 = 24,9.
    # 2026: those and Budget 2026's 2 + 2,6 + 6,1 = 10,7: 35,6. 2027-2029: 10,7.
    expected = {2023: "24.9", 2024: "24.9", 2025: "24.9", 2026: "35.6"}
    expected |= {2027: "10.7", 2028: "10.7", 2029: "10.7"}
    assert by_year == {year: Decimal(value) for year, value in expected.items()}
    adoption = {
        adopted: {year: f.value for year, f in row.items()}
        for adopted, row in report.investment_by_adoption_year.items()
    }
    assert adoption == {
        2023: {year: Decimal("24.9") for year in range(2023, 2027)},
        2026: {year: Decimal("10.7") for year in range(2026, 2030)},
    }


def test_status_on_the_command_line() -> None:
    result = run("status", str(FOLDER))
    assert result.exit_code == 0
    assert (
        "Kan permanentgøres (grøn 2024 og 2025): akademikere-i-job, groen-opkvalificering, "
        "psykiatri-sygemeldte, tidlig-indsats-raskmelding, langtidssygemeldte-arbejde."
    ) in " ".join(result.stdout.split())
    words = " ".join(result.stdout.split())
    # The table is Danish, reasons too; the JSON keeps its English reason (docs/json.md).
    assert (
        "Anbefalet eller permanent uden to grønne år i træk: ikke-vestlige-kvinder (gul i 2025)."
    ) in words
    for reason in (
        "grøn i 2024 og 2025",
        "ikke fulgt op i 2025",
        "rød i 2025",
        "første hele år 2026, endnu ikke fulgt op",
    ):
        assert reason in words
    assert " in 20" not in words and "followed up" not in words
    document = json.loads(run("status", "--format", "json", str(FOLDER)).stdout)
    reasons = {m["id"]: m["permanent"]["reason"] for m in document["models"]}
    assert reasons["ikke-vestlige-kvinder"] == "gul in 2025"
    assert "reason_danish" not in document["models"][0]["permanent"]
    life = next(m for m in document["models"] if m["id"] == "aktivitetsparate-arbejdsmarked")
    assert life["lights"] == {
        "2024": {"area": "aktivitetsparate", "light": "gul", "stated": "gul", "attainment": "84.4"},
        "2025": {"area": "aktivitetsparate", "light": "rød", "stated": "gul", "attainment": "88.9"},
    }
    assert life["investment"] == {"2023": "7.5", "2024": "7.5", "2025": "7.5", "2026": "7.5"}
    assert document["investment_by_year"]["2026"] == "35.6"
    csv = run("status", "--format", "csv", str(FOLDER)).stdout.splitlines()
    assert ",ikke-vestlige-kvinder,lights,light,ikke-vestlige-kvinder,2025,gul," in csv
    markdown = run("status", "--format", "markdown", str(FOLDER)).stdout
    assert "| 5 | ikke-vestlige-kvinder | 2023 | grøn | gul (grøn) |\n" in markdown
    assert "| 5 | ikke-vestlige-kvinder | nej | anbefales permanent | gul i 2025 |\n" in markdown


def test_compute_a_follow_up() -> None:
    document = json.loads(
        run("compute", "--format", "json", str(FOLDER / "followup-2025.yaml")).stdout
    )
    [report] = document["files"]
    assert (report["kind"], report["report_year"], report["rule"]) == ("followup", 2025, "all")
    areas = {area["id"]: area for area in report["areas"]}
    # Area 1: 33 / 30 = 110,0 % and 240 / 250 = 96,0 %; under "all" the lowest decides.
    assert [t["attainment"] for t in areas["akademikere"]["targets"]] == ["110.0", "96.0"]
    assert areas["akademikere"]["attainment"] == "96.0"
    # Area 2, three models: 40 / 40 = 100 %; weeks, lower is better: 22 / 22 = 100 %; the
    # two-year target 600 for 2025-2026, 300 due pro rata, 290 / 300 = 96,7 %.
    sick = areas["sygemeldte"]
    assert len(sick["models"]) == 3
    assert [(t["direction"], t["basis"], t["due"], t["attainment"]) for t in sick["targets"]] == [
        ("higher", "target", "40", "100.0"),
        ("lower", "target", "22", "100.0"),
        ("higher", "pro_rata", "300", "96.7"),
    ]
    assert sick["light"] == {
        "stated": "grøn",
        "implied": "grøn",
        "agreement": "equal",
        "reason": "the lowest of 3 targets (Sygemeldte i virksomhedsrettede forløb): 96.7 %, "
        "at or above 95 %",
    }
    # Area 3: 40 / 45 = 88,9 %, no expectation: rød, stated gul.
    assert (
        areas["aktivitetsparate"]["attainment"],
        areas["aktivitetsparate"]["light"]["implied"],
    ) == (
        "88.9",
        "rød",
    )
    assert areas["aktivitetsparate"]["light"]["agreement"] == "better"
    # Area 4: 18 / 20 = 90,0 % (131 / 120 = 109,2 %), expected by 2026: gul, stated grøn.
    women = areas["ikke-vestlige-kvinder"]
    assert [t["attainment"] for t in women["targets"]] == ["90.0", "109.2"]
    assert women["light"]["implied"] == "gul" and women["expectation"]["by"] == 2026


@pytest.mark.parametrize(
    ("flag", "area_3", "area_4"),
    [("--no-danish", "88.9", "90.0"), ("--danish", "88,9", "90,0")],
)
def test_why_a_stated_light_differs_is_said_in_danish_under_the_table(
    flag: str, area_3: str, area_4: str
) -> None:
    # The JSON's reason stays English (docs/json.md); the table under Danish headers says
    # it in Danish, with the table's decimal mark.
    result = run("compute", flag, str(FOLDER / "followup-2025.yaml"))
    words = " ".join(result.stdout.split())
    assert (
        f"3: det eneste mål, der vurderes i år (Færre helårspersoner): {area_3} %, under 95 %, "
        "og ingen forventning fremadrettet er angivet"
    ) in words
    assert (
        f"4: det laveste af 2 mål (Færre helårspersoner): {area_4} %, "
        "under 95 %; forvaltningen forventer at nå det i 2026"
    ) in words
    assert "below" not in words and "expects" not in words


@pytest.mark.parametrize("output", ["table", "markdown", "csv"])
def test_compute_a_follow_up_in_every_format(output: str) -> None:
    result = run("compute", "--format", output, str(FOLDER / "followup-2025.yaml"))
    assert result.exit_code == 0
    assert "rød" in result.stdout  # words, not only colours
    if output == "csv":
        assert "followup-2025.yaml,aktivitetsparate,area,light,,2025,rød," in result.stdout


def test_compute_a_follow_up_for_one_model() -> None:
    result = run(
        "compute",
        "--format",
        "json",
        "--proposal",
        "tidlig-indsats-raskmelding",
        str(FOLDER / "followup-2025.yaml"),
    )
    [report] = json.loads(result.stdout)["files"]
    assert [area["id"] for area in report["areas"]] == ["sygemeldte"]
    missing = run("compute", "--proposal", "nowhere", str(FOLDER / "followup-2025.yaml"))
    assert missing.exit_code == 2


def test_compute_a_portfolio() -> None:
    document = json.loads(
        run("compute", "--format", "json", str(FOLDER / "portfolio-2026.yaml")).stdout
    )
    [overview] = document["files"]
    # 11 in the portfolio (8 from 2023, 3 new), 3 recommended, 8 remain.
    assert overview["counts"] == {
        "models": 11,
        "new_models": 3,
        "recommended_permanent": 3,
        "active_after_permanent": 8,
    }
    # 24,9 + 10,7 = 35,6; after permanentgørelse 35,6 - (3,0 + 1,8 + 3,0) = 27,8.
    assert (overview["annual_investment"], overview["annual_investment_after_permanent"]) == (
        "35.6",
        "27.8",
    )
    assert overview["by_adoption_year"] == {"2023": "24.9", "2026": "10.7"}
    assert overview["stated"]["annual_investment"] == "ca. 33,6"


def test_compare_two_follow_ups() -> None:
    first, second = str(FOLDER / "followup-2024.yaml"), str(FOLDER / "followup-2025.yaml")
    document = json.loads(run("compare", "--format", "json", first, second).stdout)
    status = {area["id"]: area["status"] for area in document["areas"]}
    assert status == {
        "akademikere": "unchanged",
        "sygemeldte": "unchanged",
        "aktivitetsparate": "changed",  # gul -> rød (stated gul both years)
        "ikke-vestlige-kvinder": "changed",  # grøn -> gul (stated grøn both years)
    }
    assert document["counts"] == {"new": 0, "ended": 0, "changed": 2, "unchanged": 2}
    table = run("compare", "--only-changed", first, second).stdout
    assert "akademikere)" not in table and "rød (gul)" in table


def test_compare_refuses_files_of_different_kinds() -> None:
    result = run("compare", str(FOLDER / "budget-2026.yaml"), str(FOLDER / "followup-2025.yaml"))
    assert result.exit_code == 2
    assert "compare sets files of one kind side by side" in result.output
    result = run(
        "compare", str(FOLDER / "portfolio-2026.yaml"), str(FOLDER / "portfolio-2026.yaml")
    )
    assert result.exit_code == 2
    assert "is a portfolio overview" in result.output


def test_the_example_budget_files_are_the_real_proposals() -> None:
    """Every proposal in the example's budget files is the one in cases/ with its id."""
    real = {}
    for name in ("2023.yaml", "2026.yaml"):
        case = load_file(str(CASES / name)).case
        assert case is not None
        real |= {p.id: p for p in case.proposals}
    for name in ("budget-2023.yaml", "budget-2026.yaml"):
        case = load_file(str(FOLDER / name)).case
        assert case is not None
        for proposal in case.proposals:
            twin = real[proposal.id]
            assert (proposal.number, proposal.title, proposal.investment) == (
                twin.number,
                twin.title,
                twin.investment,
            ), proposal.id


def test_budget_files_alone_are_checked_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    """`bcalc check cases/` gives exactly what each file checked on its own gives, and
    never runs the pass over the files together."""
    import bcalc.checks.lifecycle as lifecycle

    def never(*args: object) -> object:
        raise AssertionError("the pass over the files together ran on budget files")

    monkeypatch.setattr(lifecycle, "with_findings_together", never)
    paths = sorted(str(p) for p in CASES.glob("*.yaml"))
    together = check_paths(paths, RuleChoice(), jobs=1)
    alone = [check_file(path, RuleChoice()) for path in paths]
    assert together == alone
    assert not any(f.code.startswith("BC5") for r in together for f in r.findings)


def test_an_edited_budget_file_changes_the_findings_over_the_files(tmp_path: Path) -> None:
    """The follow-up is unchanged and the budget file's own findings come from the cache,
    yet an edit to the budget file changes what the follow-up is judged against."""
    import shutil

    folder = tmp_path / "lifecycle"
    shutil.copytree(FOLDER, folder)
    cache = str(tmp_path / "cache")
    first = run("check", "--cache-dir", cache, str(folder))
    assert "followup-2025.yaml:55:5: BC507" in first.stdout
    assert "followup-2024.yaml:51:5: BC507" not in first.stdout
    budget = folder / "budget-2023.yaml"
    budget.write_text(budget.read_text(encoding="utf-8").replace('"7,5"', '"6,5"'), "utf-8")
    second = run("check", "--cache-dir", cache, str(folder))
    # 2025's "ca. 6,5" now is the model's 6,5; 2024's "7,5" no longer is.
    assert "followup-2025.yaml:55:5: BC507" not in second.stdout
    assert "followup-2024.yaml:51:5: BC507 [error] the investment 2024" in second.stdout
    assert "5 files checked: 6 errors, 2 warnings" in second.stdout


def test_compute_a_folder_of_several_kinds() -> None:
    document = json.loads(run("compute", "--format", "json", str(FOLDER)).stdout)
    kinds = [(Path(f["path"]).name, f.get("kind")) for f in document["files"]]
    assert kinds == [
        ("budget-2023.yaml", None),
        ("budget-2026.yaml", None),
        ("followup-2024.yaml", "followup"),
        ("followup-2025.yaml", "followup"),
        ("portfolio-2026.yaml", "portfolio"),
    ]
