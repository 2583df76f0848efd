"""Stated arithmetic anywhere in a document (issue 14): claims and tables of counts."""

from __future__ import annotations

from decimal import Decimal as D

from bcalc.calc import compute_file
from bcalc.load import load_text
from tests.checks.test_checks import check_text, line_of, real
from tests.checks.test_precision import messages

HEAD = """\
budget_year: 2026
title: Claims
unit: mio. kr.
proposals:
  - id: a
    title: A
    investment: "2"
    savings: "2,6"
    helaarspersoner: 15
claims:
"""


def claim(stated: str, expression: str, unit: str | None = None) -> str:
    lines = HEAD + f'  - id: c\n    text: x\n    stated: "{stated}"\n'
    if unit:
        lines += f'    unit: "{unit}"\n'
    return lines + f'    expression: "{expression}"\n'


def test_the_slide_3_claim_is_an_error_that_names_what_it_would_need() -> None:
    text = real("2026.yaml")
    line = line_of(text, 'stated: "ca. 10,5"')
    assert ("BC401", "error", line) in check_text(text)
    [message] = messages(text, "BC401")
    # 5.689 / 662 = 8,5937; with the rounding of both (±0,5 mio. kr.) 8,5864–8,6009.
    # "ca. 10,5" is 10,35–10,65. 10,5 × 662 = 6.951; 5.689 / 10,5 = 541,8.
    assert message == (
        "claim 'forsoergelse-pr-indsatskrone' is stated as \"ca. 10,5\" but its arithmetic "
        "(5.689 mio. kr. / 662 mio. kr.) gives 8.594: a difference of 1.9063, more than "
        'rounding can explain (at most 0.1573; "ca. 10,5" is 10.35 to 10.65, the figures '
        "give 8.5864 to 8.6009). It would hold if 5.689 mio. kr. were 6951 mio. kr. or "
        "662 mio. kr. were 541.8 mio. kr."
    )


def test_compute_shows_each_claim_beside_what_it_states() -> None:
    loaded = load_text(real("2026.yaml"))
    assert loaded.case is not None
    [computed] = compute_file(loaded.case).claims
    assert (computed.stated, computed.unit) == ("ca. 10,5", None)
    assert computed.computed is not None
    assert computed.computed.value.quantize(D("0.0001")) == D("8.5937")
    assert [(n.written, n.value.quantize(D("0.1"))) for n in computed.needed] == [
        ("5.689 mio. kr.", D("6951.0")),
        ("662 mio. kr.", D("541.8")),
    ]


def test_the_shapes_of_claims_in_budget_papers() -> None:
    # "12.345.678 kr. × 6,5 % = 0,8 mio. kr.": 802.469 kr.; 0,8 mio. is 0,75–0,85: equal.
    assert check_text(claim("0,8", "12.345.678 kr. * 6,5 %", "mio. kr.")) == []
    # "212 af 1.480 personer = 14,3 %": 14,324 %; equal at tenths.
    assert check_text(claim("14,3", "212 personer / 1.480 personer", "%")) == []
    # "1.204 + 310 + ½ × 520 = 1.774 personer": exact.
    assert (
        check_text(claim("1.774", "1.204 personer + 310 personer + ½ * 520 personer", "personer"))
        == []
    )
    # "30 % af 5,2 mio. kr. er ca. 1,6 mio. kr.": 1,56 rounds to 1,6: no finding. Had
    # it said "ca. 1,5" (1,35–1,65), the 1,519–1,601 the figures allow would explain it.
    assert check_text(claim("ca. 1,6", "30 % * 5,2 mio. kr.", "mio. kr.")) == []
    assert check_text(claim("ca. 1,5", "30 % * 5,2 mio. kr.", "mio. kr.")) == [
        ("BC401", "info", 13)
    ]
    # The same sentence with a slip: "ca. 2,6".
    assert check_text(claim("ca. 2,6", "30 % * 5,2 mio. kr.", "mio. kr.")) == [
        ("BC401", "error", 13)
    ]


def test_a_claim_may_name_the_files_figures_and_earlier_claims() -> None:
    # Proposal a: 4 × 2,6 = 10,4 mio. kr. saved for 4 × 15 = 60 helårspersoner:
    # 173.333 kr. each; in t.kr. 173,3.
    text = claim("173.333", "a.savings / a.helaarspersoner", "kr. pr. person")
    assert check_text(text) == []
    text += '  - id: d\n    text: y\n    stated: "173,3"\n    unit: "t.kr. pr. person"\n'
    text += "    expression: claims.c\n"
    assert check_text(text) == []


def test_a_claim_whose_names_do_not_exist_or_whose_units_do_not_fit_is_refused() -> None:
    problems = load_text(claim("1", "a.net_gian / a.investment")).problems
    assert [(p.code, p.line, p.column) for p in problems] == [("BC003", 14, 18)]
    assert problems[0].message.startswith(
        "claims[0].expression: unknown figure 'a.net_gian'; did you mean 'a.net_gain'"
    )
    problems = load_text(claim("1", "2 kr. + 3 personer")).problems
    assert [(p.code, p.message) for p in problems] == [
        (
            "BC003",
            "claims[0].expression: cannot add kroner and persons (column 7 of the expression)",
        )
    ]
    problems = load_text(claim("1", "a.net_gain", "%")).problems
    assert [(p.code, p.message) for p in problems] == [
        ("BC003", "claims[0].unit: the expression gives kroner, but the claim states a ratio")
    ]


TABEL_2_TOTALS = ["38.988", "40.034", "43.359", "40.142", "39.622"]


def test_tabel_2_okt_2018_is_unlikely_rounding_and_the_other_columns_are_exact() -> None:
    text = real("2023.yaml")
    line = line_of(text, '"38.988"')
    assert [f for f in check_text(text) if f[0] == "BC402"] == [("BC402", "warning", line)]
    [message] = messages(text, "BC402")
    assert message == (
        "table 'forsoergelse-2018-2022': the total of column 'Okt 2018' is stated as "
        '"38.988" fuldtidspersoner but the 12 rows add up to 38992 fuldtidspersoner: a '
        "difference of 4 that rounding explains only if nearly all figures were rounded "
        "the same way (at most 6.5; independent rounding rarely gives more than 3.12; "
        '"38.988" is 38987.5 to 38988.5, the figures give 38986 to 38998)'
    )
    loaded = load_text(text)
    assert loaded.case is not None
    [table] = compute_file(loaded.case).tables
    # Hand sums of the twelve rows, column by column (Okt 2019: 6.728 + 4.122 + 2.540
    # + 240 + 100 + 747 + 3.541 + 1.313 + 1.235 + 1.363 + 4.975 + 13.130 = 40.034).
    assert [(t.label, t.computed.value, t.stated) for t in table.totals] == [
        ("Okt 2018", D(38992), "38.988"),
        ("Okt 2019", D(40034), "40.034"),
        ("Okt 2020", D(43359), "43.359"),
        ("Okt 2021", D(40142), "40.142"),
        ("Okt 2022", D(39622), "39.622"),
    ]


def test_a_table_whose_total_is_beyond_rounding_is_an_error() -> None:
    text = real("2023.yaml").replace('"40.034"', '"40.044"')
    assert ("BC402", "error", line_of(text, '"40.044"')) in check_text(text)


def test_a_table_row_with_a_figure_too_many_is_refused() -> None:
    text = real("2023.yaml").replace('Revalidering: ["354",', 'Revalidering: ["1", "354",')
    [problem] = load_text(text).problems
    assert (problem.code, problem.message) == (
        "BC003",
        "tables[0].rows.Revalidering: 6 figures for 5 columns",
    )
