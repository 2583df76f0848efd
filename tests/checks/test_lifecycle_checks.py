"""BC501–BC509 on small folders written in the test: each rule catches its slip at the
line of the figure concerned, in its severity, and stays silent on consistent files."""

from __future__ import annotations

from pathlib import Path

import pytest

from bcalc.checking import check_paths
from bcalc.reports import RuleChoice

ALL = RuleChoice()

BUDGET = """\
budget_year: 2023
title: Budget 2023
unit: mio. kr.
proposals:
  - id: a
    title: Flere ledige i job via virksomhedspraktik
    investment: "3,0"
  - id: b
    title: Flere unge i uddannelse
    investment: "1,8"
"""

FOLLOWUP = """\
kind: followup
report_year: {year}
title: Målopfølgning {year}
unit: mio. kr.
areas:
  - id: ab
    title: Ledige og unge
    models: [a, b]
    investment: "ca. 4,8"
    budget_years: [2023]
    helaarspersoner:
      target: 20
      status: {status}
    light: {light}
"""  # line 9: investment, 10: budget_years, 14: light

PORTFOLIO = """\
kind: portfolio
budget_year: 2026
title: Aktive modeller 2026
unit: mio. kr.
stated:
  annual_investment: "ca. 4,8"
  models: 2
  new_models: 0
  active_after_permanent: {after}
models:
  - id: a
    title: Flere ledige i job via virksomhedspraktik
    adopted: 2023
    annual_investment: "3,0"
    status: {status_a}
  - id: b
    title: Flere unge i uddannelse
    adopted: 2023
    annual_investment: "1,8"
"""  # line 15: model a's status; line 11: model a, 16: model b


def check(tmp_path: Path, **files: str) -> list[tuple[str, str, str, int]]:
    """(file, code, severity, line) of every finding of ``bcalc check`` on the files."""
    paths = []
    for name, text in files.items():
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    reports = check_paths(paths, ALL, jobs=1)
    return [
        (Path(f.file).stem, f.code, f.severity.value, f.line)
        for report in reports
        for f in report.findings
    ]


def followup(year: int = 2025, status: int = 20, light: str = "grøn", extra: str = "") -> str:
    return FOLLOWUP.format(year=year, status=status, light=light) + extra


def portfolio(after: int = 1, status_a: str = "recommended_permanent") -> str:
    return PORTFOLIO.format(after=after, status_a=status_a)


def test_a_consistent_folder_has_no_findings(tmp_path: Path) -> None:
    found = check(
        tmp_path,
        budget=BUDGET,
        f2024=followup(2024),
        f2025=followup(2025),
        portfolio=portfolio(),
    )
    assert found == []


# --- BC501 ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "light", "extra", "expected"),
    [
        # 18 of 20 = 90 %: grøn is better than the figures (they give rød: no expectation).
        (18, "grøn", "", ("BC501", "error")),
        # gul at 90 % with no expectation going forward stated: the figures give rød.
        (18, "gul", "", ("BC501", "error")),
        # With an expectation, gul is what the figures give.
        (18, "gul", "    expectation: {meets_target: true, by: 2026}\n", None),
        # rød with an expectation stated: more cautious than the figures, a warning.
        (18, "rød", "    expectation: {meets_target: true}\n", ("BC501", "warning")),
        # 19 of 20 = 95 %: grøn; rounding of the written 19 and 20 (18,5 / 20,5 = 90,2 %)
        # allows rød as well, so a rød there is explained by rounding.
        (19, "grøn", "", None),
        (19, "rød", "", ("BC501", "info")),
        # 22 of 20 = 110 % (21,5 / 20,5 = 104,9 % at the least): rød is only cautious.
        (22, "rød", "", ("BC501", "warning")),
    ],
)
def test_bc501_a_light_the_figures_do_not_support(
    tmp_path: Path, status: int, light: str, extra: str, expected: tuple[str, str] | None
) -> None:
    found = check(tmp_path, f2025=followup(status=status, light=light, extra=extra))
    assert found == ([] if expected is None else [("f2025", *expected, 14)])


def test_bc501_rounding_explains_a_cautious_light(tmp_path: Path) -> None:
    # Weeks of sickness benefit, 22 as the target, 23 reached: 22 / 23 = 95.65 %, grøn by
    # the figures as written; 21.5 / 23.5 = 91.5 % is within their rounding. A gul with an
    # expectation is then explained by rounding: an info, not an error.
    text = (
        FOLLOWUP.replace(
            "      target: 20\n      status: {status}\n", "      target: 20\n      status: 20\n"
        )
        .format(year=2025, status=20, light="gul")
        .replace(
            "    light: gul\n",
            "    activities:\n"
            "      - {name: Uger på sygedagpenge, direction: lower, target: 22, status: 23}\n"
            "    expectation: {meets_target: true}\n"
            "    light: gul\n",
        )
    )
    assert check(tmp_path, f2025=text) == [("f2025", "BC501", "info", 17)]


