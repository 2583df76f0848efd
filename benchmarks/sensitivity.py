#!/usr/bin/env python3
"""How many slips does ``bcalc check`` notice? Change one written figure at a time and see.

    python benchmarks/sensitivity.py
    python benchmarks/sensitivity.py --json sensitivity.json --examples 20

The files: every budget case file under cases/ and examples/ (a file of another kind,
such as examples/unitcosts.yaml, and a file bcalc refuses are skipped and listed).

The figures: every figure the document writes, as ``bcalc.kinds.budget.written_figures``
lists them (overview and business-case figures, components, helårspersoner), every
figure of a table of counts (``tables:``) and every number of a claim (``claims:``, its
stated figure and the numbers in its arithmetic). A figure is **stated** when the
document states it as a result: under ``stated:``, a components ``total``, a table's
"I alt" row or column, a claim's ``stated``. Every other figure is an **input**.

The changes: ±1, ±2 and ±5 units of the figure's **document precision** (each direction
a mutation of its own) and ×1,1 (rounded to that precision; a figure that ×1,1 leaves
as written, such as "0", is not counted). The unit is the quantum bcalc reads the figure
at: ``Precision.quantum(amount, key)`` of ``calc.document_precision`` (the proposal's own
precision where it declares one; a figure with its own unit, "8.500 t.kr.", under that
unit's key), so "2" in a document of tenths moves to "2,1", and "8.500 t.kr." in a
document that writes t.kr. whole moves to "8.501 t.kr."; a table's figures at its stated
rounding basis (``bcalc.counts``), a claim's numbers at their own digits
(``bcalc.expr``). The text is edited at the figure's exact place in the file (found by
walking the composed YAML along the figure's path), keeping how it is written: the
Danish comma, thousands dots, "ca.", the unit, the quotes, a YAML number stays one.

The check: each mutant is written to a temporary file and checked in this process with
``bcalc.checking.check_file``, the function ``bcalc check`` runs for every file (a
few files and mutants are also run through the ``bcalc check --format json`` command
and must give the same findings; the script says so).

**Noticed**: the mutant has an error or a warning that the unchanged file does not have,
*anywhere in the file*: a finding is identified by its code and the figure it is about
(its path, not its line and column, which an edit earlier on the line shifts), and one
already there counts only if its severity rose (a warning that became an error). The
finding need not be at the changed figure: a changed input is reported at the stated
figure that no longer fits it. The script also says how many new findings are on the
changed figure's own line, and which codes noticed the changes (BC301, savings below
investment, is a plausibility warning, not arithmetic: it is counted, and shown apart).

**False alarms**: errors and warnings in the unchanged files that are not pinned here as
real findings (Budget 2021's three business cases labelled 2020–2023, BC106, and three
proposals whose savings do not cover their investment, BC301; Budget 2026's slide-3
claim, BC401; Beskæftigelsesplan 2023's Tabel 2, Okt 2018, BC402; and the two that
examples/2026-effects.yaml is written to show, BC604 and BC606). Target: 0.

**Why a change went unnoticed** is decided mechanically. Every judgement of a stated
figure (``bcalc.checks.judge.judge``, through which every such check goes) is recorded
with its computed and stated intervals and its verdict, in the unchanged file and in the
mutant. For a judgement, d = computed − stated, its tolerance T is the worst case
rounding allows (the computed interval's larger half-width plus the stated one's, in the
unchanged file), and the change moves d by Δ = d(mutant) − d(unchanged). Then an
unnoticed mutation is

* **undetectable, no stated figure depends on it**: no judgement moved: helårspersoner,
  from which no stated figure is computed; a file that states no result at all
  (examples/strategy.yaml);
* **undetectable, within the document's rounding**: judgements moved, none by more than
  its T. 2023's fourteen investments have only their total, whose T is 0,75: a change
  of 0,2 in one of them is one the total allows. Budget 2021's overview writes whole
  t.kr. ("8.500"), so one unit is 1 t.kr., but the figure is only compared with the
  business case's 8,5 mio. kr., which allows ±50 t.kr.;
* **a miss**: some judgement moved by more than its T, so a document that was exactly
  right there would now be wrong. Each such judgement is *absorbed* when the unchanged
  file's own difference lay the other way and the new |d| is still within T; *masked*
  when the judge calls it an error or a warning, but that finding (code and figure) is
  in the unchanged file already (the slide-3 claim); *dropped* when the judge calls it
  an error or a warning but no finding carries it; *unexplained* when the judge calls
  it equal or rounding although |d| > T: a bug in bcalc, to be reported. A mutant gets
  the most serious of its judgements' reasons (unexplained, dropped, masked, absorbed).

"of detectable" in the table is the share noticed among the changes that are not
undetectable: how often bcalc misses what the document's precision could show.

Like the other scripts here it prints figures, compares with targets from the issue
(≥ 95 % of 5-unit and ≥ 80 % of 2-unit changes to stated figures noticed, 0 false
alarms) and asserts nothing; it exits 1 only if bcalc raised on a mutant (kept in
$TMPDIR/bcalc-sensitivity-crashes). Only bcalc and PyYAML are needed; under a minute.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/generate.py: find_bcalc)

from bcalc import checking  # noqa: E402
from bcalc.calc import compute_file  # noqa: E402
from bcalc.findings import Finding, Severity, dotted  # noqa: E402
from bcalc.kinds.budget import written_figures  # noqa: E402
from bcalc.load import Loaded, load_text  # noqa: E402
from bcalc.numbers import Amount, format_danish, format_plain, parse_danish, round_to  # noqa: E402
from bcalc.reports import RuleChoice  # noqa: E402

FOLDERS = ("cases", "examples")
# (label, units): ±units of the document precision, or None for ×1,1.
SIZES: tuple[tuple[str, int | None], ...] = (
    ("±1 unit", 1),
    ("±2 units", 2),
    ("±5 units", 5),
    ("×1,1", None),
)
FACTOR = Decimal("1.1")
# Where a mutant that makes bcalc raise is kept, to reproduce it.
CRASHES = Path(tempfile.gettempdir()) / "bcalc-sensitivity-crashes"
TARGETS = {"±5 units": 0.95, "±2 units": 0.80}  # share of stated figures noticed

# The real findings of the real documents: (file, code, figure).
PINNED = {
    ("cases/2021.yaml", "BC106", "proposals[1].period"): "business case labelled 2020–2023",
    ("cases/2021.yaml", "BC106", "proposals[2].period"): "business case labelled 2020–2023",
    ("cases/2021.yaml", "BC106", "proposals[3].period"): "business case labelled 2020–2023",
    ("cases/2021.yaml", "BC301", "proposals[2].savings"): "savings do not cover investment",
    ("cases/2021.yaml", "BC301", "proposals[4].savings"): "savings do not cover investment",
    ("cases/2021.yaml", "BC301", "proposals[5].savings"): "savings do not cover investment",
    ("cases/2026.yaml", "BC401", "claims[0].stated"): "slide 3: ca. 10,5 is 8,59",
    ("cases/2023.yaml", "BC402", "tables[0].total_row.figures[0]"): "Tabel 2, Okt 2018",
    # The example of issue 16 (its header explains both): forslag 2's 19 helårspersoner
    # with half effect in 2026 cannot give the 2,3 stated for 2026 at one unit cost, and
    # the unit-cost table it uses is illustrative, as the table itself declares.
    (
        "examples/2026-effects.yaml",
        "BC604",
        "proposals[1].savings.components[0].amount",
    ): "example: 2,3 in 2026 at half effect",
    ("examples/2026-effects.yaml", "BC606", "unit_costs"): "example: illustrative unit costs",
}

UNDETECTABLE_NONE = "undetectable: no stated figure depends on it"
UNDETECTABLE_ROUNDING = "undetectable: within the document's rounding"
MISS_MASKED = "miss, masked: that figure is reported already"
MISS_ABSORBED = "miss, absorbed: its difference lay the other way"
MISS_DROPPED = "miss, dropped: judged wrong, not reported"
MISS_UNEXPLAINED = "miss, unexplained: judged right, out of tolerance"
CLASSES = (
    UNDETECTABLE_NONE,
    UNDETECTABLE_ROUNDING,
    MISS_ABSORBED,
    MISS_MASKED,
    MISS_DROPPED,
    MISS_UNEXPLAINED,
)
_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


# ---------------------------------------------------------------------------------------
# Recording every judgement of a stated figure


@dataclass(frozen=True)
class Judged:
    """One stated figure judged: d = computed − stated, T the worst-case tolerance, and
    what the judge said ("equal" where it reports nothing)."""

    what: str
    difference: Decimal
    tolerance: Decimal
    severity: str
    message: str | None


_RECORD: list[Judged] | None = None


def _recording(original: Callable[..., Any]) -> Callable[..., Any]:
    def judge(what: str, computed: Any, stated: Any, *args: Any, **kwargs: Any) -> Any:
        outcome = original(what, computed, stated, *args, **kwargs)
        if _RECORD is not None:
            half = max(computed.value - computed.low, computed.high - computed.value)
            read = max(stated.high - stated.value, stated.value - stated.low)
            _RECORD.append(
                Judged(
                    what,
                    computed.value - stated.value,
                    half + read,
                    "equal" if outcome is None else outcome.severity.value,
                    None if outcome is None else outcome.message,
                )
            )
        return outcome

    return judge


def install_recorder() -> list[str]:
    """Wrap ``judge`` where the checks call it; the modules wrapped."""
    import importlib

    wrapped = []
    for name in ("bcalc.checks.base", "bcalc.checks.claims"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if callable(getattr(module, "judge", None)):
            module.judge = _recording(module.judge)  # type: ignore[attr-defined]
            wrapped.append(name)
    return wrapped


# ---------------------------------------------------------------------------------------
# Checking a text


@dataclass(frozen=True)
class Found:
    code: str
    severity: str
    line: int
    column: int
    figure: str
    message: str = field(compare=False, repr=False)

    @property
    def identity(self) -> tuple[str, str]:
        return (self.code, self.figure)


@dataclass
class Outcome:
    findings: list[Found]
    judged: dict[str, Judged]

    def alarms(self) -> dict[tuple[str, str], Found]:
        """Errors and warnings by identity (the most severe where several)."""
        found: dict[tuple[str, str], Found] = {}
        for f in self.findings:
            if f.severity == "info":
                continue
            old = found.get(f.identity)
            if old is None or _rank(f.severity) > _rank(old.severity):
                found[f.identity] = f
        return found


def _rank(severity: str) -> int:
    return _RANK[Severity(severity)]


def _found(finding: Finding) -> Found:
    return Found(
        finding.code,
        finding.severity.value,
        finding.line,
        finding.column,
        dotted(finding.path),
        finding.message,
    )


def check_text(text: str, folder: Path, name: str) -> Outcome:
    """``check_file`` on ``text`` written to ``folder/name``, with every judgement."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return check_path(path)


