"""YAML → CaseFile, with a source map from every field path to its (line, column).

The YAML is *composed* (parsed to nodes), not constructed, so that the loader sees
each scalar's written text and position: ``2.60`` keeps its two decimals, a duplicated
key is caught instead of silently replacing a figure, and only plain YAML (no custom
tags) is accepted. Every problem in a file is returned as a finding; nothing raises.
"""

from __future__ import annotations

import difflib
import os
import re
import typing
from dataclasses import dataclass, field, replace
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from bcalc import events
from bcalc.fields import PlainNumber
from bcalc.findings import FigurePath, Finding, Severity, dotted
from bcalc.kinds import TOP_FIELDS, kind_named
from bcalc.kinds.budget import CaseFile
from bcalc.kinds.unitcosts import UnitCostTable
from bcalc.limits import MAX_EXPANDED_BYTES, MAX_EXPANDED_NODES, MAX_FILE_BYTES
from bcalc.syntax import MAX_DEPTH, TOO_DEEP, explain, too_deep_at

try:  # libyaml is several times faster; the pure-Python parser gives the same nodes
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

# The tag of a plain scalar depends on its text alone (no path resolvers are used), and
# case files repeat the same keys and figures thousands of times: resolve each once.
_PLAIN_TAGS: dict[str, str] = {}
_PLAIN_TAGS_MAX = 100_000


def loader_on(base: type[Any]) -> type[Any]:
    """``base`` (libyaml's CSafeLoader, or PyYAML's pure-Python SafeLoader) with plain
    scalars resolved once per distinct text."""

    class Loader(base):  # type: ignore[misc]
        def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> Any:
            if kind is yaml.ScalarNode and implicit[0]:
                tag = _PLAIN_TAGS.get(value)
                if tag is None:
                    tag = super().resolve(kind, value, implicit)
                    if len(_PLAIN_TAGS) < _PLAIN_TAGS_MAX:
                        _PLAIN_TAGS[value] = tag
                return tag
            return super().resolve(kind, value, implicit)

    return Loader


_Loader = loader_on(_BaseLoader)


_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    _TAG + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "merge")
}
_BOOL_TRUE = {"yes", "true", "on", "y"}

SourceMap = dict[FigurePath, tuple[int, int]]


@dataclass
class Loaded:
    """One file's outcome: the validated document (or None) and every load problem.

    ``document`` is of the kind the file declares (``bcalc.kinds``); ``case`` is the
    same document when it is a budget year's case file, the kind most commands take.
    ``raw`` is the data as written (every figure still its text), for ``trace``."""

    path: str
    document: BaseModel | None
    problems: list[Finding]
    source_map: SourceMap = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    raw: dict[Any, Any] | None = None
    # The unit-cost table a case file names (``unit_costs:``), read beside it.
    unit_costs: UnitCostTable | None = None
    depends_on: tuple[str, ...] = ()  # other files the results depend on

    @property
    def case(self) -> CaseFile | None:
        return self.document if isinstance(self.document, CaseFile) else None

    @property
    def kind(self) -> str | None:
        return None if self.document is None else str(getattr(self.document, "kind", ""))

    def locate(self, path: FigurePath) -> tuple[int, int]:
        """Line and column of the nearest written ancestor of ``path``."""
        while path:
            if path in self.source_map:
                return self.source_map[path]
            path = path[:-1]
        return (1, 1)


