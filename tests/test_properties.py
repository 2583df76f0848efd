"""Generated case files (hypothesis) and the invariants every one of them must keep.

The strategies build valid case files with random units (in every accepted
spelling), periods, one-figure and per-year amounts, components, phase-ins and sign
conventions, writing each figure either as a YAML number or in Danish notation. The
default run is small; ``BCALC_FUZZ_LONG=1`` selects the long profile.
"""

from __future__ import annotations

import os
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bcalc.calc import compute_file, convert
from bcalc.checks import RULES, run_checks
from bcalc.checks.base import Context
from bcalc.cli import app
from bcalc.compare import compare_files
from bcalc.findings import Severity
from bcalc.intervals import total
from bcalc.kinds.budget import CaseFile, SignConvention
from bcalc.load import Loaded, load_text
from bcalc.numbers import format_danish, parse_danish, round_to
from bcalc.results import FileResult, Status
from bcalc.units import Unit

LONG = os.environ.get("BCALC_FUZZ_LONG") == "1"
settings.register_profile(
    "bcalc-default",
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "bcalc-long",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = settings.get_profile("bcalc-long" if LONG else "bcalc-default")

SPELLINGS = {
    Unit.KR: ["kr.", "kr", "kroner"],
    Unit.TKR: ["t.kr.", "t. kr.", "tkr.", "tusind kr.", "tusinde kr.", "T.KR."],
    Unit.MIO: ["mio. kr.", "Mio. kr.", "mio.kr.", "mill. kr.", "MIO. KR.", "millioner kr."],
}
KINDS = ["forsørgelse", "decentral", "resultattilskud", "andet"]


class Plain(str):
    """A YAML number's text, written unquoted: ``2.60`` keeps its two decimals."""


def _plain(dumper: yaml.SafeDumper, text: Plain) -> yaml.ScalarNode:
    tag = "float" if "." in text else "int"
    return dumper.represent_scalar(f"tag:yaml.org,2002:{tag}", str(text))


yaml.SafeDumper.add_representer(Plain, _plain)


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


# --- strategies -------------------------------------------------------------------


@st.composite
def figure(draw: st.DrawFn, sign: int = 1, money: bool = True, most: int = 99_999) -> Any:
    """One written figure: a YAML number or a Danish string (dots or spaces grouping
    thousands, "ca.", a unit of its own)."""
    digits = draw(st.integers(0, most))
    value = sign * Decimal(digits).scaleb(-draw(st.sampled_from([0, 0, 1, 1, 2, 3])))
    if draw(st.booleans()):
        return Plain(f"{value:f}")
    text = format_danish(value, Decimal(1).scaleb(min(value.as_tuple().exponent, 0)))  # type: ignore[arg-type]
    text = text.replace(".", draw(st.sampled_from([".", ".", " ", "\u00a0"])))
    if draw(st.integers(0, 4)) == 0:
        text = f"ca. {text}"
    if money and draw(st.integers(0, 4)) == 0:
        text = f"{text} {draw(st.sampled_from([s for u in SPELLINGS.values() for s in u]))}"
    return text


def series(years: list[int], sign: int, money: bool = True, most: int = 99_999) -> Any:
    one = figure(sign, money, most)
    return st.one_of(one, st.fixed_dictionaries({year: one for year in years}))


def flow(years: list[int], sign: int, savings: bool) -> Any:
    component = st.fixed_dictionaries(
        {"name": st.sampled_from(["Pulje", "Medarbejder", "Kursus", "Drift"])},
        optional={"kind": st.sampled_from(KINDS)} if savings else {},
    ).flatmap(lambda part: series(years, sign).map(lambda amount: {**part, "amount": amount}))
    parts = st.lists(component, min_size=1, max_size=3).map(lambda c: {"components": c})
    return st.one_of(series(years, sign), parts)


def persons(years: list[int]) -> Any:
    share = st.sampled_from(["0", "0,25", "0,5", "0,75", "1", Plain("0.5")])
    phase_in = st.fixed_dictionaries(
        {
            "annual": figure(money=False, most=999),
            "phase_in": st.dictionaries(st.sampled_from(years), share, max_size=len(years)),
        }
    )
    return st.one_of(series(years, 1, money=False, most=999), phase_in)


@st.composite
def case_files(draw: st.DrawFn) -> dict[str, Any]:
    budget_year = draw(st.integers(2000, 2100))
    length = draw(st.integers(1, 6))
    first = draw(st.integers(budget_year - 1, budget_year + 1))
    period = [first, first + length - 1] if draw(st.booleans()) else None
    first_year, last_year = period or [budget_year, budget_year + 3]
    years = list(range(first_year, last_year + 1))
    signs = draw(st.sampled_from(list(SignConvention)))
    data: dict[str, Any] = {
        "budget_year": Plain(str(budget_year)),
        "title": "Generated",
        "unit": draw(st.sampled_from([s for u in SPELLINGS.values() for s in u])),
    }
    if period:
        data["period"] = [Plain(str(y)) for y in period]
    if signs is SignConvention.GAIN_NEGATIVE or draw(st.booleans()):
        data["sign_convention"] = signs.value
    proposals = []
    for index in range(draw(st.integers(1, 4))):
        proposal: dict[str, Any] = {"id": f"p{index}", "title": f"Forslag {index}"}
        if draw(st.booleans()):
            proposal["unit"] = draw(st.sampled_from([s for u in SPELLINGS.values() for s in u]))
        own = draw(st.sampled_from([None, *SignConvention]))
        if own is not None:
            proposal["sign_convention"] = own.value
        saving_sign = -1 if (own or signs) is SignConvention.GAIN_NEGATIVE else 1
        proposal["investment"] = draw(flow(years, 1, savings=False))
        if draw(st.integers(0, 5)):
            proposal["savings"] = draw(flow(years, saving_sign, savings=True))
        if draw(st.booleans()):
            proposal["helaarspersoner"] = draw(persons(years))
        proposals.append(proposal)
    data["proposals"] = proposals
    return data


def load(data: dict[str, Any]) -> Loaded:
    loaded = load_text(dump(data), "generated.yaml")
    assert loaded.problems == [], (loaded.problems, dump(data))
    assert loaded.case is not None
    return loaded


def computed(data: dict[str, Any]) -> tuple[CaseFile, FileResult]:
    case = load(data).case
    assert case is not None
    return case, compute_file(case, "generated.yaml")


# --- invariants -------------------------------------------------------------------


@PROFILE
@given(case_files())
def test_period_totals_are_sums_of_years_and_gain_is_savings_minus_investment(
    data: dict[str, Any],
) -> None:
    _, result = computed(data)
    for proposal in result.proposals:
        years, period = proposal.years, proposal.period
        assert period.investment.value == sum(y.investment.value for y in years)
        assert period.years == len(years) == proposal.last_year - proposal.first_year + 1
        for year in years:
            if year.savings is not None:
                assert year.net_gain == year.savings - year.investment
        if period.savings is not None:
            assert period.savings.value == sum(y.savings.value for y in years if y.savings)
            assert period.net_gain == period.savings - period.investment
            assert years[-1].cumulative_net_gain is not None
            assert years[-1].cumulative_net_gain.value == period.net_gain.value
        if period.helaarspersoner is not None:
            assert period.helaarspersoner.value == sum(
                y.helaarspersoner.value for y in years if y.helaarspersoner
            )


@PROFILE
@given(case_files())
def test_portfolio_totals_are_sums_of_proposals_after_unit_conversion(
    data: dict[str, Any],
) -> None:
    case, result = computed(data)
    kroner = case.unit.kroner
    proposals = result.proposals
    expected = sum(p.period.investment.value * p.unit.kroner for p in proposals) / kroner
    assert result.totals.period.investment.value == expected
    for row in result.totals.years:
        terms = [
            convert(y.investment, p.unit, case.unit)
            for p in proposals
            for y in p.years
            if y.year == row.year
        ]
        assert row.investment.value == total(terms).value
    if all(p.period.savings is not None for p in proposals):
        savings = sum(p.period.savings.value * p.unit.kroner for p in proposals if p.period.savings)
        assert result.totals.period.savings is not None
        assert result.totals.period.savings.value == savings / kroner
    else:
        assert result.totals.period.savings is None  # a partial sum is never a total


def _written(value: Decimal, quantum: Decimal) -> str:
    return format_danish(value, quantum)


def with_stated(data: dict[str, Any], quantum: Decimal) -> dict[str, Any]:
    """``data`` with every figure bcalc can state, computed by bcalc and rounded to
    ``quantum``, in the file's sign convention: what a careful author would write. The
    author declares that precision (a whole "28" beside an input of 27,5 is 28 ± 0,5
    only in a document that says it rounds to whole units)."""
    case, result = computed(data)
    declared = {unit.value: _written(quantum, quantum) for unit in Unit}
    data = {**data, "precision": declared, "proposals": [dict(p) for p in data["proposals"]]}
    for raw, proposal, figures in zip(
        data["proposals"], case.proposals, result.proposals, strict=True
    ):
        signs = proposal.sign_convention or case.sign_convention
        sign = -1 if signs is SignConvention.GAIN_NEGATIVE else 1
        stated: dict[str, Any] = {"investment": {}}
        for year in figures.years:
            stated["investment"][year.year] = _written(year.investment.value, quantum)
            for name in ("savings", "net_gain", "cumulative_net_gain"):
                value = getattr(year, name)
                if value is not None:
                    stated.setdefault(name, {})[year.year] = _written(sign * value.value, quantum)
        period = figures.period
        stated["period_investment"] = _written(period.investment.value, quantum)
        stated["average_investment"] = _written(period.average_investment.value, quantum)
        if period.savings is not None and period.net_gain is not None:
            stated["period_savings"] = _written(period.savings.value, quantum)
            assert period.average_savings is not None and period.average_net_gain is not None
            stated["average_savings"] = _written(period.average_savings.value, quantum)
            stated["average_net_gain"] = _written(period.average_net_gain.value, quantum)
            if round_to(period.net_gain.value, quantum) >= 0:
                stated["period_net_gain"] = _written(period.net_gain.value, quantum)
            else:
                stated["period_net_cost"] = _written(-period.net_gain.value, quantum)
        raw["stated"] = stated
        for name in ("investment", "savings"):
            written = raw.get(name)
            if isinstance(written, dict) and "components" in written:
                flow_sign = sign if name == "savings" else 1
                parts = [getattr(y, name) for y in figures.years]
                raw[name] = {
                    **written,
                    "total": {
                        y.year: _written(flow_sign * part.value, quantum)
                        for y, part in zip(figures.years, parts, strict=True)
                        if part is not None
                    },
                }
    file_sign = -1 if case.sign_convention is SignConvention.GAIN_NEGATIVE else 1
    totals = result.totals.period
    file_stated: dict[str, Any] = {
        "investment": {r.year: _written(r.investment.value, quantum) for r in result.totals.years},
        "average_investment": _written(totals.average_investment.value, quantum),
    }
    if totals.average_savings is not None and totals.average_net_gain is not None:
        file_stated["average_savings"] = _written(totals.average_savings.value, quantum)
        file_stated["average_net_gain"] = _written(totals.average_net_gain.value, quantum)
        file_stated["net_gain"] = {
            r.year: _written(file_sign * r.net_gain.value, quantum)
            for r in result.totals.years
            if r.net_gain is not None
        }
    data["stated"] = file_stated
    return data


@PROFILE
@given(case_files(), st.sampled_from([Decimal(1), Decimal("0.1"), Decimal("0.01")]))
def test_figures_stated_by_bcalc_itself_and_rounded_pass_the_check(
    data: dict[str, Any], quantum: Decimal
) -> None:
    stated = with_stated(data, quantum)
    loaded = load(stated)
    assert loaded.case is not None
    result = compute_file(loaded.case, loaded.path)
    findings = run_checks(Context(loaded.case, result, loaded.locate), RULES)
    errors = [(f.code, f.line, f.message) for f in findings if f.severity is Severity.ERROR]
    assert errors == [], dump(stated)


def test_the_command_line_agrees_on_a_stated_file() -> None:
    """The same invariant once through `bcalc check`, exit code and all."""

    @settings(PROFILE, max_examples=100 if LONG else 10)
    @given(case_files())
    def run(data: dict[str, Any]) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "case.yaml"
            path.write_text(dump(with_stated(data, Decimal("0.1"))), encoding="utf-8")
            result = CliRunner().invoke(
                app, ["check", str(path)], env={"BCALC_CACHE_DIR": str(Path(folder) / "c")}
            )
            assert result.exit_code == 0, result.output

    run()


@PROFILE
@given(case_files())
def test_a_file_compared_with_itself_shows_no_change(data: dict[str, Any]) -> None:
    _, result = computed(data)
    comparison = compare_files([result, result])
    assert {p.status for p in comparison.proposals} == {Status.UNCHANGED}
    assert not any(change.changed for change in comparison.total_changes.values())
    assert comparison.likely_matches == ()


@PROFILE
@given(case_files())
def test_yaml_to_model_to_yaml_keeps_every_figure(data: dict[str, Any]) -> None:
    case, result = computed(data)
    again = load_text(dump(case.model_dump(mode="json", exclude_none=True)), "again.yaml")
    assert again.problems == []
    assert again.case == case  # every Amount: value, written precision, "ca.", unit
    assert again.case is not None
    assert compute_file(again.case, "generated.yaml") == result


@PROFILE
@given(
    st.integers(-(10**12), 10**12),
    st.integers(0, 3),
    st.sampled_from([".", " ", "\u00a0", "\u202f"]),
)
def test_danish_notation_reads_back_exactly(digits: int, decimals: int, grouping: str) -> None:
    value = Decimal(digits).scaleb(-decimals)
    quantum = Decimal(1).scaleb(-decimals)
    text = format_danish(value, quantum).replace(".", grouping)
    amount = parse_danish(text)
    assert (amount.value, amount.quantum) == (value, quantum)
