"""The HTML report: one self-contained file that people who decide can open, read and
print (``bcalc report``, ``compute --format html``, ``compare --format html``).

- ``sections.py``: the sections, one builder per kind of document (``BUILDERS``);
- ``svg.py``: hand-made SVG charts, each with a table of the same figures beside it;
- ``page.py``: the page around them, inline CSS with a print layout;
- ``text.py``: escaping and Danish numbers.

The same results give the same bytes: nothing depends on the time, the machine or the
order of a dict that bcalc did not fill itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TextIO

from bcalc.render.html.page import page
from bcalc.render.html.sections import (
    BudgetDocument,
    Document,
    Report,
    Section,
    comparison_section,
    report_sections,
    summary_section,
)
from bcalc.results import Comparison, FileResult

__all__ = [
    "BudgetDocument",
    "Document",
    "Report",
    "render_report",
    "write_compare",
    "write_compute",
]


def default_title(documents: Sequence[Document]) -> str:
    # The page is Danish (lang="da"). Budget years are listed, not spanned: 2023 and
    # 2026 are two budgets, not the years between them.
    years = [str(year) for year in sorted({d.result.budget_year for d in documents})]
    if not years:
        return "Investeringsforslag"
    listed = years[0] if len(years) == 1 else f"{', '.join(years[:-1])} og {years[-1]}"
    return f"Investeringsforslag, budget {listed}"


def render_report(report: Report) -> str:
    return page(report.title, report.subtitle, report_sections(report))


def write_compute(results: Iterable[FileResult], out: TextIO, proposal: str | None = None) -> None:
    documents = [BudgetDocument(result.only(proposal)) for result in results]
    report = Report(default_title(documents), documents)
    out.write(render_report(report))


def write_compare(comparison: Comparison, out: TextIO) -> None:
    documents = [BudgetDocument(result) for result in comparison.files]
    report = Report(default_title(documents), documents, comparison)
    sections: list[Section] = [summary_section(report), comparison_section(comparison)]
    out.write(page(report.title, (), sections))
