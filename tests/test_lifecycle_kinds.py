"""Follow-up reports and portfolio overviews as the loader reads them: the kinds'
models, their BC003 problems at their lines, the loader's help for a typo."""

from __future__ import annotations

from bcalc.kinds.followup import FollowupReport, Light
from bcalc.kinds.portfolio import Portfolio
from bcalc.load import load_text
from tests.conftest import problems_of

FOLLOWUP = """\
kind: followup
report_year: 2025
title: Målopfølgning 2025
unit: mio. kr.
areas:
  - id: a
    title: A
    models: [m1, m2]
    investment: "ca. 3,2"
    helaarspersoner: {target: 20, status: 18}
"""  # the area starts on line 6

PORTFOLIO = """\
kind: portfolio
budget_year: 2026
title: Aktive modeller
unit: mio. kr.
models:
  - id: m1
    number: 1a
    title: M1
    adopted: 2023
    annual_investment: "3,0"
"""  # the model starts on line 6


def test_a_follow_up_reads_with_its_defaults() -> None:
    loaded = load_text(FOLLOWUP + "    light: Grøn\n", "f.yaml")
    assert loaded.problems == []
    report = loaded.document
    assert isinstance(report, FollowupReport) and loaded.kind == "followup"
    assert report.rule == "all" and report.threshold.value == 95
    area = report.areas[0]
    assert area.light is Light.GREEN  # "Grøn" as documents capitalise it
    assert area.investment is not None and area.investment.approx
    assert loaded.case is None  # not a budget file


def test_a_portfolio_reads() -> None:
    loaded = load_text(PORTFOLIO, "p.yaml")
    assert loaded.problems == []
    portfolio = loaded.document
    assert isinstance(portfolio, Portfolio)
    assert portfolio.models[0].number == "1a" and portfolio.models[0].status == "active"


def test_a_typo_is_named_with_the_field_meant() -> None:
    found = problems_of(FOLLOWUP + "    lihgt: grøn\n")
    assert [(code, line) for code, line, _ in found] == [("BC002", 11)]
    assert "did you mean 'light'?" in found[0][2]
    found = problems_of(FOLLOWUP + "    light: lilla\n")
    assert [(code, line) for code, line, _ in found] == [("BC002", 11)]


def test_follow_up_problems_at_their_lines() -> None:
    text = FOLLOWUP + (
        "    activities:\n"  # 11
        "      - name: Forløb\n"  # 12
        "        target: 400\n"  # 13
        "        status: 180\n"  # 14
        "        period: [2026, 2027]\n"  # 15: starts after the report year
        "      - name: Ventetid\n"  # 16
        "        direction: higher\n"  # 17
        "        target: 0\n"  # 18: a target of 0 where more is better
        "        status: 3\n"  # 19
        "      - name: Besøg\n"  # 20
        "        target: 100\n"  # 21
        "        status: 90\n"  # 22
        "        interim_target: 50\n"  # 23: the target ends in the report year
        "  - id: b\n"  # 24
        "    title: B\n"  # 25
        "    models: [m2]\n"  # 26: m2 is in area 1 already
        "    activities: [{name: X, target: 1, status: '-1'}]\n"  # 27: negative status
        "    rule: primary\n"  # 28: and there is no helårspersoner target
        "  - id: a\n"  # 29: the id of area 1
        "    title: C\n"
        "    models: [m3]\n"
        "    budget_years: [2026]\n"  # 32: after the report year
        "    helaarspersoner: {target: 5, status: 5, period: [2023, 2024]}\n"  # 33: ended
        "    expectation: {meets_target: true, by: 2024}\n"  # 34: before the report year
    )
    found = problems_of(text)
    assert [(code, line) for code, line, _ in found] == [
        ("BC003", 15),
        ("BC003", 18),
        ("BC003", 23),
        ("BC003", 26),
        ("BC003", 27),
        ("BC003", 28),
        ("BC003", 29),
        ("BC003", 32),
        ("BC003", 33),
        ("BC003", 34),
    ]
    messages = {line: message for _, line, message in found}
    assert "the target is set for 2026–2027, outside the report year 2025" in messages[15]
    assert "a target of 0 where more is better gives no attainment" in messages[18]
    assert "an interim target is for a target that runs past the report year" in messages[23]
    assert "model 'm2' is listed twice (in area 1)" in messages[26]
    assert "a status cannot be negative" in messages[27]
    assert "rule 'primary' judges the area by its helårspersoner target" in messages[28]
    assert "area id 'a' is already used by area 1" in messages[29]
    assert "set for 2023–2024, outside the report year 2025" in messages[33]


def test_a_unit_on_a_target_is_refused() -> None:
    text = FOLLOWUP.replace("target: 20,", 'target: "20 mio. kr.",')
    [(code, line, message)] = problems_of(text)
    assert (code, line) == ("BC003", 10)
    assert "a target is counted, not money" in message


def test_portfolio_problems_at_their_lines() -> None:
    text = PORTFOLIO + (
        "  - id: m1\n"  # 11: listed twice
        "    title: M1 igen\n"
        "    adopted: 2027\n"  # 13: after the overview's budget year
        "    annual_investment: '-1'\n"  # 14: negative
        "stated:\n"
        "  models: -2\n"  # 16
    )
    found = problems_of(text)
    assert [(code, line) for code, line, _ in found] == [
        ("BC003", 11),
        ("BC003", 13),
        ("BC003", 14),
        ("BC003", 16),
    ]
    assert "model 'm1' is listed twice (first as model 1)" in found[0][2]
    assert "adopted in 2027, after the overview's budget year 2026" in found[1][2]


def test_an_unknown_kind_names_the_kinds() -> None:
    [(code, line, message)] = problems_of(FOLLOWUP.replace("kind: followup", "kind: follow-up"))
    assert (code, line) == ("BC002", 1)
    assert "followup" in message and "portfolio" in message
