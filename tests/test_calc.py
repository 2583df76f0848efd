"""Real figures from the seed documents, computed by hand."""

from decimal import Decimal

from tests.conftest import compute_case

D = Decimal


def by_id(result, proposal_id):  # type: ignore[no-untyped-def]
    return next(p for p in result.proposals if p.id == proposal_id)


def test_2026_overview_totals_match_the_slides() -> None:
    # Slide 5 "Total 10,7 11,3 0,6": 2 + 2,6 + 6,1 and 2,6 + 2,6 + 6,1 (2,3+0,3; 5,1+1).
    period = compute_case("2026.yaml").totals.period
    assert period.average_investment.value == D("10.7")
    assert period.average_savings is not None and period.average_savings.value == D("11.3")
    assert period.average_net_gain is not None and period.average_net_gain.value == D("0.6")
    # Over 2026-2029: 4 × 10,7 = 42,8; 4 × 11,3 = 45,2; 4 × 0,6 = 2,4.
    assert period.investment.value == D("42.8")
    assert period.savings is not None and period.savings.value == D("45.2")
    assert period.net_gain is not None and period.net_gain.value == D("2.4")


def test_2026_components_and_phase_in() -> None:
    result = compute_case("2026.yaml")
    second = by_id(result, "sygemeldte-virksomhedsoevebaner")
    first_year = second.years[0]
    # 2,3 mio. kr. forsørgelse + 300.000 kr. decentral = 2,6 mio. kr.
    assert first_year.savings is not None and first_year.savings.value == D("2.6")
    assert first_year.savings_components["Forsørgelsesudgifter"].value == D("2.3")
    # "19 færre helårspersoner årligt ..., med halv effekt i 2026": 9,5 then 19.
    assert [y.helaarspersoner.value for y in second.years if y.helaarspersoner] == [
        D("9.5"),
        D(19),
        D(19),
        D(19),
    ]
    third = by_id(result, "igu-velfaerdsomraader")
    # 5,5 mio. kr. + 600 t.kr. = 6,1 mio. kr.
    assert third.years[0].investment.value == D("6.1")


def test_2026_first_proposal_key_figures() -> None:
    first = by_id(compute_case("2026.yaml"), "akademikere-opkvalificering")
    assert first.payback_year == 2026
    assert first.savings_ratio == D("10.4") / D(8)  # 1,30 kr. saved per kr. invested
    # Break-even: 2 / (2,6 / 15) = 11,54 helårspersoner a year.
    assert first.break_even_helaarspersoner is not None
    assert round(first.break_even_helaarspersoner, 2) == D("11.54")
    # 2,6 mio. kr. / 15 = 173.333 kr. saved per helårsperson.
    assert first.savings_per_helaarsperson_kr is not None
    assert round(first.savings_per_helaarsperson_kr) == 173333


def test_2021_corona_case_nets_6_2_where_the_document_says_ca_6_1() -> None:
    corona = by_id(compute_case("2021.yaml"), "corona-beskaeftigelsesindsats")
    # Savings 5,7 + 3 × 11,5 = 40,2; investment 4 × 8,5 = 34,0.
    assert corona.period.net_gain is not None and corona.period.net_gain.value == D("6.2")
    assert [y.net_gain.value for y in corona.years if y.net_gain] == [
        D("-2.8"),
        D("3.0"),
        D("3.0"),
        D("3.0"),
    ]
    assert corona.payback_year == 2022  # cumulative -2,8 in 2021, then 0,2 in 2022
    # Rounding of 8 written numbers of 0,1 each: ± 0,4.
    assert corona.period.net_gain.tolerance == D("0.40")


def test_2021_section_17_4_has_a_net_cost_of_4_8() -> None:
    case = by_id(compute_case("2021.yaml"), "ikke-vestlige-job-uddannelse")
    # Savings 2,1 + 3 × 4,1 = 14,4; investment 4 × 4,8 = 19,2.
    assert case.period.net_gain is not None and case.period.net_gain.value == D("-4.8")
    assert case.payback_year is None


def test_2021_portfolio_is_converted_to_thousands() -> None:
    result = compute_case("2021.yaml")
    # Business cases in mio. kr.: 8,5 + 3,5 + 5,9 + 3,6 + 3,8 + 4,8 = 30,1 mio. = 30.100 t.kr.
    assert result.totals.period.average_investment.value == D(30100)
    # Years as labelled: three cases run 2020-2023, so 2020 and 2024 are partial years.
    assert [y.year for y in result.totals.years] == [2020, 2021, 2022, 2023, 2024]
    assert result.totals.years[1].investment.value == D(30100)


def test_2023_investments_sum_to_35_4_and_savings_stay_unknown() -> None:
    result = compute_case("2023.yaml")
    assert result.totals.period.average_investment.value == D("35.4")
    assert result.totals.period.savings is None  # not stated, never shown as zero
    assert all(p.payback_year is None for p in result.proposals)
