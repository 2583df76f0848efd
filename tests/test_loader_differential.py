"""The event builder (bcalc.events) against the reference (compose + load._Builder).

``load_bytes`` reads a file from the parser's events when the file is in the simple
subset case files are written in, and the reference way otherwise. Here every file we
have (cases/, examples/, tests/hostile/, a generated corpus) and the fuzz mutants of
the real files are loaded both ways, with libyaml and with the pure-Python parser; the
outcomes must be identical: the same data (types included), the same source map in the
same order, the same problems, the same document. The real files must take the fast
way (else the speed is not where it is measured).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from bcalc import events, load
from tests.conftest import CASES
from tests.test_fuzz import mutant

ROOT = CASES.parent
REAL = sorted(
    [
        *CASES.glob("*.yaml"),
        *(ROOT / "examples").rglob("*.yaml"),
        *(ROOT / "examples").rglob("*.yml"),
    ]
)
HOSTILE = sorted((ROOT / "tests" / "hostile").iterdir())
LOADERS = {"libyaml": load._Loader, "pure": load.loader_on(yaml.SafeLoader)}


def typed(data: Any) -> Any:
    """``data`` with every value's type, so that PlainNumber("2") and "2" differ."""
    if isinstance(data, dict):
        return ("dict", [(typed(k), typed(v)) for k, v in data.items()])
    if isinstance(data, list):
        return ("list", [typed(v) for v in data])
    return (type(data).__name__, data)


def outcome(loaded: load.Loaded) -> Any:
    return (
        loaded.problems,
        list(loaded.source_map.items()),
        typed(loaded.raw),
        loaded.document,
        loaded.lines,
    )


def both_ways(data: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any, bool]:
    """The outcome of ``load_bytes`` with the event builder and with the reference
    only, and whether the event builder took the file."""
    calls: list[bool] = []
    fast_way = load._from_events

    def spy(source: str | bytes, text: str) -> Any:
        built = fast_way(source, text)
        calls.append(built is not None)
        return built

    with monkeypatch.context() as patch:
        patch.setattr(load, "_from_events", spy)
        fast = outcome(load.load_bytes(data, "case.yaml"))
    with monkeypatch.context() as patch:
        patch.setattr(load, "_from_events", lambda source, text: None)
        reference = outcome(load.load_bytes(data, "case.yaml"))
    return fast, reference, any(calls)


@pytest.fixture(params=sorted(LOADERS))
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "libyaml":
        assert yaml.__with_libyaml__, "this test compares libyaml with the pure-Python parser"
    monkeypatch.setattr(load, "_Loader", LOADERS[request.param])
    return str(request.param)


