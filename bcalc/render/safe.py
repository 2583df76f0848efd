"""User text made safe to print: no terminal escapes, never a megabyte on one line.

A case file's titles, keys and lines reach a terminal or a CI log. Printed raw, an
escape sequence there could clear the screen, retitle the window or write to the
clipboard (OSC 52), and a right-to-left override could make a line read otherwise
than it is. ``visible`` shows each such character as Python writes it (``\\x1b``,
``\\u202e``); JSON output needs none of this, ``json.dumps`` escapes them itself.
"""

from __future__ import annotations

import re

# A quoted source line longer than this is cut: the start shows where the problem is,
# and a CI log is no place for a megabyte of digits.
MAX_QUOTED = 200

# Control characters but the tab (C0, DEL, C1), line and paragraph separators, the
# bidirectional overrides and isolates, and lone surrogates (a file name's bytes that
# are not UTF-8, as Python decodes them, or a "\ud800" escape in a YAML string).
_INVISIBLE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of a file name (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control character shown as an escape, safe in any
    terminal and encodable as UTF-8 (a file name that is not is shown with
    ``\\xff`` for each byte that is not)."""
    return text if text.isprintable() else _INVISIBLE.sub(_shown, text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def encodable(text: str) -> str:
    """``text`` encodable as UTF-8, otherwise unchanged: for JSON, which escapes control
    characters itself. A lone surrogate, such as a file name's byte that is not UTF-8,
    is shown as ``visible`` shows it (``\\xff``)."""
    return _SURROGATE.sub(_shown, text) if _SURROGATE.search(text) else text


def clip(line: str) -> str:
    """``line`` as quoted under a finding, at most ``MAX_QUOTED`` characters and a note."""
    line = line.rstrip()
    if len(line) <= MAX_QUOTED:
        return line
    return f"{line[:MAX_QUOTED]} … ({len(line) - MAX_QUOTED:,} more characters)"
