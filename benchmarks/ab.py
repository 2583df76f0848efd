#!/usr/bin/env python3
"""Two versions of bcalc side by side: the same commands, alternately, paired.

    python benchmarks/ab.py --a /tmp/before --b . -n 9 -- check --no-cache cases/2026.yaml
    python benchmarks/ab.py --a /tmp/before --b . -n 5 --cmd 'compute cases/2026.yaml' \
        --cmd 'check --no-cache --jobs 1 benchmarks/.corpus/slices/1-8'

``--a`` and ``--b`` are source trees (folders holding a ``bcalc`` package, such as an
unpacked ``git archive`` of an earlier commit, or ``.``), put first on PYTHONPATH of
the bcalc script next to this Python; ``--floor`` adds the import floor
(``python -c "import typer, rich, pydantic, yaml"``) as a third, shared measurement.
Each round runs every command once with A and once with B, in alternating order, so
that a change in the machine's load falls on both. For each command the script prints
the median wall time and the median CPU time (user + system, of the process and its
workers, from ``os.wait4``) of each side, and the median of the paired ratios B ÷ A;
CPU time is much less disturbed than wall time by other work on a shared machine.
Only the standard library is needed.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
FLOOR = "import typer, rich, pydantic, yaml"


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    # Workers are the process's children, reaped by it: their time is in RUSAGE of
    # the process only if it waited for them, which a pool does.
    return wall, usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status)


def environment(tree: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if tree:
        path = str(Path(tree).resolve())
        env["PYTHONPATH"] = path + (os.pathsep + env["PYTHONPATH"] if "PYTHONPATH" in env else "")
    return env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--a", required=True, help="source tree A (the baseline)")
    parser.add_argument("--b", required=True, help="source tree B")
    parser.add_argument("-n", "--rounds", type=int, default=7)
    parser.add_argument("--cmd", action="append", default=[], help="bcalc arguments (quoted)")
    parser.add_argument("--floor", action="store_true", help="also time the import floor")
    parser.add_argument("--bcalc", default=str(Path(sys.executable).parent / "bcalc"))
    parser.add_argument("rest", nargs="*", help="one command's bcalc arguments, after --")
    args = parser.parse_args()
    commands = [shlex.split(c) for c in args.cmd] + ([args.rest] if args.rest else [])
    if not commands and not args.floor:
        parser.error("nothing to measure")
    sides = {"A": environment(args.a), "B": environment(args.b)}
    floor_argv = [sys.executable, "-c", FLOOR]
    samples: dict[tuple[int, str], list[tuple[float, float]]] = {}
    floor: list[tuple[float, float]] = []
    codes: dict[tuple[int, str], set[int]] = {}
    for round_number in range(args.rounds):
        order = ("A", "B") if round_number % 2 == 0 else ("B", "A")
        if args.floor:
            wall, cpu, _ = run(floor_argv, environment(None))
            floor.append((wall, cpu))
        for index, command in enumerate(commands):
            for side in order:
                wall, cpu, code = run([args.bcalc, *command], sides[side])
                samples.setdefault((index, side), []).append((wall, cpu))
                codes.setdefault((index, side), set()).add(code)
        print(f"round {round_number + 1}/{args.rounds}", file=sys.stderr, flush=True)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"A = {args.a}, B = {args.b}; {args.rounds} rounds; load average now {load:.2f}")
    if floor:
        print(
            f"import floor: wall {statistics.median(w for w, _ in floor) * 1000:.0f} ms, "
            f"cpu {statistics.median(c for _, c in floor) * 1000:.0f} ms"
        )
    for index, command in enumerate(commands):
        a, b = samples[(index, "A")], samples[(index, "B")]
        line = " ".join(command)
        exits = f"exit A {sorted(codes[(index, 'A')])}, B {sorted(codes[(index, 'B')])}"
        print(f"\nbcalc {line[:90]}  ({exits})")
        for what, pick in (("wall", 0), ("cpu", 1)):
            ma = statistics.median(s[pick] for s in a)
            mb = statistics.median(s[pick] for s in b)
            paired = statistics.median(y[pick] / x[pick] for x, y in zip(a, b, strict=True))
            extra = ""
            if floor:
                f = statistics.median(s[pick] for s in floor)
                extra = f"   ÷ floor: A {ma / f:.2f}, B {mb / f:.2f}"
            print(
                f"  {what:4}  A {ma * 1000:9.1f} ms   B {mb * 1000:9.1f} ms   "
                f"B ÷ A (paired median) {paired:.3f}{extra}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
