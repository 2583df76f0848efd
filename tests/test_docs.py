"""The documentation's examples are real: every YAML example in docs/format.md marked
``<!-- check: … -->`` loads as it says (a whole file, a file's header, a proposal), and
every example marked as an error is refused."""

from __future__ import annotations

import re
import textwrap

import pytest

from bcalc.load import load_text
from tests.conftest import ROOT

FORMAT = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
EXAMPLE = re.compile(r"<!-- check: (\w+) -->\n```yaml\n(.*?)```", re.DOTALL)
EXAMPLES = [
    pytest.param(kind, text, id=f"{kind}-line-{FORMAT[: match.start()].count(chr(10)) + 1}")
    for match in EXAMPLE.finditer(FORMAT)
    for kind, text in [match.groups()]
]
HEADER = "budget_year: 2026\ntitle: Eksempel\nunit: mio. kr.\n"
PROPOSAL = "proposals:\n  - id: eksempel\n    title: Eksempel\n"


def as_file(kind: str, text: str) -> str:
    """A fragment as a whole case file: file-level fields under a header (unless they
    bring their own), a proposal's fields in a proposal (with an investment unless they
    bring one)."""
    if kind == "file":
        head = "" if "budget_year:" in text else HEADER
        return head + text + PROPOSAL + '    investment: "2"\n'
    if kind == "proposal":
        body = text if "investment:" in text else text + 'investment: "2"\n'
        return HEADER + PROPOSAL + textwrap.indent(body, "    ")
    return text


def test_every_kind_of_example_is_present() -> None:
    assert {kind for kind, _ in (p.values for p in EXAMPLES)} == {  # type: ignore[misc]
        "full",
        "file",
        "proposal",
        "error",
    }


@pytest.mark.parametrize(("kind", "text"), EXAMPLES)
def test_the_documented_example_does_what_the_page_says(kind: str, text: str) -> None:
    loaded = load_text(as_file(kind, text), "docs-example.yaml")
    if kind == "error":
        assert loaded.problems, "an example marked as an error loads without one"
        return
    assert loaded.problems == [], [p.message for p in loaded.problems]
    # A case file; or, where the example says its kind, a follow-up or a portfolio.
    assert loaded.case is not None or loaded.kind in ("followup", "portfolio")
