"""A command imports only what it uses: start-up time is most of a one-file check."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import CASES

HEAVY = ("pydantic", "yaml", "rich", "bcalc.kinds", "bcalc.load", "multiprocessing")
PROBE = """
import json, sys
from bcalc.cli import main
sys.argv = ["bcalc", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
heavy = {heavy!r}
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in heavy or m in heavy)),
      file=sys.stderr)
"""


def imported(*args: str, cwd: Path | None = None) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_help_imports_no_models_tables_or_yaml() -> None:
    assert imported("--help") == set()
    assert imported("check", "--help") == set()


def test_a_check_answered_from_the_cache_reads_no_yaml_and_builds_no_models(
    tmp_path: Path,
) -> None:
    case = tmp_path / "2026.yaml"
    case.write_bytes((CASES / "2026.yaml").read_bytes())
    args = ("check", "--cache-dir", str(tmp_path / "cache"), str(case))
    first = imported(*args)
    assert {"bcalc.kinds", "bcalc.load", "yaml"} <= first
    assert "multiprocessing" not in first  # one file: no worker processes
    # The file was written just now; its time stamp is trusted once it is older.
    old = os.stat(case).st_mtime_ns - 3600 * 10**9
    os.utime(case, ns=(old, old))
    imported(*args)  # records the older time stamp
    assert imported(*args) == set()
