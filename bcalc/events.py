"""A case file's data and source map straight from the parser's events.

``bcalc.load`` composes a file to nodes and walks them (``load._Builder``): that is the
reference, and it handles everything YAML allows. Most of its time goes into making
nodes that are walked once and thrown away. This module builds the same data and the
same source map from the parser's events in one pass, for the files case files are:
one document, a mapping at the top, plain and quoted scalars, no tags, anchors,
aliases or merge keys, no key written twice, nesting and size well within the limits.

It never decides that a file is wrong. At the first thing outside that subset,
including every syntax error, it gives up (returns ``None``) and the loader reads the
file again the reference way, which finds the problem and words it. So a file is
either built here with exactly the reference's data and source map, or by the
reference itself (tests/test_loader_differential.py compares the two).
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

from bcalc.fields import PlainNumber
from bcalc.findings import FigurePath
from bcalc.limits import MAX_EXPANDED_BYTES, MAX_EXPANDED_NODES
from bcalc.syntax import MAX_DEPTH

SourceMap = dict[FigurePath, tuple[int, int]]

_TAG = "tag:yaml.org,2002:"
_INT, _FLOAT, _BOOL, _NULL = _TAG + "int", _TAG + "float", _TAG + "bool", _TAG + "null"
_TEXT_TAGS = (_TAG + "str", _TAG + "timestamp")
_BOOL_TRUE = {"yes", "true", "on", "y"}


class _GiveUp(Exception):
    """Outside the subset: the reference reads the file."""


# What an unquoted (plain) text stands for as a value, and as a key: the tag of a plain
# scalar depends on its text alone, and case files repeat the same few thousand texts.
# _OUTSIDE marks a text whose tag the reference treats specially ("<<", "=").
_OUTSIDE = object()
_PLAIN_VALUES: dict[str, Any] = {}
_PLAIN_KEYS: dict[str, Any] = {}
_PLAIN_MAX = 100_000


def _plain_value(text: str, tag: str) -> Any:
    """``load._scalar`` for a plain scalar of ``tag``."""
    if tag in (_INT, _FLOAT):
        return PlainNumber(text)
    if tag == _BOOL:
        return text.lower() in _BOOL_TRUE
    if tag == _NULL:
        return None
    if tag in _TEXT_TAGS:
        return text
    return _OUTSIDE  # the merge key's "<<" as a value, "=" (tag:yaml.org,2002:value)


def _plain_key(text: str, tag: str) -> Any:
    """``load._key`` for a plain scalar of ``tag``."""
    if tag == _TAG + "merge":
        return _OUTSIDE
    if tag == _INT:
        try:
            return int(text.replace("_", ""))
        except ValueError:
            return text
    return text


def build(loader: Any, source_size: int, has_ampersand: bool) -> tuple[dict[Any, Any], SourceMap]:
    """The top-level mapping and its source map from ``loader``'s events (a PyYAML
    loader over the file), exactly as ``load._Builder`` builds them from the composed
    nodes. Raises ``_GiveUp`` where the file is outside the subset, and whatever the
    parser raises where it is not YAML: the caller then reads it the reference way."""
    # The reference measures a file with '&' in it with every alias expanded; without
    # aliases its values cannot hold more text than the file, nor more values than
    # counted here, so only a file beyond the text limit needs the reference for that.
    if has_ampersand and source_size > MAX_EXPANDED_BYTES:
        raise _GiveUp
    return _Events(loader).document()


class _Events:
    __slots__ = ("get", "nodes", "resolve", "source_map")

    def __init__(self, loader: Any) -> None:
        self.get = loader.get_event
        self.resolve = loader.resolve
        self.source_map: SourceMap = {}
        self.nodes = 0

    def document(self) -> tuple[dict[Any, Any], SourceMap]:
        get = self.get
        if get().__class__ is not StreamStartEvent or get().__class__ is not DocumentStartEvent:
            raise _GiveUp  # an empty file
        event = get()
        if event.__class__ is not MappingStartEvent or event.anchor is not None:
            raise _GiveUp
        if event.tag is not None:
            raise _GiveUp
        self.nodes = 1
        root = self.mapping(())
        if get().__class__ is not DocumentEndEvent or get().__class__ is not StreamEndEvent:
            raise _GiveUp  # a second document
        return root, self.source_map

    def _plain_tag(self, text: str) -> str:
        tag: str = self.resolve(yaml.ScalarNode, text, (True, False))
        return tag

    def mapping(self, path: FigurePath) -> dict[Any, Any]:
        get = self.get
        source_map = self.source_map
        plain_keys = _PLAIN_KEYS
        result: dict[Any, Any] = {}
        seen: set[str] = set()
        deep = len(path) + 1 >= MAX_DEPTH
        while True:
            event: Any = get()
            if event.__class__ is not ScalarEvent:
                if event.__class__ is MappingEndEvent:
                    return result
                raise _GiveUp  # a key that is a list or a mapping, or an alias
            if event.anchor is not None or event.tag is not None:
                raise _GiveUp
            text = event.value
            if event.implicit[0]:
                key = plain_keys.get(text, self)
                if key is self:
                    key = _plain_key(text, self._plain_tag(text))
                    if len(plain_keys) < _PLAIN_MAX:
                        plain_keys[text] = key
                if key is _OUTSIDE:
                    raise _GiveUp
                name = text if key.__class__ is str else str(key)
            else:
                key = name = text
            if name in seen:
                raise _GiveUp  # written twice: the reference says where
            seen.add(name)
            mark: Any = event.start_mark
            child = (*path, key)
            source_map[child] = (mark.line + 1, mark.column + 1)
            self.nodes += 2  # the key and its value
            if deep or self.nodes > MAX_EXPANDED_NODES:
                raise _GiveUp
            event = get()
            if event.__class__ is ScalarEvent:
                result[key] = self.scalar(event)
            else:
                result[key] = self.collection(event, child)

    def sequence(self, path: FigurePath) -> list[Any]:
        get = self.get
        source_map = self.source_map
        items: list[Any] = []
        deep = len(path) + 1 >= MAX_DEPTH
        index = 0
        while True:
            event: Any = get()
            value: Any
            if event.__class__ is ScalarEvent:
                value = self.scalar(event)
            elif event.__class__ is SequenceEndEvent:
                return items
            else:
                value = None  # set below, once the item's place is recorded
            mark: Any = event.start_mark
            child = (*path, index)
            source_map[child] = (mark.line + 1, mark.column + 1)
            self.nodes += 1
            if deep or self.nodes > MAX_EXPANDED_NODES:
                raise _GiveUp
            if event.__class__ is not ScalarEvent:
                value = self.collection(event, child)
            items.append(value)
            index += 1

    def scalar(self, event: Any) -> Any:
        """A scalar value as the reference reads it: a plain one resolved by its implicit
        tag (and remembered), a quoted one as its text."""
        if event.anchor is not None or event.tag is not None:
            raise _GiveUp
        text = event.value
        if not event.implicit[0]:
            return text
        value = _PLAIN_VALUES.get(text, self)
        if value is self:
            value = _plain_value(text, self._plain_tag(text))
            if len(_PLAIN_VALUES) < _PLAIN_MAX:
                _PLAIN_VALUES[text] = value
        if value is _OUTSIDE:
            raise _GiveUp
        return value

    def collection(self, event: Any, path: FigurePath) -> Any:
        kind = event.__class__
        if kind is not MappingStartEvent and kind is not SequenceStartEvent:
            raise _GiveUp  # an alias
        if event.anchor is not None or event.tag is not None:
            raise _GiveUp
        return self.mapping(path) if kind is MappingStartEvent else self.sequence(path)
