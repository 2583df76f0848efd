"""The unit-cost table model, the proposed `effects` shape, and the two examples:
examples/unitcosts.yaml (illustrative) and examples/2026-effects.yaml."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from bcalc.economics import (
    derive_savings,
    implied_saving_per_person,
    price_uplift,
    saving_per_person_against_table,
    table_problems,
)
from bcalc.findings import Severity
from bcalc.kinds.budget import CaseFile
from bcalc.kinds.unitcosts import Effect, UnitCostTable

D = Decimal
ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def table(**changes: Any) -> dict[str, Any]:
    """A small valid table, with some fields changed."""
    raw: dict[str, Any] = {
        "title": "Enhedspriser",
        "source": "Test figures",
        "price_level": 2025,
        "benefits": {
            "kontanthjælp": {
                "cost_per_helaarsperson": "165.000 kr.",
                "payers": {"kommune": "0,8", "stat": "0,2"},
            }
        },
    }
    raw.update(changes)
    return raw


def errors(raw: dict[str, Any], model: type[Any] = UnitCostTable) -> list[tuple[str, str]]:
    """(location, message) of every validation error."""
    with pytest.raises(ValidationError) as info:
        model.model_validate(raw)
    return [
        (".".join(str(part) for part in e["loc"]), e["msg"].removeprefix("Value error, "))
        for e in info.value.errors()
    ]


# --- the table -------------------------------------------------------------------


def test_the_example_table_is_labelled_illustrative() -> None:
    example = UnitCostTable.model_validate(read(EXAMPLES / "unitcosts.yaml"))
    assert example.illustrative is True
    assert example.source == "Illustrative figures for bcalc's examples — not official rates"
    assert "illustrative" in example.title.lower()
    text = (EXAMPLES / "unitcosts.yaml").read_text(encoding="utf-8")
    assert "NOT OFFICIAL RATES" in text


def test_the_example_table_prices() -> None:
    example = UnitCostTable.model_validate(read(EXAMPLES / "unitcosts.yaml"))
    assert (example.price_level, example.valid_until, example.max_age_years) == (2025, 2027, 2)
    prices = example.prices()
    # "236.000 kr." × 0,72 = 169.920 kr. for the municipality, at 2025 prices.
    assert prices["dagpenge"].cost == D(236_000)
    assert prices["dagpenge"].kommune_cost == D(169_920)
    assert prices["dagpenge"].shares == {"kommune": D("0.72"), "stat": D("0.28")}
    assert example.index() == {2025: D("100.0"), 2026: D("102.0")}
    assert set(prices) >= {
        "kontanthjælp",
        "uddannelseshjælp",
        "sygedagpenge",
        "ledighedsydelse",
        "jobafklaring",
        "ressourceforløb",
        "fleksjob",
        "førtidspension",
        "dagpenge",
    }
    # Budget 2026 is within the table's age; 2028 is past valid_until and max_age_years.
    index = example.index()
    assert table_problems(2025, 2026, valid_until=2027, max_age_years=2, index=index) == []
    late = table_problems(2025, 2028, valid_until=2027, max_age_years=2, index=index)
    assert [p.code for p in late] == ["BC602", "BC602", "BC603"]


def test_costs_in_any_unit_become_kroner() -> None:
    raw = table(unit="t.kr.")
    raw["benefits"]["kontanthjælp"]["cost_per_helaarsperson"] = "165"
    assert UnitCostTable.model_validate(raw).cost_kr("kontanthjælp") == D(165_000)


def test_shares_must_add_up_to_one() -> None:
    raw = table()
    raw["benefits"]["kontanthjælp"]["payers"] = {"kommune": "0,8", "stat": "0,15"}
    assert errors(raw) == [
        (
            "benefits.kontanthjælp.payers",
            "the payers' shares add up to 0.95, not 1: kommune 0.8 + stat 0.15; "
            "is a payer missing (region and andet)?",
        )
    ]


def test_shares_add_up_to_exactly_one() -> None:
    # Thirds: 0,333 + 0,333 + 0,334 = 1; 0,333 × 3 = 0,999 is refused, not taken as rounding.
    raw = table()
    payers = {"kommune": "0,333", "stat": "0,333", "region": "0,334"}
    raw["benefits"]["kontanthjælp"]["payers"] = payers
    UnitCostTable.model_validate(raw)
    payers["region"] = "0,333"
    assert errors(raw)[0][1] == (
        "the payers' shares add up to 0.999, not 1: kommune 0.333 + stat 0.333 + region 0.333; "
        "is a payer missing (andet)?"
    )


def test_a_share_outside_0_1_or_with_a_unit_is_refused() -> None:
    raw = table()
    raw["benefits"]["kontanthjælp"]["payers"] = {"kommune": "80", "stat": "0,2"}
    assert errors(raw)[0][1] == "the kommune share is 80; a share lies in 0–1 (0,8 = 80 %)"
    raw["benefits"]["kontanthjælp"]["payers"] = {"kommune": "0,8 kr.", "stat": "0,2"}
    assert errors(raw)[0][1] == "the kommune share is a share (0,8 = 80 %), not an amount"


def test_a_misspelt_field_is_refused() -> None:
    raw = table()
    raw["benefits"]["kontanthjælp"]["payer"] = raw["benefits"]["kontanthjælp"].pop("payers")
    locations = [location for location, _ in errors(raw)]
    assert locations == ["benefits.kontanthjælp.payers", "benefits.kontanthjælp.payer"]


def test_dates_and_index_must_agree() -> None:
    assert errors(table(valid_until=2024)) == [
        ("", "valid_until 2024 is before the price level 2025")
    ]
    assert errors(table(price_index={2026: "102"})) == [
        (
            "",
            "the price index has no figure for the price level 2025; the costs cannot be "
            "adjusted from it",
        )
    ]
    assert errors(table(price_index={2025: "0"}))[0][1] == (
        "the price index for 2025 must be a number above 0"
    )


def test_a_table_needs_a_source_and_a_positive_cost() -> None:
    raw = table(source="")
    raw["benefits"]["kontanthjælp"]["cost_per_helaarsperson"] = "0"
    locations = [location for location, _ in errors(raw)]
    assert locations == ["source", "benefits.kontanthjælp.cost_per_helaarsperson"]


def test_suggests_a_benefit_for_a_misspelling() -> None:
    example = UnitCostTable.model_validate(read(EXAMPLES / "unitcosts.yaml"))
    assert example.suggest("sygedagpenger") == "sygedagpenge"
    assert example.suggest("foertidspension") == "førtidspension"


def test_the_json_schema_can_be_written() -> None:
    schema = UnitCostTable.model_json_schema()
    assert "benefits" in schema["required"]


# --- effects ---------------------------------------------------------------------


def test_an_effect_with_a_phase_in() -> None:
    effect = Effect.model_validate(
        {"benefit": "jobafklaring", "helaarspersoner": 19, "phase_in": {2026: "0,5"}}
    )
    assert effect.per_year(2026, 2029) == {2026: D("9.5"), 2027: 19, 2028: 19, 2029: 19}


def test_an_effect_per_year_and_its_own_unit_cost() -> None:
    effect = Effect.model_validate(
        {
            "benefit": "dagpenge",
            "helaarspersoner": {2026: 10, 2027: "15"},
            "unit_cost": "173 t.kr.",
        }
    )
    given = effect.as_input(2026, 2027)
    assert given.helaarspersoner == {2026: D(10), 2027: D(15)}
    assert given.unit_cost == D(173_000)


def test_effects_refuse_what_makes_no_sense() -> None:
    per_year = {"benefit": "x", "helaarspersoner": {2026: 1}, "phase_in": {2026: "0,5"}}
    assert errors(per_year, Effect)[0][1].startswith("phase_in goes with one annual figure")
    assert errors({"benefit": "x", "helaarspersoner": "-3"}, Effect)[0][1] == (
        "fewer helårspersoner are written as a positive number"
    )
    assert errors({"benefit": "x", "helaarspersoner": "3 kr."}, Effect)[0][1] == (
        "helårspersoner are a count of persons, without a unit"
    )
    share = {"benefit": "x", "helaarspersoner": 3, "phase_in": {2026: "1,5"}}
    assert errors(share, Effect)[0][1] == "the phase-in share for 2026 must lie in 0–1 (0,5 = half)"
    assert [
        loc for loc, _ in errors({"benefit": "Sygedagpenge", "helaarspersoner": 3}, Effect)
    ] == ["benefit"]


# --- the Budget 2026 example with effects ----------------------------------------


def split_example() -> tuple[dict[str, Any], dict[str, list[Effect]]]:
    """The example file without `unit_costs` and `effects`, and the effects by id."""
    raw = read(EXAMPLES / "2026-effects.yaml")
    assert raw.pop("unit_costs") == "unitcosts.yaml"
    effects = {
        proposal["id"]: [Effect.model_validate(e) for e in proposal.pop("effects")]
        for proposal in raw["proposals"]
    }
    return raw, effects


def test_the_example_is_the_2026_case_with_effects_instead_of_helaarspersoner() -> None:
    raw, effects = split_example()
    original = read(ROOT / "cases" / "2026.yaml")
    original.pop("claims")  # slide 3's claim is about the portfolio, not the effects
    original.pop("sources")  # where each figure stands in the slides (bcalc trace)
    for proposal in original["proposals"]:
        proposal.pop("helaarspersoner")
    # Every figure as printed in the slides: the rest is cases/2026.yaml unchanged.
    assert CaseFile.model_validate(raw) == CaseFile.model_validate(original)
    assert {pid: [e.benefit for e in found] for pid, found in effects.items()} == {
        "akademikere-opkvalificering": ["dagpenge"],
        "sygemeldte-virksomhedsoevebaner": ["jobafklaring"],
        "igu-velfaerdsomraader": ["selvforsørgelsesydelse"],
    }


def test_derived_savings_of_the_example() -> None:
    _, effects = split_example()
    unit_costs = UnitCostTable.model_validate(read(EXAMPLES / "unitcosts.yaml"))
    uplift, problems = price_uplift(unit_costs.price_level, 2026, unit_costs.index())
    assert (uplift, problems) == (D("1.02"), [])
    derived = {
        pid: derive_savings([e.as_input(2026, 2029) for e in found], unit_costs.prices(), uplift)
        for pid, found in effects.items()
    }
    # 1: 15 × 236.000 × 0,72 × 1,02 = 15 × 173.318,4 = 2.599.776 kr. ≈ 2,6 mio. kr. (as stated).
    assert derived["akademikere-opkvalificering"].savings == {
        year: D(2_599_776) for year in range(2026, 2030)
    }
    # 2: 160.000 × 0,74 × 1,02 = 120.768 kr.; 2026: 9,5 × 120.768 = 1.147.296 kr., not the
    # 2,3 mio. kr. stated for every year; 2027–2029: 19 × 120.768 = 2.294.592 kr.
    second = derived["sygemeldte-virksomhedsoevebaner"].savings
    assert second is not None
    assert (second[2026], second[2027]) == (D(1_147_296), D(2_294_592))
    # 3: 59 × 106.000 × 0,8 × 1,02 = 59 × 86.496 = 5.103.264 kr. ≈ 5,1 mio. kr. (as stated).
    assert derived["igu-velfaerdsomraader"].savings == {
        year: D(5_103_264) for year in range(2026, 2030)
    }


def test_bc601_on_the_example() -> None:
    # Implied (stated forsørgelse ÷ helårspersoner over 2026–2029) beside the table:
    #   1: 10.400.000 / 60   = 173.333 kr. against 173.318 kr.: 0,0 % above, info;
    #   2:  9.200.000 / 66,5 = 138.346 kr. against 120.768 kr.: 14,6 % above, info;
    #   3: 20.400.000 / 236  =  86.441 kr. against  86.496 kr.: 0,1 % below, info.
    _, effects = split_example()
    unit_costs = UnitCostTable.model_validate(read(EXAMPLES / "unitcosts.yaml"))
    stated = {
        "akademikere-opkvalificering": D(2_600_000),
        "sygemeldte-virksomhedsoevebaner": D(2_300_000),
        "igu-velfaerdsomraader": D(5_100_000),
    }
    endings = []
    for pid, found in effects.items():
        derived = derive_savings(
            [e.as_input(2026, 2029) for e in found], unit_costs.prices(), D("1.02")
        )
        implied = implied_saving_per_person(
            {year: stated[pid] for year in range(2026, 2030)}, derived.helaarspersoner
        )
        assert implied is not None and derived.saving_per_helaarsperson is not None
        problem = saving_per_person_against_table(
            implied,
            derived.saving_per_helaarsperson,
            benefits=[e.benefit for e in found],
            budget_year=2026,
        )
        assert problem.severity is Severity.INFO
        endings.append(problem.message.split("prices), ")[1])
    assert endings == ["0.0 % above", "14.6 % above", "0.1 % below"]