@pytest.mark.parametrize("path", REAL, ids=lambda p: str(p.relative_to(ROOT)))
def test_real_files_are_built_from_events_exactly(
    path: Path, parser: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, reference, took = both_ways(path.read_bytes(), monkeypatch)
    assert took, f"{path.name} should be read from events"
    assert fast == reference


@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: p.name)
def test_hostile_files_give_the_same_answer(
    path: Path, parser: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if parser == "pure" and path.name == "deep_nesting.yaml":
        # The reference composes it recursively to Python's limit: ~10 s here, for
        # nothing the other parser does not show (test_hostile pins the answer).
        pytest.skip("1500 brackets: slow in the pure-Python reference")
    fast, reference, _ = both_ways(path.read_bytes(), monkeypatch)
    assert fast == reference


@pytest.mark.parametrize("name", ["2021.yaml", "2023.yaml", "2026.yaml"])
def test_fuzz_mutants_give_the_same_answer(
    name: str, parser: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = (CASES / name).read_bytes()
    taken = 0
    for seed in range(150 if parser == "libyaml" else 40):
        changed, applied = mutant(data, seed)
        fast, reference, took = both_ways(changed, monkeypatch)
        assert fast == reference, f"seed {seed}: {applied}"
        taken += took
    assert taken > 0  # some mutants are still plain case files


def _generate() -> Any:
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("generate", module)
    spec.loader.exec_module(module)
    return module


def test_a_generated_corpus_is_built_from_events_exactly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every style the benchmark corpus writes: flow and block per-year mappings, Danish
    # strings and YAML numbers, components, phase-in, folded descriptions, t.kr.
    _generate().generate(tmp_path, 3, 3, 12, 11, mismatch_rate=0.2, slices=False, quiet=True)
    files = sorted(tmp_path.rglob("*.yaml"))
    assert len(files) == 9
    for path in files:
        fast, reference, took = both_ways(path.read_bytes(), monkeypatch)
        assert took and fast == reference, path.name


SNIPPETS = {
    "keys": "budget_year: 2026\n2026: a\n'2027': b\n1_000: c\n0x1F: d\n1.5: e\ntrue: f\n~: g\n",
    "two_years": "title: x\nyears: {2026: 1, '2026': 2}\n",
    "int_and_text": "title: x\nyears: {2026: 1, '2027': 2}\n",
    "scalars": (
        "title: x\na: [yes, No, on, OFF, y, n, ~, null, '', 2.60, 1e3, .inf, .nan, -0, "
        "0o17, 2026-01-02, 12:30, 190:20:30, 1_0, '1.234', \"2,6\", 8.500, -3, +4]\n"
    ),
    "equals_value": "title: x\na: =\n",
    "merge_value": "title: x\na: <<\n",
    "blocks": "title: x\ndescription: >\n  folded\n  text\nnotes: |\n  kept\n\n",
    "nested": "title: x\na: [[1, [2, {b: [3]}]], {c: {d: []}}, {}]\n",
    "empty_values": "title: x\na:\nb: []\nc: {}\nd: ''\n",
    "key_tag": "title: x\n!!str 2026: a\n",
    "value_tag": "title: x\na: !!str 2026\n",
    "nonspecific": "title: x\na: ! 2026\n",
    "anchor": "title: x\na: &x 1\nb: *x\n",
    "merge": "title: x\nbase: &b {c: 1}\nd:\n  <<: *b\n  e: 2\n",
    "merge_inline": "title: x\nd:\n  e: 2\n  <<: {c: 1, e: 3}\n",
    "merge_list": "title: x\nd:\n  <<: [{c: 1}, {f: 2}]\n",
    "complex_key": "title: x\n? [a, b]\n: c\n",
    "mapping_key": "title: x\n{a: 1}: c\n",
    "alias_key": "title: x\na: &k b\n*k : c\n",
    "explicit_document": "---\ntitle: x\n...\n",
    "two_documents": "title: x\n---\ntitle: y\n",
    "directive": "%YAML 1.1\n---\ntitle: x\n",
    "crlf": "title: x\r\nyears: {2026: 1}\r\n",
    "bom": "\ufefftitle: x\n",
    "comments": "# a\ntitle: x # b\n# c\n",
    "top_list": "- title: x\n",
    "top_scalar": "title\n",
    "empty": "",
    "amp_in_text": "title: SF & EL\nproposals: [{id: a}]\n",
    "deep": "title: x\na: " + "[" * 120 + "]" * 120 + "\n",
    "near_deep": "title: x\na: " + "[" * 98 + "1" + "]" * 98 + "\n",
    "at_depth": "title: x\na: " + "[" * 99 + "1" + "]" * 99 + "\n",
    "duplicate_nested": "title: x\na: {b: 1, b: 2}\n",
    "duplicate_late": "title: x\na: 1\nb: [\na: 2\n",
    "unicode_keys": "title: x\nhelårspersoner: 2\n",
    "split_decimal": "title: x\nyears: {2021: 8,5}\n",
    "split_decimals": "title: x\nyears: {2021: 8,5, 2022: 9,25}\n",
    "flow_empty_value": "title: x\na: {b: , c: 1}\n",
    "flow_key_only": "title: x\na: {b, c}\n",
    "block_empty_value": "title: x\na:\n  b:\n  c: 1\n",
}


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_snippets_give_the_same_answer(
    name: str, parser: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, reference, _ = both_ways(SNIPPETS[name].encode("utf-8"), monkeypatch)
    assert fast == reference


def test_the_subset_is_what_the_docstring_says(monkeypatch: pytest.MonkeyPatch) -> None:
    taken = {
        name for name, text in SNIPPETS.items() if both_ways(text.encode("utf-8"), monkeypatch)[2]
    }
    given_up = set(SNIPPETS) - taken
    assert given_up == {
        "two_years",
        "equals_value",
        "merge_value",
        "key_tag",
        "value_tag",
        "nonspecific",
        "anchor",
        "merge",
        "merge_inline",
        "merge_list",
        "complex_key",
        "mapping_key",
        "alias_key",
        "two_documents",
        "top_list",
        "top_scalar",
        "empty",
        "deep",
        "at_depth",
        "duplicate_nested",
        "duplicate_late",
    }


@pytest.mark.parametrize("name", ["2021.yaml", "2023.yaml", "2026.yaml"])
def test_unquoted_danish_decimals_inside_braces_give_the_same_answer(
    name: str, parser: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The slip the reference explains ({2021: 8,5, ...}: YAML's 8 and a key 5), made
    # in each flow mapping of the real files, one at a time.
    text = (CASES / name).read_text(encoding="utf-8")
    quoted = [m for m in re.finditer(r'\{[^{}\n]*?: "(-?\d+,\d+)"', text)]
    for match in quoted[:12]:
        start, end = match.span(1)
        changed = text[: start - 1] + match[1] + text[end + 1 :]
        fast, reference, _ = both_ways(changed.encode("utf-8"), monkeypatch)
        assert fast == reference, match[0]


def test_a_file_beyond_the_text_limit_with_an_ampersand_is_left_to_the_reference() -> None:
    loader = load._Loader("title: SF & EL\n")
    try:
        with pytest.raises(events._GiveUp):
            events.build(loader, events.MAX_EXPANDED_BYTES + 1, True)
    finally:
        loader.dispose()