class _Problem(Exception):
    def __init__(self, message: str, mark: yaml.Mark | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark


class _Builder:
    """Turns composed nodes into plain Python data, recording positions."""

    def __init__(self) -> None:
        self.source_map: SourceMap = {}
        self.expanded = 0

    def build(self, node: yaml.Node, path: FigurePath) -> Any:
        self.expanded += 1
        # A file with anchors was measured by _expansion_problem() already; this catches
        # one that is simply this large.
        if self.expanded > MAX_EXPANDED_NODES:
            raise _Problem(_TOO_MANY, node.start_mark)
        if len(path) >= MAX_DEPTH:  # the path grows by one key or index per level
            raise _Problem(TOO_DEEP, node.start_mark)
        if node.tag not in _ALLOWED_TAGS:
            raise _Problem(f"YAML tag {node.tag!r} is not allowed in a case file", node.start_mark)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                self.source_map.setdefault((*path, index), _position(item.start_mark))
                items.append(self.build(item, (*path, index)))
            return items
        assert isinstance(node, yaml.ScalarNode)
        return _scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: FigurePath) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_lines: dict[str, int] = {}  # keys as text: 2026 and "2026" are one year
        splits: dict[str, tuple[str, yaml.Mark]] = {}  # {2021: 8,5}: what to say, where
        merged: list[dict[Any, Any]] = []
        previous: yaml.Node | None = None
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                merged.extend(self._merge_sources(value_node, path))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Problem("a key must be a plain word or year", key_node.start_mark)
            key = _key(key_node)
            previous, before = value_node, previous
            split = self._split_from(before, key_node, value_node) if node.flow_style else None
            # 2026 and "2026" are the same year to pydantic: one must not hide the other.
            if str(key) in first_lines:
                # {2021: 8,5, 2022: 8,5}: the second "5" is a duplicate; said at the first
                # split. A split that is no duplicate reaches the validation, which says
                # it (as the fast reading does).
                if split is not None:
                    said, mark = splits.get(str(key), (split, key_node.start_mark))
                    raise _Problem(f"{dotted(path)}: {said}", mark)
                where = first_lines[str(key)]
                raise _Problem(
                    f"{dotted((*path, key))!r} is written twice (first on line {where}); "
                    "YAML would silently keep only the last",
                    key_node.start_mark,
                )
            if split is not None:
                splits[str(key)] = (split, key_node.start_mark)
            position = _position(key_node.start_mark)
            first_lines[str(key)] = position[0]
            self.source_map[(*path, key)] = position
            result[key] = self.build(value_node, (*path, key))
        for source in merged:  # explicit keys win over merged ones, as YAML specifies
            for key, value in source.items():
                result.setdefault(key, value)
        return result

    @staticmethod
    def _split_from(previous: yaml.Node | None, key: yaml.Node, value: yaml.Node) -> str | None:
        """An unquoted "8,5" in ``{...}``: a plain number, a comma right after it and
        a plain number for a key with no value (YAML's reading of "8,5, 2022: ...").
        (libyaml gives a plain scalar the style '', PyYAML None.)"""
        if not (
            isinstance(previous, yaml.ScalarNode)
            and isinstance(key, yaml.ScalarNode)
            and not previous.style
            and not key.style
            and value.value == ""
            and previous.end_mark.index + 1 == key.start_mark.index
            and re.fullmatch(r"-?\d+", previous.value)
            and key.value.isdigit()
        ):
            return None
        return split_number(previous.value, key.value)

    def _merge_sources(self, node: yaml.Node, path: FigurePath) -> list[dict[Any, Any]]:
        nodes = node.value if isinstance(node, yaml.SequenceNode) else [node]
        sources = [self.build(n, path) for n in nodes]
        if not all(isinstance(s, dict) for s in sources):
            raise _Problem("'<<' must merge a mapping", node.start_mark)
        return sources


_TOO_MANY = (
    f"anchors and aliases (&, *) expand to more than {MAX_EXPANDED_NODES:,} values; "
    "the file is refused"
)
_TOO_LONG = (
    f"anchors and aliases (&, *) expand to more than {MAX_EXPANDED_BYTES:,} bytes of text, "
    "more than a case file may hold written out; the file is refused"
)

# A node's size with every alias expanded: (values, bytes of scalar text).
_Size = tuple[int, int]


def _too_big(size: _Size) -> bool:
    return size[0] > MAX_EXPANDED_NODES or size[1] > MAX_EXPANDED_BYTES


def _expansion_problem(root: yaml.Node) -> _Problem | None:
    """Measure the file with every alias expanded, without expanding: an anchored
    node is walked once however often it is used, so a "billion laughs" file is
    refused in milliseconds. Values *and* text are counted: one long string used a
    thousand times is small in values but would make every output a gigabyte. The
    problem points at the first node, in document order, that is too large while none
    of its parts is."""
    sizes: dict[int, _Size] = {}
    found: list[yaml.Node] = []
    size = _expanded_size(root, sizes, found)
    if not _too_big(size):
        return None
    message = _TOO_MANY if size[0] > MAX_EXPANDED_NODES else _TOO_LONG
    return _Problem(message, found[0].start_mark if found else root.start_mark)


