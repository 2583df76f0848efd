"""The check cache and parallel checking: same findings, less work."""

from __future__ import annotations

import dataclasses
import gc
import json
import os
import shutil
import tempfile
import typing
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bcalc import checking
from bcalc.cache import CheckCache
from bcalc.checking import FileReport, RuleChoice, check_all, check_file, check_paths
from bcalc.cli import app
from bcalc.findings import Finding, Severity
from bcalc.reports import Stamp
from tests.conftest import CASES, consistent_2026

runner = CliRunner()
ALL = RuleChoice()
HOUR_NS = 3600 * 10**9


def copy_case(folder: Path, name: str = "2021.yaml", age_ns: int = HOUR_NS) -> Path:
    """A copy of a real case file, last modified ``age_ns`` ago (2026 without its
    slide-3 claim, so that it has no findings)."""
    target = folder / name
    if name == "2026.yaml":
        target.write_bytes(consistent_2026())
    else:
        shutil.copyfile(CASES / name, target)
    modified = os.stat(target).st_mtime_ns - age_ns
    os.utime(target, ns=(modified, modified))
    return target


def checked(cache: CheckCache, path: Path) -> None:
    assert cache.lookup(str(path)) is None, "expected a cache miss"
    cache.store(check_file(str(path), ALL))


def saved_cache(folder: Path, case: Path) -> CheckCache:
    """A cache in ``folder``/cache that has checked ``case`` and been written."""
    cache = CheckCache(folder / "cache", ALL)
    checked(cache, case)
    cache.save()
    return cache


def test_an_unchanged_file_is_answered_from_the_cache_with_the_same_findings(
    tmp_path: Path,
) -> None:
    case = copy_case(tmp_path)
    saved_cache(tmp_path, case)
    again = CheckCache(tmp_path / "cache", ALL)
    found = again.lookup(str(case))
    assert found is not None
    fresh = check_file(str(case), ALL)
    assert found == fresh
    # Budget 2021: three BC106 errors (lines 51, 72, 92) among its findings.
    assert [f.line for f in found.findings if f.code == "BC106"] == [51, 72, 92]
    assert found.quoted[51].strip() == "period: [2020, 2023]"


