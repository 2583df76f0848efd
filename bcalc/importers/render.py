"""A draft as YAML in bcalc's case-file format, commented for the person who must
read it against the document. Deterministic: the same document gives the same text."""

from __future__ import annotations

import json
from typing import Any

from bcalc.findings import FigurePath, dotted
from bcalc.importers.draft import Draft
from bcalc.sources import SourceRef

_FILE_ORDER = (
    "budget_year",
    "title",
    "municipality",
    "source",
    "unit",
    "period",
    "sign_convention",
    "stated",
    "proposals",
)
_PROPOSAL_ORDER = (
    "id",
    "number",
    "title",
    "target_group",
    "parties",
    "unit",
    "period",
    "sign_convention",
    "investment",
    "savings",
    "helaarspersoner",
    "notes",
    "stated",
)
_REF_ORDER = ("page", "slide", "paragraph", "line", "table", "row", "column", "text")


def render_draft(draft: Draft) -> str:
    """The draft case file: a header saying what it is, the case, then ``sources:``."""
    lines = _header(draft)
    for key in _FILE_ORDER:
        if key not in draft.data:
            continue
        if key == "proposals":
            lines.append("")
            lines.append("proposals:")
            for index, proposal in enumerate(draft.data["proposals"]):
                lines += _proposal(draft, index, proposal)
            continue
        if key == "stated":
            lines.append("")
            lines.append("# Stated for all proposals together.")
        lines += _field(draft, "", key, draft.data[key], (key,))
    lines.append("")
    lines += _sources(draft)
    return "\n".join(lines) + "\n"


def _header(draft: Draft) -> list[str]:
    lines = [
        f"# DRAFT made by `bcalc import` from {draft.document} ({draft.kind}, {draft.size}).",
        "# It is not a case file yet: a person must read every figure against the document",
        "# before it is used. Figures are quoted exactly as printed; where each one stands is",
        "# listed under `sources:` at the end, and `bcalc trace` checks that it still does.",
    ]
    if draft.unplaced:
        lines.append("#")
        lines.append("# Not placed (read these in the document; add by hand what belongs here):")
        lines += [f"#   - {_one_line(u.describe())}" for u in draft.unplaced]
    if draft.to_check:
        lines.append("#")
        lines.append("# To check:")
        lines += [f"#   - {_one_line(text)}" for text in draft.to_check]
    lines.append("#")
    lines.append(
        f"# Not read: {draft.not_read} other figure{'' if draft.not_read == 1 else 's'} in the"
        " document, outside the overview, its notes and the proposals' business cases."
    )
    return lines


def _proposal(draft: Draft, index: int, proposal: dict[str, Any]) -> list[str]:
    lines = [""]
    first = True
    for key in _PROPOSAL_ORDER:
        if key not in proposal:
            continue
        body = _field(draft, "    ", key, proposal[key], ("proposals", index, key))
        if first:
            comments = [line for line in body if line.lstrip().startswith("#")]
            rest = body[len(comments) :]
            lines += comments
            lines.append("  - " + rest[0].lstrip())
            lines += rest[1:]
            first = False
        else:
            lines += body
    return lines


def _field(draft: Draft, indent: str, key: Any, value: Any, path: FigurePath) -> list[str]:
    lines = []
    if comment := draft.comments.get(dotted(path)):
        lines.append(f"{indent}# {_one_line(comment)}")
    if isinstance(value, dict) and value and all(isinstance(k, int) for k in value):
        lines.append(f"{indent}{key}: {_flow(value)}")
    elif isinstance(value, dict):
        lines.append(f"{indent}{key}:")
        for name, item in value.items():
            lines += _field(draft, indent + "  ", name, item, (*path, name))
    elif isinstance(value, list) and value and all(isinstance(v, int) for v in value):
        lines.append(f"{indent}{key}: [{', '.join(str(v) for v in value)}]")
    elif isinstance(value, list):
        lines.append(f"{indent}{key}:")
        for number, item in enumerate(value):
            if comment := draft.comments.get(dotted((*path, number))):
                lines.append(f"{indent}  # {_one_line(comment)}")
            lines.append(f"{indent}  - {_flow(item)}")
    else:
        lines.append(f"{indent}{key}: {_scalar(value)}")
    return lines


def _flow(mapping: dict[Any, Any]) -> str:
    return "{" + ", ".join(f"{k}: {_scalar(v)}" for k, v in mapping.items()) + "}"


def _scalar(value: Any) -> str:
    if isinstance(value, bool):  # never written, but never as a number either
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    # JSON's double-quoted strings are YAML's too, and escape what needs escaping.
    return json.dumps(str(value), ensure_ascii=False)


def _sources(draft: Draft) -> list[str]:
    lines = [
        "# Where each figure stands in the document (bcalc trace checks them). Lines and",
        "# paragraphs give the character column; table cells their row and column.",
        "sources:",
        f"  document: {_scalar(draft.document)}",
    ]
    if draft.sha256:
        lines.append(f"  sha256: {_scalar(draft.sha256)}")
    if not draft.sources:
        lines.append("  figures: {}")
        return lines
    lines.append("  figures:")
    for path, ref in draft.sources.items():
        lines.append(f"    {_scalar(path)}: {_ref(ref)}")
    return lines


def _ref(ref: SourceRef) -> str:
    values = ref.model_dump(exclude_none=True)
    return "{" + ", ".join(f"{k}: {_scalar(values[k])}" for k in _REF_ORDER if k in values) + "}"


def _one_line(text: str) -> str:
    return " ".join(text.split())
