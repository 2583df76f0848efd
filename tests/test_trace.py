"""trace: every referenced figure against its place in the document, as printed."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from bcalc.fields import PlainNumber
from bcalc.importers import import_document, read_document, render_draft
from bcalc.importers.document import Cell, Document, Location, Table, Unreadable
from bcalc.sources import SourceRef, Sources
from bcalc.trace import same_figure, trace
from tests.conftest import CASES

SEED_2026 = CASES / "sources" / "001_6e0a9db3903357d7.txt"


def draft_2026() -> tuple[dict[str, Any], Sources, Document]:
    draft = import_document(SEED_2026)
    assert not isinstance(draft, Unreadable)
    raw = yaml.safe_load(render_draft(draft))
    sources = Sources.model_validate(raw.pop("sources"))
    document = read_document(SEED_2026)
    assert not isinstance(document, Unreadable)
    return raw, sources, document


def with_figure(sources: Sources, path: str, ref: SourceRef) -> Sources:
    return sources.model_copy(update={"figures": {**sources.figures, path: ref}})


def codes(problems: list[Any]) -> list[tuple[str, str, str | None, str | None]]:
    return [(p.code, p.path, p.written, p.found) for p in problems]


def test_a_transcription_slip_is_caught_where_it_stands() -> None:
    raw, sources, document = draft_2026()
    raw["proposals"][0]["stated"]["average_savings"] = "2,7"
    problems = trace(raw, sources, document)
    assert codes(problems) == [("BC701", "proposals[0].stated.average_savings", "2,7", "2,6*")]
    assert problems[0].message == (
        "proposals[0].stated.average_savings is 2,7 in the case file, but the document "
        "prints 2,6* at line 130, column 3"
    )


def test_a_slip_in_one_year_of_a_row_is_caught_by_its_column() -> None:
    draft = import_document(CASES / "sources" / "000_124dc5ee2ef71df8.txt")
    assert not isinstance(draft, Unreadable)
    raw = yaml.safe_load(render_draft(draft))
    sources = Sources.model_validate(raw.pop("sources"))
    document = read_document(CASES / "sources" / "000_124dc5ee2ef71df8.txt")
    assert not isinstance(document, Unreadable)
    # "-11,5" is printed on the same line, but not in 2021's column.
    raw["proposals"][0]["savings"][2021] = "-11,5"
    assert codes(trace(raw, sources, document)) == [
        ("BC701", "proposals[0].savings.2021", "-11,5", "-5,7")
    ]


def test_a_reference_to_a_line_that_does_not_exist() -> None:
    raw, sources, document = draft_2026()
    sources = with_figure(sources, "proposals[0].investment", SourceRef(line=9999, text="2"))
    problems = trace(raw, sources, document)
    assert codes(problems) == [("BC702", "proposals[0].investment", "2", None)]
    assert problems[0].message == (
        f"proposals[0].investment (2) refers to line 9999, which {SEED_2026} does not "
        "have (417 lines)"
    )


def test_a_reference_whose_quoted_text_is_stale() -> None:
    raw, sources, document = draft_2026()
    ref = SourceRef(line=130, column=3, text="2,7*")
    sources = with_figure(sources, "proposals[0].stated.average_savings", ref)
    assert codes(trace(raw, sources, document)) == [
        ("BC703", "proposals[0].stated.average_savings", "2,6", "2,6*")
    ]


def test_a_reference_to_a_figure_the_case_file_does_not_have() -> None:
    raw, sources, document = draft_2026()
    sources = with_figure(sources, "proposals[7].investment", SourceRef(line=196, text="2"))
    assert codes(trace(raw, sources, document)) == [
        ("BC704", "proposals[7].investment", None, None)
    ]


def test_another_document_than_the_one_referenced_is_said_once() -> None:
    raw, sources, document = draft_2026()
    sources = sources.model_copy(update={"sha256": "0" * 64})
    assert [p.code for p in trace(raw, sources, document)] == ["BC705"]


def test_a_column_pointing_at_no_figure() -> None:
    raw, sources, document = draft_2026()
    ref = SourceRef(line=196, column=1, text="2")
    sources = with_figure(sources, "proposals[0].investment", ref)
    problems = trace(raw, sources, document)
    assert [(p.code, p.path) for p in problems] == [("BC701", "proposals[0].investment")]
    assert "does not print it" in problems[0].message


def test_table_cells_are_traced_by_row_and_column() -> None:
    cell = Location(slide=5, table=1, row=2, column=4)
    table = Table(((Cell("2,6*", cell),),), Location(slide=5, table=1))
    document = Document("deck.pptx", "pptx", (table,))
    ref = SourceRef(slide=5, table=1, row=2, column=4, text="2,6*")
    sources = Sources(document="deck.pptx", figures={"stated.average_savings": ref})
    assert trace({"stated": {"average_savings": "2,6"}}, sources, document) == []
    slip = trace({"stated": {"average_savings": "2,7"}}, sources, document)
    assert codes(slip) == [("BC701", "stated.average_savings", "2,7", "2,6*")]
    elsewhere = sources.model_copy(
        update={"figures": {"stated.average_savings": ref.model_copy(update={"row": 3})}}
    )
    assert [p.code for p in trace({"stated": {"average_savings": "2,6"}}, elsewhere, document)] == [
        "BC702"
    ]


@pytest.mark.parametrize(
    ("written", "printed", "same"),
    [
        ("2,6", "2,6*", True),  # a footnote star is not part of the figure
        ("-5,7", "\u22125,7", True),  # the typographic minus
        ("-5,7", "–5,7", True),  # an en dash before a digit, as PDFs print it
        ("8.500", "8.500", True),
        ("300.000 kr.", "300.000\u00a0 kr.", True),  # whitespace of any kind
        ("ca. 6,1", "ca.  6,1", True),
        ("ca. 0,3", "omkring 0,3", True),  # one hedge, two spellings
        (PlainNumber("2.6"), "2,6", True),  # a YAML number as bcalc reads it
        (15, "15", True),
        ("0,5", "halv", True),  # "med halv effekt i 2026"
        ("8.500 t.kr.", "8.500", True),  # the unit stood in the table's header
        ("2,7", "2,6", False),
        ("2,60", "2,6", False),  # a stronger claim than the document makes
        ("6,1", "ca. 6,1", False),  # the hedge is part of the figure
        ("5,7", "-5,7", False),
        ("300.000 t.kr.", "300.000 kr.", False),
        ("2,6", "lorem", False),
    ],
)
def test_what_counts_as_the_same_figure(written: Any, printed: str, same: bool) -> None:
    assert same_figure(written, printed) is same


@pytest.mark.parametrize(
    ("written", "printed", "same"),
    [("t.kr.", "tusind kr.", True), ("mio. kr.", "Mio. kr.", True), ("t.kr.", "mio. kr.", False)],
)
def test_units_are_compared_by_meaning(written: str, printed: str, same: bool) -> None:
    assert same_figure(written, printed, unit_field=True) is same


def test_a_reference_names_one_place() -> None:
    with pytest.raises(ValueError, match="a table cell needs both row and column"):
        SourceRef(table=1, row=2, text="2")
    with pytest.raises(ValueError, match="needs a line, a paragraph, or a table"):
        SourceRef(text="2")
    with pytest.raises(ValueError, match="is not a figure path"):
        Sources(document="x.txt", figures={"proposals.0.investment": SourceRef(line=1, text="2")})