def test_a_changed_file_is_checked_again_even_with_the_same_size_and_time(
    tmp_path: Path,
) -> None:
    case = copy_case(tmp_path, age_ns=0)  # written just now: its time stamp is not trusted
    cache = CheckCache(tmp_path / "cache", ALL)
    checked(cache, case)
    status = os.stat(case)
    text = case.read_text(encoding="utf-8")
    assert '2020: "-2,2"' in text
    case.write_text(text.replace('2020: "-2,2"', '2020: "-2,3"'), encoding="utf-8")
    os.utime(case, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert os.stat(case).st_size == status.st_size
    assert cache.lookup(str(case)) is None  # hashed, and the content differs


def test_a_touched_but_unchanged_file_is_hashed_not_checked(tmp_path: Path) -> None:
    case = copy_case(tmp_path)
    cache = CheckCache(tmp_path / "cache", ALL)
    checked(cache, case)
    os.utime(case)  # new time stamp, same content
    assert cache.lookup(str(case)) is not None


def test_other_rules_use_another_cache_file_and_a_damaged_one_is_ignored(
    tmp_path: Path,
) -> None:
    case = copy_case(tmp_path)
    cache = saved_cache(tmp_path, case)
    only_periods = CheckCache(tmp_path / "cache", RuleChoice(("BC106",)))
    assert only_periods.path != cache.path
    assert only_periods.lookup(str(case)) is None

    cache.path.write_text('{"damaged', encoding="utf-8")
    damaged = CheckCache(tmp_path / "cache", ALL)
    assert damaged.lookup(str(case)) is None


def test_an_unwritable_cache_folder_costs_nothing_but_time(tmp_path: Path) -> None:
    case = copy_case(tmp_path)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    cache = CheckCache(blocked / "cache", ALL)
    checked(cache, case)
    cache.save()  # must not raise
    assert blocked.read_text(encoding="utf-8").startswith("a file")


def test_cli_second_run_prints_the_same_and_no_cache_writes_nothing(tmp_path: Path) -> None:
    for name in ("2021.yaml", "2023.yaml", "2026.yaml"):
        copy_case(tmp_path, name)
    cache_dir = tmp_path / "cache"
    args = ["check", str(tmp_path), "--show-info", "--cache-dir", str(cache_dir)]
    first = runner.invoke(app, args)
    second = runner.invoke(app, args)
    assert first.exit_code == second.exit_code == 1
    assert first.stdout == second.stdout
    # 2021: 3 errors, 3 warnings, 14 rounding notes; 2023: a rounding note and Tabel 2's
    # warning; 2026 (without its slide-3 claim): none.
    assert "3 files checked: 3 errors, 4 warnings, 15 explained by rounding" in second.stdout
    assert (cache_dir / ".gitignore").read_text(encoding="utf-8").endswith("*\n")

    other = tmp_path / "other-cache"
    uncached = runner.invoke(app, ["check", str(tmp_path), "--no-cache", "--cache-dir", str(other)])
    assert uncached.exit_code == 1 and not other.exists()


def test_worker_processes_give_the_same_reports_in_the_same_order(tmp_path: Path) -> None:
    names = ("2021.yaml", "2023.yaml", "2026.yaml")
    paths = [str(copy_case(tmp_path, name)) for name in names] * 3
    serial = list(check_all(paths, ALL, jobs=1))
    parallel = list(check_all(paths, ALL, jobs=2))
    assert parallel == serial
    # 2021: 3 errors, 3 warnings, 14 rounding notes; 2023: a rounding note and Tabel
    # 2's warning; 2026 (without its slide-3 claim): none.
    assert [len(r.findings) for r in serial[:3]] == [20, 2, 0]


def test_an_unknown_rule_code_is_refused_not_silently_checking_nothing() -> None:
    result = runner.invoke(app, ["check", str(CASES), "--no-cache", "--select", "BC9"])
    assert result.exit_code == 2
    assert "no rule code starts with 'BC9'" in result.output


def test_checking_a_real_file_leaves_no_cyclic_garbage() -> None:
    """check runs with rare cyclic collections (checking.tune_gc); that is only safe
    while reference counting frees everything a file's check allocates."""
    for name in ("2021.yaml", "2023.yaml", "2026.yaml"):
        path = str(CASES / name)
        check_file(path, ALL)  # imports and caches first
        gc.collect()
        gc.disable()
        try:
            check_file(path, ALL)
            assert gc.collect() == 0, name
        finally:
            gc.enable()


def _damage(cache: CheckCache, case: Path, damage: object) -> CheckCache:
    """The saved cache with ``case``'s entry changed by ``damage`` (a function of the
    entry, or the entry's replacement), read back as the next run would."""
    entries = json.loads(cache.path.read_text(encoding="utf-8"))
    key = os.path.abspath(case)
    entries[key] = damage(entries[key]) if callable(damage) else damage
    cache.path.write_text(json.dumps(entries), encoding="utf-8")
    return CheckCache(cache.path.parent, ALL)


def _without(field: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda entry: {k: v for k, v in entry.items() if k != field}


def _with(field: str, value: object) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda entry: {**entry, field: value}


def _with_finding(field: str, value: object) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda entry: {**entry, "findings": [{**entry["findings"][0], field: value}]}


@pytest.mark.parametrize(
    "damage",
    [
        _without("size"),
        _without("sha256"),
        _with("checked_ns", None),
        _with("checked_ns", "yesterday"),
        _with("size", "1234"),
        _with("size", True),
        _with("mtime_ns", 1.5),
        _with("sha256", 42),
        _with("findings", {"not": "a list"}),
        _with("findings", ["not a finding"]),
        _with("quoted", ["not", "a", "mapping"]),
        _with("quoted", {"not a line": "text"}),
        _with("invalid", "no"),
        _with_finding("line", "51"),
        _with_finding("path", "period"),
        _with_finding("stated_as", 42),
        _with_finding("computed", "not a number"),
        _with_finding("severity", "fatal"),
        lambda entry: {**entry, "findings": [{"code": "BC106"}]},
        "not an entry",
        None,
    ],
    ids=[
        "no-size",
        "no-sha256",
        "checked-null",
        "checked-text",
        "size-text",
        "size-bool",
        "mtime-float",
        "sha256-number",
        "findings-mapping",
        "finding-text",
        "quoted-list",
        "quoted-not-a-line",
        "invalid-text",
        "line-text",
        "path-text",
        "stated-as-number",
        "computed-not-a-number",
        "severity-unknown",
        "finding-incomplete",
        "entry-text",
        "entry-null",
    ],
)
def test_a_damaged_entry_means_check_the_file_anew(tmp_path: Path, damage: object) -> None:
    case = copy_case(tmp_path)
    cache = saved_cache(tmp_path, case)
    damaged = _damage(cache, case, damage)
    assert damaged.lookup(str(case)) is None  # never an exception
    damaged.store(check_file(str(case), ALL))  # and the entry is written anew
    damaged.save()
    assert CheckCache(cache.path.parent, ALL).lookup(str(case)) == check_file(str(case), ALL)


def test_a_damaged_cache_costs_the_command_line_nothing_but_time(tmp_path: Path) -> None:
    case = copy_case(tmp_path)
    cache = saved_cache(tmp_path, case)
    _damage(cache, case, _without("size"))
    args = ["check", str(case), "--cache-dir", str(cache.path.parent)]
    result = runner.invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    fresh = runner.invoke(app, [*args, "--no-cache"])
    assert result.exit_code == fresh.exit_code == 1  # Budget 2021: three BC106 errors
    assert result.stdout == fresh.stdout
    assert "1 file checked: 3 errors" in result.stdout


def test_an_edit_after_the_file_was_read_is_never_stored_under_the_old_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race with worker processes, made deterministic: the user saves an edit
    after the file was read for checking and before the report is stored."""
    case = copy_case(tmp_path, "2026.yaml")  # clean: 0 errors
    text = case.read_text(encoding="utf-8")
    broken = text.replace("investment:", "investmnet:", 1)  # BC002, the same size
    real_check_file = checking.check_file

    def check_then_edit(path: str, choice: RuleChoice) -> FileReport:
        report = real_check_file(path, choice)
        case.write_text(broken, encoding="utf-8")
        half_an_hour_ago = os.stat(case).st_mtime_ns - HOUR_NS // 2
        os.utime(case, ns=(half_an_hour_ago, half_an_hour_ago))  # old enough to trust
        return report

    monkeypatch.setattr(checking, "check_file", check_then_edit)
    [report] = check_paths([str(case)], ALL, jobs=1, cache=CheckCache(tmp_path / "cache", ALL))
    assert report.findings == ()  # what was read: the file before the edit
    monkeypatch.undo()

    assert CheckCache(tmp_path / "cache", ALL).lookup(str(case)) is None
    args = ["check", str(case), "--cache-dir", str(tmp_path / "cache")]
    cached, uncached = runner.invoke(app, args), runner.invoke(app, [*args, "--no-cache"])
    assert cached.exit_code == uncached.exit_code == 2
    assert cached.stdout == uncached.stdout
    assert f"{case}:" in cached.stdout and ": BC002 [error] " in cached.stdout


def test_the_stamp_stored_is_that_of_the_handle_read_not_a_later_stat(tmp_path: Path) -> None:
    case = copy_case(tmp_path)
    before = os.stat(case)
    report = check_file(str(case), ALL)
    assert report.stamp == Stamp.of(before)
    assert report.read_ns > before.st_mtime_ns


def _edit_keeping_size_and_times(case: Path, old: str, new: str, rename: bool) -> None:
    """An edit as ``cp -p`` (in place) or ``rsync -t`` (a new file renamed over the
    old) makes it: the same size, the old modification and access times restored.
    Only what no user tool can restore tells it apart: the change time, the inode."""
    before = os.stat(case)
    text = case.read_text(encoding="utf-8")
    assert old in text and len(old) == len(new)
    if rename:
        temporary = case.with_suffix(".partial")
        temporary.write_text(text.replace(old, new, 1), encoding="utf-8")
        os.utime(temporary, ns=(before.st_atime_ns, before.st_mtime_ns))
        os.replace(temporary, case)
        assert os.stat(case).st_ino != before.st_ino
    else:
        case.write_text(text.replace(old, new, 1), encoding="utf-8")
        os.utime(case, ns=(before.st_atime_ns, before.st_mtime_ns))
        for _ in range(1_000_000):  # the change time ticks coarsely: until it has moved
            if os.stat(case).st_ctime_ns != before.st_ctime_ns:
                break
            os.utime(case, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(case)
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert after.st_ctime_ns != before.st_ctime_ns


@pytest.mark.parametrize("rename", [False, True], ids=["cp-p", "rsync-t"])
def test_an_edit_that_restores_size_and_mtime_is_not_answered_from_the_cache(
    tmp_path: Path, rename: bool
) -> None:
    case = copy_case(tmp_path, "2026.yaml")  # an hour old: its time stamp is trusted
    cache_dir = tmp_path / "cache"
    args = ["check", str(case), "--cache-dir", str(cache_dir)]
    assert runner.invoke(app, args).exit_code == 0
    _edit_keeping_size_and_times(case, "investment:", "investmnet:", rename)
    cached = runner.invoke(app, args)
    assert cached.exit_code == 2
    assert cached.stdout == runner.invoke(app, [*args, "--no-cache"]).stdout
    assert ": BC002 [error] " in cached.stdout


def test_a_committed_gitignore_link_never_makes_bcalc_write_outside_the_cache(
    tmp_path: Path,
) -> None:
    case = copy_case(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    folder = tmp_path / "repo" / ".bcalc_cache"
    folder.mkdir(parents=True)
    (folder / ".gitignore").symlink_to(outside / "created")  # dangling, as committed
    cache = CheckCache(folder, ALL)
    checked(cache, case)
    cache.save()
    assert list(outside.iterdir()) == []
    assert (folder / ".gitignore").is_symlink()  # left as it is, never followed
    assert CheckCache(folder, ALL).lookup(str(case)) is not None  # the cache still works


def test_a_cache_file_that_is_a_link_is_neither_read_nor_written_through(
    tmp_path: Path,
) -> None:
    case = copy_case(tmp_path)
    elsewhere = saved_cache(tmp_path / "elsewhere", case)  # a cache that says "checked"
    before = elsewhere.path.read_bytes()
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / elsewhere.path.name).symlink_to(elsewhere.path)
    cache = CheckCache(folder, ALL)
    assert cache.lookup(str(case)) is None  # not read through the link
    cache.store(check_file(str(case), ALL))
    cache.save()
    assert elsewhere.path.read_bytes() == before  # not written through it either
    assert not (folder / elsewhere.path.name).is_symlink()


def test_a_cache_folder_that_is_a_link_is_not_used(tmp_path: Path) -> None:
    case = copy_case(tmp_path)
    outside = tmp_path / "outside"
    saved_cache(outside, case)  # outside/cache holds a cache that says "checked"
    before = {p.name: p.read_bytes() for p in (outside / "cache").iterdir()}
    link = tmp_path / "repo" / ".bcalc_cache"
    link.parent.mkdir()
    link.symlink_to(outside / "cache")
    cache = CheckCache(link, ALL)
    assert cache.lookup(str(case)) is None
    cache.store(check_file(str(case), ALL))
    cache.save()
    assert {p.name: p.read_bytes() for p in (outside / "cache").iterdir()} == before


def test_a_temporary_file_orphaned_by_a_kill_is_cleaned_up_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = copy_case(tmp_path)
    folder = tmp_path / "cache"
    made: list[str] = []
    real_mkstemp = tempfile.mkstemp

    def recording_mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        handle, name = real_mkstemp(*args, **kwargs)
        made.append(name)
        return handle, name

    monkeypatch.setattr(tempfile, "mkstemp", recording_mkstemp)
    saved_cache(tmp_path, case)
    monkeypatch.undo()
    # What a kill between writing and renaming leaves: bcalc's own temporary file.
    [orphan] = map(Path, made)
    orphan.write_text("{}", encoding="utf-8")
    fresh = orphan.with_name(orphan.name[:-12] + "zzzz9999.tmp")  # a save in progress
    fresh.write_text("{}", encoding="utf-8")
    others = [folder / "notes.tmp", folder / "tmpabcd1234.tmp"]  # not bcalc's naming
    link = orphan.with_name(orphan.name[:-12] + "link0000.tmp")
    link.symlink_to(case)
    for path in others:
        path.write_text("someone else's", encoding="utf-8")
    for path in [orphan, *others]:
        os.utime(path, ns=(0, 0))  # long ago
    os.utime(link, ns=(0, 0), follow_symlinks=False)

    CheckCache(folder, ALL).save()  # even a run that changed nothing cleans up
    assert not orphan.exists()
    assert fresh.exists() and link.is_symlink() and case.exists()
    assert all(path.read_text(encoding="utf-8") == "someone else's" for path in others)


def test_every_field_of_a_finding_comes_back_from_the_cache(tmp_path: Path) -> None:
    """A field added to Finding must survive the cache, or a cached run would print
    less than a fresh one."""
    samples: dict[object, object] = {
        str: "text",
        str | None: "other text",
        int: 7,
        Decimal | None: Decimal("-1.50"),
        Severity: Severity.WARNING,
        tuple[str | int, ...]: ("proposals", 0, "stated", "net_gain", 2027),
        dict[str, str]: {"name": "value"},
    }
    types = typing.get_type_hints(Finding)
    case = copy_case(tmp_path, "2026.yaml")
    values = {f.name: samples[types[f.name]] for f in dataclasses.fields(Finding)}
    finding = Finding(**{**values, "file": str(case)})
    report = check_file(str(case), ALL)
    report = dataclasses.replace(report, findings=(finding,), quoted={7: "a line"})
    cache = CheckCache(tmp_path / "cache", ALL)
    cache.store(report)
    cache.save()
    assert CheckCache(tmp_path / "cache", ALL).lookup(str(case)) == report
