"""YAML syntax errors in bcalc's own words, whatever the parser's version.

libyaml and PyYAML's pure-Python parser word the same mistake differently, and each
release may change the wording ("found character that cannot start any token" names
no tab; "did not find expected '-' indicator" names no indentation). bcalc therefore
decides what went wrong from the *kind* of error and the text at its position, and
says it in words an economist understands. The parser's own sentence is kept only
where bcalc has nothing better to say.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# A case file nests about eight levels deep (proposals → a proposal → savings →
# components → a component → amount → a year). A hundred is far beyond any real file
# and well below what the parsers themselves refuse (libyaml: 1000; the pure-Python
# parser runs out of stack earlier), so the limit and its message are bcalc's own.
MAX_DEPTH = 100

TOO_DEEP = f"the file is nested more than {MAX_DEPTH} levels deep; a case file needs about ten"


@dataclass(frozen=True, slots=True)
class SyntaxProblem:
    """What is wrong, in bcalc's words, and where (1-based)."""

    message: str
    line: int
    column: int


def explain(error: Any, text: str) -> SyntaxProblem:
    """One message for a ``yaml.MarkedYAMLError`` raised while reading ``text``."""
    mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = str(getattr(error, "problem", "") or "")
    context = str(getattr(error, "context", "") or "")
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""

    def at(message: str, where: tuple[int, int] = (line, column)) -> SyntaxProblem:
        return SyntaxProblem(message, *where)

    if "nesting depth" in problem:
        return at(TOO_DEEP)
    if "\t" in _indentation(here) or _char(here, column) == "\t":
        return at(
            "a tab is used to indent this line; YAML indents with spaces only "
            "(set your editor to insert spaces)",
            (line, _tab_column(here) or column),
        )
    if "quoted scalar" in context and "end of stream" in problem:
        start = _position(context_mark) or (line, column)
        quote = _char(lines[start[0] - 1], start[1]) if start[0] <= len(lines) else '"'
        return at(f"the quote ({quote}) opened here is never closed", start)
    if "flow sequence" in context or "flow mapping" in context:
        start = _position(context_mark) or (line, column)
        opened = "[" if "sequence" in context else "{"
        closing = "]" if opened == "[" else "}"
        return at(
            f"the bracket {opened} opened on line {start[0]} is not closed before this "
            f"point; close it with {closing}, or separate its items with commas",
        )
    if "simple key" in context and "':'" in problem:
        start = _position(context_mark) or (line, column)
        shown = lines[start[0] - 1].strip() if start[0] <= len(lines) else ""
        return at(
            f"{shown!r} is not a field: a ':' is missing after the field name "
            "(write 'name: value')",
            start,
        )
    if "mapping values are not allowed" in problem:
        before = here[: column - 1]
        if ": " in before.lstrip():
            return at("a text containing ': ' must be in quotes, e.g. title: \"Flere: i job\"")
        return at(
            "this line is indented more than the field before it, or the line above "
            "lacks a ':' after its field name"
        )
    if "block collection" in context or "block mapping" in context or "<block end>" in problem:
        if unclosed := _unclosed_quote(lines[:line]):
            quote_line, quote = unclosed
            return at(
                f"the quote ({quote}) opened on line {quote_line} is not closed on that line, "
                "so the text runs on into the next field; close it where the text ends",
                (quote_line, lines[quote_line - 1].find(quote) + 1),
            )
        return at(
            "this line is not indented like the lines around it; fields of one item must "
            "start in the same column (use spaces, two per level)"
        )
    if "undefined alias" in problem:
        name = here[column:].split()[0] if here[column:].split() else ""
        alias = f" *{name}" if name else ""
        return at(f"the alias{alias} refers to no anchor (&) written before it")
    if "escape character" in problem:
        return at(
            "a backslash (\\) in a double-quoted text starts an escape that YAML does not "
            "know; use single quotes, or write \\\\ for a backslash"
        )
    if "another document" in problem:
        return at("a case file is one YAML document; a second one starts here (---)")
    if "cannot start any token" in problem:
        char = _char(here, column)
        shown = f"'{char}'" if char and char.isprintable() else "this character"
        return at(f"a value cannot start with {shown} unless it is in quotes")
    if "anchor" in context or "alias" in context:
        return at("an anchor (&) or alias (*) needs a name of letters or digits")
    reason = problem or str(error).splitlines()[0]
    return at(f"this is not valid YAML at this point (the YAML reader says: {reason})")


def _unclosed_quote(lines: list[str]) -> tuple[int, str] | None:
    """The last line whose value opens a quote it does not close: a quoted value
    that runs over several lines is legal YAML, but in a case file it is a slip."""
    for number in range(len(lines), 0, -1):
        value = lines[number - 1].split(": ", 1)[-1].lstrip(" -")
        if value[:1] == '"' and (value.count('"') - value.count('\\"')) % 2:
            return number, '"'
        if value[:1] == "'" and value.count("'") % 2:
            return number, "'"
    return None


def _position(mark: Any) -> tuple[int, int] | None:
    return (mark.line + 1, mark.column + 1) if mark is not None else None


def _indentation(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def _tab_column(line: str) -> int | None:
    index = line.find("\t")
    return index + 1 if index >= 0 else None


def _char(line: str, column: int) -> str:
    return line[column - 1] if 0 < column <= len(line) else ""


def too_deep_at(source: str | bytes) -> tuple[int, int]:
    """Where nesting first goes past ``MAX_DEPTH``. The pure-Python parser's events are
    a flat stream with no depth limit of its own (libyaml's scanner refuses deep
    brackets before it hands out their events), so this finds the place wherever
    composing the nodes failed. Only called on a file already refused."""
    import yaml

    depth = 0
    try:
        for event in yaml.parse(source, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH and (start := _position(event.start_mark)):
                    return start
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        if mark is not None:
            return (mark.line + 1, mark.column + 1)
    return (1, 1)
