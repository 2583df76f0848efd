"""Fuzzing the command line with mutants of the real case files.

Each mutant is a copy of a file in cases/ with one to three random edits: a line
deleted or duplicated, a digit changed, two keys swapped, or garbage inserted. bcalc
must answer every mutant with an exit code in {0, 1, 2}, no traceback, and only
messages that name the file and a line in it. The real files are never touched.

Mutants are drawn from a seeded generator, so a failure names the seed that
reproduces it. ``BCALC_FUZZ_LONG=1`` runs many more (issue 11: at least 10.000 over the
three files; ``BCALC_FUZZ_MUTANTS`` sets the number per file), each also through
``compare``, and prints the exit codes of every command (``pytest -s``).
``BCALC_FUZZ_SAVE=DIR`` writes every failing mutant there, to reproduce it with
``BCALC_DEBUG=1 bcalc check DIR/<file>``, and each file's exit codes as JSON.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from bcalc.cli import app
from tests.conftest import CASES

LONG = os.environ.get("BCALC_FUZZ_LONG") == "1"
# The long run's 3 × 3334 is issue 11's "≥ 10.000 mutants".
MUTANTS_PER_FILE = int(os.environ.get("BCALC_FUZZ_MUTANTS", "3334")) if LONG else 40
SAVE = os.environ.get("BCALC_FUZZ_SAVE")

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


def exit_of(result: Result) -> int:
    """The exit code the installed command would give: an exception escaping the
    command is an internal error, which ``bcalc.cli.main`` turns into exit 3."""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        return 3
    return result.exit_code


def failures_of(
    command: str, result: Result, expected: tuple[int, ...], output: str, path: str, lines: int
) -> list[str]:
    """What is wrong with one command's answer to a mutant: an internal error (with its
    traceback), an unexpected exit code, a traceback printed, or a line that is not a
    finding in the mutant."""
    found = []
    code = exit_of(result)
    if code == 3:
        assert result.exception is not None
        trace = "".join(traceback.format_exception(result.exception)).rstrip()
        found.append(f"{command}: internal error\n{trace}")
    elif code not in expected:
        found.append(f"{command}: exit {code}, expected {' or '.join(map(str, expected))}")
    if "Traceback" in output:
        found.append(f"{command}: a traceback in the output")
    if wrong := problems_in(output, path, lines):
        found.append(f"{command}: not a finding in the file: {wrong[:3]}")
    return found


@pytest.mark.parametrize("name", ["2021.yaml", "2023.yaml", "2026.yaml"])
def test_mutants_of_real_cases(name: str, tmp_path: Path) -> None:
    before = _digests()
    original = (CASES / name).read_bytes()
    runner = CliRunner()
    path = tmp_path / name
    exits: dict[str, Counter[int]] = {"check": Counter(), "compute": Counter()}
    failures: list[str] = []
    for seed in range(MUTANTS_PER_FILE):
        data, applied = mutant(original, seed)
        path.write_bytes(data)
        line_count = data.count(b"\n") + 1
        where = f"{name} seed {seed} {applied}"
        result = runner.invoke(app, ["check", str(path)])
        found = failures_of("check", result, (0, 1, 2), result.output, str(path), line_count)
        checked = exit_of(result)
        exits["check"][checked] += 1
        usable = (0,) if checked < 2 else (2,)
        computed = runner.invoke(app, ["compute", "--format", "json", str(path)])
        found += failures_of("compute", computed, usable, computed.stderr, str(path), line_count)
        exits["compute"][exit_of(computed)] += 1
        if LONG:  # against the file it was made from: the mutant must be read as check reads it
            compared = runner.invoke(
                app, ["compare", "--format", "json", str(path), str(CASES / name)]
            )
            found += failures_of(
                "compare", compared, usable, compared.stderr, str(path), line_count
            )
            exits.setdefault("compare", Counter())[exit_of(compared)] += 1
        if found:
            failures.append(f"{where}: " + "\n".join(found))
            if SAVE:
                Path(SAVE).mkdir(parents=True, exist_ok=True)
                (Path(SAVE) / f"{Path(name).stem}-seed{seed}.yaml").write_bytes(data)
    counts = {command: dict(sorted(c.items())) for command, c in exits.items()}
    print(f"\n{name}: {MUTANTS_PER_FILE} mutants, exit codes {counts}, {len(failures)} failing")
    if SAVE:
        Path(SAVE).mkdir(parents=True, exist_ok=True)
        summary = {"mutants": MUTANTS_PER_FILE, "exits": counts, "failures": failures}
        (Path(SAVE) / f"{Path(name).stem}.json").write_text(json.dumps(summary, indent=1))
    assert failures == [], "\n\n".join(failures[:5])
    # The mutants reach every outcome: some still pass or fail a check, most are refused.
    assert exits["check"][2] > MUTANTS_PER_FILE // 4
    assert exits["check"][0] + exits["check"][1] > 0
    assert _digests() == before
