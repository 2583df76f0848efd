#!/usr/bin/env python3
"""Save what bcalc prints for a fixed set of commands, to diff two versions of bcalc.

    python benchmarks/outputs.py --out /tmp/before              # the bcalc next to this Python
    python benchmarks/outputs.py --out /tmp/after --bcalc .venv/bin/bcalc
    diff -r /tmp/before /tmp/after                              # must print nothing

Every command runs from the repository root; each output file holds the exit code, the
standard output and the standard error. Commands: compute in every format on cases/ and
examples/, check (text, json, github; all rules, info shown) on cases/, examples/,
tests/hostile/ file by file and the corpus (one process and two workers), compare on
cases/ and on every municipality of the corpus, compute --format json on the corpus.
A performance change must leave every one of these identical. Only the standard
library is needed; the corpus is the one benchmarks/run.py uses (generated if missing).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402


def commands(corpus: Path, quick: bool) -> dict[str, list[str]]:
    cases = sorted(str(p.relative_to(REPO)) for p in (REPO / "cases").glob("*.yaml"))
    examples = sorted(str(p.relative_to(REPO)) for p in (REPO / "examples").glob("*.yaml"))
    hostile = sorted(str(p.relative_to(REPO)) for p in (REPO / "tests" / "hostile").glob("*"))
    full = corpus / "full"  # relative to the repository: the same text in every output
    towns = sorted(p for p in (REPO / full).iterdir() if p.is_dir())
    towns = [t.relative_to(REPO) for t in towns]
    if quick:
        towns = towns[:3]
    corpus_files = sorted(
        str(p.relative_to(REPO)) for town in towns for p in sorted((REPO / town).glob("*.yaml"))
    )
    out: dict[str, list[str]] = {}
    for fmt in ("table", "json", "csv", "markdown"):
        out[f"compute-cases.{fmt}"] = ["compute", "--format", fmt, *cases]
        out[f"compute-examples.{fmt}"] = ["compute", "--format", fmt, *examples]
        out[f"compute-cases-danish.{fmt}"] = ["compute", "--danish", "--format", fmt, *cases]
    out["compute-cases.signs"] = ["compute", "--document-signs", *cases]
    for fmt in ("text", "json", "github"):
        out[f"check-cases.{fmt}"] = ["check", "--no-cache", "--show-info", "--format", fmt, *cases]
        out[f"check-examples.{fmt}"] = [
            "check",
            "--no-cache",
            "--show-info",
            "--format",
            fmt,
            *examples,
        ]
    for path in hostile:
        name = Path(path).name
        out[f"check-hostile-{name}.json"] = ["check", "--no-cache", "--format", "json", path]
        out[f"check-hostile-{name}.text"] = ["check", "--no-cache", "--show-info", path]
        out[f"compute-hostile-{name}.json"] = ["compute", "--format", "json", path]
    for fmt in ("table", "json", "csv"):
        out[f"compare-cases.{fmt}"] = ["compare", "--format", fmt, *cases]
    root = str(full) if not quick else None
    targets = [root] if root else [str(t) for t in towns]
    out["check-corpus-jobs1.json"] = [
        "check",
        "--no-cache",
        "--show-info",
        "--jobs",
        "1",
        "--format",
        "json",
        *targets,
    ]
    out["check-corpus.text"] = ["check", "--no-cache", "--show-info", *targets]
    out["check-corpus.github"] = ["check", "--no-cache", "--format", "github", *targets]
    out["compute-corpus.json"] = ["compute", "--format", "json", *corpus_files]
    out["compute-corpus-some.table"] = ["compute", *corpus_files[:40]]
    for town in towns:
        out[f"compare-corpus-{town.name}.json"] = ["compare", "--format", "json", str(town)]
    out["compare-corpus-first.table"] = ["compare", str(towns[0])]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--bcalc", default=None)
    parser.add_argument("--corpus", type=Path, default=Path("benchmarks/.corpus"))
    parser.add_argument("--quick", action="store_true", help="three municipalities only")
    parser.add_argument("--jobs", type=int, default=2, help="commands run at once")
    args = parser.parse_args()
    if args.corpus.is_absolute():
        args.corpus = args.corpus.relative_to(REPO)
    if not (REPO / args.corpus / "full").is_dir():
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), "--out", str(REPO / args.corpus)],
            check=True,
        )
    bcalc = generate.find_bcalc(args.bcalc)
    args.out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "BCALC_DANISH": "", "COLUMNS": "120", "NO_COLOR": "1"}
    env.pop("BCALC_DANISH")

    def run(item: tuple[str, list[str]]) -> None:
        name, argv = item
        done = subprocess.run(
            [*bcalc, *argv], cwd=REPO, env=env, capture_output=True, stdin=subprocess.DEVNULL
        )
        (args.out / name).write_bytes(
            f"exit {done.returncode}\n".encode() + done.stdout + b"\n--- stderr\n" + done.stderr
        )

    todo = commands(args.corpus, args.quick)
    with ThreadPoolExecutor(args.jobs) as pool:
        list(pool.map(run, todo.items()))
    print(f"{len(todo)} outputs in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
