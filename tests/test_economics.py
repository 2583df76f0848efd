"""bcalc.economics: derived savings, scenarios, switching values, discounting and the
decomposition of a change, pinned on the Budget 2026 proposals computed by hand.

Money is in mio. kr. unless a name says kr.; every figure is a Decimal.
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bcalc.economics import (
    CONTEXT,
    FINANCE_MINISTRY_2021,
    GREEN_BOOK,
    STANDARD_SCENARIOS,
    BenefitEffect,
    DiscountSchedule,
    SavingsPath,
    Scenario,
    Timing,
    UnitPrice,
    annuity_factor,
    decompose_change,
    derive_savings,
    discount_factors,
    implied_saving_per_person,
    net_present_value,
    phase_in,
    portfolio_change,
    present_value,
    price_uplift,
    rates_by_year,
    run_scenario,
    saving_per_person_against_table,
    savings_by_payer,
    shift,
    switching_values,
    table_problems,
)
from bcalc.findings import Severity
from bcalc.units import Unit

D = Decimal
YEARS = range(2026, 2030)


def flat(value: str, years: range = YEARS) -> dict[int, Decimal]:
    return {year: D(value) for year in years}


# The illustrative table (examples/unitcosts.yaml), at 2025 prices, and its index.
PRICES = {
    "dagpenge": UnitPrice(D(236_000), D("0.72")),
    "jobafklaring": UnitPrice(D(160_000), D("0.74")),
    "selvforsørgelsesydelse": UnitPrice(D(106_000), D("0.8")),
}
INDEX = {2025: D("100.0"), 2026: D("102.0")}
UPLIFT = D("1.02")  # 102,0 / 100,0

# Budget 2026 (cases/2026.yaml), per year in mio. kr.
P1_INVESTMENT = flat("2")
P1_SAVINGS = flat("2.6")  # forsørgelse
P1_PERSONS = flat("15")
P2_INVESTMENT = flat("2.6")
P2_FORSOERGELSE = flat("2.3")
P2_DECENTRAL = flat("0.3")  # 300.000 kr.
P2_PERSONS = {2026: D("9.5"), 2027: D(19), 2028: D(19), 2029: D(19)}  # half effect in 2026
P3_INVESTMENT = flat("6.1")  # 5,5 + 0,6
P3_FORSOERGELSE = flat("5.1")
P3_RESULTATTILSKUD = flat("1")
P3_PERSONS = flat("59")


def add(*series: dict[int, Decimal]) -> dict[int, Decimal]:
    return {year: sum((s[year] for s in series), D(0)) for year in series[0]}


# --- derived savings -------------------------------------------------------------


def test_price_uplift_takes_the_table_to_the_budget_year() -> None:
    # 102,0 / 100,0 = 1,02; the same year needs no index.
    assert price_uplift(2025, 2026, INDEX) == (D("1.02"), [])
    assert price_uplift(2026, 2026, None) == (D(1), [])


def test_price_uplift_without_an_index_is_a_warning_and_uses_the_prices_as_they_are() -> None:
    factor, problems = price_uplift(2024, 2026, INDEX)
    assert factor == 1
    assert [(p.code, p.severity) for p in problems] == [("BC603", Severity.WARNING)]
    assert problems[0].message == (
        "the unit-cost table is in 2024 prices and the budget year is 2026, but the price "
        "index has no figure for 2024: the 2024 prices are used unadjusted"
    )
    assert "no price index is given" in price_uplift(2024, 2026, None)[1][0].message


def test_table_problems_age_and_validity() -> None:
    # Prices from 2021, at most 3 years old, valid until 2025: both limits are passed in 2026.
    problems = table_problems(2021, 2026, valid_until=2025, max_age_years=3, index=None)
    assert [p.code for p in problems] == ["BC602", "BC602", "BC603"]
    assert problems[0].message == (
        "the unit-cost table may be used until budget year 2025; this is budget year 2026: "
        "update the table"
    )
    assert problems[1].message == (
        "the unit-cost table's prices are from 2021, 5 years before budget year 2026; the "
        "table may be at most 3 years old: update the table"
    )
    # The illustrative table in its own budget year: nothing to say.
    assert table_problems(2025, 2026, valid_until=2027, max_age_years=2, index=INDEX) == []


def test_phase_in_half_effect_in_the_first_year() -> None:
    # "19 færre helårspersoner årligt ..., med halv effekt i 2026": 9,5; 19; 19; 19.
    assert phase_in(D(19), YEARS, {2026: D("0.5")}) == P2_PERSONS


def test_derived_savings_of_the_2026_proposals() -> None:
    # Forslag 1: 236.000 × 0,72 × 1,02 = 173.318,4 kr.; × 15 = 2.599.776 kr. a year.
    first = derive_savings([BenefitEffect("dagpenge", P1_PERSONS)], PRICES, UPLIFT)
    assert first.effects[0].unit_cost == D("173318.4")
    assert first.savings == {year: D("2599776") for year in YEARS}
    assert first.problems == ()
    # Forslag 2: 160.000 × 0,74 × 1,02 = 120.768 kr.; 2026: 9,5 × 120.768 = 1.147.296,
    # later 19 × 120.768 = 2.294.592; period 1.147.296 + 3 × 2.294.592 = 8.031.072 kr.
    second = derive_savings([BenefitEffect("jobafklaring", P2_PERSONS)], PRICES, UPLIFT)
    assert second.savings == {
        2026: D(1_147_296),
        2027: D(2_294_592),
        2028: D(2_294_592),
        2029: D(2_294_592),
    }
    assert second.period_savings == D(8_031_072)
    assert second.period_helaarspersoner == D("66.5")
    # Forslag 3: 106.000 × 0,8 × 1,02 = 86.496 kr.; × 59 = 5.103.264 kr. a year.
    third = derive_savings([BenefitEffect("selvforsørgelsesydelse", P3_PERSONS)], PRICES, UPLIFT)
    assert third.savings == {year: D(5_103_264) for year in YEARS}
    assert third.saving_per_helaarsperson == D(86_496)


def test_derived_savings_over_several_benefits_add_up() -> None:
    # 10 on dagpenge and 5 on jobafklaring in 2026, at 2025 prices (no uplift):
    # 10 × 169.920 + 5 × 118.400 = 1.699.200 + 592.000 = 2.291.200 kr.;
    # per helårsperson 2.291.200 / 15 = 152.746,67 kr.
    derived = derive_savings(
        [
            BenefitEffect("dagpenge", {2026: D(10)}),
            BenefitEffect("jobafklaring", {2026: D(5)}),
        ],
        PRICES,
    )
    assert derived.savings == {2026: D(2_291_200)}
    assert derived.helaarspersoner == {2026: D(15)}
    assert derived.saving_per_helaarsperson is not None
    assert round(derived.saving_per_helaarsperson, 2) == D("152746.67")


def test_a_stated_unit_cost_replaces_the_tables_which_is_kept_beside_it() -> None:
    derived = derive_savings(
        [BenefitEffect("dagpenge", {2026: D(15)}, unit_cost=D(180_000))], PRICES, UPLIFT
    )
    effect = derived.effects[0]
    # 15 × 180.000 = 2.700.000 kr.; the table's 173.318,4 kr. is shown beside it.
    assert (effect.unit_cost, effect.table_cost) == (D(180_000), D("173318.4"))
    assert derived.savings == {2026: D(2_700_000)}


def test_an_unpriced_benefit_is_an_error_and_leaves_the_total_unknown() -> None:
    derived = derive_savings(
        [
            BenefitEffect("dagpenge", {2026: D(15)}),
            BenefitEffect("jobafklarng", {2026: D(5)}),
        ],
        PRICES,
    )
    assert derived.savings is None  # a partial sum must not pass for the saving
    assert derived.effects[0].savings == {2026: D(2_548_800)}  # 15 × 169.920
    assert [(p.code, p.severity, p.subject) for p in derived.problems] == [
        ("BC605", Severity.ERROR, "jobafklarng")
    ]
    assert derived.problems[0].message == (
        "the unit-cost table has no price for 'jobafklarng'; did you mean 'jobafklaring'? "
        "Give the effect its own unit_cost or add the benefit to the table. It prices: "
        "dagpenge, jobafklaring, selvforsørgelsesydelse."
    )


def test_who_benefits_by_payer() -> None:
    # 15 fewer on dagpenge in 2026 at 2025 prices: 15 × 236.000 = 3.540.000 kr. in all,
    # kommune 0,72 → 2.548.800, stat 0,28 → 991.200. A stated unit cost is left out.
    price = UnitPrice(D(236_000), D("0.72"), {"kommune": D("0.72"), "stat": D("0.28")})
    by_payer = savings_by_payer(
        [
            BenefitEffect("dagpenge", {2026: D(15)}),
            BenefitEffect("dagpenge", {2026: D(5)}, unit_cost=D(150_000)),
        ],
        {"dagpenge": price},
    )
    assert by_payer == {"kommune": {2026: D(2_548_800)}, "stat": {2026: D(991_200)}}
    # Without payer shares, the kommune's share is all that is known.
    assert savings_by_payer([BenefitEffect("dagpenge", {2026: D(1)})], PRICES) == {
        "kommune": {2026: D(169_920)}
    }


def test_implied_saving_per_person_of_the_2026_proposals() -> None:
    kr = Unit.MIO.kroner
    # 1: 10,4 mio. kr. / 60 = 173.333,33 kr.
    implied = implied_saving_per_person(P1_SAVINGS, P1_PERSONS)
    assert implied is not None and round(implied * kr, 2) == D("173333.33")
    # 2: 9,2 mio. kr. / 66,5 = 138.345,86 kr. (with the half effect in 2026);
    #    the slides' 2,3 mio. kr. / 19 = 121.052,63 kr. holds only at full effect.
    implied = implied_saving_per_person(P2_FORSOERGELSE, P2_PERSONS)
    assert implied is not None and round(implied * kr, 2) == D("138345.86")
    implied = implied_saving_per_person(P2_FORSOERGELSE, flat("19"))
    assert implied is not None and round(implied * kr, 2) == D("121052.63")
    # 3: 20,4 mio. kr. / 236 = 86.440,68 kr.
    implied = implied_saving_per_person(P3_FORSOERGELSE, P3_PERSONS)
    assert implied is not None and round(implied * kr, 2) == D("86440.68")
    assert implied_saving_per_person(P1_SAVINGS, {}) is None


def test_bc601_shows_the_implied_saving_beside_the_table() -> None:
    # Forslag 1: 173.333,33 against 173.318,4: 14,93 kr. apart, 0,0 %: shown as info.
    problem = saving_per_person_against_table(
        D(10_400_000) / 60, D("173318.4"), benefits=["dagpenge"], budget_year=2026
    )
    assert (problem.code, problem.severity) == ("BC601", Severity.INFO)
    assert problem.message == (
        "the savings on income support imply 173333 kr. per helårsperson a year; the "
        "unit-cost table prices dagpenge at 173318 kr. (the municipality's share, 2026 "
        "prices), 0.0 % above"
    )


def test_bc601_warns_when_the_implied_saving_is_far_from_the_table() -> None:
    # The rule doc's example: 173.333 against 132.000 kr.: 41.333 / 132.000 = 31,3 % above.
    problem = saving_per_person_against_table(
        D(173_333), D(132_000), benefits=["kontanthjælp"], budget_year=2026
    )
    assert problem.severity is Severity.WARNING
    assert problem.message.endswith("31.3 % above (more than the 20 % allowed)")
    # Forslag 2 with the half effect: 138.345,86 against 120.768: 14,6 % above, within 20 %.
    second = saving_per_person_against_table(D("9200000") / D("66.5"), D(120_768))
    assert second.severity is Severity.INFO
    assert second.message.endswith("14.6 % above")
    # Rounding can explain part of a gap: 2,6 ± 0,05 mio. kr. a year over 15 persons is
    # ± 3.333 kr.; a gap of 20 % + 3.000 kr. of the table's price is then not a warning.
    table = D(100_000)
    assert (
        saving_per_person_against_table(D(123_000), table, rounding=D(3_333)).severity
        is Severity.INFO
    )
    assert saving_per_person_against_table(D(123_000), table).severity is Severity.WARNING


# --- scenarios and switching values ----------------------------------------------


def test_standard_scenarios_of_proposal_1() -> None:
    results = {s.name: run_scenario(P1_INVESTMENT, P1_SAVINGS, s) for s in STANDARD_SCENARIOS}
    # Full effect: 4 × (2,6 − 2) = 2,4, paid back in 2026 (0,6 ≥ 0).
    assert results["Fuld effekt"].period_net_gain == D("2.4")
    assert results["Fuld effekt"].payback_year == 2026
    # 70 %: 4 × (1,82 − 2) = −0,72. 50 %: 4 × (1,3 − 2) = −2,8. Neither pays back.
    assert results["70 % effekt"].period_net_gain == D("-0.72")
    assert results["50 % effekt"].period_net_gain == D("-2.8")
    assert results["50 % effekt"].payback_year is None
    # Investment +20 %: 4 × (2,6 − 2,4) = 0,8.
    assert results["Investering +20 %"].period_investment == D("9.6")
    assert results["Investering +20 %"].period_net_gain == D("0.8")
    # Delay of a year: 0; 2,6; 2,6; 2,6 = 7,8 against 8: −0,2; accumulated −2, −1,4, −0,8, −0,2.
    delayed = results["Effekt et år forsinket"]
    assert delayed.savings == {2026: D(0), 2027: D("2.6"), 2028: D("2.6"), 2029: D("2.6")}
    assert delayed.period_net_gain == D("-0.2")
    assert delayed.payback_year is None
    # Savings per krone invested: 10,4 / 8 = 1,3.
    assert results["Fuld effekt"].savings_ratio == D("1.3")


def test_a_delay_shifts_a_phased_saving_and_loses_the_last_years() -> None:
    # Forslag 2's derived profile 1,15; 2,29; 2,29; 2,29 becomes 0; 1,15; 2,29; 2,29.
    profile = {2026: D("1.15"), 2027: D("2.29"), 2028: D("2.29"), 2029: D("2.29")}
    assert shift(profile, 1) == {2026: D(0), 2027: D("1.15"), 2028: D("2.29"), 2029: D("2.29")}
    assert shift(profile, 2, [2026, 2027, 2028, 2029, 2030]) == {
        2026: D(0),
        2027: D(0),
        2028: D("1.15"),
        2029: D("2.29"),
        2030: D("2.29"),
    }


def test_fixed_savings_are_neither_scaled_nor_delayed() -> None:
    # Forslag 2 with the decentral 0,3 held fixed, at 50 % effect and a year's delay:
    # 2026: 0 + 0,3; later 1,15 + 0,3 = 1,45. Savings 0,3 + 3 × 1,45 = 4,65; net 4,65 − 10,4.
    result = run_scenario(
        P2_INVESTMENT,
        P2_FORSOERGELSE,
        Scenario("50 % og forsinket", effect_share=D("0.5"), delay_years=1),
        fixed_savings=P2_DECENTRAL,
    )
    assert result.savings == {2026: D("0.3"), 2027: D("1.45"), 2028: D("1.45"), 2029: D("1.45")}
    assert result.period_net_gain == D("-5.75")


def test_switching_values_of_proposal_1() -> None:
    values = switching_values(P1_INVESTMENT, P1_SAVINGS, helaarspersoner=P1_PERSONS, unit=Unit.MIO)
    # Effect share: 8 / 10,4 = 2 / 2,6 = 0,769230…: the effect may fall to 76,92 %.
    assert values.effect_share is not None and round(values.effect_share, 4) == D("0.7692")
    # Investment: the savings 10,4 cover up to 10,4 (2,6 a year): +30 %.
    assert (values.investment, values.investment_change) == (D("10.4"), D("0.3"))
    # Unit cost: 8 mio. kr. / 60 = 2 mio. kr. / 15 = 133.333,33 kr. per helårsperson.
    assert values.unit_cost is not None and round(values.unit_cost, 2) == D("133333.33")


def test_switching_values_of_proposal_2() -> None:
    savings = add(P2_FORSOERGELSE, P2_DECENTRAL)  # 2,6 a year
    values = switching_values(
        P2_INVESTMENT,
        savings,
        helaarspersoner=P2_PERSONS,
        unit_cost_savings=P2_FORSOERGELSE,
        unit=Unit.MIO,
    )
    # Effect share: 10,4 / 10,4 = 100 %: any shortfall and the case stops paying.
    assert values.effect_share == 1
    assert values.investment_change == 0
    # Unit cost: (10,4 − 1,2 decentral) / 66,5 = 9,2 / 66,5 mio. kr. = 138.345,86 kr.
    assert values.unit_cost is not None and round(values.unit_cost, 2) == D("138345.86")
    # Read as 19 helårspersoner every year: (2,6 − 0,3) / 19 = 121.052,63 kr.
    face_value = switching_values(
        P2_INVESTMENT,
        savings,
        helaarspersoner=flat("19"),
        unit_cost_savings=P2_FORSOERGELSE,
        unit=Unit.MIO,
    )
    assert face_value.unit_cost is not None and round(face_value.unit_cost, 2) == D("121052.63")
    # The decentral saving held fixed: (10,4 − 1,2) / 9,2 = 100 % too.
    fixed = switching_values(P2_INVESTMENT, P2_FORSOERGELSE, fixed_savings=P2_DECENTRAL)
    assert fixed.effect_share == 1


def test_switching_values_of_proposal_3() -> None:
    savings = add(P3_FORSOERGELSE, P3_RESULTATTILSKUD)  # 6,1 a year
    values = switching_values(
        P3_INVESTMENT,
        savings,
        helaarspersoner=P3_PERSONS,
        unit_cost_savings=P3_FORSOERGELSE,
        unit=Unit.MIO,
    )
    # 24,4 / 24,4 = 100 %; unit cost (24,4 − 4) / 236 = 20,4 / 236 mio. kr. = 86.440,68 kr.
    assert values.effect_share == 1
    assert values.unit_cost is not None and round(values.unit_cost, 2) == D("86440.68")


def test_switching_values_discounted() -> None:
    # Flat flows: discounting weights investment and savings alike, so the effect share
    # is still 2 / 2,6.
    flat_case = switching_values(P1_INVESTMENT, P1_SAVINGS, discount=GREEN_BOOK)
    assert flat_case.effect_share is not None
    assert round(flat_case.effect_share, 10) == round(D(2) / D("2.6"), 10)
    # Investment 4 in 2026 only, savings 1,2 a year 2026–2029: undiscounted 4 / 4,8 = 0,8333;
    # discounted 4 / (1,2 × 3,8016370) = 4 / 4,5619644 = 0,8768.
    front = {2026: D(4), 2027: D(0), 2028: D(0), 2029: D(0)}
    assert round(switching_values(front, flat("1.2")).effect_share or 0, 4) == D("0.8333")
    discounted = switching_values(front, flat("1.2"), discount=GREEN_BOOK)
    assert discounted.effect_share is not None and round(discounted.effect_share, 4) == D("0.8768")


def test_switching_values_without_a_base() -> None:
    values = switching_values({2026: D(0)}, {2026: D(0)}, helaarspersoner={2026: D(0)})
    assert values == type(values)(None, None, None, None)


def test_scenarios_refuse_nonsense() -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        Scenario("x", effect_share=D("-0.1"))
    with pytest.raises(ValueError, match="above -100 %"):
        Scenario("x", investment_overrun=D(-1))
    with pytest.raises(ValueError, match="delay cannot be negative"):
        Scenario("x", delay_years=-1)


# --- discounting -----------------------------------------------------------------


def test_green_book_annuity_factor() -> None:
    # Σ_{t=1..10} 1,035^-t = (1 − 1,035^-10) / 0,035 = (1 − 0,7089188) / 0,035 = 8,3166.
    assert round(annuity_factor(10), 4) == D("8.3166")


def test_green_book_golden_npv() -> None:
    # HM Treasury, The Green Book (2003), Annex 6: a cost of £1m now (t = 0, not
    # discounted) and benefits in years 1–10 at 3,5 %:
    #   £150k a year: 150.000 × 8,3166053 − 1.000.000 = £247.490,80 ≈ £247k;
    #   £100k a year: 100.000 × 8,3166053 − 1.000.000 = −£168.339,47 ≈ −£168k.
    # (Benefits in years 0–9 would give 150.000 × 8,6076 − 1m = £291k: not the book's.)
    cost = {0: D(1_000_000)}
    npv = net_present_value(cost, {t: D(150_000) for t in range(1, 11)})
    assert round(npv, 2) == D("247490.80")
    npv = net_present_value(cost, {t: D(100_000) for t in range(1, 11)})
    assert round(npv, 2) == D("-168339.47")


def test_first_year_undiscounted() -> None:
    factors = discount_factors([2026, 2027, 2028])
    later = discount_factors([2026, 2027], timing=Timing.END_OF_FIRST_YEAR)
    with localcontext(CONTEXT):  # the expected values in the functions' 34 digits
        assert factors[2026] == 1
        assert factors[2027] == 1 / D("1.035")
        assert factors[2028] == D("1.035") ** -2
        assert later[2026] == 1 / D("1.035")


def test_npv_of_proposal_1() -> None:
    # Net 0,6 a year in 2026–2029, 2026 undiscounted: 0,6 × (1 + 2,8016370) = 2,2809822.
    npv = net_present_value(P1_INVESTMENT, P1_SAVINGS)
    assert round(npv, 7) == D("2.2809822")
    assert round(present_value(P1_SAVINGS), 6) == round(D("2.6") * (1 + annuity_factor(3)), 6)


def test_finance_ministry_stepped_schedule() -> None:
    # 3,5 % in years 1–35, 2,5 % in 36–70, 1,5 % after, compounding piecewise.
    fm = FINANCE_MINISTRY_2021
    assert fm.factor(35) == GREEN_BOOK.factor(35)
    with localcontext(CONTEXT):
        assert fm.factor(40) == D("1.035") ** -35 * D("1.025") ** -5
        assert fm.factor(75) == D("1.035") ** -35 * D("1.025") ** -35 * D("1.015") ** -5
    assert rates_by_year({0: D("0.035"), 36: D("0.025"), 71: D("0.015")}) == fm
    with pytest.raises(ValueError, match="start at year 0 or 1"):
        DiscountSchedule(((5, D("0.03")),))


def test_results_do_not_depend_on_the_callers_decimal_context() -> None:
    expected = annuity_factor(10)
    share = switching_values(P1_INVESTMENT, P1_SAVINGS).effect_share
    with localcontext() as ctx:
        ctx.prec = 5
        assert annuity_factor(10) == expected
        assert switching_values(P1_INVESTMENT, P1_SAVINGS).effect_share == share
    with localcontext(CONTEXT):
        assert share == D(8) / D("10.4")


# --- decomposition ---------------------------------------------------------------


def test_decomposition_pinned_by_hand() -> None:
    # Old: 10; 20; 20; 20 helårspersoner (a phase-in) and 1,4 a year:
    #   V0 = 20, Φ0 = 17,5 / 20 = 0,875, P0 = 1,4 / 17,5 = 0,08; s0 = 1,4.
    # New: 24 a year from the start and 2,4 a year: V1 = 24, Φ1 = 1, P1 = 0,1; s1 = 2,4.
    # volume  = 4     × (2·0,07 + 2·0,1 + 0,0875 + 0,08) / 6 = 4 × 0,5075 / 6 = 2,03 / 6
    # price   = 0,02  × (2·17,5 + 2·24 + 20·1 + 24·0,875) / 6 = 0,02 × 124 / 6 = 2,48 / 6
    # phasing = 0,125 × (2·1,6 + 2·2,4 + 20·0,1 + 24·0,08) / 6 = 0,125 × 11,92 / 6 = 1,49 / 6
    # Sum (2,03 + 2,48 + 1,49) / 6 = 6 / 6 = 1,0 = 2,4 − 1,4.
    old = SavingsPath(flat("1.4"), {2026: D(10), 2027: D(20), 2028: D(20), 2029: D(20)})
    new = SavingsPath(flat("2.4", range(2027, 2031)), flat("24", range(2027, 2031)))
    split = decompose_change(old, new)
    assert split is not None
    assert (split.old.volume, split.old.phasing, split.old.price) == (D(20), D("0.875"), D("0.08"))
    assert (split.new.volume, split.new.phasing, split.new.price) == (D(24), D(1), D("0.1"))
    assert split.total == D("1.0")
    # Each part is x/6 = …,333…: all three round down to 12 decimals and the missing
    # quantum goes to volume (equal remainders; volume first).
    assert (split.volume, split.price, split.phasing) == (
        D("0.338333333334"),
        D("0.413333333333"),
        D("0.248333333333"),
    )
    assert split.volume + split.price + split.phasing == split.total
    # At two decimals: 0,34 + 0,41 + 0,25 = 1,00.


def test_a_new_proposal_is_all_volume_and_savings_without_persons_cannot_be_split() -> None:
    new = SavingsPath(P1_SAVINGS, P1_PERSONS)
    nothing = SavingsPath({}, {})
    split = decompose_change(nothing, new)
    assert split is not None
    assert (split.total, split.volume, split.price, split.phasing) == (
        D("2.6"),
        D("2.6"),
        D(0),
        D(0),
    )
    ended = decompose_change(new, nothing)
    assert ended is not None and (ended.total, ended.volume) == (D("-2.6"), D("-2.6"))
    assert decompose_change(SavingsPath(P1_SAVINGS, {}), new) is None


def test_the_2026_proposal_2_against_its_derived_savings() -> None:
    # Stated: 2,3 a year with 9,5; 19; 19; 19. Derived at the table's 120.768 kr.:
    # 1,147296; 2,294592 × 3 (mio. kr.). Same volume and phasing, so all is price:
    # s1 − s0 = 8,031072 / 4 − 2,3 = 2,007768 − 2,3 = −0,292232.
    derived = {2026: D("1.147296"), 2027: D("2.294592"), 2028: D("2.294592"), 2029: D("2.294592")}
    split = decompose_change(
        SavingsPath(P2_FORSOERGELSE, P2_PERSONS), SavingsPath(derived, P2_PERSONS)
    )
    assert split is not None
    assert (split.total, split.price, split.volume, split.phasing) == (
        D("-0.292232"),
        D("-0.292232"),
        D(0),
        D(0),
    )


def test_portfolio_change_pinned_by_hand() -> None:
    # Old: a 2,0, b 1,5, c 3,0 (6,5). New: b 1,5, c 2,6, d 2,6 (6,7). Total +0,2 =
    # new d +2,6, ended a −2,0, changed c −0,4; b unchanged.
    change = portfolio_change(
        {"a": D("2.0"), "b": D("1.5"), "c": D("3.0")},
        {"b": D("1.5"), "c": D("2.6"), "d": D("2.6")},
    )
    assert (change.total, change.new, change.ended, change.changed) == (
        D("0.2"),
        D("2.6"),
        D("-2.0"),
        D("-0.4"),
    )
    assert (change.new_ids, change.ended_ids, change.changed_ids, change.unchanged_ids) == (
        ("d",),
        ("a",),
        ("c",),
        ("b",),
    )


# --- properties ------------------------------------------------------------------

amounts = st.decimals(min_value=0, max_value=1000, places=3, allow_nan=False)
persons = st.decimals(min_value=0, max_value=500, places=1, allow_nan=False)


@st.composite
def paths(draw: st.DrawFn) -> SavingsPath:
    first = draw(st.integers(2020, 2030))
    count = draw(st.integers(1, 5))
    years = range(first, first + count)
    heads = {y: draw(persons) for y in years}
    if all(h == 0 for h in heads.values()) and draw(st.booleans()):
        return SavingsPath({}, {})
    return SavingsPath({y: draw(amounts) for y in years}, heads)


@settings(max_examples=300, deadline=None)
@given(paths(), paths())
def test_the_three_parts_always_add_up_exactly(old: SavingsPath, new: SavingsPath) -> None:
    split = decompose_change(old, new)
    if split is None:  # savings without helårspersoner on a side
        return
    assert split.volume + split.price + split.phasing == split.total
    exact = _average(new) - _average(old)
    assert abs(Fraction(split.total) - exact) <= Fraction(1, 2 * 10**12)
    # Shapley parts are antisymmetric: the way back is the way there, negated
    # (up to the last rounded digit).
    back = decompose_change(new, old)
    assert back is not None
    for name in ("volume", "price", "phasing"):
        assert abs(getattr(split, name) + getattr(back, name)) <= D("1e-12")


def _average(path: SavingsPath) -> Fraction:
    years = set(path.savings) | set(path.helaarspersoner)
    if not years:
        return Fraction(0)
    return sum((Fraction(v) for v in path.savings.values()), Fraction(0)) / len(years)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(st.sampled_from("abcdefgh"), amounts, max_size=8),
    st.dictionaries(st.sampled_from("abcdefgh"), amounts, max_size=8),
)
def test_portfolio_parts_always_add_up_exactly(
    old: dict[str, Decimal], new: dict[str, Decimal]
) -> None:
    change = portfolio_change(old, new)
    assert change.new + change.ended + change.changed == change.total
    assert sum(change.by_id.values(), D(0)) == change.total


@settings(max_examples=200, deadline=None)
@given(st.lists(amounts, min_size=1, max_size=6), st.lists(amounts, min_size=1, max_size=6))
def test_the_effect_switching_value_makes_the_net_gain_zero(
    invest: list[Decimal], save: list[Decimal]
) -> None:
    years = range(2026, 2026 + min(len(invest), len(save)))
    investment = {y: invest[i] for i, y in enumerate(years)}
    savings = {y: save[i] for i, y in enumerate(years)}
    share = switching_values(investment, savings).effect_share
    if share is None:
        return
    net = run_scenario(investment, savings, Scenario("switch", effect_share=max(share, D(0))))
    if share >= 0:
        assert abs(net.period_net_gain) <= D("1e-25")