def check_path(path: Path) -> Outcome:
    """``check_file`` on ``path``, with every judgement of a stated figure."""
    global _RECORD
    _RECORD = []
    try:
        report = checking.check_file(str(path), RuleChoice())
        judged: dict[str, Judged] = {}
        for j in _RECORD:
            key, n = j.what, 1
            while key in judged:  # the same words twice: keep both
                n += 1
                key = f"{j.what} #{n}"
            judged[key] = j
    finally:
        _RECORD = None
    return Outcome([_found(f) for f in report.findings], judged)


# ---------------------------------------------------------------------------------------
# The figures of a file and where they are written


@dataclass(frozen=True)
class Figure:
    file: str
    path: tuple[str | int, ...]
    role: str  # "stated" or "input"
    group: str  # "business case", "table", "claim"
    value: Decimal  # as written, signed
    own: Decimal  # the quantum of its own digits
    quantum: Decimal  # the quantum bcalc reads it at: one unit of change
    line: int
    start: int  # the sign and digits in the file's text
    end: int
    plain: bool  # a YAML number (decimal point), not a Danish string
    original: str  # the scalar's text as written, for messages
    scalar_start: int  # where ``original`` starts in the file's text

    def replaced(self, number: str) -> str:
        """The scalar's text with ``number`` in place of the figure."""
        head = self.original[: self.start - self.scalar_start]
        return head + number + self.original[self.end - self.scalar_start :]

    @property
    def figure(self) -> str:
        return dotted(self.path)


