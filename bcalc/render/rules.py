"""``bcalc rules``: the rule table as text for a terminal, or as docs/rules.md."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

from bcalc.render import Options

if TYPE_CHECKING:
    from bcalc.checks import Rule

INTRO = """\
# Rules

Every finding bcalc reports has a code. `bcalc rules CODE` prints the same text, and
this page is `bcalc rules --format markdown`.

Severities: **error** (exit 1), **warning** (exit 1 with `--strict`), **info** (a
difference explained by rounding; shown with `--show-info`). The severity listed for a
rule is the most severe it reports.

**How a stated figure is judged.** Every written figure is an interval: the document's
precision in its unit decides how finely it is read (a whole "2" in a table of tenths
is 2,0, so 1,95–2,05; see [format.md](format.md#precision)), "ca." widens it by one
more unit of its own last digit ("ca. 6,1" is 5,95–6,25), and "25 ± 2" is read as
written. Sums, differences, products and quotients of intervals are intervals. A stated
figure is then

- an **error** when its interval and the computed one do not touch: no rounding
  explains the difference;
- a **warning** when they touch, but the difference is more than three standard
  deviations of the rounding errors together: rounding explains it only if nearly all
  the figures were rounded the same way, which independent rounding almost never does;
- an **info** otherwise ("explained by rounding").

The JSON output gives both tolerances: `tolerance` (the worst case) and
`likely_tolerance` (three standard deviations).

| Code | Name | Severity |
|---|---|---|
"""


def markdown(rules: Sequence[Rule]) -> str:
    """docs/rules.md, every rule's doc as ``bcalc rules CODE`` prints it."""
    index = "".join(
        f"| [{r.code}](#{r.code.lower()}) | {r.name} | {r.severity.value} |\n" for r in rules
    )
    sections = []
    for rule in rules:
        head, rest = rule.doc.split(": ", 1)
        sections.append(
            f"## {rule.code}\n\n**{head}**: {rest}\n\nSeverity: {rule.severity.value}\n"
        )
    return INTRO + index + "\n" + "\n".join(sections)


def text(rules: Sequence[Rule]) -> str:
    """One line a rule: code, name, severity and what it finds."""
    width = max(len(rule.name) for rule in rules)
    lines = [f"{'Code':<6} {'Name':<{width}}  {'Severity':<8}  What it finds"]
    lines += [f"{r.code:<6} {r.name:<{width}}  {r.severity.value:<8}  {r.summary}" for r in rules]
    return "\n".join(lines) + "\n"


def _text(rules: Sequence[Rule], options: Options, out: TextIO) -> None:
    if len(rules) == 1:
        out.write(f"{rules[0].text}\n\nSeverity: {rules[0].severity.value}\n")
    else:
        out.write(text(rules))


def _markdown(rules: Sequence[Rule], options: Options, out: TextIO) -> None:
    out.write(markdown(rules))


Write = Callable[[Sequence["Rule"], Options, TextIO], None]
FORMATS: dict[str, Write] = {"text": _text, "markdown": _markdown}
