"""A progress bar for long work (a folder of hundreds of files, a report), on a
terminal only: drawn on stderr, never into a pipe, a file or a CI log, and never on
stdout, where the results go. rich.progress is imported only when a bar is drawn."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

Advance = Callable[[], None]

# Fewer files than this take well under a second: a bar would only flicker.
MIN_FILES = 20


def wanted(total: int, minimum: int = MIN_FILES, stream: TextIO | None = None) -> bool:
    """True when ``total`` steps are worth a bar and stderr is a terminal."""
    stream = sys.stderr if stream is None else stream
    return total >= minimum and stream.isatty()


@contextmanager
def bar(total: int, what: str, enabled: bool) -> Iterator[Advance]:
    """A function to call after each step; a bar on stderr only when ``enabled``."""
    if not enabled:
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(what, total=total)
        yield lambda: progress.advance(task)