_DANISH_NUMBER = re.compile(
    r"^(?P<pre>\s*(?:(?:ca\.?|omkring|~)\s*)?)"
    r"(?P<num>[+\-\u2212]?(?:\d{1,3}(?:\.\d{3})+|\d{1,3}(?: \d{3})+|\d+)(?:,\d+)?)",
    re.IGNORECASE | re.ASCII,
)
_PLAIN_NUMBER = re.compile(r"^(?P<pre>)(?P<num>[+-]?\d+(?:\.\d+)?)$", re.ASCII)
# A written number inside a claim's arithmetic ("5.689 mio. kr. / 662 mio. kr.").
_EXPRESSION_NUMBER = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?(?!\w)", re.ASCII)


def node_at(root: yaml.Node, path: tuple[str | int, ...]) -> yaml.Node | None:
    node = root
    for part in path:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                    node = value
                    break
            else:
                return None
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                return None
            node = node.value[part]
        else:
            return None
    return node


def _signature(outcome: Outcome) -> str:
    return repr(sorted((f.code, f.severity, f.line, f.column, f.figure) for f in outcome.findings))


def _scalar_text(text: str, node: yaml.Node) -> tuple[str, int, bool] | None:
    """The scalar's value, where it starts in ``text``, and whether it is a YAML
    number; None where the written text is not the value (escapes, folded lines)."""
    if not isinstance(node, yaml.ScalarNode):
        return None
    start, end = node.start_mark.index, node.end_mark.index
    raw = text[start:end]
    if node.style in ('"', "'"):
        inner, offset = raw[1:-1], start + 1
    elif node.style is None:
        inner, offset = raw, start
    else:
        return None
    if inner != node.value or "\n" in inner:
        return None
    plain = node.style is None and node.tag.endswith((":int", ":float"))
    return inner, offset, plain


def _number_in(inner: str, plain: bool) -> tuple[int, int] | None:
    match = (_PLAIN_NUMBER if plain else _DANISH_NUMBER).match(inner)
    return None if match is None else match.span("num")


def _parse(number: str, plain: bool) -> Decimal:
    if plain:
        return Decimal(number)
    return parse_danish(number.replace("\u2212", "-")).value


