"""User text made safe to print: never a megabyte on one line."""

from __future__ import annotations

# A quoted source line longer than this is cut: the start shows where the problem is,
# and a CI log is no place for a megabyte of digits.
MAX_QUOTED = 200


def clip(line: str) -> str:
    """``line`` as quoted under a finding, at most ``MAX_QUOTED`` characters and a note."""
    line = line.rstrip()
    if len(line) <= MAX_QUOTED:
        return line
    return f"{line[:MAX_QUOTED]} … ({len(line) - MAX_QUOTED:,} more characters)"
