"""The readers on real file formats: a Word document, a slide deck and a PDF built
here holding seed 001's overview slide ("Overblik over investeringsforslag"), its
notes and a title naming the budget year. Each is imported with the same
recognizer, and the places of the figures are pinned."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bcalc.importers import import_document, read_document, render_draft
from bcalc.importers.document import Table, Unreadable
from bcalc.importers.draft import Draft
from bcalc.load import load_text

# The readers' libraries come with bcalc[import]; pyproject's test extra names them
# too, so that these tests run in CI rather than skip.
for _library in ("docx", "pptx", "pdfplumber", "reportlab"):
    pytest.importorskip(_library)

TITLE = "Budget 2026: Investeringsmodeller på beskæftigelsesområdet"
HEADER = [
    "Nr.",
    "Investeringsforslag",
    "Årlig investering (i mio. kr.)",
    "Gns. årlig besparelse (i mio. kr.)",
    "Gns. årlig Gevinst (i mio. kr.)",
]
ROWS = [
    ["1", "Flere langtidsledige akademikere i job via opkvalificering", "2", "2,6*", "0,6"],
    [
        "2",
        "Flere langtidssygemeldte skal tilbage i arbejdsfællesskabet via virksomhedsøvebaner",
        "2,6",
        "2,6**",
        "0",
    ],
    [
        "3",
        "Flere hænder til velfærdsområderne via integrationsgrunduddannelsen",
        "6,1",
        "6,1***",
        "0",
    ],
    ["", "Total", "10,7", "11,3", "0,6"],
]
NOTE = (
    "Note: *Besparelse på forsørgelsesudgifter: 2,6 mio. kr. ** Besparelse på "
    "forsørgelsesudgifter: 2,3 mio. kr. samt decentrale udgifter i Magistratsafdelingen for "
    "Sociale Forhold og Beskæftigelse: 300.000 kr. *** Besparelse på forsørgelsesudgifter: "
    "5,1 mio. kr. samt en årlig forøgelse af resultattilskuddene på 1 mio. kr."
)


def make_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph(TITLE)
    document.add_paragraph("Overblik over investeringsforslag")
    table = document.add_table(rows=len(ROWS) + 1, cols=len(HEADER))
    for r, row in enumerate([HEADER, *ROWS]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.add_paragraph(NOTE)
    document.save(str(path))
    return path


def make_pptx(path: Path) -> Path:
    import pptx
    from pptx.util import Inches

    deck = pptx.Presentation()
    layout = deck.slide_layouts[5]  # title only
    for number in range(1, 6):
        slide = deck.slides.add_slide(layout)
        assert slide.shapes.title is not None
        slide.shapes.title.text = TITLE if number == 1 else f"Slide {number}"
    slide = deck.slides[4]
    assert slide.shapes.title is not None
    slide.shapes.title.text = "Overblik over investeringsforslag"
    shape = slide.shapes.add_table(
        len(ROWS) + 1, len(HEADER), Inches(0.3), Inches(1.5), Inches(9.4), Inches(3)
    )
    for r, row in enumerate([HEADER, *ROWS]):
        for c, text in enumerate(row):
            shape.table.cell(r, c).text = text
    box = slide.shapes.add_textbox(Inches(0.3), Inches(5.5), Inches(9.4), Inches(1))
    box.text_frame.text = NOTE
    deck.save(str(path))
    return path


def make_pdf(path: Path) -> Path:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    styles = getSampleStyleSheet()
    table = Table([HEADER, *ROWS])
    table.setStyle(
        TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("FONTSIZE", (0, 0), (-1, -1), 7)])
    )
    story = [
        Paragraph(TITLE, styles["Title"]),
        Paragraph("Overblik over investeringsforslag", styles["Heading2"]),
        table,
        Paragraph(NOTE, styles["Normal"]),
    ]
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build(story)
    return path


MAKERS = {"docx": make_docx, "pptx": make_pptx, "pdf": make_pdf}
# Where "2,6*" (proposal 1's average savings) stands in each format.
SAVINGS_CELL = {
    "docx": {"table": 1, "row": 2, "column": 4},
    "pptx": {"slide": 5, "table": 1, "row": 2, "column": 4},
    "pdf": {"page": 1, "table": 1, "row": 2, "column": 4},
}


@pytest.fixture(params=sorted(MAKERS))
def imported(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Draft]:
    kind: str = request.param
    path = MAKERS[kind](tmp_path / f"overblik.{kind}")
    draft = import_document(path)
    assert not isinstance(draft, Unreadable), draft
    return kind, draft


def test_the_overview_is_read_from_the_table(imported: tuple[str, Draft]) -> None:
    _, draft = imported
    data = draft.data
    assert (data["budget_year"], data["unit"]) == (2026, "mio. kr.")
    proposals = data["proposals"]
    assert [p["number"] for p in proposals] == [1, 2, 3]
    assert proposals[0]["title"] == "Flere langtidsledige akademikere i job via opkvalificering"
    # Without business cases of their own, the overview's annual investment is the
    # investment; the savings come from the notes, their total from the starred cell.
    assert [p["investment"] for p in proposals] == ["2", "2,6", "6,1"]
    assert proposals[1]["savings"] == {
        "components": [
            {"name": "Forsørgelsesudgifter", "kind": "forsørgelse", "amount": "2,3"},
            {"name": "Decentrale udgifter", "kind": "decentral", "amount": "300.000 kr."},
        ],
        "total": "2,6",
    }
    assert [p["stated"]["average_net_gain"] for p in proposals] == ["0,6", "0", "0"]
    assert data["stated"] == {
        "investment": "10,7",
        "average_savings": "11,3",
        "average_net_gain": "0,6",
    }


def test_the_places_of_the_figures(imported: tuple[str, Draft]) -> None:
    kind, draft = imported
    ref = draft.sources["proposals[0].stated.average_savings"]
    place = ref.model_dump(exclude_none=True)
    assert place == {**SAVINGS_CELL[kind], "text": "2,6*"}
    total = draft.sources["stated.average_net_gain"].model_dump(exclude_none=True)
    assert total == {**SAVINGS_CELL[kind], "row": 5, "column": 5, "text": "0,6"}


def test_the_draft_loads(imported: tuple[str, Draft]) -> None:
    _, draft = imported
    body, _, _ = render_draft(draft).partition("\n# Where each figure stands")
    assert [(p.code, p.message) for p in load_text(body, "draft.yaml").problems] == []


def test_the_notes_are_paragraphs_with_their_places(tmp_path: Path) -> None:
    docx = read_document(make_docx(tmp_path / "overblik.docx"))
    pptx = read_document(make_pptx(tmp_path / "overblik.pptx"))
    assert not isinstance(docx, Unreadable) and not isinstance(pptx, Unreadable)
    notes: dict[str, Any] = {
        kind: next(
            b.where
            for b in doc.blocks
            if b.__class__.__name__ == "Paragraph" and getattr(b, "text", "").startswith("Note")
        )
        for kind, doc in (("docx", docx), ("pptx", pptx))
    }
    assert (notes["docx"].paragraph, notes["docx"].slide) == (3, None)
    assert (notes["pptx"].slide, notes["pptx"].paragraph) == (5, 2)
    tables = [b for b in pptx.blocks if isinstance(b, Table)]
    assert [(t.where.slide, t.where.table, len(t.rows)) for t in tables] == [(5, 1, 5)]