def figures_of(rel: str, text: str, loaded: Loaded) -> tuple[list[Figure], list[str]]:
    """Every figure of the case with its place in ``text``; and those that could not be
    placed (reported, not changed). Each place is checked against the loader's source
    map (``Loaded.locate``): the same line."""
    case = loaded.case
    assert case is not None
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    result = compute_file(case, rel)
    figures: list[Figure] = []
    unplaced: list[str] = []

    def add(
        path: tuple[str | int, ...], role: str, group: str, value: Decimal, quantum: Decimal
    ) -> None:
        node = None if root is None else node_at(root, path)
        scalar = None if node is None else _scalar_text(text, node)
        span = None if scalar is None else _number_in(scalar[0], scalar[2])
        if node is None or scalar is None or span is None:
            unplaced.append(f"{rel}: {dotted(path)}")
            return
        inner, offset, plain = scalar
        number = inner[span[0] : span[1]]
        if loaded.locate(path)[0] != node.start_mark.line + 1:
            unplaced.append(f"{rel}: {dotted(path)} (not on the line the loader says)")
            return
        if _parse(number, plain) != value:
            unplaced.append(f"{rel}: {dotted(path)} ({inner!r} is not {value})")
            return
        own = Decimal(1).scaleb(min(_parse(number, plain).as_tuple().exponent, 0))  # type: ignore[arg-type]
        figures.append(
            Figure(
                rel,
                path,
                role,
                group,
                value,
                own,
                quantum,
                node.start_mark.line + 1,
                offset + span[0],
                offset + span[1],
                plain,
                inner,
                offset,
            )
        )

    for path, amount, key in written_figures(case):
        precision = result.precision
        if path[0] == "proposals":
            precision = result.proposals[int(path[1])].precision
        stated = path[0] == "stated" or "stated" in path[2:3] or "total" in path
        add(
            path,
            "stated" if stated else "input",
            "business case",
            amount.value,
            precision.quantum(amount, key),
        )
    for t, table in enumerate(case.tables):
        basis = None if table.rounding is None else table.rounding.value

        def at(amount: Amount, basis: Decimal | None = basis) -> Decimal:
            return amount.quantum if basis is None else basis

        for name, row in table.rows.items():
            for j, amount in enumerate(row):
                add(("tables", t, "rows", name, j), "input", "table", amount.value, at(amount))
        for line in ("total_row", "total_column"):
            stated_line = getattr(table, line)
            for j, amount in enumerate([] if stated_line is None else stated_line.figures):
                add(("tables", t, line, "figures", j), "stated", "table", amount.value, at(amount))
    for c, claim in enumerate(case.claims):
        add(("claims", c, "stated"), "stated", "claim", claim.stated.value, claim.stated.quantum)
        node = None if root is None else node_at(root, ("claims", c, "expression"))
        scalar = None if node is None else _scalar_text(text, node)
        if node is None or scalar is None:
            unplaced.append(f"{rel}: claims[{c}].expression")
            continue
        inner, offset, _ = scalar
        for k, match in enumerate(_EXPRESSION_NUMBER.finditer(inner)):
            amount = parse_danish(match.group())
            figures.append(
                Figure(
                    rel,
                    ("claims", c, "expression", k),
                    "input",
                    "claim",
                    amount.value,
                    amount.quantum,
                    amount.quantum,
                    node.start_mark.line + 1,
                    offset + match.start(),
                    offset + match.end(),
                    False,
                    inner,
                    offset,
                )
            )
    return figures, unplaced


# ---------------------------------------------------------------------------------------
# Changing a figure


def changed_value(figure: Figure, units: int | None, sign: int) -> Decimal:
    if units is None:
        return round_to(figure.value * FACTOR, figure.quantum)
    return figure.value + sign * units * figure.quantum


def written_as(figure: Figure, text: str, value: Decimal) -> str:
    """``value`` written the way the figure is: its digits where they suffice, else one
    unit of its precision; a YAML number with a point, a Danish one with its grouping."""
    number = text[figure.start : figure.end]
    quantum = figure.own if value == round_to(value, figure.own) else figure.quantum
    if figure.plain:
        return format_plain(value, quantum)
    written = format_danish(value, quantum)
    digits = number.lstrip("+-\u2212").split(",")[0]
    if " " in digits:
        written = written.replace(".", " ")
    elif "." not in digits and len(digits) >= 4:
        written = written.replace(".", "")
    if written.startswith("-") and number.startswith("\u2212"):
        written = "\u2212" + written[1:]
    if number.startswith("+") and not written.startswith("-"):
        written = "+" + written
    return written


@dataclass
class Mutation:
    figure: Figure
    size: str
    change: str  # "+1", "-2", "×1,1"
    before: str
    after: str
    noticed: bool = False
    at_line: bool = False
    new: list[Found] = field(default_factory=list)
    invalid: bool = False  # refused by the loader (BC001–BC003)
    category: str = ""  # why unnoticed
    reason: str = ""
    # Judgements whose intervals do not touch but that the judge did not call an error.
    silent: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.figure.file,
            "line": self.figure.line,
            "figure": self.figure.figure,
            "role": self.figure.role,
            "group": self.figure.group,
            "quantum": str(self.figure.quantum),
            "size": self.size,
            "change": self.change,
            "before": self.before,
            "after": self.after,
            "noticed": self.noticed,
            "at_line": self.at_line,
            "new_findings": [f.__dict__ for f in self.new],
            "invalid": self.invalid,
            "class": self.category or None,
            "reason": self.reason or None,
            "silent": self.silent,
        }


