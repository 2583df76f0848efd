"""``bcalc check`` without the printing: every file loaded, computed and checked on its
own, from the cache where it has not changed, on several cores when there are many.

A file's outcome is a ``FileReport``: its findings and just the source lines they
quote, so that a check of a whole country holds findings, not files, in memory.
Heavy modules (PyYAML, the pydantic models, the checks) are imported only when a file
has to be checked, so that a run answered from the cache never loads them.
"""

from __future__ import annotations

import gc
import hashlib
import os
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from bcalc.findings import quote_lines
from bcalc.render.safe import clip
from bcalc.reports import LIFECYCLE_KINDS, FileReport, RuleChoice, path_problem

if TYPE_CHECKING:  # only for the annotation: a run without the cache never imports it
    from bcalc.cache import CheckCache

__all__ = ["FileReport", "RuleChoice", "check_all", "check_file", "check_paths", "tune_gc"]

# Checking takes ~1,5 ms per kilobyte of YAML; starting a pool of workers ~0,1 s. Below
# this much YAML the workers cost more than they save (measured: 16 files of 20 kB
# each were slower with two workers than with one; see benchmarks/README.md).
PARALLEL_MIN_BYTES = 1024 * 1024
# Without fork (macOS, Windows) each worker imports bcalc anew, ~0,4 s.
SPAWN_MIN_BYTES = 8 * 1024 * 1024


def check_file(path: str, choice: RuleChoice) -> FileReport:
    """Load, compute and check one file with the rules chosen. The bytes are read once,
    hashed and stamped here (``os.fstat`` of the handle read), so that the cache stores
    the findings under what was checked, however late it stores them."""
    from bcalc.calc import compute_file
    from bcalc.checks import run_checks, selected
    from bcalc.checks.base import Context
    from bcalc.files import read_case
    from bcalc.load import load_bytes, with_unit_costs

    read = read_case(path, choice.max_bytes)
    if isinstance(read, str):
        return FileReport(path, (path_problem(path, read),), {}, True)
    loaded = with_unit_costs(load_bytes(read.data, path), choice.max_bytes)
    digest = hashlib.sha256(read.data).hexdigest()
    findings = list(loaded.problems)
    if loaded.case is not None:
        result = compute_file(loaded.case, path, loaded.unit_costs)
        rules = selected(choice.select, choice.ignore)
        context = Context(loaded.case, result, loaded.locate, loaded.unit_costs)
        findings += run_checks(context, rules)
    elif loaded.kind in LIFECYCLE_KINDS:  # a follow-up report, a portfolio overview
        from bcalc.checks.lifecycle import check_document

        findings += check_document(loaded, selected(choice.select, choice.ignore))
    # Only what is printed is kept (and cached): not a megabyte-long line.
    quoted = {line: clip(text) for line, text in quote_lines(findings, loaded.lines).items()}
    invalid = bool(loaded.problems)
    # Findings that depend on another file (a unit-cost table) are not cached: the
    # cache knows only this file's stamp.
    stamp = None if loaded.depends_on else read.stamp
    # Nor is a follow-up or portfolio file: its kind is what calls for the check of the
    # files together (check_paths), and the cache keeps no kinds.
    if loaded.kind in LIFECYCLE_KINDS:
        stamp = None
    kind = loaded.kind
    return FileReport(path, tuple(findings), quoted, invalid, digest, stamp, read.read_ns, kind)


def check_paths(
    paths: list[str],
    choice: RuleChoice,
    jobs: int = 0,
    cache: CheckCache | None = None,
    done: Callable[[], None] | None = None,
) -> list[FileReport]:
    """One report per path, in order: from the cache where the file is unchanged,
    checked (and stored in the cache) where not. ``done`` is called once a file,
    as its report is ready (a progress bar)."""
    reports: dict[str, FileReport] = {}
    for path in paths:
        hit = cache.lookup(path) if cache is not None else None
        if hit is not None:
            reports[path] = hit
            if done is not None:
                done()
    todo = [path for path in paths if path not in reports]
    for report in check_all(todo, choice, jobs):
        reports[report.path] = report
        if done is not None:
            done()
        if cache is not None:
            cache.store(report)
    if cache is not None:
        cache.save()
    ordered = [reports[path] for path in paths]
    if any(report.kind in LIFECYCLE_KINDS for report in ordered):
        from bcalc.checks.lifecycle import with_findings_together

        ordered = with_findings_together(ordered, choice)
    return ordered


def check_all(paths: list[str], choice: RuleChoice, jobs: int = 0) -> Iterator[FileReport]:
    """Reports in the order of ``paths``. ``jobs``: worker processes, 0 for automatic
    (every core, for enough files), 1 to check in this process only."""
    workers = _workers(paths, jobs)
    if workers <= 1:
        if len(paths) > 1:  # perf (issue 18): as in the workers, for the same reason
            tune_gc()
        for path in paths:
            yield check_file(path, choice)
        return
    import multiprocessing  # here: ~25 ms to import, and most runs need no workers
    from concurrent.futures import ProcessPoolExecutor

    method = _start_method()
    if method == "fork":  # import once here, so that every worker inherits the modules
        import bcalc.checks
        import bcalc.load  # noqa: F401

        tune_gc()
    context = multiprocessing.get_context(method)
    chunk = max(1, len(paths) // (workers * 8))
    with ProcessPoolExecutor(workers, mp_context=context, initializer=tune_gc) as pool:
        yield from pool.map(check_file, paths, [choice] * len(paths), chunksize=chunk)


def _workers(paths: list[str], jobs: int) -> int:
    if jobs or len(paths) < 2:
        return max(1, min(jobs, len(paths)))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    needed = PARALLEL_MIN_BYTES if _start_method() == "fork" else SPAWN_MIN_BYTES
    total = 0
    for path in paths:
        total += _size(path)
        if total >= needed:
            return min(cores or 1, len(paths))
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
