"""The page around the sections: one self-contained HTML document.

Inline CSS only: no font, script, stylesheet or image is fetched, so the report opens
offline, from an e-mail attachment or a file share, and looks the same everywhere.
Print CSS: A4, each business case on a page of its own, no table or chart split
across pages, the contents kept (a printed report needs them too).
"""

from __future__ import annotations

from collections.abc import Sequence

from bcalc.render.html.sections import Section
from bcalc.render.html.text import esc

CSS = """
:root { color-scheme: light; --ink: #1b1f24; --muted: #4a5260; --line: #d0d4d9;
  --band: #f3f5f8; --accent: #0b4f8a; }
* { box-sizing: border-box; }
html { font-size: 16px; }
body { margin: 0; color: var(--ink); background: #fff;
  font-family: "Segoe UI", Calibri, "Helvetica Neue", Arial, "Liberation Sans", sans-serif;
  line-height: 1.45; }
main { max-width: 1080px; margin: 0 auto; padding: 24px 32px 48px; }
header.report { border-bottom: 4px solid var(--accent); margin-bottom: 24px; padding-bottom: 12px; }
header.report h1 { font-size: 1.9rem; margin: 0 0 4px; line-height: 1.2; }
header.report p { margin: 2px 0; color: var(--muted); }
h2 { font-size: 1.45rem; margin: 36px 0 8px; color: var(--accent); line-height: 1.25; }
h3 { font-size: 1.2rem; margin: 28px 0 8px; line-height: 1.3; }
h4 { font-size: 1rem; margin: 20px 0 6px; }
p.lead { color: var(--muted); margin: 0 0 12px; }
nav.toc { background: var(--band); padding: 12px 20px; border-radius: 6px; }
nav.toc h2 { margin: 0 0 6px; font-size: 1.05rem; color: var(--ink); }
nav.toc ol, nav.toc ul { margin: 0; padding-left: 20px; }
nav.toc a { color: var(--accent); }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr));
  gap: 12px; margin: 12px 0 16px; }
.kpi { border: 1px solid var(--line); border-left: 5px solid var(--accent); border-radius: 6px;
  padding: 10px 14px; background: #fff; }
.kpi .label { display: block; font-size: 0.85rem; color: var(--muted); }
.kpi .value { display: block; font-size: 1.45rem; font-weight: 650;
  font-variant-numeric: tabular-nums; }
.kpi .note { display: block; font-size: 0.8rem; color: var(--muted); }
.kpi.good { border-left-color: #007A5E; }
.kpi.bad { border-left-color: #B3261E; }
.scroll { overflow-x: auto; margin: 8px 0 12px; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
caption { text-align: left; font-weight: 600; padding: 4px 0 6px; }
th, td { padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { background: var(--band); text-align: left; border-bottom: 2px solid #8a929c; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody th { font-weight: normal; text-align: left; }
tr.sub th { padding-left: 24px; color: var(--muted); }
tr.sub td { color: var(--muted); }
tr.total th, tr.total td { font-weight: 700; border-top: 2px solid #8a929c; }
tr.group th { font-weight: 650; background: #fafbfc; }
tr.new th, tr.new td { background: #e8f5ee; }
tr.ended th, tr.ended td { background: #fbeceb; }
tr.changed th, tr.changed td { background: #fff6dc; }
ul.facts { margin: 6px 0 12px; padding-left: 20px; }
figure { margin: 12px 0; }
figcaption { font-size: 0.85rem; color: var(--muted); }
svg.chart { width: 100%; height: auto; max-width: 760px; display: block; }
svg .tick, svg .cat, svg .legend { font: 12px sans-serif; fill: #2b3138; }
svg .mark { font: bold 12px sans-serif; fill: #6b4a00; }
.badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 0.8rem;
  font-weight: 600; white-space: nowrap; }
.badge.error { background: #fbeceb; color: #8c1d18; }
.badge.warning { background: #fff6dc; color: #6b4a00; }
.badge.info { background: #eef1f5; color: #37404a; }
.badge.ok { background: #e8f5ee; color: #0d5238; }
.muted { color: var(--muted); }
code { font-family: Consolas, "Liberation Mono", monospace; font-size: 0.88em; }
section.case, section.file { margin-top: 8px; }
footer { margin-top: 40px; font-size: 0.85rem; color: var(--muted);
  border-top: 1px solid var(--line); padding-top: 8px; }
@media (max-width: 600px) {
  main { padding: 12px 14px 32px; }
  header.report h1 { font-size: 1.45rem; }
  h2 { font-size: 1.25rem; }
  table { font-size: 0.82rem; }
  th, td { padding: 4px 5px; }
}
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  html { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  section.case, section.file, section.comparison { break-before: page; }
  table, figure, .kpis, tr { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; }
  .scroll { overflow: visible; }
  a { color: inherit; text-decoration: none; }
  nav.toc { background: none; border: 1px solid var(--line); }
}
""".strip()


def page(title: str, subtitle: Sequence[str], sections: Sequence[Section]) -> str:
    """The whole document. ``title`` and ``subtitle`` are user text (escaped here);
    sections bring their own, already escaped, HTML."""
    toc = _contents(sections)
    body = "\n".join(s.html for s in sections)
    lines = "".join(f"<p>{esc(line)}</p>" for line in subtitle)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="da">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="bcalc">\n'
        f"<title>{esc(title)}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n<main>\n"
        f'<header class="report"><h1>{esc(title)}</h1>{lines}</header>\n'
        f'<nav class="toc" aria-label="Indhold"><h2>Indhold</h2><ol>\n{toc}\n</ol></nav>\n'
        f"{body}\n"
        "<footer>Beregnet med bcalc: alle tal er regnet fra de skrevne tal i sagsfilerne og "
        "vist med den præcision, dokumenterne skriver dem med.</footer>\n"
        "</main>\n</body>\n</html>\n"
    )


def _contents(sections: Sequence[Section]) -> str:
    """The contents: level-2 sections, each with its level-3 sections nested under it."""
    items: list[str] = []
    nested: list[str] = []

    def close() -> None:
        if nested and items:
            items[-1] = items[-1].removesuffix("</li>") + f"<ul>{''.join(nested)}</ul></li>"
        nested.clear()

    for section in sections:
        link = f'<li><a href="#{section.ident}">{esc(section.heading)}</a></li>'
        if section.level == 2:
            close()
            items.append(link)
        elif section.level == 3:
            nested.append(link)
    close()
    return "\n".join(items)
