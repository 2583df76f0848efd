"""``bcalc compare``: real figures from the case files, computed by hand."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bcalc.calc import compute_file
from bcalc.cli import app
from bcalc.compare import Titled, compare_files, find_likely_matches, normalise_title
from bcalc.load import load_text
from bcalc.results import AVERAGES, Comparison, FileResult, Status
from bcalc.units import Unit
from tests.conftest import CASES, compute_case

D = Decimal
runner = CliRunner()


def statuses(comparison: Comparison) -> dict[str, Status]:
    return {p.id: p.status for p in comparison.proposals}


def by_id(comparison: Comparison, proposal_id: str):  # type: ignore[no-untyped-def]
    return next(p for p in comparison.proposals if p.id == proposal_id)


def compute_text(text: str, path: str = "case.yaml") -> FileResult:
    loaded = load_text(text, path)
    assert loaded.problems == [] and loaded.case is not None
    return compute_file(loaded.case, path)


def test_2023_to_2026_portfolio_and_statuses() -> None:
    comparison = compare_files([compute_case("2023.yaml"), compute_case("2026.yaml")])
    assert comparison.unit is Unit.MIO
    # 2023, Tabel 1: 3,0+1,2+1,2+1,8+1,8+2,4+2,8+1,7+1,2+4,2+3,0+0,6+7,5+3,0 = 35,4 a year
    # (the table states 35,3); 2026, slide 5: 2 + 2,6 + 6,1 = 10,7.
    assert [t.average_investment.value for t in comparison.totals] == [D("35.4"), D("10.7")]
    change = comparison.total_changes["average_investment"]
    assert change.absolute is not None and change.absolute.value == D("-24.7")
    # -24,7 / 35,4 = -69,77 %.
    assert change.percent is not None and round(change.percent, 2) == D("-69.77")
    # 2023 states no savings: None → 11,3 is a change, with no absolute or percent.
    savings = comparison.total_changes["average_savings"]
    assert (savings.changed, savings.absolute, savings.percent) == (True, None, None)
    assert comparison.counts == {
        Status.NEW: 3,
        Status.ENDED: 14,
        Status.CHANGED: 0,
        Status.UNCHANGED: 0,
    }
    assert comparison.periods == [(2023, 2026), (2026, 2029)]
    assert comparison.converted_from == []


def test_akademikere_is_a_likely_match_never_merged() -> None:
    comparison = compare_files([compute_case("2023.yaml"), compute_case("2026.yaml")])
    assert [(m.old_id, m.new_id, m.reason) for m in comparison.likely_matches] == [
        (
            "akademikere-i-job",
            "akademikere-opkvalificering",
            "same title except 'via opkvalificering'",
        )
    ]
    old = by_id(comparison, "akademikere-i-job")
    new = by_id(comparison, "akademikere-opkvalificering")
    assert (old.status, new.status) == (Status.ENDED, Status.NEW)
    assert old.values[0] is not None and old.values[0].average_investment.value == D("3.0")
    assert new.values[1] is not None and new.values[1].average_investment.value == D("2")
    assert old.values[1] is None and new.values[0] is None
    assert old.likely_matches == new.likely_matches == comparison.likely_matches
    # Only in one file each: nothing to compute a change from.
    assert old.changes == {} and new.changes == {}


def test_2021_to_2023_normalises_tkr_to_the_newest_unit() -> None:
    comparison = compare_files([compute_case("2021.yaml"), compute_case("2023.yaml")])
    assert comparison.unit is Unit.MIO
    assert comparison.converted_from == [Unit.TKR]  # the 2021 file is in t.kr.
    first = [p.values[0] for p in comparison.proposals if p.values[0] is not None]
    # Each 2021 business case, in mio. kr.: 8,5 / 3,5 / 5,9 / 3,6 / 3,8 / 4,8 a year.
    assert [v.average_investment.value for v in first] == [
        D("8.5"),
        D("3.5"),
        D("5.9"),
        D("3.6"),
        D("3.8"),
        D("4.8"),
    ]
    # Corona: savings (5,7 + 3 × 11,5) / 4 = 10,05; gain 10,05 - 8,5 = 1,55.
    corona = first[0]
    assert corona.average_savings is not None and corona.average_savings.value == D("10.05")
    assert corona.average_net_gain is not None and corona.average_net_gain.value == D("1.55")
    # The 2021 portfolio, 30.100 t.kr. a year, is 30,1 mio. kr.
    totals = [t.average_investment.value for t in comparison.totals]
    assert totals == [D("30.1"), D("35.4")]
    change = comparison.total_changes["average_investment"]
    assert change.absolute is not None and change.absolute.value == D("5.3")
    assert comparison.counts[Status.ENDED] == 6 and comparison.counts[Status.NEW] == 14
    # Three 2021 cases run 2020-2023; all are compared on annual averages.
    assert comparison.periods == [(2020, 2023), (2021, 2024), (2023, 2026)]
    # "§17.4 - Flere ikke-vestlige i job og uddannelse" and "Flere ikke-vestlige
    # kvinder i arbejde" share too few words to be suggested.
    assert comparison.likely_matches == ()


def test_a_file_compared_with_itself_is_unchanged() -> None:
    result = compute_case("2026.yaml")
    comparison = compare_files([result, result])
    assert set(statuses(comparison).values()) == {Status.UNCHANGED}
    for proposal in comparison.proposals:
        for name in AVERAGES:
            change = proposal.changes[name]
            assert not change.changed
            assert change.absolute is not None and change.absolute.value == 0
            # Percent is None only where the old value is 0 (net gain 0 in cases 2 and 3).
            assert change.percent == (None if change.old and change.old.value == 0 else 0)
    assert all(c.absolute and c.absolute.value == 0 for c in comparison.total_changes.values())
    assert comparison.likely_matches == () and comparison.periods == [(2026, 2029)]


OLD = """\
budget_year: 2024
title: Old
unit: t.kr.
proposals:
  - id: same-in-other-unit
    title: Written in t.kr.
    investment: 2500
  - id: more
    title: More investment
    unit: mio. kr.
    investment: "2"
    savings: "3"
  - id: persons
    title: Persons added
    unit: mio. kr.
    investment: "1"
  - id: from-zero
    title: Gain from zero
    unit: mio. kr.
    investment: "1"
    savings: "1"
  - id: gone
    title: §17.4 - Flere unge i fritidsjob
    unit: mio. kr.
    investment: "1"
