"""libyaml where PyYAML has it, the pure-Python parser where not: same results."""

from __future__ import annotations

import pytest
import yaml

from bcalc import load
from tests.conftest import CASES

# 2026 up to its proposals (the sources section after them is left out), with a
# duplicated key at the top and an unclosed bracket in a new last proposal.
_PROPOSALS = (CASES / "2026.yaml").read_text(encoding="utf-8").split("\n# Where each figure")[0]
BROKEN = (
    _PROPOSALS.replace("budget_year: 2026", "budget_year: 2026\nbudget_year: 2027", 1)
    + "\n  - id: [unclosed\n"
)


def both(monkeypatch: pytest.MonkeyPatch, text: str) -> tuple[load.Loaded, load.Loaded]:
    assert yaml.__with_libyaml__, "this test compares libyaml with the pure-Python parser"
    fast = load.load_bytes(text.encode("utf-8"), "case.yaml")
    monkeypatch.setattr(load, "_Loader", load.loader_on(yaml.SafeLoader))
    pure = load.load_bytes(text.encode("utf-8"), "case.yaml")
    return fast, pure


@pytest.mark.parametrize("name", ["2021.yaml", "2023.yaml", "2026.yaml"])
def test_same_case_and_same_lines_for_the_real_files(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, pure = both(monkeypatch, (CASES / name).read_text(encoding="utf-8"))
    assert fast.case is not None and fast.case == pure.case
    assert fast.source_map == pure.source_map
    assert len(fast.source_map) > 80  # every field of the file has its line


def test_same_problem_on_the_same_line(monkeypatch: pytest.MonkeyPatch) -> None:
    fast, pure = both(monkeypatch, BROKEN)
    # The parsers word a syntax error each their own way; bcalc says it in its own
    # words, the same for both, on the same line.
    assert [(p.code, p.line, p.message) for p in fast.problems] == [
        (p.code, p.line, p.message) for p in pure.problems
    ]
    # The whole file is parsed before keys are read, so the unclosed bracket on the last
    # line is reported (at the end of the file), not the duplicated budget_year.
    last = BROKEN.count("\n")
    [problem] = fast.problems
    assert (problem.code, problem.line) == ("BC001", last + 1)
    assert problem.message.startswith(f"the bracket [ opened on line {last} is not closed")
