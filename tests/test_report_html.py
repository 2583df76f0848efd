"""The HTML report without a browser: self-contained, the seed figures present, user
text escaped, the same bytes every time. tests/test_report_browser.py opens it."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bcalc.cli import app
from bcalc.render.html import BudgetDocument, Report, render_report, svg
from tests.conftest import CASES, compute_case

runner = CliRunner()


class _Links(HTMLParser):
    """Every src/href, and the text of each element with a data-figure."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.figures: list[tuple[str, str]] = []
        self._figure: str | None = None
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        found = dict(attrs)
        self.links += [value or "" for name, value in attrs if name in ("src", "href")]
        self._figure = found.get("data-figure")

    def handle_data(self, data: str) -> None:
        if self._figure:
            self.figures.append((self._figure, data))
            self._figure = None


def _report(*names: str, output: Path) -> str:
    result = runner.invoke(app, ["report", *(str(CASES / n) for n in names), "-o", str(output)])
    assert result.exit_code == 0, result.output
    return output.read_text(encoding="utf-8")


def test_the_report_is_self_contained_and_has_the_2026_totals(tmp_path: Path) -> None:
    html = _report("2023.yaml", "2026.yaml", output=tmp_path / "report.html")
    parser = _Links()
    parser.feed(html)
    # Nothing outside the page: only links to its own sections.
    assert parser.links and all(link.startswith("#") for link in parser.links)
    assert not re.search(
        r"(?i)<script|<link|@import|url\(|https?://(?!www\.w3\.org/2000/svg)", html
    )
    assert html.startswith('<!DOCTYPE html>\n<html lang="da">')
    assert "<title>Investeringsforslag, budget 2023 og 2026</title>" in html
    # Slide 5's total row, "Total 10,7 11,3 0,6", and the 90,625 helårspersoner shown 90,6.
    budget_2026 = html[html.index('data-budget-year="2026"') :]
    figures = dict(_Links._figures_of(budget_2026))
    assert figures == {
        "average_investment": "10,7 mio. kr.",
        "average_savings": "11,3 mio. kr.",
        "average_net_gain": "0,6 mio. kr.",
        "average_helaarspersoner": "90,6",
    }
    # Beskæftigelsesplan 2023: 14 proposals, 35,4 mio. kr. a year (the document says 35,3).
    assert "35,4 mio. kr." in html
    # Two budget years: the comparison, with its chart's table behind it.
    assert 'id="sammenligning"' in html and "Sammenligning 2023 → 2026" in html
    # Every chart is an image with a title and a description.
    charts = re.findall(r"<svg [^>]*>", html)
    assert len(charts) == 1 + 14 + 1 + 3 + 1  # 2023: years + cases; 2026 likewise; compare
    assert all('role="img"' in c and "aria-labelledby" in c for c in charts)
    assert html.count("<title id=") == len(charts)
    # Every case chart has a table of the same figures beside it.
    assert html.count('<section class="case"') == 17
    assert {"table", "thead", "caption"} <= parser.tags
    # The check's findings, under Danish headings: BC104's rounding in 2023 is an info.
    assert "Kontrol af tallene" in html and "Forskelle forklaret af afrunding" in html
    rounding = html[html.index("Forskelle forklaret af afrunding") :]
    assert '<code>BC104</code></td><td class="num">14</td>' in rounding  # line 14


def _figures_of(html: str) -> list[tuple[str, str]]:
    parser = _Links()
    parser.feed(html)
    return parser.figures


_Links._figures_of = staticmethod(_figures_of)  # type: ignore[attr-defined]