def test_bc501_message_names_the_figures(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(followup(status=18, light="gul"), encoding="utf-8")
    [report] = check_paths([str(path)], ALL, jobs=1)
    [finding] = report.findings
    assert finding.message == (
        "area 'ab' is stated gul, but its figures give rød: its one target judged this year "
        "(Færre helårspersoner): 90.0 %, below 95 %, and no expectation going forward is "
        "stated; a gul light needs an expectation going forward (expectation: meets_target)"
    )


# --- BC502 ------------------------------------------------------------------------


def test_bc502_recommended_without_two_green_years(tmp_path: Path) -> None:
    found = check(
        tmp_path,
        budget=BUDGET,
        f2024=followup(2024),
        f2025=followup(2025, status=18, light="grøn"),  # 90 %: the figures give rød
        portfolio=portfolio(),
    )
    assert ("portfolio", "BC502", "error", 15) in found
    assert ("f2025", "BC501", "error", 14) in found


def test_bc502_made_permanent_with_a_gap_year(tmp_path: Path) -> None:
    # grøn in 2023 and 2025, no follow-up for 2024: not two years running. Model a is
    # permanent, so the portfolio is b alone: 1,8 a year, one model.
    text = (
        portfolio(status_a="permanent")
        .replace('annual_investment: "ca. 4,8"', 'annual_investment: "1,8"')
        .replace("models: 2", "models: 1")
    )
    found = check(
        tmp_path, budget=BUDGET, f2023=followup(2023), f2025=followup(2025), portfolio=text
    )
    assert found == [("portfolio", "BC502", "error", 15)]


def test_bc502_only_follow_ups_before_the_overview_count(tmp_path: Path) -> None:
    # The 2026 follow-up is written after Budget 2026; it neither helps nor hurts.
    found = check(
        tmp_path,
        budget=BUDGET,
        f2024=followup(2024),
        f2025=followup(2025),
        f2026=followup(2026, status=10, light="rød"),
        portfolio=portfolio(),
    )
    assert found == []


def test_bc502_with_no_follow_up_of_the_model_is_a_warning(tmp_path: Path) -> None:
    other = followup(2025).replace("models: [a, b]", "models: [b]").replace('"ca. 4,8"', '"1,8"')
    found = check(tmp_path, budget=BUDGET, f2025=other, portfolio=portfolio())
    assert ("portfolio", "BC502", "warning", 15) in found


# --- BC503, BC504 -----------------------------------------------------------------


def test_bc503_a_stated_total_rounding_cannot_explain(tmp_path: Path) -> None:
    # 3,0 + 1,8 = 4,8 (4,7-4,9); "ca. 5,8" is 5,65-5,95: an error. "ca. 5,0" is
    # 4,85-5,15: it touches, and a difference of 0,2 is within 3 σ of the rounding
    # (σ² = 2 × 0,1²/12 + 0,3²/12): explained by rounding. "ca. 5" is no finding at all:
    # 4,8 rounds to 5.
    text = portfolio().replace('annual_investment: "ca. 4,8"', 'annual_investment: "ca. 5,8"')
    assert check(tmp_path, portfolio=text) == [("portfolio", "BC503", "error", 6)]
    text = portfolio().replace('annual_investment: "ca. 4,8"', 'annual_investment: "ca. 5,0"')
    assert check(tmp_path, portfolio=text) == [("portfolio", "BC503", "info", 6)]
    text = portfolio().replace('annual_investment: "ca. 4,8"', 'annual_investment: "ca. 5"')
    assert check(tmp_path, portfolio=text) == []


def test_bc504_counts_that_do_not_add_up(tmp_path: Path) -> None:
    # Two models, one recommended for permanentgørelse: one remains, not two.
    assert check(tmp_path, portfolio=portfolio(after=2)) == [("portfolio", "BC504", "error", 9)]
    text = portfolio().replace("new_models: 0", "new_models: 1")
    assert check(tmp_path, portfolio=text) == [("portfolio", "BC504", "error", 8)]


def test_permanent_and_ended_models_are_outside_the_totals(tmp_path: Path) -> None:
    # Model a made permanent: the portfolio is b alone, 1,8 a year, one model.
    text = (
        portfolio(status_a="ended")
        .replace('annual_investment: "ca. 4,8"', 'annual_investment: "1,8"')
        .replace("models: 2", "models: 1")
    )
    assert check(tmp_path, portfolio=text) == []


# --- BC505, BC506 -----------------------------------------------------------------


def test_bc505_a_model_without_budget_file_and_its_likely_match(tmp_path: Path) -> None:
    text = portfolio(status_a="active", after=2).replace("  - id: a\n", "  - id: ledige-praktik\n")
    path = tmp_path / "portfolio.yaml"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "budget.yaml").write_text(BUDGET, encoding="utf-8")
    reports = check_paths([str(tmp_path / "budget.yaml"), str(path)], ALL, jobs=1)
    [finding] = [f for r in reports for f in r.findings]
    assert (finding.code, finding.severity.value, finding.line) == ("BC505", "warning", 11)
    assert finding.proposal == "ledige-praktik"
    assert finding.message.endswith(
        f"likely the same model: 'a' in {tmp_path / 'budget.yaml'} (same title)"
    )


