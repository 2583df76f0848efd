"""Finding case files in folders: stable order, no hidden folders, no symlink loops,
and no symbolic link followed out of the tree bcalc was asked to check.

**The tree.** For a folder named on the command line, the tree is that folder. For a
file named on the command line, it is the current folder, if the file is named inside
it (pre-commit and CI run from the repository root and pass paths relative to it), or
the folder the file is named in.

**Links.** A symbolic link, to a file or a folder, is followed only if its target,
fully resolved, lies inside the tree and is not hidden there (no part of its path
below the tree starts with "."); a link to a file, only to a ``*.yaml`` or ``*.yml``
file. Anything else is reported and never read: a committed ``cases/env.yaml`` linking
to ``/proc/self/environ``, ``/etc/shadow``, ``../.env`` or a key file written by a CI
step would otherwise print secrets into a CI log, as quoted lines or "unknown fields".
A folder named on the command line that is itself a link is held to the rule for a
file named there. Inside the tree, a linked folder needs no following: its target is
walked where it lies, under its own name, and a folder reached twice (a loop such as
``self -> .``) is walked once.

**Problems are findings.** Nothing that looks like a case file is dropped silently:
a path that does not exist, a broken or looping link, a link refused as above, a named
pipe or device, a folder that cannot be listed, and a folder named on the command line
with no case files at all are each a ``Finding``: BC001, an error, ``file`` the path,
at line 1, column 1 (like a file that cannot be read: every output format can point at
it, and GitHub attaches it to the file). They are reported with the file's findings,
in text, JSON and GitHub output alike, counted in the summary, and make ``bcalc
check`` exit 2. A finding never quotes a line of a path it refused: such a path is
never opened.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from bcalc.findings import Finding
from bcalc.reports import path_problem

SUFFIXES = (".yaml", ".yml")

MISSING = "no such file or folder"
BROKEN_LINK = "a broken or looping symbolic link"
NOT_REGULAR = "not a regular file (a pipe, a device or a socket); not read"
NO_CASE_FILES = "no *.yaml or *.yml case files in this folder"


def case_files(paths: list[Path]) -> tuple[list[str], list[Finding]]:
    """Files to check, and a finding for every path that cannot be used."""
    files: list[str] = []
    problems: list[Finding] = []
    current = _current_folder()
    for path in paths:
        name = str(path)
        if os.path.islink(name) and (refused := _named_link_problem(name, current)):
            problems.append(refused)
        elif os.path.isdir(name):
            found, trouble = _walk(name)
            files += found
            problems += trouble
        elif os.path.lexists(name):
            if (problem := _not_regular(name)) is None:
                files.append(name)
            else:
                problems.append(problem)
        else:
            problems.append(path_problem(name, MISSING))
    if not files and not problems:  # only folders, and no case file in any of them
        problems = [path_problem(str(path), NO_CASE_FILES) for path in paths]
    return list(dict.fromkeys(files)), problems


def is_case_file_name(name: str) -> bool:
    """``*.yaml`` or ``*.yml`` in any case, and not hidden."""
    return name.lower().endswith(SUFFIXES) and not name.startswith(".")


def _current_folder() -> str | None:
    try:
        return os.path.realpath(os.getcwd())
    except OSError:  # the current folder was removed
        return None


def _named_link_problem(name: str, current: str | None) -> Finding | None:
    """Why a link named on the command line is not followed, or None if it may be."""
    target = os.path.realpath(name)
    if not os.path.exists(target):
        return None  # broken or looping: reported as such where it is used
    trees = [(os.path.realpath(os.path.dirname(os.path.abspath(name))), "its folder")]
    if current is not None and _is_inside(os.path.abspath(name), current):
        trees.insert(0, (current, "the current folder"))
    problems = [_link_problem(name, target, tree, where) for tree, where in trees]
    return None if None in problems else problems[0]


def _link_problem(name: str, target: str, tree: str, where: str) -> Finding | None:
    """Why the link ``name`` to ``target`` (resolved, existing) is not followed from
    inside ``tree``, or None if it may be."""
    folder = os.path.isdir(target)
    shown = f"the folder '{target}'" if folder else f"'{target}'"
    done = "not followed" if folder else "not read"
    if not _is_inside(target, tree):
        return path_problem(name, f"a symbolic link to {shown}, outside {where}; {done}")
    below = os.path.relpath(target, tree).split(os.sep)
    if any(part.startswith(".") for part in below if part != os.curdir):
        return path_problem(name, f"a symbolic link to {shown}, a hidden file or folder; {done}")
    if not folder and not is_case_file_name(os.path.basename(target)):
        return path_problem(name, f"a symbolic link to {shown}, not a *.yaml or *.yml file; {done}")
    return None


def _is_inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _walk(folder: str) -> tuple[list[str], list[Finding]]:
    """Every case file under ``folder``, named as found below it; hidden entries are
    skipped, links are held to the tree (``folder``, resolved), and every folder is
    walked once, however many ways lead to it."""
    tree = os.path.realpath(folder)
    found: list[str] = []
    problems: list[Finding] = []
    walked: set[tuple[int, int]] = set()  # (device, inode): a folder reached twice
    todo = [folder]
    while todo:
        current = todo.pop()
        try:
            status = os.stat(current)
            if (status.st_dev, status.st_ino) in walked:
                continue
            walked.add((status.st_dev, status.st_ino))
            with os.scandir(current) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            problems.append(
                path_problem(current, f"the folder cannot be listed: {error.strerror or error}")
            )
            continue
        folders: list[str] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = os.path.join(current, entry.name)
            if entry.is_symlink():
                problem = _linked(path, entry.name, tree)
                if problem is not None:
                    problems.append(problem)
                elif is_case_file_name(entry.name) and not os.path.isdir(path):
                    found.append(path)
                # A linked folder inside the tree is walked where it lies.
            elif entry.is_dir(follow_symlinks=False):
                folders.append(path)
            elif is_case_file_name(entry.name):
                if entry.is_file(follow_symlinks=False):
                    found.append(path)
                else:
                    problems.append(path_problem(path, NOT_REGULAR))
        todo += reversed(folders)  # depth first, in name order
    return sorted(found), problems


def _linked(path: str, name: str, tree: str) -> Finding | None:
    """Why the link ``path`` found in the walk of ``tree`` is not used, or None."""
    target = os.path.realpath(path)
    try:
        mode = os.stat(path).st_mode
    except OSError:  # broken or looping: a problem only where a case file was meant
        return path_problem(path, BROKEN_LINK) if is_case_file_name(name) else None
    if not stat.S_ISDIR(mode) and not is_case_file_name(name):
        return None  # a link to something that is no case file: never read
    if problem := _link_problem(path, target, tree, "the folder being checked"):
        return problem
    if not stat.S_ISDIR(mode) and not stat.S_ISREG(mode):
        return path_problem(path, NOT_REGULAR)
    return None


def _not_regular(path: str) -> Finding | None:
    """Why ``path`` cannot be read as a file (a pipe would block, a device never end)."""
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        if os.path.islink(path):
            return path_problem(path, BROKEN_LINK)
        return path_problem(path, f"cannot be read: {error.strerror or error}")
    if stat.S_ISREG(mode):
        return None
    return path_problem(path, NOT_REGULAR)