def mutations_of(figure: Figure, text: str) -> Iterator[tuple[str, str, str, str]]:
    """(size, change, the new number, the mutated text) for each change that alters
    the figure."""
    for size, units in SIZES:
        for sign in (1, -1) if units is not None else (1,):
            value = changed_value(figure, units, sign)
            if value == figure.value:
                continue
            change = "×1,1" if units is None else f"{'+' if sign > 0 else '-'}{units}"
            number = written_as(figure, text, value)
            yield size, change, number, text[: figure.start] + number + text[figure.end :]


def classify(mutation: Mutation, before: Outcome, after: Outcome) -> None:
    """Why an unnoticed change went unnoticed (the rule is in the module docstring)."""
    moved: list[tuple[Decimal, str, Judged, Judged | None]] = []
    for key, old in before.judged.items():
        new = after.judged.get(key)
        if new is None:
            moved.append((Decimal("Infinity"), key, old, None))
        elif new.difference != old.difference:
            delta = abs(new.difference - old.difference)
            ratio = delta / old.tolerance if old.tolerance else Decimal("Infinity")
            moved.append((ratio, key, old, new))
    if not moved:
        mutation.category = UNDETECTABLE_NONE
        mutation.reason = "no judgement of a stated figure moved"
        return
    ratio, key, old, new = max(moved, key=lambda m: m[0])
    if ratio <= 1:
        assert new is not None
        mutation.category = UNDETECTABLE_ROUNDING
        others = f"; {len(moved)} stated figures moved" if len(moved) > 1 else ""
        mutation.reason = f"largest move: {_moved(key, old, new)}{others}"
        return
    # A miss: the worst reason among the judgements that moved past their tolerance.
    alarms = before.alarms()
    misses = []
    for ratio, key, old, new in moved:
        if ratio <= 1:
            continue
        if new is None:
            misses.append((MISS_UNEXPLAINED, f"'{key}' is no longer judged"))
            continue
        words = _moved(key, old, new)
        if abs(new.difference) <= old.tolerance:
            misses.append((MISS_ABSORBED, words))
        elif new.severity in ("error", "warning"):
            # A check may add to the judge's words ("It would hold if …").
            reported = [
                f for f in after.findings if new.message and f.message.startswith(new.message)
            ]
            old_ones = [f for f in reported if f.identity in alarms]
            if old_ones:
                where = ", ".join(f"{f.code} {f.figure}" for f in old_ones)
                misses.append((MISS_MASKED, f"{words}; {new.severity} already there: {where}"))
            else:
                misses.append((MISS_DROPPED, f"{words}; judged {new.severity}, not reported"))
        else:
            misses.append(
                (MISS_UNEXPLAINED, f"{words}; judged '{new.severity}', no error or warning")
            )
    mutation.category, mutation.reason = max(misses, key=lambda m: CLASSES.index(m[0]))


def _moved(key: str, old: Judged, new: Judged) -> str:
    delta = new.difference - old.difference
    return (
        f"'{key}' moves by {_num(delta)}, tolerance {_num(old.tolerance)} "
        f"(difference {_num(old.difference)} → {_num(new.difference)})"
    )


def _num(value: Decimal) -> str:
    if not value.is_finite():
        return str(value)
    text = f"{value.normalize():f}" if value else "0"
    if len(text) > 12:
        text = f"{float(value):.6g}"
    return text


# ---------------------------------------------------------------------------------------
# The run


@dataclass
class FileRun:
    rel: str
    text: str
    outcome: Outcome
    figures: list[Figure]
    unplaced: list[str]
    mutations: list[Mutation] = field(default_factory=list)
    crashes: list[str] = field(default_factory=list)


def discover() -> list[Path]:
    paths: list[Path] = []
    for folder in FOLDERS:
        paths += sorted(
            p for p in (REPO / folder).rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()
        )
    return paths