"""

NEW = """\
budget_year: 2025
title: New
unit: mio. kr.
proposals:
  - id: same-in-other-unit
    title: Written in mio. kr.
    investment: "2,5"
  - id: more
    title: More investment
    investment: "3"
    savings: "3"
  - id: persons
    title: Persons added
    investment: "1"
    helaarspersoner: 4
  - id: from-zero
    title: Gain from zero
    investment: "1"
    savings: "1,5"
  - id: arrived
    title: Flere unge i fritidsjob
    investment: "1"
"""


def test_changed_and_unchanged_by_annual_averages() -> None:
    comparison = compare_files([compute_text(OLD, "old.yaml"), compute_text(NEW, "new.yaml")])
    assert statuses(comparison) == {
        # 2.500 t.kr. is 2,5 mio. kr.: the unit is not a change.
        "same-in-other-unit": Status.UNCHANGED,
        "more": Status.CHANGED,
        # No helårspersoner → 4 is a change.
        "persons": Status.CHANGED,
        "from-zero": Status.CHANGED,
        "gone": Status.ENDED,
        "arrived": Status.NEW,
    }
    more = by_id(comparison, "more").changes
    assert [name for name in AVERAGES if more[name].changed] == [
        "average_investment",
        "average_net_gain",
    ]
    investment = more["average_investment"]
    assert investment.absolute is not None and investment.absolute.value == 1
    assert investment.percent == 50  # 2 → 3
    gain = more["average_net_gain"]  # 1 → 0
    assert gain.absolute is not None and gain.absolute.value == -1 and gain.percent == -100
    from_zero = by_id(comparison, "from-zero").changes["average_net_gain"]
    assert from_zero.absolute is not None and from_zero.absolute.value == D("0.5")
    assert from_zero.percent is None  # from 0
    persons = by_id(comparison, "persons").changes["average_helaarspersoner"]
    assert (persons.changed, persons.absolute, persons.percent) == (True, None, None)
    assert [(m.old_id, m.new_id, m.reason) for m in comparison.likely_matches] == [
        ("gone", "arrived", "same title except the prefix '§17.4 -'")
    ]


def test_three_files_middle_only_is_ended_and_a_gap_is_a_change() -> None:
    def case(year: int, *ids: str) -> FileResult:
        proposals = "".join(f"  - id: {i}\n    title: T {i}\n    investment: 1\n" for i in ids)
        return compute_text(
            f"budget_year: {year}\ntitle: F\nunit: mio. kr.\nproposals:\n{proposals}"
        )

    comparison = compare_files(
        [case(2024, "all", "gap", "first"), case(2025, "all", "middle"), case(2026, "all", "gap")]
    )
    assert statuses(comparison) == {
        "all": Status.UNCHANGED,
        "gap": Status.CHANGED,
        "first": Status.ENDED,
        "middle": Status.ENDED,
    }
    assert not any(c.changed for c in by_id(comparison, "gap").changes.values())


@pytest.mark.parametrize(
    ("old", "new", "reason", "danish"),
    [
        ("Flere i job", "Flere i job", "same title", "samme titel"),
        (
            "Flere unge i job",
            "flere unge i job",
            "same title except case",
            "samme titel bortset fra store og små bogstaver",
        ),
        (
            "Flere unge i job",
            "Flere unge i job!",
            "same title except punctuation",
            "samme titel bortset fra tegnsætning",
        ),
        (
            "§17.4 - Flere unge i job",
            "Flere unge i job",
            "same title except the prefix '§17.4 -'",
            "samme titel bortset fra præfikset '§17.4 -'",
        ),
        (
            "§ 17 – Flere unge i job",
            "Flere unge i job",
            "same title except the prefix '§ 17 –'",
            "samme titel bortset fra præfikset '§ 17 –'",
        ),
        (
            "§17.4 - Flere unge i job",
            "flere unge i job",
            "same title except the prefix '§17.4 -' and case",
            "samme titel bortset fra præfikset '§17.4 -' og store og små bogstaver",
        ),
        (
            "Flere langtidsledige akademikere i job",
            "Flere langtidsledige akademikere i job via opkvalificering",
            "same title except 'via opkvalificering'",
            "samme titel bortset fra 'via opkvalificering'",
        ),
        (
            "Flere langtidsledige akademikere i job via opkvalificering",
            "Flere langtidsledige akademikere i job",
            "same title except 'via opkvalificering'",
            "samme titel bortset fra 'via opkvalificering'",
        ),
        (
            "Flere ledige akademikere i grønne job",
            "Flere ledige akademikere i grønne jobs",
            "similar title (3 of 5 significant words shared): 'job' became 'jobs'",
            "lignende titel (3 af 5 betydende ord fælles): 'job' blev til 'jobs'",
        ),
        # Shares only "ledige" and "job" of five significant words: not suggested.
        ("Flere ledige forsikrede i job", "Flere ledige i job på velfærdsområderne", None, None),
        ("Flere unge i job", "Flere ældre på arbejdsmarkedet", None, None),
    ],
)
def test_likely_match_reasons(old: str, new: str, reason: str | None, danish: str | None) -> None:
    # English in the JSON and the check messages, Danish in the tables.
    search = find_likely_matches([Titled("a", old, 0, 0)], [Titled("b", new, 1, 1)], 2)
    assert [m.reason for m in search.matches] == ([reason] if reason else [])
    assert [m.reason_danish for m in search.matches] == ([danish] if danish else [])


def test_normalised_title_drops_prefix_case_and_punctuation() -> None:
    title = normalise_title("§17.4 - Flere ikke-vestlige i job, og uddannelse")
    assert title.prefix == "§17.4 -"
    assert title.words == ("flere", "ikke", "vestlige", "i", "job", "og", "uddannelse")
    assert title.significant == {"ikke", "vestlige", "job", "uddannelse"}


def test_likely_matches_are_one_to_one_best_first() -> None:
    old = [Titled("a", "Flere unge i fritidsjob", 0, 0)]
    new = [
        Titled("b", "Flere unge i fritidsjob via skolen", 1, 1),
        Titled("c", "Flere unge i fritidsjob", 1, 1),
    ]
    search = find_likely_matches(old, new, 2)
    assert [(m.old_id, m.new_id) for m in search.matches] == [("a", "c")]


def test_likely_match_needs_the_new_one_to_arrive_after_the_old_one_left() -> None:
    old = [Titled("a", "Flere unge i fritidsjob", 0, 1)]  # still in file 1
    new = [Titled("b", "Flere unge i fritidsjob", 1, 2)]
    assert find_likely_matches(old, new, 3).matches == []


@pytest.mark.parametrize("count", [500, 5000])
def test_likely_match_search_is_linear_not_quadratic(count: int) -> None:
    # Every title shares "borgere", "job", "indsats", "opkvalificering": words too
    # common to propose candidates. Only the rare word x17 picks the partner.
    old = [Titled(f"old-{i}", f"Flere borgere i job, indsats x{i}", 0, 0) for i in range(count)]
    new = [
        Titled(f"new-{i}", f"Flere borgere i job, indsats x{i} via opkvalificering", 1, 1)
        for i in range(count)
    ]
    # Plus teams of five titles sharing a rarer word ("team17"): five candidates each.
    old += [Titled(f"ot-{i}", f"Team{i // 5} hjælper ledige y{i}", 0, 0) for i in range(count)]
    new += [Titled(f"nt-{i}", f"Team{i // 5} hjælper ledige y{i}", 1, 1) for i in range(count)]
    search = find_likely_matches(old, new, 2)
    pairs = {(m.old_id, m.new_id) for m in search.matches}
    assert len(pairs) == 2 * count
    assert ("old-17", "new-17") in pairs and ("ot-17", "nt-17") in pairs
    # 1 pair scored per "indsats" title and 5 per team title; all pairs would be
    # (2 × count)², 100 million for 5,000.
    assert search.scored_pairs == 6 * count


# --- The command line ---------------------------------------------------------------


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env={"COLUMNS": "200"})


def test_cli_table_exits_0_and_says_unit_and_basis() -> None:
    result = run("compare", str(CASES / "2023.yaml"), str(CASES / "2026.yaml"))
    assert result.exit_code == 0, result.output
    assert "gns. pr. år i mio. kr." in result.stdout
    assert "35.4" in result.stdout and "10.7" in result.stdout and "-24.7" in result.stdout
    assert "Status: 3 nye, 14 udgåede, 0 ændrede, 0 uændrede" in result.stdout
    assert "samme titel bortset fra 'via opkvalificering'" in " ".join(result.stdout.split())
    assert "same title" not in result.stdout


def test_cli_one_file_is_a_usage_error() -> None:
    result = run("compare", str(CASES / "2023.yaml"))
    assert result.exit_code == 2
    assert "two or more case files" in result.stderr


def test_cli_broken_file_is_reported_with_file_and_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "budget_year: 2026\ntitle: T\nunit: mio. kr.\nproposals:\n  - id: a\n    title: A\n"
        "    investmnet: 2\n",
        encoding="utf-8",
    )
    result = run("compare", str(CASES / "2023.yaml"), str(broken))
    assert result.exit_code == 2
    assert f"{broken}:7:5: BC002" in result.stderr
    assert result.stdout == ""


def test_cli_json_shape() -> None:
    result = run("compare", str(CASES / "2023.yaml"), str(CASES / "2026.yaml"), "-f", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert [f["budget_year"] for f in document["files"]] == [2023, 2026]
    assert document["unit"] == "mio. kr."
    assert document["counts"] == {"new": 3, "ended": 14, "changed": 0, "unchanged": 0}
    assert [t["average_investment"] for t in document["totals"]] == ["35.4", "10.7"]
    assert document["totals_change"]["average_investment"]["absolute"] == "-24.7"
    assert document["totals_change"]["average_investment"]["percent"] == "-69.8"
    first = document["proposals"][0]
    assert set(first) >= {"id", "title", "status", "values", "change"}
    assert (first["id"], first["status"]) == ("akademikere-i-job", "ended")
    assert first["values"][0]["average_investment"] == "3.0"
    assert first["values"][0]["investment"] == "12.0"  # 4 × 3,0 over 2023-2026
    assert first["values"][1] is None
    assert first["likely_matches"][0]["id"] == "akademikere-opkvalificering"
    statuses = {p["status"] for p in document["proposals"]}
    assert statuses <= {"new", "ended", "changed", "unchanged"}


def test_cli_folder_is_sorted_by_budget_year_and_only_changed(tmp_path: Path) -> None:
    for name in ("2026.yaml", "2021.yaml", "2023.yaml"):
        (tmp_path / f"z{name}" if name == "2021.yaml" else tmp_path / name).write_bytes(
            (CASES / name).read_bytes()
        )
    result = run("compare", str(tmp_path), "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert [f["budget_year"] for f in document["files"]] == [2021, 2023, 2026]
    assert document["unit"] == "mio. kr."

    same = run("compare", str(CASES / "2026.yaml"), str(tmp_path / "2026.yaml"), "--only-changed")
    assert same.exit_code == 0
    assert "0 ændrede, 3 uændrede (3 uændrede ikke vist)" in same.stdout
    assert "opkvalificering" not in same.stdout


def test_cli_markdown_and_csv() -> None:
    files = (str(CASES / "2021.yaml"), str(CASES / "2023.yaml"))
    markdown = run("compare", *files, "--format", "markdown")
    assert markdown.exit_code == 0
    assert "| **30.1** | **35.4** | **+5.3** | **+17.6** |" in markdown.stdout
    assert "omregnet fra t.kr." in markdown.stdout
    csv = run("compare", *files, "--format", "csv", "--danish")
    assert csv.exit_code == 0
    # One long table (tests/test_tidy_csv.py): (5,7 + 3 × 11,5) / 4 in Danish notation.
    row = ";".join(
        [
            str(CASES / "2021.yaml"),
            "corona-beskaeftigelsesindsats",
            "values",
            "average_savings",
            "",
            "",
            "10,05",
            "mio. kr.",
        ]
    )
    assert f"\n{row}\n" in csv.stdout


def test_cli_table_prints_brackets_in_titles_literally(tmp_path: Path) -> None:
    text = (
        'budget_year: 2024\ntitle: "[/]"\nunit: mio. kr.\nproposals:\n'
        '  - id: a\n    title: "Forslag [bold] [/]"\n    investment: 1\n'
    )
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(text, encoding="utf-8")
    result = run("compare", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"))
    assert result.exit_code == 0, result.output
    assert "Forslag [bold] [/] (a)" in result.stdout


def test_the_same_file_twice_is_refused_not_compared_with_itself() -> None:
    # "2026 (1) → 2026 (2), 3 uændrede" would say nothing; the second name is a slip.
    same = CASES / "2026.yaml"
    result = runner.invoke(app, ["compare", str(same), str(same.parent / "." / same.name)])
    assert result.exit_code == 2
    assert "is given twice; compare needs different files" in result.output


def test_a_link_in_a_folder_to_a_file_beside_it_is_one_file(tmp_path: Path) -> None:
    for name in ("2023.yaml", "2026.yaml"):
        (tmp_path / name).write_bytes((CASES / name).read_bytes())
    (tmp_path / "latest.yaml").symlink_to("2026.yaml")
    result = run("compare", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "Status: 3 nye, 14 udgåede, 0 ændrede, 0 uændrede" in result.stdout
