"""Findings as text, JSON or GitHub Actions workflow commands."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bcalc.findings import Finding, Severity, dotted, to_record
from bcalc.render.safe import clip, encodable, visible
from bcalc.reports import CheckRun


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


# The keys of a finding in ``check --format json`` (docs/json.md), in order: its
# record, less what is internal (the path, as a tuple), plus the figure's dotted name.
JSON_KEYS = (
    "code",
    "severity",
    "file",
    "line",
    "column",
    "proposal",
    "figure",
    "message",
    "computed",
    "stated",
    "tolerance",
    "likely_tolerance",
    "stated_as",
)


def to_json(findings: list[Finding], files: int) -> dict[str, Any]:
    return {
        "findings": [_public(f) for f in findings],
        "summary": {"files": files, **CheckRun(files, findings, {}).counts},
    }


def _public(finding: Finding) -> dict[str, Any]:
    record = to_record(finding)
    record["file"] = encodable(finding.file)  # a name that is not UTF-8: \xff escaped
    record["message"] = encodable(finding.message)
    # What an ``ignore`` entry names: the figure inside its proposal.
    path = finding.path[2:] if finding.proposal else finding.path
    record["figure"] = dotted(path) or None
    return {key: record[key] for key in JSON_KEYS}


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
