"""Rich renderables onto a stream: a terminal at its width, a pipe wide enough."""

from __future__ import annotations

import os
from typing import TextIO

# Piped output (CI logs, files) has no terminal width; rich would assume 80 columns and
# fold titles mid-word. Wide enough for the longest real title on one line.
PIPED_WIDTH = 160


def print_rich(renderables: list[object], out: TextIO) -> None:
    from rich.console import Console

    console = Console(file=out, highlight=False)
    if not console.is_terminal and not os.environ.get("COLUMNS"):
        console = Console(file=out, highlight=False, width=PIPED_WIDTH)
    for renderable in renderables:
        console.print(renderable)