def test_a_business_case_shows_its_payback_and_key_figures_at_the_documents_precision(
    tmp_path: Path,
) -> None:
    html = _report("2026.yaml", output=tmp_path / "r.html")
    case = html[html.index('id="fil-1-forslag-1"') : html.index('id="fil-1-forslag-2"')]
    assert "Tilbagebetalt 2026" in case  # the marked year in the chart
    assert "Nettogevinst i perioden: 2,4 mio. kr." in case
    # 10,4 mio. kr. over 60 helårspersoner is 173.333 kr.: shown at three digits.
    assert "Besparelse pr. helårsperson: 173.000 kr." in case
    assert "173.333" not in case
    second = html[html.index('id="fil-1-forslag-2"') : html.index('id="fil-1-forslag-3"')]
    assert '<td class="num">9,5</td>' in second  # half effect in 2026
    assert "16,625" not in html and "16,6" in html


def test_the_same_input_gives_the_same_bytes(tmp_path: Path) -> None:
    first = _report("2021.yaml", "2026.yaml", output=tmp_path / "a.html")
    second = _report("2021.yaml", "2026.yaml", output=tmp_path / "b.html")
    assert first == second
    assert re.search(r"20\d\d-\d\d-\d\d|\d\d:\d\d:\d\d", first) is None  # no time stamp


def test_a_title_with_markup_prints_as_text(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(
        "budget_year: 2026\n"
        'title: "<script>alert(1)</script> & co"\n'
        "unit: mio. kr.\n"
        "proposals:\n"
        '  - id: a\n    title: "<img src=x onerror=alert(2)>"\n'
        '    investment: "2"\n    savings: "2,6"\n    helaarspersoner: 15\n',
        encoding="utf-8",
    )
    output = tmp_path / "r.html"
    result = runner.invoke(
        app, ["report", str(case), "-o", str(output), "--title", '"><script>x</script>']
    )
    assert result.exit_code == 0, result.output
    html = output.read_text(encoding="utf-8")
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "<title>&quot;&gt;&lt;script&gt;x&lt;/script&gt;</title>" in html


def test_compute_and_compare_have_an_html_format(tmp_path: Path) -> None:
    computed = runner.invoke(app, ["compute", "--format", "html", str(CASES / "2026.yaml")])
    assert computed.exit_code == 0
    assert 'data-figure="average_investment">10,7 mio. kr.<' in computed.stdout
    assert "Kontrol af tallene" not in computed.stdout  # compute does not check
    compared = runner.invoke(
        app, ["compare", "--format", "html", str(CASES / "2023.yaml"), str(CASES / "2026.yaml")]
    )
    assert compared.exit_code == 0
    assert "Sammenligning 2023 → 2026" in compared.stdout


def test_report_writes_safely(tmp_path: Path) -> None:
    output = tmp_path / "r.html"
    output.write_text("mine", encoding="utf-8")
    refused = runner.invoke(app, ["report", str(CASES / "2026.yaml"), "-o", str(output)])
    assert refused.exit_code == 2
    assert f"{output} exists; use --force to overwrite it" in refused.output
    assert output.read_text(encoding="utf-8") == "mine"
    onto_case = tmp_path / "2026.yaml"
    onto_case.write_text("budget_year: 2026\n", encoding="utf-8")
    refused = runner.invoke(
        app, ["report", str(CASES / "2026.yaml"), "-o", str(onto_case), "--force"]
    )
    assert refused.exit_code == 2
    assert "looks like a case file; bcalc never writes to one" in refused.output
    forced = runner.invoke(app, ["report", str(CASES / "2026.yaml"), "-o", str(output), "--force"])
    assert forced.exit_code == 0 and output.read_text(encoding="utf-8").startswith("<!DOCTYPE")


def test_a_report_is_built_from_section_builders_one_per_kind() -> None:
    document = BudgetDocument(compute_case("2026.yaml"))
    html = render_report(Report("Titel", [document]))
    assert html.count('<section class="case"') == 3
    assert '<a href="#fil-1-forslag-3">3. Flere hænder' in html


@pytest.mark.parametrize(
    ("span", "step"), [("12.5", "2.5"), ("3", "1"), ("0.6", "0.2"), ("42.8", "10"), ("0", "1")]
)
def test_chart_gridlines_are_round_numbers(span: str, step: str) -> None:
    from decimal import Decimal

    assert svg.nice_step(Decimal(span)) == Decimal(step)
