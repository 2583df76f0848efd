"""The HTML report in a real browser: Debian's Chromium, driven by Playwright, offline.

The page is opened from disk (file://) with every other request aborted and recorded:
the report must need none. No console error, the totals read from the page as a
person sees them, screenshots at desktop and phone widths, and a PDF as the browser
prints it. Skipped, with the reason, only where Chromium cannot be started at all
(under CI, ``CI`` set, that is a failure instead: .ci/run installs Chromium) or
Playwright is not installed (the lowest-version run of .ci/run leaves it out).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bcalc.cli import app
from tests.conftest import CASES

CHROMIUM = os.environ.get("BCALC_CHROMIUM", "/usr/bin/chromium")
# The flags Chromium needs on a machine with no network and no display (as root).
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP, PHONE = 1280, 390


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser test, but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:  # the lowest-version run installs only what the rest needs
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        try:  # Playwright gives each launch a fresh, empty profile (user data dir)
            launched = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=FLAGS
            )
        except Error as error:
            _unavailable(f"Chromium at {CHROMIUM} cannot be started: {error.message[:300]}")
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("report") / "report.html"
    result = CliRunner().invoke(
        app,
        ["report", str(CASES / "2023.yaml"), str(CASES / "2026.yaml"), "-o", str(output)],
    )
    assert result.exit_code == 0, result.output
    return output


def test_the_report_opens_offline_without_errors_and_shows_the_totals(
    browser: Any, report: Path, tmp_path: Path
) -> None:
    page = browser.new_page(viewport={"width": DESKTOP, "height": 900})
    blocked: list[str] = []
    failed: list[str] = []
    errors: list[str] = []

    def route(handled: Any) -> None:
        if handled.request.url.startswith("file://"):
            handled.continue_()
        else:
            blocked.append(handled.request.url)
            handled.abort()

    page.route("**/*", route)
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(report.as_uri(), wait_until="load")

    assert (blocked, failed, errors) == ([], [], [])
    assert page.locator("html").get_attribute("lang") == "da"
    # Slide 5: "Total 10,7 11,3 0,6", as the page shows them.
    kpis = page.locator('section[data-budget-year="2026"] .kpis').first
    shown = {
        name: kpis.locator(f'[data-figure="{name}"]').inner_text()
        for name in ("average_investment", "average_savings", "average_net_gain")
    }
    assert shown == {
        "average_investment": "10,7 mio. kr.",
        "average_savings": "11,3 mio. kr.",
        "average_net_gain": "0,6 mio. kr.",
    }
    # The overview's total row, a real table cell.
    total = page.locator('section[data-budget-year="2026"] table').first.locator("tr.total")
    assert total.locator("td").all_inner_texts()[-4:] == ["10,7", "11,3", "0,6", "90,6"]
    # Every chart has a name for a screen reader.
    charts = page.locator("svg.chart")
    assert charts.count() == 20
    assert all(charts.nth(i).get_attribute("role") == "img" for i in range(charts.count()))

    page.screenshot(path=str(tmp_path / "desktop.png"), full_page=True)
    page.set_viewport_size({"width": PHONE, "height": 844})
    page.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
    # At phone width the page itself never scrolls sideways; wide tables scroll inside.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE
    pdf = page.pdf(path=str(tmp_path / "report.pdf"), format="A4", print_background=True)
    assert pdf.startswith(b"%PDF-")
    assert (tmp_path / "desktop.png").stat().st_size > 0
    assert (tmp_path / "phone.png").stat().st_size > 0
    page.close()
