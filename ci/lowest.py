#!/usr/bin/env python3
"""The lowest-version run's two helpers; pyproject.toml is the only list of bounds.

    python3 ci/lowest.py requirements   # the test tools to install next to `-e .`
    .venv-lowest/bin/python ci/lowest.py verify

``requirements`` prints, one a line, the requirements of the ``test`` extra that the
test suite needs to run (pytest, hypothesis), exactly as pyproject.toml declares them;
the runtime dependencies come with ``-e .``. ``verify``, run with the lowest
environment's Python, checks that every one of those direct dependencies is installed
at the lower bound it declares, and exits 1 if not: a bound that no resolution can
reach (``rich>=13`` while typer needs rich 13.8) would otherwise go untested while
looking tested. Only the standard library is used.
"""

from __future__ import annotations

import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
# What the suite needs to run (the test tools and the document readers of the import
# extra, whose minimums are tested here too); ruff and mypy run in the main venv.
TEST_TOOLS = (
    "pytest",
    "hypothesis",
    "python-docx",
    "python-pptx",
    "pdfplumber",
    "reportlab",
    "openpyxl",  # reads back the workbooks of XlsxWriter at its lowest version
)
REQUIREMENT = re.compile(
    r"^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?(?P<spec>[^;]*)"
)


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> list[tuple[str, str]]:
    """(name, requirement) for the runtime dependencies and the test tools."""
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    wanted = [(r, True) for r in project["dependencies"]]
    wanted += [(r, False) for r in project["optional-dependencies"]["test"]]
    found = []
    for requirement, runtime in wanted:
        match = REQUIREMENT.match(requirement)
        if match is None:
            raise SystemExit(f"ci/lowest.py: cannot read the requirement {requirement!r}")
        if runtime or canonical(match["name"]) in TEST_TOOLS:
            found.append((match["name"], requirement))
    return found


def lower_bound(requirement: str) -> str | None:
    match = REQUIREMENT.match(requirement)
    spec = match["spec"] if match else ""
    for clause in spec.split(","):
        clause = clause.strip()
        for operator in (">=", "==", "~="):
            if clause.startswith(operator):
                return clause[len(operator) :].strip()
    return None


def release(version: str) -> tuple[int, ...] | str:
    """1.2 and 1.2.0 are the same release; anything not plainly numeric compares as text."""
    parts = version.split(".")
    if not all(p.isdigit() for p in parts):
        return version
    numbers = [int(p) for p in parts]
    while len(numbers) > 1 and numbers[-1] == 0:
        numbers.pop()
    return tuple(numbers)


def verify() -> int:
    failures = 0
    print(f"{'dependency':<12} {'declared':<16} installed")
    for name, requirement in declared():
        bound = lower_bound(requirement)
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = "missing"
        ok = bound is not None and release(installed) == release(bound)
        failures += not ok
        spec = requirement[len(name) :].strip() or "(no bound)"
        print(f"{name:<12} {spec:<16} {installed}{'' if ok else '   <- not the declared minimum'}")
    if failures:
        print(
            "ci/lowest.py: the lowest-version run did not install the declared minimum of "
            f"{failures} dependenc{'y' if failures == 1 else 'ies'}; raise the bound in "
            "pyproject.toml to the version that installs (and passes), or give it one",
            file=sys.stderr,
        )
    return 1 if failures else 0


def main(argv: list[str]) -> int:
    if argv == ["requirements"]:
        for name, requirement in declared():
            if canonical(name) in TEST_TOOLS:
                print(requirement)
        return 0
    if argv == ["verify"]:
        return verify()
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