def run_file(path: Path, scratch: Path) -> FileRun | str:
    rel = str(path.relative_to(REPO))
    text = path.read_text(encoding="utf-8")
    loaded = load_text(text, rel)
    if loaded.problems or loaded.document is None:
        first = loaded.problems[0] if loaded.problems else None
        why = f"{first.code} {first.message}" if first else "not a document"
        return f"refused by bcalc ({len(loaded.problems)} problems; first: {why})"
    if loaded.case is None:
        return f"kind: {loaded.kind}"
    figures, unplaced = figures_of(rel, text, loaded)
    # Mutants are checked in a folder of their own beside copies of the file's
    # neighbours, which it may name (``unit_costs: unitcosts.yaml``).
    folder = scratch / f"{len(list(scratch.iterdir()))}"
    folder.mkdir()
    for sibling in path.parent.iterdir():
        if sibling.is_file() and sibling.name != path.name:
            shutil.copyfile(sibling, folder / sibling.name)
    real = check_path(path)
    base = check_text(text, folder, path.name)
    run = FileRun(rel, text, real, figures, unplaced)
    if _signature(real) != _signature(base):
        run.unplaced.append("the copy is not checked as the file is: " + _signature(base))
    alarms = base.alarms()
    for figure in figures:
        for size, change, number, mutated in mutations_of(figure, text):
            try:
                after = check_text(mutated, folder, path.name)
            except Exception as error:  # an internal error of bcalc: report, go on
                CRASHES.mkdir(exist_ok=True)
                keep = CRASHES / f"{path.stem}-{len(run.crashes)}{path.suffix}"
                keep.write_text(mutated, encoding="utf-8")
                run.crashes.append(f"{rel} {figure.figure} {change}: {error!r} ({keep})")
                continue
            mutation = Mutation(figure, size, change, figure.original, figure.replaced(number))
            for identity, found in after.alarms().items():
                old = alarms.get(identity)
                if old is None or _rank(found.severity) > _rank(old.severity):
                    mutation.new.append(found)
            mutation.noticed = bool(mutation.new)
            mutation.at_line = any(f.line == figure.line for f in mutation.new)
            mutation.invalid = any(f.code in ("BC001", "BC002", "BC003") for f in mutation.new)
            if not mutation.noticed:
                classify(mutation, base, after)
            mutation.silent = [
                f"'{key}': difference {_num(j.difference)}, tolerance {_num(j.tolerance)}, "
                f"judged '{j.severity}'"
                for key, j in after.judged.items()
                if abs(j.difference) > j.tolerance and j.severity != "error"
            ]
            run.mutations.append(mutation)
    return run


# ---------------------------------------------------------------------------------------
# CLI equivalence


def verify_with_cli(runs: list[FileRun], scratch: Path, bcalc: list[str]) -> tuple[int, list[str]]:
    """Originals and, per file, its first noticed and first unnoticed mutant: the
    findings of ``bcalc check --format json`` must equal the in-process ones."""
    samples: list[tuple[str, str, str]] = []  # (label, name, text)
    for run in runs:
        name = Path(run.rel).name
        samples.append((run.rel, name, run.text))
        for want in (True, False):
            pick = next((m for m in run.mutations if m.noticed is want), None)
            if pick is not None:
                label = f"{run.rel} {pick.figure.figure} {pick.change}"
                mutated = next(
                    t
                    for s, c, _, t in mutations_of(pick.figure, run.text)
                    if s == pick.size and c == pick.change
                )
                samples.append((label, name, mutated))
    folder = scratch / "cli"
    folder.mkdir()
    differences = []
    for number, (label, name, text) in enumerate(samples):
        sub = folder / str(number)
        sub.mkdir()
        inner = check_text(text, sub, name)
        ours = sorted((f.code, f.severity, f.line, f.column) for f in inner.findings)
        done = subprocess.run(
            [*bcalc, "check", "--no-cache", "--format", "json", str(sub / name)],
            capture_output=True,
            text=True,
            cwd=REPO,
            timeout=120,
        )
        try:
            data = json.loads(done.stdout)
            theirs = sorted(
                (f["code"], f["severity"], f["line"], f["column"]) for f in data["findings"]
            )
        except (ValueError, KeyError, TypeError):
            differences.append(f"{label}: exit {done.returncode}, no JSON: {done.stderr[-200:]}")
            continue
        if ours != theirs:
            differences.append(f"{label}: in-process {ours} ≠ CLI {theirs}")
    return len(samples), differences


# ---------------------------------------------------------------------------------------
# Reporting


def share(n: int, total: int) -> str:
    return f"{n:>4}/{total:<4} {100 * n / total:5.1f} %" if total else f"{'–':>16}"


UNDETECTABLE = (UNDETECTABLE_NONE, UNDETECTABLE_ROUNDING)
CHANGES = ("+1", "-1", "+2", "-2", "+5", "-5", "×1,1")


