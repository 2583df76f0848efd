"""Compare that explains (issue 16): a change in savings split into volume, price and
phasing; the portfolio's change into new, ended and changed proposals."""

from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

from typer.testing import CliRunner

from bcalc.cli import app
from tests.conftest import CASES

runner = CliRunner()

OLD = """\
budget_year: 2025
title: Budget 2025
unit: mio. kr.
proposals:
  - id: job
    title: Flere i job
    investment: "0,8"
    savings: "1,0"
    helaarspersoner: 10
  - id: gammel
    title: Et forslag der udgår
    investment: "0,5"
    savings: "0,7"
"""
NEW = """\
budget_year: 2026
title: Budget 2026
unit: mio. kr.
proposals:
  - id: job
    title: Flere i job
    investment: "0,8"
    savings: "1,2"
    helaarspersoner:
      annual: 10
      phase_in: {2026: "0,5"}
  - id: ny
    title: Et nyt forslag
    investment: "0,3"
    savings: "0,4"
"""


def _files(tmp_path: Path) -> list[str]:
    old, new = tmp_path / "2025.yaml", tmp_path / "2026.yaml"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return [str(old), str(new)]


def test_a_change_in_savings_is_split_into_volume_price_and_phasing(tmp_path: Path) -> None:
    result = runner.invoke(app, ["compare", "--format", "json", *_files(tmp_path)])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    job = next(p for p in document["proposals"] if p["id"] == "job")
    # Before: 10 helårspersoner every year (volume 10, phasing 1), 1,0 a year: price
    # 0,1 mio. kr. each. After: 5, 10, 10, 10 (phasing 8,75 / 10 = 0,875), 1,2 a year:
    # price 1,2 / 8,75. Phasing's Shapley part: −0,125 × (2 × 10 × 0,1 + 2 × 10 ×
    # 0,137143 + 10 × 0,137143 + 10 × 0,1) / 6 = −0,148214; volume did not change (0);
    # price takes the rest of the +0,2: 0,348214.
    explained = {k: D(v) for k, v in job["explained"].items()}
    assert explained == {
        "total": D("0.200"),
        "volume": D("0.000"),
        "price": D("0.348"),
        "phasing": D("-0.148"),
    }
    # The portfolio: 1,7 a year before, 1,6 after: +0,4 new, −0,7 ended, +0,2 changed.
    assert document["savings_explained"] == {
        "total": "-0.100",
        "new": "0.400",
        "ended": "-0.700",
        "changed": "0.200",
    }


def test_the_table_says_it_in_words(tmp_path: Path) -> None:
    result = runner.invoke(app, ["compare", "--danish", *_files(tmp_path)])
    assert "Besparelse, job: +0,20 = volumen 0,00 + pris +0,35 + indfasning -0,15" in result.output
    assert (
        "Besparelse i alt: -0,10 = nye forslag +0,40, udgåede -0,70, ændrede +0,20" in result.output
    )


def test_real_years_without_helaarspersoner_explain_the_portfolio_only() -> None:
    # 2023 states no savings, so 2023 → 2026 cannot be split; 2021 → 2026 can: the
    # 6 proposals of 2021 saved 31,2 a year on average, the 3 new ones of 2026 save
    # 11,3: −19,9 = +11,3 new − 31,2 ended.
    result = runner.invoke(
        app, ["compare", "--format", "json", str(CASES / "2021.yaml"), str(CASES / "2026.yaml")]
    )
    document = json.loads(result.output)
    assert document["savings_explained"] == {
        "total": "-19.900",
        "new": "11.300",
        "ended": "-31.200",
        "changed": "0.000",
    }
    assert all("explained" not in p for p in document["proposals"])
