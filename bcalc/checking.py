"""``bcalc check`` without the printing: every file loaded, computed and checked on its
own, from the cache where it has not changed, on several cores when there are many.

A file's outcome is a ``FileReport``: its findings and just the source lines they
quote, so that a check of a whole country holds findings, not files, in memory.
Heavy modules (PyYAML, the pydantic models, the checks) are imported only when a file
has to be checked, so that a run answered from the cache never loads them.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bcalc.findings import Finding, quote_lines
from bcalc.limits import MAX_FILE_BYTES

if TYPE_CHECKING:  # the cache imports this module
    from bcalc.cache import CheckCache

# Checking takes ~1,5 ms per kilobyte of YAML; starting a pool of workers ~0,1 s. Below
# this much YAML the workers cost more than they save (measured: 16 files of 20 kB
# each were slower with two workers than with one; see benchmarks/README.md).
PARALLEL_MIN_BYTES = 1024 * 1024
# Without fork (macOS, Windows) each worker imports bcalc anew, ~0,4 s.
SPAWN_MIN_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class FileReport:
    path: str
    findings: tuple[Finding, ...]
    quoted: dict[int, str]  # the source lines the findings point at, by line number
    invalid: bool  # the file could not be read or validated: nothing was checked


@dataclass(frozen=True, slots=True)
class RuleChoice:
    """``--select`` and ``--ignore`` as given: resolved to rules only where a file is
    checked, so that a run answered from the cache never imports the checks."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    max_bytes: int = MAX_FILE_BYTES


@dataclass(frozen=True, slots=True)
class Task:
    path: str
    data: bytes | None = None  # the file's bytes when the cache has already read them
    digest: str | None = None  # their sha256, for the cache to store the report under


def check_file(task: Task, choice: RuleChoice) -> FileReport:
    """Load, compute and check one file with the rules chosen."""
    from bcalc.calc import compute_file
    from bcalc.checks import run_checks, selected
    from bcalc.checks.base import Context
    from bcalc.load import load_bytes, load_file

    if task.data is None:
        loaded = load_file(task.path, choice.max_bytes)
    else:
        loaded = load_bytes(task.data, task.path)
    findings = list(loaded.problems)
    if loaded.case is not None:
        result = compute_file(loaded.case, task.path)
        rules = selected(choice.select, choice.ignore)
        findings += run_checks(Context(loaded, loaded.case, result), rules)
    quoted = quote_lines(findings, loaded.lines)
    return FileReport(task.path, tuple(findings), quoted, bool(loaded.problems))


def check_paths(
    paths: list[str], choice: RuleChoice, jobs: int = 0, cache: CheckCache | None = None
) -> list[FileReport]:
    """One report per path, in order: from the cache where the file is unchanged,
    checked (and stored in the cache) where not."""
    reports: dict[str, FileReport] = {}
    tasks: list[Task] = []
    for path in paths:
        found = cache.lookup(path) if cache is not None else None
        if found is not None and found.report is not None:
            reports[path] = found.report
        else:  # a miss carries the bytes the cache read, and their hash
            tasks.append(found.task if found is not None and found.task else Task(path))
    for task, report in zip(tasks, check_all(tasks, choice, jobs), strict=True):
        reports[task.path] = report
        if cache is not None:
            cache.store(task, report)
    if cache is not None:
        cache.save()
    return [reports[path] for path in paths]


def check_all(tasks: list[Task], choice: RuleChoice, jobs: int = 0) -> Iterator[FileReport]:
    """Reports in the order of ``tasks``. ``jobs``: worker processes, 0 for automatic
    (every core, for enough files), 1 to check in this process only."""
    workers = _workers(tasks, jobs)
    if workers <= 1:
        for task in tasks:
            yield check_file(task, choice)
        return
    import multiprocessing  # here: ~25 ms to import, and most runs need no workers
    from concurrent.futures import ProcessPoolExecutor

    method = _start_method()
    if method == "fork":  # import once here, so that every worker inherits the modules
        import bcalc.checks
        import bcalc.load  # noqa: F401

        tune_gc()
    context = multiprocessing.get_context(method)
    chunk = max(1, len(tasks) // (workers * 8))
    with ProcessPoolExecutor(workers, mp_context=context, initializer=tune_gc) as pool:
        yield from pool.map(check_file, tasks, [choice] * len(tasks), chunksize=chunk)


def _workers(tasks: list[Task], jobs: int) -> int:
    if jobs or len(tasks) < 2:
        return max(1, min(jobs, len(tasks)))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    needed = PARALLEL_MIN_BYTES if _start_method() == "fork" else SPAWN_MIN_BYTES
    total = 0
    for task in tasks:
        total += len(task.data) if task.data is not None else _size(task.path)
        if total >= needed:
            return min(cores or 1, len(tasks))
    return 1


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # the check reports it


def _start_method() -> str:
    # fork shares the imported modules for free; elsewhere it is unsafe or missing.
    return "fork" if sys.platform == "linux" else "spawn"


def tune_gc() -> None:
    """Collect garbage less often while checking.

    Parsing allocates hundreds of thousands of short-lived nodes that reference
    counting frees at once; the cyclic collector, run every 700 allocations by
    default, would walk every live object (all of pydantic's schemas) again and again
    for nothing: a quarter of a large check's time. Freezing what is alive after
    start-up and raising the threshold keeps collections rare; memory stays bounded
    because each file's objects are freed when it is done.
    """
    gc.freeze()
    gc.set_threshold(100_000, 20, 10)