def print_report(
    runs: list[FileRun],
    skipped: dict[str, str],
    alarms: list[tuple[str, Found, str | None]],
    examples: int,
) -> dict[str, Any]:
    mutations = [m for run in runs for m in run.mutations]
    print("\nfiles:")
    for run in runs:
        roles = Counter(f.role for f in run.figures)
        parts = []
        for size in ("±2 units", "±5 units"):
            chosen = [m for m in run.mutations if m.size == size and m.figure.role == "stated"]
            if chosen:
                parts.append(f"{size} {sum(m.noticed for m in chosen)}/{len(chosen)}")
        seen = f"; stated noticed: {', '.join(parts)}" if parts else ""
        print(
            f"  {run.rel:<36} {roles['stated']:>3} stated, {roles['input']:>3} input figures, "
            f"{len(run.mutations):>4} mutants{seen}"
        )
        for problem in run.unplaced:
            print(f"    not changed (not found as written): {problem}")
    for rel, reason in skipped.items():
        print(f"  {rel:<36} skipped: {reason}")

    print("\nerrors and warnings of the unchanged files:")
    false_alarms = 0
    for rel, found, why in alarms:
        mark = f"real: {why}" if why is not None else "NOT PINNED: a false alarm"
        false_alarms += why is None
        print(f"  {rel}:{found.line} {found.code} [{found.severity}] {found.figure}  ({mark})")

    print(
        "\nnoticed: a new error or warning anywhere in the file (one already there, same "
        "code and figure,\ncounts only if its severity rose); detectable: all but the "
        "undetectable classes below\n"
    )
    print(f"{'':<10} {'stated figures':^40} {'input figures':^40}".rstrip())
    print((f"{'change':<10} " + f"{'noticed':>19} {'of detectable':>20} " * 2).rstrip())
    print("-" * 92)
    table: dict[str, dict[str, dict[str, int]]] = {}
    for size, _ in SIZES:
        row: dict[str, dict[str, int]] = {}
        shares: list[str] = []
        for role in ("stated", "input"):
            chosen = [m for m in mutations if m.size == size and m.figure.role == role]
            noticed = sum(m.noticed for m in chosen)
            detectable = sum(1 for m in chosen if m.category not in UNDETECTABLE)
            row[role] = {"noticed": noticed, "total": len(chosen), "detectable": detectable}
            shares += [share(noticed, len(chosen)), share(noticed, detectable)]
        table[size] = row
        print((f"{size:<10} " + " ".join(f"{cell:>19} " for cell in shares)).rstrip())
    print(f"false alarms on the unchanged files: {false_alarms}")

    print("\ntargets (issue 13 item 4):")
    verdicts = {}
    for size, target in TARGETS.items():
        n, total = table[size]["stated"]["noticed"], table[size]["stated"]["total"]
        value = n / total if total else 0.0
        verdicts[size] = value >= target
        print(
            f"  {size} changes to stated figures noticed: {100 * value:.1f} % "
            f"(target ≥ {100 * target:.0f} %): {'met' if value >= target else 'MISSED'}"
        )
    print(f"  false alarms: {false_alarms} (target 0): {'met' if false_alarms == 0 else 'MISSED'}")

    print("\nby kind of figure, noticed / changed:")
    print(f"{'figure':<24} " + " ".join(f"{size:>12}" for size, _ in SIZES))
    for kind, role in sorted({(m.figure.group, m.figure.role) for m in mutations}):
        counts = []
        for size, _ in SIZES:
            chosen = [
                m
                for m in mutations
                if m.size == size and m.figure.group == kind and m.figure.role == role
            ]
            counts.append(f"{sum(m.noticed for m in chosen)}/{len(chosen)}")
        print(f"{kind + ', ' + role:<24} " + " ".join(f"{c:>12}" for c in counts))
    at_line = [m for m in mutations if m.figure.role == "stated" and m.noticed]
    print(
        f"\nof the noticed changes to stated figures, {sum(m.at_line for m in at_line)} of "
        f"{len(at_line)} have a new finding on the changed figure's own line; "
        f"{sum(m.invalid for m in mutations)} mutants\nwere refused by the loader "
        f"(BC001–BC003, e.g. a negative investment)"
    )
    codes: Counter[str] = Counter()
    for m in mutations:
        codes.update({f.code for f in m.new})
    print("mutants noticed by: " + ", ".join(f"{code} {n}" for code, n in sorted(codes.items())))
    only = Counter(
        m.figure.role for m in mutations if m.new and {f.code for f in m.new} == {"BC301"}
    )
    print(
        f"noticed only by BC301 (savings below investment, a plausibility warning, not "
        f"arithmetic): {only['stated']} stated, {only['input']} input"
    )

    unnoticed = [m for m in mutations if not m.noticed]
    print(f"\nunnoticed: {len(unnoticed)} of {len(mutations)} mutants, by class")
    print((f"{'':<50} " + " ".join(f"{size:^13}" for size, _ in SIZES)).rstrip())
    print(f"{'class':<50} " + " ".join(f"{'stated':>6} {'input':>6}" for _ in SIZES))
    for category in CLASSES:
        pairs = []
        for size, _ in SIZES:
            for role in ("stated", "input"):
                pairs.append(
                    sum(
                        1
                        for m in unnoticed
                        if m.category == category and m.size == size and m.figure.role == role
                    )
                )
        line = " ".join(f"{pairs[i]:>6} {pairs[i + 1]:>6}" for i in range(0, len(pairs), 2))
        print(f"{category:<50} {line}")

    print("\nexamples of each unnoticed class, largest groups first (all in --json):")
    for category in CLASSES:
        chosen = [m for m in unnoticed if m.category == category]
        if chosen:
            print(f"\n  {category} ({len(chosen)} mutants):")
            print_examples(chosen, examples)

    silent = [m for m in mutations if m.silent]
    print(
        f"\njudgements outside their tolerance (the intervals do not touch) that were not "
        f"called an error:\n{sum(len(m.silent) for m in silent)} in {len(silent)} mutants, "
        f"noticed or not{':' if silent else ''}"
    )
    for m in silent[: examples or len(silent)]:
        print(
            f'    {m.figure.file}:{m.figure.line} {m.figure.figure} "{m.before}" → '
            f'"{m.after}" ({m.change}): {m.silent[0]}'
        )
    if examples and len(silent) > examples:
        print(f"    … {len(silent) - examples} more (all in --json)")

    return {
        "table": table,
        "targets": {size: {"target": TARGETS[size], "met": ok} for size, ok in verdicts.items()},
        "false_alarms": false_alarms,
    }


