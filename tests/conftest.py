from __future__ import annotations

from pathlib import Path

import pytest

from bcalc.calc import compute_file
from bcalc.load import Loaded, load_file, load_text
from bcalc.results import FileResult

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "cases"


def consistent_2026() -> bytes:
    """cases/2026.yaml without its slide-3 claim, whose arithmetic is a real finding
    (BC401): the real budget year whose business cases have no findings, for the tests
    that need a file bcalc passes."""
    text = (CASES / "2026.yaml").read_text(encoding="utf-8")
    start = text.index("# Slide 3 (lines 75-89)")
    end = text.index("# Slide 5,", start)
    return (text[:start] + text[end:]).encode("utf-8")


def load_case(name: str) -> Loaded:
    loaded = load_file(str(CASES / name))
    assert loaded.problems == []
    return loaded


def compute_case(name: str) -> FileResult:
    loaded = load_case(name)
    assert loaded.case is not None
    return compute_file(loaded.case, loaded.path)


def problems_of(text: str) -> list[tuple[str, int, str]]:
    """(code, line, message) for every load problem in an inline YAML text."""
    return [(p.code, p.line, p.message) for p in load_text(text, "case.yaml").problems]


@pytest.fixture
def tmp_case(tmp_path: Path):  # type: ignore[no-untyped-def]
    def write(text: str, name: str = "case.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path_factory, monkeypatch):  # type: ignore[no-untyped-def]
    """`bcalc check` keeps a cache in the current folder; tests keep theirs apart."""
    monkeypatch.setenv("BCALC_CACHE_DIR", str(tmp_path_factory.mktemp("bcalc-cache")))