def test_bc505_needs_budget_files_among_the_files(tmp_path: Path) -> None:
    # A portfolio checked on its own is not told that every model lacks a budget file.
    assert check(tmp_path, portfolio=portfolio()) == []


def test_bc506_an_active_model_never_followed_up(tmp_path: Path) -> None:
    only_a = followup(2025).replace("models: [a, b]", "models: [a]").replace('"ca. 4,8"', '"3,0"')
    found = check(
        tmp_path, budget=BUDGET, f2024=followup(2024), f2025=only_a, portfolio=portfolio()
    )
    assert found == [("portfolio", "BC506", "warning", 16)]  # b: in 2024, not in 2025
    never = only_a.replace("report_year: 2025", "report_year: 2024").replace("2025", "2024")
    found = check(tmp_path, budget=BUDGET, f2024=never, f2025=only_a, portfolio=portfolio())
    assert ("portfolio", "BC506", "warning", 16) in found


def test_bc506_a_model_too_new_to_be_followed_up(tmp_path: Path) -> None:
    text = portfolio().replace(
        'adopted: 2023\n    annual_investment: "1,8"', 'adopted: 2026\n    annual_investment: "1,8"'
    )
    text = text.replace("new_models: 0", "new_models: 1")
    only_a = followup(2025).replace("models: [a, b]", "models: [a]").replace('"ca. 4,8"', '"3,0"')
    budget_2026 = BUDGET.replace("2023", "2026").replace(
        '  - id: a\n    title: Flere ledige i job via virksomhedspraktik\n    investment: "3,0"\n',
        "",
    )
    budget_2023 = BUDGET.split("  - id: b")[0]
    found = check(
        tmp_path,
        b2023=budget_2023,
        b2026=budget_2026,
        f2024=followup(2024).replace("models: [a, b]", "models: [a]").replace('"ca. 4,8"', '"3,0"'),
        f2025=only_a,
        portfolio=text,
    )
    assert found == []


# --- BC507, BC508, BC509 ------------------------------------------------------------


def test_bc507_an_area_investment_that_is_not_its_models(tmp_path: Path) -> None:
    # 3,0 + 1,8 = 4,8 a year; "ca. 3,8" (3,65-3,95) misses a model.
    text = followup().replace('"ca. 4,8"', '"ca. 3,8"')
    assert check(tmp_path, budget=BUDGET, f2025=text) == [("f2025", "BC507", "error", 9)]
    # "ca. 5,0" (4,85-5,15) is rounding, as for BC503.
    text = followup().replace('"ca. 4,8"', '"ca. 5,0"')
    assert check(tmp_path, budget=BUDGET, f2025=text) == [("f2025", "BC507", "info", 9)]


def test_bc507_takes_the_portfolio_where_a_model_has_no_budget_file(tmp_path: Path) -> None:
    # b has no budget file; the overview says 1,8 a year.
    found = check(
        tmp_path, budget=BUDGET.split("  - id: b")[0], f2025=followup(), portfolio=portfolio()
    )
    assert [f for f in found if f[1] == "BC507"] == []


def test_bc508_an_unknown_model_with_a_suggestion(tmp_path: Path) -> None:
    text = followup().replace("models: [a, b]", "models: [a, bb]")
    (tmp_path / "budget.yaml").write_text(BUDGET, encoding="utf-8")
    path = tmp_path / "f2025.yaml"
    path.write_text(text, encoding="utf-8")
    reports = check_paths([str(tmp_path / "budget.yaml"), str(path)], ALL, jobs=1)
    [finding] = [f for r in reports for f in r.findings]
    assert (finding.code, finding.line) == ("BC508", 8)
    assert finding.message.endswith(
        "which no budget file or portfolio overview among the files names; did you mean 'b'?"
    )


def test_bc509_budget_years_that_are_not_the_models(tmp_path: Path) -> None:
    text = followup().replace("budget_years: [2023]", "budget_years: [2022, 2023]")
    assert check(tmp_path, budget=BUDGET, f2025=text) == [("f2025", "BC509", "warning", 10)]


def test_select_and_ignore_choose_the_lifecycle_rules(tmp_path: Path) -> None:
    (tmp_path / "budget.yaml").write_text(BUDGET, encoding="utf-8")
    path = tmp_path / "f2025.yaml"
    path.write_text(followup(status=18).replace('"ca. 4,8"', '"ca. 3,8"'), encoding="utf-8")
    paths = [str(tmp_path / "budget.yaml"), str(path)]
    codes = lambda choice: [f.code for r in check_paths(paths, choice, jobs=1) for f in r.findings]  # noqa: E731
    assert codes(ALL) == ["BC507", "BC501"]
    assert codes(RuleChoice(select=("BC501",))) == ["BC501"]
    assert codes(RuleChoice(ignore=("BC50",))) == []
