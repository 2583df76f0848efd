"""Fuzzing the command line with mutants of the real case files.

Each mutant is a copy of a file in cases/ with one to three random edits: a line
deleted or duplicated, a digit changed, two keys swapped, or garbage inserted. bcalc
must answer every mutant with an exit code in {0, 1, 2}, no traceback, and only
messages that name the file and a line in it. The real files are never touched.

Mutants are drawn from a seeded generator, so a failure names the seed that
reproduces it. ``BCALC_FUZZ_LONG=1`` runs many more.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bcalc.cli import app
from tests.conftest import CASES

LONG = os.environ.get("BCALC_FUZZ_LONG") == "1"
MUTANTS_PER_FILE = 2000 if LONG else 40

FINDING = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): BC\d{3} \[(error|warning|info)\] \S"
)
EXCERPT = re.compile(r"^\s+\d+ \| ")
SUMMARY = re.compile(r"^1 file checked: \d+ errors?, \d+ warnings?")
KEY = re.compile(rb"^(\s*(?:- )?)([A-Za-z_][A-Za-z0-9_]*)(:)", re.MULTILINE)

GARBAGE = [
    b"\t",
    b"&x ",
    b"*x",
    b"*nowhere",
    b"!tag ",
    b"!!python/object:os.system ",
    b"{",
    b"}",
    b"[",
    b"]",
    b'"',
    b"'",
    b": ",
    b"- ",
    b"\x00",
    b"\xff\xfe",
    b"\xc3",  # a truncated UTF-8 sequence
    b"<<: *x\n",
    b"ca. ",
    b",",
    b".",
    b"-",
    b" ",
    b"1e999999",
    b".nan",
    b"yes",
    b"~",
    b"%YAML 1.2\n",
    b"---\n",
    b"...\n",
    b"\xef\xbb\xbf",
    b"\r",
    b"\n",
    b"#",
    b"? ",
    b"|\n",
    b"mio. kr.",
    b"\xe2\x88\x92",  # the typographic minus sign
    b"2026",
    b"0",
]

Mutation = Callable[[random.Random, bytes], bytes]


def delete_line(rng: random.Random, data: bytes) -> bytes:
    lines = data.splitlines(keepends=True)
    if lines:
        del lines[rng.randrange(len(lines))]
    return b"".join(lines)


def duplicate_line(rng: random.Random, data: bytes) -> bytes:
    lines = data.splitlines(keepends=True)
    if lines:
        index = rng.randrange(len(lines))
        lines.insert(index, lines[index])
    return b"".join(lines)


def change_digit(rng: random.Random, data: bytes) -> bytes:
    digits = [i for i, byte in enumerate(data) if 48 <= byte <= 57]
    if not digits:
        return data
    index = rng.choice(digits)
    return data[:index] + str(rng.randrange(10)).encode() + data[index + 1 :]


def swap_keys(rng: random.Random, data: bytes) -> bytes:
    keys = list(KEY.finditer(data))
    if len(keys) < 2:
        return data
    first, second = sorted(rng.sample(keys, 2), key=lambda m: m.start())
    return (
        data[: first.start(2)]
        + second[2]
        + data[first.end(2) : second.start(2)]
        + first[2]
        + data[second.end(2) :]
    )


def insert_garbage(rng: random.Random, data: bytes) -> bytes:
    index = rng.randrange(len(data) + 1)
    return data[:index] + rng.choice(GARBAGE) + data[index:]


MUTATIONS: list[Mutation] = [delete_line, duplicate_line, change_digit, swap_keys, insert_garbage]


def mutant(data: bytes, seed: int) -> tuple[bytes, list[str]]:
    rng = random.Random(seed)
    applied = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        mutation = rng.choice(MUTATIONS)
        data = mutation(rng, data)
        applied.append(mutation.__name__)
    return data, applied


def test_mutations_do_what_they_say() -> None:
    rng = random.Random(1)
    text = b"a: 1\nb: 2\nc: 3\n"
    assert delete_line(rng, text).count(b"\n") == 2
    assert duplicate_line(rng, text).count(b"\n") == 4
    changed = change_digit(random.Random(3), text)
    assert (
        len(changed) == len(text) and sum(x != y for x, y in zip(changed, text, strict=True)) <= 1
    )
    swapped = swap_keys(rng, text)
    assert sorted(swapped.splitlines()) != sorted(text.splitlines())
    assert sorted(k[2] for k in KEY.finditer(swapped)) == [b"a", b"b", b"c"]
    assert len(insert_garbage(rng, text)) > len(text)


def problems_in(output: str, path: str, line_count: int) -> list[str]:
    """Every printed line that is not a finding naming ``path`` and a line in it, a
    quoted source line, or the summary."""
    wrong = []
    for text in output.splitlines():
        if EXCERPT.match(text) or SUMMARY.match(text) or not text.strip():
            continue
        match = FINDING.match(text)
        if match is None or match["file"] != path:
            wrong.append(text)
        elif not 1 <= int(match["line"]) <= line_count + 1:
            wrong.append(f"line out of range: {text}")
    return wrong


def _digests() -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in CASES.glob("*.yaml")}


@pytest.fixture(autouse=True)
def _cache_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BCALC_CACHE_DIR", str(tmp_path / "cache"))


@pytest.mark.parametrize("name", ["2021.yaml", "2023.yaml", "2026.yaml"])
def test_mutants_of_real_cases(name: str, tmp_path: Path) -> None:
    before = _digests()
    original = (CASES / name).read_bytes()
    runner = CliRunner()
    path = tmp_path / name
    exits: dict[int, int] = {}
    for seed in range(MUTANTS_PER_FILE):
        data, applied = mutant(original, seed)
        path.write_bytes(data)
        line_count = data.count(b"\n") + 1
        where = f"{name} seed {seed} {applied}"
        result = runner.invoke(app, ["check", str(path)])
        assert result.exception is None or isinstance(result.exception, SystemExit), where
        assert result.exit_code in (0, 1, 2), where
        assert "Traceback" not in result.output, where
        assert problems_in(result.output, str(path), line_count) == [], where
        exits[result.exit_code] = exits.get(result.exit_code, 0) + 1
        computed = runner.invoke(app, ["compute", "--format", "json", str(path)])
        assert computed.exception is None or isinstance(computed.exception, SystemExit), where
        assert computed.exit_code == (0 if result.exit_code < 2 else 2), where
        assert problems_in(computed.stderr, str(path), line_count) == [], where
    # The mutants reach every outcome: some still pass or fail a check, most are refused.
    assert exits.get(2, 0) > MUTANTS_PER_FILE // 4
    assert exits.get(0, 0) + exits.get(1, 0) > 0
    assert _digests() == before