def print_examples(chosen: list[Mutation], limit: int) -> None:
    """Mutants grouped by file, role and kind of figure (indices and years left out):
    the first figure, the changes, the other figures, and why (the largest change)."""
    groups: dict[tuple[str, str, str], list[Mutation]] = defaultdict(list)
    for m in chosen:
        pattern = re.sub(r"\[\d+\]|\.\d{4}\b", "", m.figure.figure)
        groups[(m.figure.file, m.figure.role, pattern)].append(m)
    ordered = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    for number, (_, group) in enumerate(ordered):
        if limit and number >= limit:
            rest = sum(len(g) for _, g in ordered[number:])
            print(f"    … {len(ordered) - number} more groups, {rest} mutants")
            break
        first = group[0].figure
        changes = {m.change for m in group}
        figures = sorted({(m.figure.line, m.figure.figure) for m in group})
        others = ""
        if len(figures) > 1:
            lines = sorted({line for line, _ in figures if line != first.line})
            shown = ", ".join(str(line) for line in lines[:8]) + (", …" if len(lines) > 8 else "")
            others = f"; {len(figures) - 1} more figures like it" + (
                f" (lines {shown})" if lines else ""
            )
        print(
            f'    {first.file}:{first.line} {first.figure} ({first.role}) "{group[0].before}": '
            f"{' '.join(c for c in CHANGES if c in changes)}{others}; {len(group)} mutants"
        )
        own = [m for m in group if m.figure == first]
        example = max(own, key=lambda m: CHANGES.index(m.change))
        print(f'        e.g. {example.change} → "{example.after}": {example.reason}')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, default=None, help="also write raw results here")
    parser.add_argument(
        "--examples",
        type=int,
        default=8,
        help="groups of examples shown per unnoticed class (0: all); default 8",
    )
    parser.add_argument(
        "--no-cli",
        dest="cli",
        action="store_false",
        help="skip the comparison with the bcalc check command",
    )
    parser.add_argument("--bcalc", default=None, help="the bcalc executable for the comparison")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    wrapped = install_recorder()
    print(f"judgements recorded in: {', '.join(wrapped) or 'NOTHING (classes will be wrong)'}")
    runs: list[FileRun] = []
    skipped: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="bcalc-sensitivity-") as tmp:
        scratch = Path(tmp)
        for path in discover():
            outcome = run_file(path, scratch)
            rel = str(path.relative_to(REPO))
            if isinstance(outcome, str):
                skipped[rel] = outcome
            else:
                runs.append(outcome)
        alarms: list[tuple[str, Found, str | None]] = []
        for run in runs:
            for found in sorted(run.outcome.alarms().values(), key=lambda f: (f.line, f.code)):
                alarms.append((run.rel, found, PINNED.get((run.rel, found.code, found.figure))))
        cli: tuple[int, list[str]] | None = None
        if args.cli:
            cli = verify_with_cli(runs, scratch, generate.find_bcalc(args.bcalc))
    summary = print_report(runs, skipped, alarms, args.examples)
    if cli is not None:
        count, differences = cli
        verdict = "identical" if not differences else f"{len(differences)} DIFFERENT"
        print(
            f"\nin-process check_file against 'bcalc check --format json' on {count} files "
            f"(the originals, a noticed and an unnoticed mutant of each): {verdict}"
        )
        for difference in differences:
            print(f"  {difference}")
    crashes = [crash for run in runs for crash in run.crashes]
    if crashes:
        print(f"\n{len(crashes)} mutants made bcalc raise (an internal error):")
        for crash in crashes:
            print(f"  {crash}")
    missing = [key for key in PINNED if key not in {(r, f.code, f.figure) for r, f, _ in alarms}]
    for rel, code, figure in missing:
        print(f"pinned finding no longer reported: {rel} {code} {figure}")
    elapsed = time.perf_counter() - start
    total = sum(len(r.mutations) for r in runs)
    print(f"\n{total} mutants of {len(runs)} files checked in {elapsed:.1f} s")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    **summary,
                    "files": {r.rel: {"figures": len(r.figures)} for r in runs},
                    "skipped": skipped,
                    "real_findings": [
                        {"file": rel, **f.__dict__, "pinned": why} for rel, f, why in alarms
                    ],
                    "cli": None if cli is None else {"files": cli[0], "differences": cli[1]},
                    "mutations": [m.as_json() for r in runs for m in r.mutations],
                    "crashes": crashes,
                },
                indent=1,
                ensure_ascii=False,
            )
            + "\n",
            encoding="utf-8",
        )
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
