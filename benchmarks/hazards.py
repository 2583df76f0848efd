#!/usr/bin/env python3
"""Time `bcalc check --no-cache` on every hostile file against a real case file.

    python benchmarks/hazards.py              # 5 runs per file, the median is reported
    python benchmarks/hazards.py --runs 9 --bcalc .venv/bin/bcalc

For every file in tests/hostile/*.yaml (one hazard each: an alias bomb, deep nesting, a
huge scalar, a tab, ...), `bcalc check --no-cache FILE` runs as a fresh process, the way
benchmarks/run.py measures (subprocess from the repository root, time.perf_counter from
start to exit, output discarded), and so does the baseline, `bcalc check --no-cache
cases/2026.yaml`, in the same run. Runs are interleaved round by round after one
unrecorded warm-up of each file, so that drift in machine load spreads over all of them.
Printed: each hazard's median, min and max, bcalc's exit code and the ratio of its
median to the baseline's, then the worst ratio. It asserts nothing about time:
tests/test_hostile.py pins what each file must produce, and this script shows what it
costs. Like run.py, it exits 1 only if a measured process crashed or was killed.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/generate.py: find_bcalc)
from run import REPO, Case, fmt_s, measure, rel  # noqa: E402  (benchmarks/run.py)

HOSTILE = REPO / "tests" / "hostile"
BASELINE = "cases/2026.yaml"
TIMEOUT = 120.0  # seconds per process; a hazard that hangs is killed and reported


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--runs", type=int, default=5, help="runs per file; the median is reported (default 5)"
    )
    parser.add_argument(
        "--bcalc",
        default=None,
        help="the bcalc executable (default: next to this Python, or on PATH)",
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    # As in run.py: bcalc runs from cached bytecode, as an installed tool does.
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    bcalc = generate.find_bcalc(args.bcalc)
    print(f"bcalc: {' '.join(bcalc)}")

    hazards = sorted(HOSTILE.glob("*.yaml"))
    if not hazards:
        print(f"no hostile files in {rel(HOSTILE)}", file=sys.stderr)
        return 1
    # Exit 0, 1 (a finding) and 2 (a file bcalc refuses) are all answers; a crash or a
    # kill after TIMEOUT is not, and is listed after the table.
    answers = (0, 1, 2)
    baseline = Case(
        "baseline",
        BASELINE,
        [*bcalc, "check", "--no-cache", BASELINE],
        heavy=False,
        ok_codes=answers,
    )
    cases = [baseline] + [
        Case(
            path.name,
            path.name,
            [*bcalc, "check", "--no-cache", rel(path)],
            heavy=False,
            ok_codes=answers,
        )
        for path in hazards
    ]

    for case in cases:  # warm-up: bytecode, the page cache
        measure(case, env, TIMEOUT, record=False)
    for round_number in range(1, args.runs + 1):
        for case in cases:
            measure(case, env, TIMEOUT)
        print(f"round {round_number}/{args.runs} done", file=sys.stderr, flush=True)

    base = baseline.median or float("nan")
    print(f"\nbaseline: bcalc check --no-cache {BASELINE}: median {fmt_s(base)} s")
    print()
    print(
        f"{'hazard (tests/hostile/)':<32} {'median s':>9} {'min s':>8} {'max s':>8} "
        f"{'n':>2} {'exit':>4} {'÷ baseline':>10}"
    )
    print("-" * 79)
    for case in cases[1:]:
        times = [s.seconds for s in case.samples]
        exits = sorted({s.returncode for s in case.samples})
        print(
            f"{case.label:<32} {fmt_s(case.median):>9} {fmt_s(min(times)):>8} "
            f"{fmt_s(max(times)):>8} {len(times):>2} {','.join(map(str, exits)):>4} "
            f"{(case.median or 0) / base:>10.2f}"
        )
    worst = max(cases[1:], key=lambda c: c.median or 0)
    print(
        f"\nworst: {worst.label}, {fmt_s(worst.median)} s = "
        f"{(worst.median or 0) / base:.2f} × the baseline ({len(hazards)} hazards, "
        f"median of {args.runs})"
    )
    failures = [(c.label, e) for c in cases for e in c.errors]
    if failures:
        print(f"\nunexpected exits (a crash, or killed after {TIMEOUT:.0f} s):")
        for label, error in dict.fromkeys(failures):
            print(f"  {label}: {error}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