def _expanded_size(node: yaml.Node, sizes: dict[int, _Size], found: list[yaml.Node]) -> _Size:
    # A plain function, not a closure over ``sizes``: a recursive closure is a
    # reference cycle, which kept each file's table alive until the (deliberately
    # rare, see checking.tune_gc) cyclic collection: 230 MB on the national corpus.
    if id(node) in sizes:
        return sizes[id(node)]
    if isinstance(node, yaml.MappingNode):
        children = [child for pair in node.value for child in pair]
    elif isinstance(node, yaml.SequenceNode):
        children = node.value
    else:
        children = []
        sizes[id(node)] = size = (1, len(node.value))
        return size
    parts = [_expanded_size(child, sizes, found) for child in children]
    sizes[id(node)] = size = (1 + sum(p[0] for p in parts), sum(p[1] for p in parts))
    if _too_big(size) and not found and not any(_too_big(p) for p in parts):
        found.append(node)
    return size


def _position(mark: yaml.Mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _key(node: yaml.ScalarNode) -> Any:
    if node.tag == _TAG + "int" and not node.style:  # plain: None or ""
        try:
            return int(node.value.replace("_", ""))
        except ValueError:
            return node.value
    return node.value


def _scalar(node: yaml.ScalarNode) -> Any:
    tag, text = node.tag, node.value
    if tag in (_TAG + "int", _TAG + "float"):
        return PlainNumber(text)
    if tag == _TAG + "bool":
        return text.lower() in _BOOL_TRUE
    if tag == _TAG + "null":
        return None
    return text


def load_file(path: str, max_bytes: int = MAX_FILE_BYTES) -> Loaded:
    """Read and validate one case file, and the unit-cost table it names. Never raises
    for a problem in the file. ``max_bytes`` is the size limit (default 10 MB)."""
    data = read_case_bytes(path, max_bytes)
    return data if isinstance(data, Loaded) else with_unit_costs(load_bytes(data, path), max_bytes)


def with_unit_costs(loaded: Loaded, max_bytes: int = MAX_FILE_BYTES) -> Loaded:
    """``loaded`` with the unit-cost table its case names (``unit_costs:``, a path
    relative to the case file) read beside it. The table must be a ``*.yaml`` inside
    the case file's folder or the current one (a path into /etc or /proc would put
    another file's lines in the findings); a problem with it makes the case invalid,
    since its savings cannot be derived."""
    case = loaded.case
    if case is None or case.unit_costs is None:
        return loaded
    folder = os.path.dirname(loaded.path)
    target = os.path.join(folder, case.unit_costs)
    line, column = loaded.locate(("unit_costs",))
    problem = _table_path_problem(target, loaded.path)
    if problem is None:
        table = load_file(target, max_bytes)
        if table.problems:
            loaded.problems = [*table.problems]
            problem = "cannot be used: its problems are listed with it"
        elif not isinstance(table.document, UnitCostTable):
            problem = f"is a file of kind {table.kind!r}, not a unit-cost table (kind: unitcosts)"
        else:
            return replace(loaded, unit_costs=table.document, depends_on=(target,))
    text = f"unit_costs: the unit-cost table {case.unit_costs!r} {problem}"
    finding = Finding("BC001", Severity.ERROR, text, loaded.path, ("unit_costs",), line, column)
    return replace(loaded, document=None, problems=[finding, *loaded.problems])


def _table_path_problem(target: str, case_path: str) -> str | None:
    from bcalc.files import beside

    if not target.lower().endswith((".yaml", ".yml")):
        return "is not a .yaml file"
    if not beside(target, case_path):
        return "lies outside the case file's folder; not read"
    real = os.path.realpath(target)
    if not os.path.isfile(real):
        return "does not exist" if not os.path.lexists(target) else "is not a regular file"
    return None


def read_case_bytes(path: str, max_bytes: int = MAX_FILE_BYTES) -> bytes | Loaded:
    """The file's bytes, or a ``Loaded`` saying why they cannot be read. (The check
    reads through ``files.read_case`` itself, for the stamp of the handle it read.)"""
    from bcalc.files import read_case

    read = read_case(path, max_bytes)
    return unreadable(path, read, about_file=False) if isinstance(read, str) else read.data


def load_bytes(data: bytes, path: str = "<string>") -> Loaded:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return unreadable(path, "is not UTF-8 text; save it as UTF-8", line)
    # libyaml reads the bytes faster than the decoded text (no re-encoding), with the
    # same nodes and positions; the text is kept for quoting lines.
    return _load(data, text, path)


def load_text(text: str, path: str = "<string>") -> Loaded:
    return _load(text, text, path)


def _load(source: str | bytes, text: str, path: str) -> Loaded:
    lines = text.splitlines()
    built = _from_events(source, text)
    if built is None:  # outside the simple subset, or wrong: read the reference way
        composed = _composed(source, text, path, lines)
        if isinstance(composed, Loaded):
            return composed
        built = composed
    raw, source_map = built
    if not set(map(str, raw)) & TOP_FIELDS:
        return unreadable(path, _not_a_case_file(raw), lines=lines)
    loaded = Loaded(path, None, [], source_map, lines, raw)
    kind = kind_named(raw)
    if isinstance(kind, str):
        line, column = source_map.get(("kind",), (1, 1))
        loaded.problems = [Finding("BC002", Severity.ERROR, kind, path, ("kind",), line, column)]
        return loaded
    try:
        document = kind.model.model_validate(raw)
    except ValidationError as error:
        found = (invalid_field(loaded, raw, e, kind.model) for e in error.errors())
        # dict.fromkeys: an unquoted "1,5" fails as a year and as an amount, told once.
        loaded.problems = sorted(dict.fromkeys(found), key=Finding.sort_key)
        return loaded
    problems = kind.problems(document)
    loaded.problems = [_located(loaded, raw, finding) for finding in problems]
    if not loaded.problems:
        loaded.document = document
    return loaded


def _from_events(source: str | bytes, text: str) -> tuple[dict[Any, Any], SourceMap] | None:
    """The data and source map built from the parser's events (``bcalc.events``), or
    None where the file is outside what that builder takes: then ``_composed`` reads
    it, and finds and words whatever is wrong with it."""
    try:
        loader = _Loader(source)  # the pure-Python reader checks the characters here
        try:
            return events.build(loader, len(source), "&" in text)
        finally:
            loader.dispose()
    except Exception:  # events._GiveUp, any YAML error: the reference says what it is
        return None


def _composed(
    source: str | bytes, text: str, path: str, lines: list[str]
) -> tuple[dict[Any, Any], SourceMap] | Loaded:
    """The reference reading: compose the nodes, measure aliases, build the data with
    ``_Builder``. Every problem of the file becomes a BC001 ``Loaded``."""
    builder = _Builder()
    try:
        root = yaml.compose(source, Loader=_Loader)
        if root is None:
            return unreadable(path, "is empty; a case file starts with budget_year, title, unit")
        if not isinstance(root, yaml.MappingNode):
            return unreadable(
                path, "must be a mapping of fields (budget_year: …), not a list or text"
            )
        # Only anchors (&) make aliases; a file without them is walked once anyway.
        if "&" in text and (too_many := _expansion_problem(root)):
            raise too_many
        raw = builder.build(root, ())
        return raw, builder.source_map
    except _Problem as problem:
        line, column = _position(problem.mark) if problem.mark else (1, 1)
        return unreadable(path, problem.message, line, column, lines, about_file=False)
    except yaml.reader.ReaderError as error:  # no mark: find the character it names
        where = text.find(chr(error.character)) if isinstance(error.character, int) else -1
        line = text.count("\n", 0, where) + 1 if where >= 0 else 1
        column = where - text.rfind("\n", 0, where) if where >= 0 else 1
        reason = f"{error.reason} (U+{error.character:04X})" if where >= 0 else error.reason
        return unreadable(path, f"is not valid YAML: {reason}", line, column, lines)
    except yaml.YAMLError as error:
        syntax = explain(error, text)
        if syntax.message == TOO_DEEP:
            line, column = too_deep_at(source)
        else:
            line, column = syntax.line, syntax.column
        return unreadable(path, syntax.message, line, column, lines, about_file=False)
    except RecursionError:  # the pure-Python parser composes recursively
        line, column = too_deep_at(source)
        return unreadable(path, TOO_DEEP, line, column, lines, about_file=False)


def unreadable(
    path: str,
    message: str,
    line: int = 1,
    column: int = 1,
    lines: list[str] | None = None,
    about_file: bool = True,  # "the file is empty"; False: the message names what is wrong
) -> Loaded:
    """BC001 unreadable-file: the file cannot be read as a case file: not UTF-8, not
    YAML (a tab, a missing colon, an unclosed quote or bracket), empty, not a mapping,
    a duplicated key, a custom YAML tag, too large or too deeply nested, or not a case
    file at all (a CI workflow); also a path that does not exist, or a link that
    leaves the folder being checked.

    Why it matters: nothing in such a file can be trusted, so nothing is computed
    from it (exit code 2).
    """
    text = f"the file {message}" if about_file else message
    finding = Finding("BC001", Severity.ERROR, text, path, (), line, column)
    return Loaded(path, None, [finding], {}, lines or [])


def _located(loaded: Loaded, raw: Any, finding: Finding) -> Finding:
    """A finding about a figure, placed in the file: its line, and its proposal. A
    finding about a claim's expression carries the column within the expression,
    which becomes a column of the line where the expression is written."""
    line, column = loaded.locate(finding.path)
    if finding.path[-1:] == ("expression",) and finding.column:
        column = _expression_column(loaded, raw, finding.path, line, column) + finding.column - 1
    proposal = _proposal_id(raw, finding.path)
    return replace(finding, file=loaded.path, line=line, column=column, proposal=proposal)


def _expression_column(loaded: Loaded, raw: Any, path: FigurePath, line: int, key: int) -> int:
    """Where the expression's text starts on its line (after the key and any quote)."""
    try:
        text = str(raw["claims"][path[1]]["expression"])
    except (KeyError, IndexError, TypeError):
        return key
    written = loaded.lines[line - 1] if 0 < line <= len(loaded.lines) else ""
    start = written.find(text[:30], key - 1)
    return start + 1 if start >= 0 else key


def _proposal_id(raw: Any, path: FigurePath) -> str | None:
    """The id of the proposal a path lies in, read from the raw data so that it is
    known even when the proposal itself failed validation."""
    if len(path) < 2 or path[0] != "proposals" or not isinstance(path[1], int):
        return None
    try:
        proposal_id = raw["proposals"][path[1]]["id"]
    except (KeyError, IndexError, TypeError):
        return None
    return proposal_id if isinstance(proposal_id, str) else None


def invalid_field(
    loaded: Loaded, raw: Any, error: Any, model: type[BaseModel] = CaseFile
) -> Finding:
    """BC002 invalid-field: a field is unknown (a typo), missing, too long, or holds
    text where an amount, a year or a unit belongs.

    Why it matters: a mistyped key would otherwise silently drop a figure
    (exit code 2).
    """
    path: FigurePath = tuple(p for p in error["loc"] if not (isinstance(p, str) and p[0] == "~"))
    if path and path[-1] == "[key]":
        path = path[:-1]
    if len(path) > 1 and path[-2] == "period" and isinstance(path[-1], int):
        path = path[:-1]  # "period: []" lacks both years: one problem, the period's
    where = dotted(path)
    message = _explain(error, path, model)
    text = f"{where}: {message}" if where else message
    finding = _located(loaded, raw, Finding("BC002", Severity.ERROR, text, path=path))
    if path and str(path[-1]).isdigit() and 0 < finding.line <= len(loaded.lines):
        for split in _SPLIT_NUMBER.finditer(loaded.lines[finding.line - 1]):
            whole, fraction = split.groups()
            if fraction == str(path[-1]) or int(fraction) == path[-1]:
                text = f"{dotted(path[:-1])}: {split_number(whole, fraction)}"
                return replace(finding, message=text, path=path[:-1])
    return finding


# In a flow mapping ("{2027: 1,5, ...}") YAML splits an unquoted Danish decimal at its
# comma: the digits after it become a key without a value.
_SPLIT_NUMBER = re.compile(r"[{,]\s*\d+\s*:\s*(-?\d+),(\d+)(?=\s*[,}])")


def split_number(whole: str, fraction: str) -> str:
    """What to say of an unquoted ``whole,fraction`` that YAML read as two entries."""
    number = f"{whole},{fraction}"
    said = f"an unquoted {number} inside {{ }} is read as two entries, {whole} and {fraction}"
    if len(fraction) == 3:  # 8,500: a decimal, or thousands from an English text?
        return f'{said}; write "{number}" in quotes, or "{whole}.{fraction}" for thousands'
    return f'{said}; write "{number}" in quotes'


def _not_a_case_file(raw: dict[Any, Any]) -> str:
    """A repository holds other YAML (CI workflows, pre-commit settings): one clear
    sentence for such a file instead of an error for each of its keys."""
    danish = [str(key) for key in raw if str(key).lower() in _DANISH_FIELDS]
    if danish:
        named = ", ".join(f"{key} → {_DANISH_FIELDS[key.lower()]}" for key in danish[:4])
        return (
            f"uses Danish field names; bcalc's are English: {named} (docs/format.md lists "
            "every field)"
        )
    keys = ", ".join(map(str, list(raw)[:4]))
    return (
        f"does not look like a bcalc case file: none of its top-level fields ({keys}) is "
        "a case-file field (budget_year, title, unit, proposals). If it is not a case "
        "file, leave it out of the check (pre-commit: files: ^cases/)"
    )


def _explain(error: Any, path: FigurePath, model: type[BaseModel]) -> str:
    kind: str = error["type"]
    message: str = error["msg"]
    name = path[-1] if path else ""
    if kind == "extra_forbidden":
        known = [f for f in _fields_at(model, path[:-1]) if f != name]
        danish = _DANISH_FIELDS.get(str(name).lower())
        hint = [danish] if danish in known else difflib.get_close_matches(str(name), known, n=1)
        return "unknown field" + (f"; did you mean {hint[0]!r}?" if hint else "")
    if kind in ("too_long", "missing") and name == "period":
        return "expected the first and the last year, e.g. [2027, 2030]"
    if kind == "missing":
        return "this required field is missing"
    if kind in ("int_parsing", "int_type") and "[key]" in error["loc"]:
        return f"{error['input']!r} is not a year"
    if kind == "int_parsing":
        return f"{error['input']!r} is not a whole number"
    if kind == "too_short" and error["ctx"].get("actual_length") == 0:
        return "this is empty; write at least one entry"
    if kind == "string_too_short":
        return "this text is empty"
    if kind == "list_type":
        return "expected a list: one '- ' line per entry, or [a, b]"
    if kind == "string_type":
        return "this field is empty; write its text" if error["input"] is None else "expected text"
    if kind in ("dict_type", "model_type"):
        return "expected a mapping: one 'key: value' line each, or {key: value}"
    if kind in ("literal_error", "enum"):
        return f"expected {error['ctx']['expected']}"
    if kind in ("tuple_type", "too_long") and name == "period":
        return "expected the first and the last year, e.g. [2027, 2030]"
    if kind in ("greater_than_equal", "less_than_equal") and (
        isinstance(name, int) or name == "budget_year"
    ):
        return "the year is outside 1900–2200"
    bounds = {"greater_than_equal": "at least", "less_than_equal": "at most"}
    if kind in bounds:
        limit = error["ctx"].get("ge", error["ctx"].get("le"))
        return f"must be {bounds[kind]} {limit}; {error['input']} is not"
    if kind == "string_pattern_mismatch" and name == "id":
        return "an id is lower-case letters, digits, '-', '_' and '.', e.g. 'flere-i-job'"
    if kind == "string_too_long":
        limit = error["ctx"]["max_length"]
        return f"the text is {len(error['input']):,} characters long; at most {limit:,} fit here"
    if kind == "too_long" and name == "proposals":
        return f"a case file holds at most {error['ctx']['max_length']:,} proposals"
    if kind == "value_error":
        return message.removeprefix("Value error, ")
    return message[0].lower() + message[1:]


# Field names as a Danish document would name them: "besparelse:" gets "savings".
_DANISH_FIELDS = {
    "budgetår": "budget_year",
    "titel": "title",
    "enhed": "unit",
    "periode": "period",
    "forslag": "proposals",
    "nummer": "number",
    "nr": "number",
    "målgruppe": "target_group",
    "investering": "investment",
    "investeringer": "investment",
    "besparelse": "savings",
    "besparelser": "savings",
    "gevinst": "net_gain",
    "nettogevinst": "net_gain",
    "komponenter": "components",
    "navn": "name",
    "beløb": "amount",
    "angivet": "stated",
    "beskrivelse": "description",
    "fortegn": "sign_convention",
    "kommune": "municipality",
    "kilde": "source",
    "påstande": "claims",
    "kilder": "sources",
}


def _fields_at(model: type[BaseModel], path: FigurePath) -> list[str]:
    """The fields a mapping at ``path`` may have: only those are worth suggesting
    ('name' is a component's field, never a suggestion at the top of the file)."""
    models: list[type[BaseModel]] = [model]
    for part in path:
        if isinstance(part, int):
            continue
        found: list[type[BaseModel]] = []
        for candidate in models:
            field = candidate.model_fields.get(str(part))
            if field is not None:
                found += _models_in(field.annotation)
        models = found
    return sorted({name for found_model in models for name in found_model.model_fields})


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models an annotation can hold, through lists, unions and Annotated."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in typing.get_args(annotation) for model in _models_in(arg)]
