"""Trace: each figure of a case file against the document it was transcribed from
(``bcalc trace``). The comparison itself is ``bcalc.trace``; here its problems become
findings at the case file's line, naming both places."""

from __future__ import annotations

import inspect
import os

from bcalc.files import beside
from bcalc.findings import Finding, Severity, undotted
from bcalc.load import Loaded

DOCS = {
    "BC701": """BC701 figure-not-as-printed: a figure of the case file is not what the
    document prints at the place its source reference names (``sources:``).

    Why it matters: a slip made while transcribing is invisible to every other check:
    the case file is consistent, the council's document is not.

    Example (error): the case file writes ``investment: "2,7"``, the reference says
    line 196 of the slides, and the slides print "2,6" there.""",
    "BC702": """BC702 no-such-place: a source reference names a line, page, slide, table,
    row or column the document does not have.

    Why it matters: the reference cannot be checked, so the figure behind it is not.

    Example (error): ``{slide: 12, table: 1, row: 2, column: 3}`` in a deck of 9 slides.""",
    "BC703": """BC703 stale-reference: the figure agrees with the document, but the text
    the reference quotes is no longer what stands at its place.

    Why it matters: the document was edited after the references were made; the
    figure may now be checked against the wrong place.

    Example (warning): ``text: "2,6*"`` where the slide now prints "2,6**".""",
    "BC704": """BC704 reference-without-figure: a source reference names a figure the
    case file does not have, or the file has no ``sources:`` section to trace at all.

    Why it matters: a figure was removed or renamed and its reference left behind, or
    the reference is mistyped; either way the figure it meant is not traced. A file
    without references (written by hand, not drafted by ``bcalc import``) has nothing
    ``bcalc trace`` can check.

    Example (warning): ``proposals[3].investment`` in a file with three proposals.""",
    "BC705": """BC705 other-document: the document's SHA-256 is not the one the
    references were made from (``sources.sha256``).

    Why it matters: references into another version of a document may point at the
    wrong lines; every figure is still checked, but read the findings with that in
    mind.

    Example (warning): the slides were re-exported after the case file was drafted.""",
}
_SEVERITY = {
    "BC701": Severity.ERROR,
    "BC702": Severity.ERROR,
    "BC703": Severity.WARNING,
    "BC704": Severity.WARNING,
    "BC705": Severity.WARNING,
}


def doc(code: str) -> str:
    return inspect.cleandoc(DOCS[code])


def trace_findings(loaded: Loaded, source: str | None = None) -> list[Finding]:
    """Every figure with a source reference in ``loaded`` against the document at
    ``source`` (default: the one ``sources.document`` names, as written from the
    current folder, else beside the case file): findings at the line of the reference
    in the case file."""
    from bcalc.importers import read_document
    from bcalc.importers.document import Unreadable
    from bcalc.trace import trace

    case = loaded.case
    if case is None or loaded.raw is None:
        return []
    if case.sources is None:
        return [
            Finding(
                "BC704",
                Severity.WARNING,
                "the case file has no sources: section; nothing to trace "
                "(bcalc import writes one in every draft)",
                loaded.path,
                (),
                1,
                1,
            )
        ]
    sources = case.sources
    if source is None:
        source, refused = _named_document(sources.document, loaded.path)
        if refused is not None:
            line, column = loaded.locate(("sources", "document"))
            message = f"sources.document: {sources.document!r} {refused}"
            at = ("sources", "document")
            return [Finding("BC001", Severity.ERROR, message, loaded.path, at, line, column)]
        # The recorded document, found: a different SHA-256 means it has changed.
        sources = sources.model_copy(update={"document": source})
    document = read_document(source)
    if isinstance(document, Unreadable):
        return [Finding("BC001", Severity.ERROR, f"{document}", source, (), 1, 1)]
    findings = []
    for problem in trace(loaded.raw, sources, document):
        reference = ("sources", "figures", problem.path) if problem.path else ("sources",)
        # The finding stands at the figure in the case file; the message names the
        # place in the document, and where the reference is written.
        figure = undotted(problem.path) if problem.path else ()
        path = figure if figure in loaded.source_map else reference
        line, column = loaded.locate(path)
        message = problem.message
        if problem.path:
            message = message.replace("the document", source, 1)
            message += f" (its reference: line {loaded.locate(reference)[0]} of this file)"
        findings.append(
            Finding(problem.code, _SEVERITY[problem.code], message, loaded.path, path, line, column)
        )
    return sorted(findings, key=Finding.sort_key)


# What a case file may name as its document: the formats bcalc import reads.
DOCUMENT_SUFFIXES = (".txt", ".docx", ".pptx", ".pdf")


def _named_document(document: str, case_path: str) -> tuple[str, str | None]:
    """``sources.document`` as a path, or why it is not read. ``bcalc import`` records
    the path as given, from the folder it ran in; so it is looked up from the current
    folder, then from the case file's folder and each folder above it. Only a
    document (.txt, .docx, .pptx, .pdf) in the case file's folder or the current one,
    outside hidden folders, is read: a case file must not make bcalc quote the lines
    of .git/config or .env in a CI log."""
    candidates = [document]
    if not os.path.isabs(document):
        folder = os.path.abspath(os.path.dirname(case_path) or ".")
        while True:
            candidates.append(os.path.join(folder, document))
            parent = os.path.dirname(folder)
            if parent == folder:
                break
            folder = parent
    found = next((c for c in candidates if os.path.lexists(c)), None)
    if found is not None and os.path.isabs(found) and not os.path.isabs(document):
        shorter = os.path.relpath(found)  # as the user would write it, where that is short
        found = found if shorter.startswith("..") else shorter
    if found is None:
        return document, (
            "was not found from the current folder, the case file's folder or any folder "
            "above it; name the document with --source"
        )
    real = os.path.realpath(found)
    if not beside(found, case_path):
        return found, (
            "lies outside the case file's folder and the current one; not read (name it "
            "with --source to trace against it)"
        )
    if not all(path.lower().endswith(DOCUMENT_SUFFIXES) for path in (found, real)):
        return found, "is not a .txt, .docx, .pptx or .pdf document; not read"
    roots = (os.path.realpath(os.path.dirname(case_path) or "."), os.path.realpath("."))
    if _hidden(real, roots):
        return found, "lies in a hidden folder or is a hidden file; not read"
    return found, None


def _hidden(real: str, roots: tuple[str, ...]) -> bool:
    """Whether ``real`` passes through a hidden name below the root it lies in."""
    for root in roots:
        if real.startswith(root + os.sep):
            parts = real[len(root) + 1 :].split(os.sep)
            return any(part.startswith(".") for part in parts)
    return True  # not below either root: refused before this, but never read
