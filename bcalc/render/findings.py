"""Findings as text, JSON or GitHub Actions workflow commands."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bcalc.findings import Finding, Severity, dotted
from bcalc.render.safe import clip, encodable, visible


def counts(findings: list[Finding]) -> dict[str, int]:
    return {
        "errors": sum(f.severity is Severity.ERROR for f in findings),
        "warnings": sum(f.severity is Severity.WARNING for f in findings),
        "infos": sum(f.severity is Severity.INFO for f in findings),
    }


def to_text(findings: list[Finding], quoted: Mapping[str, Mapping[int, str]]) -> str:
    """``file:line:col: CODE [severity] message`` and the offending line quoted.
    ``quoted``: by file, the source lines the findings point at (``quote_lines``).
    User text (file names, messages, lines) is printed with control characters
    visible (``render.safe.visible``)."""
    out: list[str] = []
    for finding in findings:
        out.append(
            f"{visible(finding.file)}:{finding.line}:{finding.column}: {finding.code} "
            f"[{finding.severity.value}] {visible(finding.message)}"
        )
        line = quoted.get(finding.file, {}).get(finding.line)
        if line is not None:
            out.append(f"    {finding.line:>4} | {visible(clip(line))}")
    return "\n".join(out)


def _number(value: Any) -> str | None:
    return None if value is None else f"{value:f}"


def to_json(findings: list[Finding], files: int) -> dict[str, Any]:
    return {
        "findings": [
            {
                "code": f.code,
                "severity": f.severity.value,
                "file": encodable(f.file),  # a name that is not UTF-8: \xff escaped
                "line": f.line,
                "column": f.column,
                "proposal": f.proposal,
                # What an ``ignore`` entry names: the figure inside its proposal.
                "figure": dotted(f.path[2:] if f.proposal else f.path) or None,
                "message": encodable(f.message),
                "computed": _number(f.computed),
                "stated": _number(f.stated),
                "tolerance": _number(f.tolerance),
            }
            for f in findings
        ],
        "summary": {"files": files, **counts(findings)},
    }


def _escape(text: str) -> str:
    # GitHub's workflow-command escaping for message and property values, after every
    # control character is made visible (a CI log is shown in a terminal too).
    return visible(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def to_github(findings: list[Finding]) -> str:
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    return "\n".join(
        f"::{level[f.severity]} file={_escape(f.file).replace(',', '%2C')},line={f.line},"
        f"col={f.column},title={f.code}::{_escape(f.message)}"
        for f in findings
    )
