"""Where the savings come from (issue 16): effects priced with a unit-cost table,
scenarios, switching values and present values, on the real 2026 proposals."""

from __future__ import annotations

import json
from decimal import Decimal as D

from typer.testing import CliRunner

from bcalc.calc import compute_file
from bcalc.cli import app
from bcalc.economics import Scenario
from bcalc.load import load_file
from bcalc.sensitivity import scenario_named, sensitivity
from tests.checks.test_checks import line_of
from tests.conftest import CASES, ROOT

runner = CliRunner()
EXAMPLE = ROOT / "examples" / "2026-effects.yaml"


def _2026():  # type: ignore[no-untyped-def]
    loaded = load_file(str(CASES / "2026.yaml"))
    assert loaded.case is not None
    return sensitivity(compute_file(loaded.case))


def test_switching_values_of_the_2026_proposals() -> None:
    one, two, three = _2026().proposals
    # 1: invests 8 and saves 10,4 over 2026–2029: the effect may fall to 8 / 10,4 =
    # 76,92 %; the investment may rise to 10,4 (+30 %); each of the 60 helårspersoner
    # must save 8 mio. / 60 = 133.333 kr.
    assert one.switching.effect_share is not None
    assert one.switching.effect_share.quantize(D("0.0001")) == D("0.7692")
    assert one.switching.investment == D("10.4")
    assert one.switching.investment_change == D("0.3")
    assert one.switching.unit_cost_kr is not None
    assert one.switching.unit_cost_kr.quantize(D(1)) == D(133333)
    # 2: 10,4 against 10,4 (2,3 + 0,3 a year): no room at all; 66,5 helårspersoner
    # (9,5 in 2026, then 19) must save 10,4 mio. / 66,5 = 156.391 kr. each.
    assert two.switching.effect_share == D(1)
    assert two.switching.unit_cost_kr is not None
    assert two.switching.unit_cost_kr.quantize(D(1)) == D(156391)
    # 3: 6,1 against 5,1 + 1 = 6,1: none either.
    assert three.switching.effect_share == D(1)


def test_scenarios_and_present_values_of_proposal_1() -> None:
    [full, seventy, half, overrun, late] = _2026().proposals[0].scenarios
    assert [r.period_net_gain for r in (full, seventy, half, overrun, late)] == [
        D("2.4"),  # 10,4 − 8
        D("-0.72"),  # 0,7 × 10,4 − 8
        D("-2.8"),  # 0,5 × 10,4 − 8
        D("0.8"),  # 10,4 − 1,2 × 8
        D("-0.2"),  # 3 × 2,6 − 8: 2029's saving falls outside the period
    ]
    # 0,6 a year at 3,5 %, the first year undiscounted: 0,6 × (1 + 1/1,035 + 1/1,035²
    # + 1/1,035³) = 0,6 × 3,80164 = 2,28098.
    assert full.present_value is not None
    assert full.present_value.quantize(D("0.00001")) == D("2.28098")
    assert (full.payback_year, late.payback_year) == (2026, None)


def test_a_scenario_written_on_the_command_line() -> None:
    assert scenario_named("50 % EFFEKT").effect_share == D("0.5")
    mine = scenario_named("Halv og sen: effekt=0,5 forsinkelse=1")
    assert mine == Scenario("Halv og sen", effect_share=D("0.5"), delay_years=1)
    result = runner.invoke(
        app, ["sensitivity", str(CASES / "2026.yaml"), "--scenario", "typo", "--format", "json"]
    )
    assert result.exit_code == 2
    assert "no scenario 'typo'; the standard ones are: Fuld effekt; 70 % effekt" in result.output


def test_sensitivity_json_and_table() -> None:
    result = runner.invoke(app, ["sensitivity", str(CASES / "2026.yaml"), "--format", "json"])
    assert result.exit_code == 0, result.output
    [document] = json.loads(result.output)["files"]
    assert document["rate"] == "0.035"
    first = document["proposals"][0]
    assert first["switching"] == {
        "effect_share": "0.7692",
        "investment": "10.40",
        "investment_change": "0.3000",
        "unit_cost_kr": "133333",
    }
    table = runner.invoke(app, ["sensitivity", "--danish", str(CASES / "2026.yaml")])
    assert "Effekten kan falde til 76,9 % af det forventede" in table.output
    assert "Besparelsen pr. helårsperson skal være mindst 133.000 kr. om året" in table.output
    # Like compute and compare, the setting also comes from BCALC_DANISH (bcalc config).
    setting = runner.invoke(
        app, ["sensitivity", str(CASES / "2026.yaml")], env={"BCALC_DANISH": "1"}
    )
    assert "Effekten kan falde til 76,9 % af det forventede" in setting.output


def test_effects_priced_with_the_illustrative_table() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    result = runner.invoke(
        app, ["check", "--no-cache", "--show-info", "--format", "json", str(EXAMPLE)]
    )
    found = [(f["code"], f["severity"], f["line"]) for f in json.loads(result.output)["findings"]]
    assert found == [
        # The table says it is illustrative.
        ("BC606", "warning", line_of(text, "unit_costs: unitcosts.yaml")),
        # 1: 2,6 mio. / 15 = 173.333 kr. against dagpenge's 236.000 × 0,72 × 1,02 =
        # 173.318,4 kr.: 0,0 % apart.
        ("BC601", "info", 54),
        # 2: "med halv effekt i 2026": 9,5 × 120.768 kr. = 1,15 mio. kr., but 2,3 is written
        # for every year: the slides' figures cannot both hold at one price.
        ("BC604", "warning", 76),
        ("BC601", "info", 84),
        ("BC601", "info", 121),
    ]
    loaded = load_file(str(EXAMPLE))
    assert loaded.case is not None and loaded.unit_costs is not None
    computed = compute_file(loaded.case, loaded.path, loaded.unit_costs)
    one, two, three = computed.proposals
    assert one.derived_savings is not None and one.derived_savings[2026].value == D("2.599776")
    assert two.derived_savings is not None and two.derived_savings[2026].value == D("1.147296")
    assert [y.helaarspersoner.value for y in two.years if y.helaarspersoner] == [
        D("9.5"),
        D("19"),
        D("19"),
        D("19"),
    ]
    assert three.derived_savings is not None and three.derived_savings[2027].value == D("5.103264")


def test_a_unit_cost_table_outside_the_folder_is_never_read(tmp_path) -> None:  # type: ignore[no-untyped-def]
    case = tmp_path / "case.yaml"
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "unit_costs: unitcosts.yaml", "unit_costs: /etc/passwd.yaml"
    )
    case.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check", "--no-cache", str(case)])
    assert result.exit_code == 2
    assert (
        "BC001 [error] unit_costs: the unit-cost table '/etc/passwd.yaml' lies outside the "
        "case file's folder; not read" in result.output
    )
