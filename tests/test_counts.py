"""counts: stated totals of count tables, judged with their rounding, by hand."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from bcalc.counts import CountTable, Row, check_table, message
from bcalc.numbers import Amount, parse_danish

D = Decimal


def row(label: str, *figures: str) -> Row:
    return Row(label, tuple(parse_danish(text) for text in figures))


def amounts(*figures: str) -> tuple[Amount, ...]:
    return tuple(parse_danish(text) for text in figures)


# Beskæftigelsesplan 2023, Bilag 2, Tabel 2. Antal modtagere af kommunale
# forsørgelsesydelser i Aarhus Kommune oktober 2018-2022 (fultidspersoner), as printed.
TABEL_2 = CountTable(
    columns=("Okt 2018", "Okt 2019", "Okt 2020", "Okt 2021", "Okt 2022"),
    rows=(
        row("A-dagpenge", "6.293", "6.728", "8.859", "5.984", "4.839"),
        row("Kontanthjælp", "4.143", "4.122", "4.113", "3.644", "3.214"),
        row("Uddannelseshjælp", "2.498", "2.540", "2.552", "2.254", "2.274"),
        row("Revalidering", "354", "240", "146", "95", "71"),
        row("Forrevalidering", "135", "100", "70", "42", "23"),
        row("Selvforsørgelses- og hjemrejseydelse mv.", "829", "747", "777", "637", "1.117"),
        row("Sygedagpenge", "3.251", "3.541", "4.479", "4.333", "3.606"),
        row("Jobafklaringsforløb", "1.346", "1.313", "1.016", "1.262", "1.559"),
        row("Ressourceforløb", "1.312", "1.235", "1.075", "927", "796"),
        row("Ledighedsydelse", "1.287", "1.363", "1.337", "1.082", "934"),
        row("Fleksjob", "4.595", "4.975", "5.199", "5.510", "5.980"),
        row("Førtidspension og seniorpension", "12.949", "13.130", "13.736", "14.372", "15.209"),
    ),
    total_row=amounts("38.988", "40.034", "43.359", "40.142", "39.622"),
)


def test_tabel_2_totals() -> None:
    # Column sums, row by row (A-dagpenge first, Førtidspension last):
    # Okt 2018: 6293 + 4143 = 10436; +2498 = 12934; +354 = 13288; +135 = 13423;
    #   +829 = 14252; +3251 = 17503; +1346 = 18849; +1312 = 20161; +1287 = 21448;
    #   +4595 = 26043; +12949 = 38992, against "I alt 38.988": 4 apart.
    # Okt 2019: 6728 + 4122 = 10850; +2540 = 13390; +240 = 13630; +100 = 13730;
    #   +747 = 14477; +3541 = 18018; +1313 = 19331; +1235 = 20566; +1363 = 21929;
    #   +4975 = 26904; +13130 = 40034 = "40.034".
    # Okt 2020: 8859 + 4113 = 12972; +2552 = 15524; +146 = 15670; +70 = 15740;
    #   +777 = 16517; +4479 = 20996; +1016 = 22012; +1075 = 23087; +1337 = 24424;
    #   +5199 = 29623; +13736 = 43359 = "43.359".
    # Okt 2021: 5984 + 3644 = 9628; +2254 = 11882; +95 = 11977; +42 = 12019;
    #   +637 = 12656; +4333 = 16989; +1262 = 18251; +927 = 19178; +1082 = 20260;
    #   +5510 = 25770; +14372 = 40142 = "40.142".
    # Okt 2022: 4839 + 3214 = 8053; +2274 = 10327; +71 = 10398; +23 = 10421;
    #   +1117 = 11538; +3606 = 15144; +1559 = 16703; +796 = 17499; +934 = 18433;
    #   +5980 = 24413; +15209 = 39622 = "39.622".
    checks = check_table(TABEL_2)
    assert [(c.label, c.computed.value, c.stated.value, c.verdict.kind) for c in checks] == [
        ("Okt 2018", D(38992), D(38988), "unlikely"),
        ("Okt 2019", D(40034), D(40034), "equal"),
        ("Okt 2020", D(43359), D(43359), "equal"),
        ("Okt 2021", D(40142), D(40142), "equal"),
        ("Okt 2022", D(39622), D(39622), "equal"),
    ]
    # Okt 2018: twelve rows rounded to whole persons may miss by 12 × 0,5 = 6, the
    # total by 0,5 more: 6,5 at worst. Likely: σ = √(12 × 1/12 + 1/12) = √(13/12)
    # = 1,0408, 3σ = 3,1225. A difference of 4 lies between: only if nearly all
    # twelve rows were rounded the same way.
    first = checks[0].verdict
    assert (first.difference, first.worst_case, round(first.likely, 4)) == (
        D(4),
        D("6.5"),
        D("3.1225"),
    )
    assert message(checks[0]) == (
        "the total of column 'Okt 2018' is stated as 38988, but the 12 rows add up to 38992: "
        "a difference of 4, which rounding explains only if nearly all figures were rounded "
        "the same way (possible up to 6.5, likely up to 3.12)"
    )
    assert message(checks[1]) == (
        "the total of column 'Okt 2019' is stated as 40034; the 12 rows add up to it"
    )


def test_a_stated_rounding_basis_overrides_the_digits_shown() -> None:
    # Rows "2" and "3" in a table rounded to tenths (trailing zeros dropped), total
    # "5,3": 5 against 5,3. With the basis 0,1 each figure is ±0,05: 3 × 0,05 = 0,15
    # at most, so 0,3 is an error. Read by their digits, "2" and "3" are ±0,5:
    # worst 1,05, and 3 × √(2/12 + 0,01/12) = 1,228 is more than possible, so likely
    # is 1,05 as well: 0,3 is rounding.
    rows = (row("a", "2"), row("b", "3"))
    with_basis = CountTable(("2026",), rows, amounts("5,3"), rounding=D("0.1"))
    by_digits = CountTable(("2026",), rows, amounts("5,3"))
    (strict,) = check_table(with_basis)
    (loose,) = check_table(by_digits)
    assert (strict.verdict.kind, strict.verdict.worst_case) == ("error", D("0.15"))
    assert (loose.verdict.kind, loose.verdict.worst_case) == ("rounding", D("1.05"))
    assert loose.verdict.likely == D("1.05")
    assert message(strict) == (
        "the total of column '2026' is stated as 5.3, but the 2 rows add up to 5.0: "
        "a difference of 0.3, more than rounding can explain (at most 0.15)"
    )
    assert message(loose) == (
        "the total of column '2026' is stated as 5.3, but the 2 rows add up to 5.0: "
        "a difference of 0.3, explained by rounding (up to 1.05)"
    )


def test_row_totals() -> None:
    # a: 1 + 2 = 3 = "3". b: 1,4 + 1,4 = 2,8 against "2,7": 0,1 apart; worst
    # 3 × 0,05 = 0,15, likely 3 × √(3 × 0,01/12) = 3 × 0,05 = 0,15: rounding.
    table = CountTable(
        ("2026", "2027"),
        (row("a", "1", "2"), row("b", "1,4", "1,4")),
        total_column=amounts("3", "2,7"),
    )
    checks = check_table(table)
    assert [(c.axis, c.label, c.terms, c.verdict.kind) for c in checks] == [
        ("row", "a", 2, "equal"),
        ("row", "b", 2, "rounding"),
    ]
    assert (checks[1].verdict.worst_case, checks[1].verdict.likely) == (D("0.15"), D("0.15"))


def test_a_rounding_message_with_a_likely_bound() -> None:
    # Like Tabel 1 of 2023: 13 rows of 2,5 and one of 2,9 sum to 35,4, stated "35,3":
    # 0,1 apart; worst 14 × 0,05 + 0,05 = 0,75, likely 3 × √(15 × 0,01/12) = 0,3354.
    rows = (*(row(f"forslag {n}", "2,5") for n in range(1, 14)), row("forslag 14", "2,9"))
    (check,) = check_table(CountTable(("2023",), rows, amounts("35,3")))
    assert message(check) == (
        "the total of column '2023' is stated as 35.3, but the 14 rows add up to 35.4: "
        "a difference of 0.1, explained by rounding (likely up to 0.34, possible up to 0.75)"
    )


def test_ca_widens_a_figure_under_a_rounding_basis() -> None:
    # "ca. 2" at basis 0,1: ±0,15; with "3" (±0,05) and the total "5,3" (±0,05):
    # 0,25 at most, so 5 against 5,3 stays an error.
    table = CountTable(
        ("2026",), (row("a", "ca. 2"), row("b", "3")), amounts("5,3"), rounding=D("0.1")
    )
    (check,) = check_table(table)
    assert (check.verdict.kind, check.verdict.worst_case) == ("error", D("0.25"))


@pytest.mark.parametrize(
    ("kwargs", "text"),
    [
        ({"rows": (row("a", "1"),)}, "row 'a' has 1 figures for 2 columns"),
        ({"total_row": amounts("1")}, "the total row has 1 figures for 2 columns"),
        ({"total_column": amounts("1", "2")}, "the total column has 2 figures for 1 rows"),
        ({"rounding": D(0)}, "a rounding basis must be positive"),
    ],
)
def test_malformed_tables_are_refused(kwargs: dict[str, Any], text: str) -> None:
    fields = {"columns": ("x", "y"), "rows": (row("a", "1", "2"),), **kwargs}
    with pytest.raises(ValueError) as raised:
        CountTable(**fields)
    assert str(raised.value) == text
