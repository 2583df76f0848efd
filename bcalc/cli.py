"""The command line: the only module that prints or exits. Each command parses its
options, calls one function for its results and one format from its table
(``render/<command>.py``), and sets the exit code.

Exit codes: 0 all well; 1 an error finding (or a warning under ``--strict``);
2 a file that cannot be read or validated, or a usage error; 3 an internal error (a
bug in bcalc); 4 the output could not be written (a closed pipe, a full disk);
130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from bcalc import __version__
from bcalc.render import Options
from bcalc.render import check as check_formats
from bcalc.render import compare as compare_formats
from bcalc.render import compute as compute_formats
from bcalc.render import rules as rules_formats
from bcalc.render import sensitivity as sensitivity_formats
from bcalc.render import status as status_formats

if TYPE_CHECKING:
    from collections.abc import Iterator

    from bcalc.config import Settings
    from bcalc.findings import Finding
    from bcalc.load import Loaded
    from bcalc.render.compute import Computed
    from bcalc.reports import RuleChoice


class _InOrder(typer.core.TyperGroup):
    """Commands in the order a user meets them, not alphabetically."""

    ORDER = (
        "compute",
        "check",
        "compare",
        "sensitivity",
        "status",
        "report",
        "export",
        "new",
        "import",
        "trace",
        "rules",
        "schema",
        "config",
    )

    def list_commands(self, ctx: object) -> list[str]:
        names = list(self.commands)
        return sorted(names, key=lambda n: self.ORDER.index(n) if n in self.ORDER else 99)


app = typer.Typer(
    cls=_InOrder,
    help="Business cases for municipal employment investments: compute, check, compare.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID = 0, 1, 2
Write = TypeVar("Write")
MB = 1024 * 1024

# --danish where `bcalc config` can say where the value came from: the option, then
# BCALC_DANISH, then the configuration file's danish (bcalc.config).
DanishSetting = Annotated[
    bool | None,
    typer.Option(
        "--danish/--no-danish",
        help="Danish number formatting: 2,6 and 8.500 (default: BCALC_DANISH, then the "
        "configuration file's danish; see `bcalc config`).",
        show_default=False,
    ),
]
# --max-file-size where `bcalc config` can say where the value came from: the option,
# BCALC_MAX_FILE_SIZE, the configuration file or the default (bcalc.config).
MaxFileSizeSetting = Annotated[
    int | None,
    typer.Option(
        "--max-file-size",
        min=1,
        help="Refuse case files larger than this many MB (default 10; BCALC_MAX_FILE_SIZE).",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this new file instead of stdout.")
]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Overwrite an existing output file (never a case file).")
]


def _format_option(formats: Mapping[str, object]) -> Any:
    """A --format option whose choices are the rows of a command's format table."""
    return typer.Option("--format", "-f", help=f"Output format: {', '.join(formats)}.")


def _pick(formats: Mapping[str, Write], name: str) -> Write:  # a row: a function or Binary
    """The format ``name`` from a command's table, or a usage error naming the choices."""
    if name not in formats:
        raise typer.BadParameter(
            f"{name!r} is not one of {', '.join(formats)}", param_hint="'--format'"
        )
    return formats[name]


ComputeFormat = Annotated[str, _format_option(compute_formats.FORMATS)]
CheckFormat = Annotated[str, _format_option(check_formats.FORMATS)]
CompareFormat = Annotated[str, _format_option(compare_formats.FORMATS)]
RulesFormat = Annotated[str, _format_option(rules_formats.FORMATS)]
SensitivityFormat = Annotated[str, _format_option(sensitivity_formats.FORMATS)]
StatusFormat = Annotated[str, _format_option(status_formats.FORMATS)]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"bcalc {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Business cases for municipal employment investments: compute, check, compare."""


def _echo(text: str, err: bool = False) -> None:
    if text:
        typer.echo(text, err=err)


def _report_problems(findings: list[Finding], loaded: list[Loaded] = ()) -> bool:  # type: ignore[assignment]
    """Print problems with the paths and the files to stderr; True if there was any."""
    from bcalc.findings import quote_lines
    from bcalc.render.findings import to_text

    problems = [*findings, *(p for item in loaded for p in item.problems)]
    quoted = {item.path: quote_lines(item.problems, item.lines) for item in loaded}
    _echo(to_text(problems, quoted), err=True)
    return bool(problems)


def _case_files(paths: list[Path]) -> tuple[list[list[str]], list[Finding]]:
    """The case files a command was given, a group per path (a folder's files in
    order), and the paths that cannot be used, as findings. The same rules as
    ``check`` (no link out of the tree, no pipes)."""
    from bcalc.discover import case_files

    groups: list[list[str]] = []
    unusable: list[Finding] = []
    for path in paths:
        found, problems = case_files([path])
        groups.append(found)
        unusable += problems
    return groups, unusable


def _settings(**given: Any) -> Settings:
    """The effective settings (bcalc.config): the options given on top of the
    environment, the configuration file and the defaults. A setting bcalc cannot use
    is reported with its file and line, and exits 2."""
    from bcalc.config import ConfigError, load

    try:
        return load().given(**given)
    except ConfigError as error:
        _echo(f"bcalc: {error.message}", err=True)
        raise typer.Exit(EXIT_INVALID) from None


def _refuse_output(row: object, name: str, output: Path | None, force: bool) -> None:
    """Before any work: a binary format needs -o, and -o must not name an existing
    file without --force (``files.write_new*`` checks again when writing)."""
    from bcalc.render.binary import Binary

    if isinstance(row, Binary) and output is None:
        _echo(
            f"bcalc: --format {name} writes a binary file; name it with -o, "
            f"e.g. -o book{row.suffix}",
            err=True,
        )
        raise typer.Exit(EXIT_INVALID)
    if isinstance(row, Binary) and output is not None and output.suffix.lower() != row.suffix:
        _echo(f"bcalc: {output}: the file's name must end in {row.suffix}", err=True)
        raise typer.Exit(EXIT_INVALID)
    if output is not None and os.path.lexists(output) and not force:
        _echo(f"bcalc: {output} exists; use --force to overwrite it", err=True)
        raise typer.Exit(EXIT_INVALID)


def _emit(row: Any, results: object, options: Options, output: Path | None, force: bool) -> None:
    """Run a format row: a text format onto stdout, or into ``output``; a binary one
    (``render.binary.Binary``) only into ``output``. Files are written whole and
    atomically (``files.write_new_bytes``), never over a case file or a device."""
    import io

    from bcalc.render.binary import Binary

    if isinstance(row, Binary):
        binary = io.BytesIO()
        row.write(results, options, binary)
        data = binary.getvalue()
    elif output is None:
        row(results, options, sys.stdout)
        return
    else:
        text = io.StringIO()
        row(results, options, text)
        data = text.getvalue().encode("utf-8")
    assert output is not None  # _refuse_output made sure of it
    from bcalc.files import write_new_bytes

    error = write_new_bytes(output, data, force)
    if error:
        _echo(f"bcalc: {error}", err=True)
        raise typer.Exit(EXIT_INVALID)


@app.command(short_help="Compute the business cases and the overview of case files.")
def compute(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Case files, or folders of them.", show_default=False),
    ],
    proposal: Annotated[
        str | None, typer.Option("--proposal", "-p", help="Show only the proposal with this id.")
    ] = None,
    output_format: ComputeFormat = "table",
    document_signs: Annotated[
        bool,
        typer.Option(
            "--document-signs",
            help="Print savings and gains in each file's own sign convention "
            '("Besparelse (-)" rows negative).',
        ),
    ] = False,
    danish: DanishSetting = None,
    max_file_size: MaxFileSizeSetting = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Print each file's overview and one business case per proposal. A folder is
    computed file by file, in the order of their names. `--format html` is a report
    page, `--format xlsx -o FILE` an Excel workbook."""
    from bcalc.calc import compute_file
    from bcalc.kinds import KINDS
    from bcalc.lifecycle.documents import compute_document, covers
    from bcalc.load import load_file
    from bcalc.render.compute import LIFECYCLE_FORMATS
    from bcalc.reports import LIFECYCLE_KINDS

    write = _pick(compute_formats.FORMATS, output_format)
    settings = _settings(danish=danish, max_file_size=max_file_size)
    _refuse_output(write, output_format, output, force)
    groups, unusable = _case_files(paths)
    failed = _report_problems(unusable)
    found = proposal is None

    def computed() -> Iterator[Computed]:
        nonlocal failed, found
        for path in (path for group in groups for path in group):
            item = load_file(path, settings.max_file_size * MB)
            if item.case is None:
                # A follow-up report or a portfolio overview, in a format that draws it.
                if output_format in LIFECYCLE_FORMATS and item.kind in LIFECYCLE_KINDS:
                    lifecycle = compute_document(item.document, item.path)
                    if lifecycle is not None:
                        found = found or covers(lifecycle, str(proposal))
                        yield lifecycle
                        continue
                if item.document is not None:  # a valid file of another kind
                    what = KINDS[str(item.kind)].what
                    why = "nothing to compute in it"
                    if item.kind in LIFECYCLE_KINDS:
                        drawn = ", ".join(LIFECYCLE_FORMATS)
                        why = f"--format {output_format} does not draw it (use {drawn})"
                    _echo(f"bcalc: {path} is {what}; {why}", err=True)
                failed = _report_problems([], [item]) or failed
                continue
            result = compute_file(item.case, item.path)
            found = found or any(p.id == proposal for p in result.proposals)
            yield result

    options = Options(danish=settings.danish, document_signs=document_signs, proposal=proposal)
    _emit(write, computed(), options, output, force)
    if not found:
        _echo(f"bcalc: no proposal with id {proposal!r} in the given files", err=True)
    raise typer.Exit(EXIT_INVALID if failed or not found else EXIT_OK)


@app.command(short_help="Check stated figures against the arithmetic (for CI).")
def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Case files or folders (default: cases/).", show_default=False),
    ] = None,
    output_format: CheckFormat = "text",
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select", help="Only these codes or prefixes, e.g. BC1 or BC101,BC3 (repeatable)."
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", help="Skip these codes or prefixes, e.g. BC2,BC301."),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    show_info: Annotated[
        bool, typer.Option("--show-info", help="Also print differences explained by rounding.")
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option("--no-cache", help="Check every file anew; neither read nor write the cache."),
    ] = False,
    cache_dir: Annotated[
        Path | None,
        typer.Option(
            "--cache-dir",
            help="Where the cache is kept (default .bcalc_cache; BCALC_CACHE_DIR).",
            show_default=False,
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", min=0, help="Worker processes: 0 = every core for many files, 1 = none."
        ),
    ] = 0,
    max_file_size: MaxFileSizeSetting = None,
) -> None:
    """Check every stated figure against the arithmetic, rounding-aware, for CI.
    Without paths: the configured folder (default cases/; see `bcalc config`)."""
    from bcalc.checking import check_paths, tune_gc
    from bcalc.discover import case_files
    from bcalc.progress import bar, wanted
    from bcalc.reports import CheckRun, RuleChoice

    write = _pick(check_formats.FORMATS, output_format)
    settings = _settings(
        select=list(_codes(select)) or None,
        ignore=list(_codes(ignore)) or None,
        cache_dir=cache_dir,
        max_file_size=max_file_size,
    )
    choice = RuleChoice(tuple(settings.select), tuple(settings.ignore), settings.max_file_size * MB)
    if choice.select or choice.ignore:
        _refuse_unknown_codes(choice)
    # A path that cannot be used (missing, a refused link, a pipe, a folder without case
    # files) is a finding like any other: in every format, and counted.
    files, unusable = case_files(paths or [settings.folder])
    cache = None
    if not no_cache:
        from bcalc.cache import CheckCache

        cache = CheckCache(settings.cache_dir, choice)
    tune_gc()
    # A bar on a terminal's stderr for many files; never with JSON or GitHub output.
    shown = output_format == "text" and wanted(len(files))
    with bar(len(files), "Kontrollerer", shown) as done:
        reports = check_paths(files, choice, jobs, cache, done)
    every = [*unusable, *(f for report in reports for f in report.findings)]
    findings = sorted(every, key=lambda f: f.file)  # each file's findings stay in order
    run = CheckRun(len(files), findings, {report.path: report.quoted for report in reports})
    write(run, Options(show_info=show_info), sys.stdout)
    if unusable or not files or any(report.invalid for report in reports):
        raise typer.Exit(EXIT_INVALID)
    counts = run.counts
    failed = counts["errors"] or (strict and counts["warnings"])
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


def _codes(given: list[str] | None) -> tuple[str, ...]:
    """``--select BC1,BC3 --select BC201`` → (BC1, BC3, BC201), as ruff takes them."""
    return tuple(
        code.strip().upper() for item in given or () for code in item.split(",") if code.strip()
    )


def _refuse_unknown_codes(choice: RuleChoice) -> None:
    """A --select or --ignore that names no rule is a typo: say so, never check nothing."""
    from bcalc.checks import RULES

    for prefix in (*choice.select, *choice.ignore):
        if not any(rule.code.startswith(prefix) for rule in RULES):
            _echo(f"bcalc: no rule code starts with {prefix!r}; `bcalc rules` lists them", err=True)
            raise typer.Exit(EXIT_INVALID)


@app.command(short_help="Compare budget years: new, ended and changed proposals.")
def compare(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Case files, oldest first, or folders (their files sorted by budget year).",
            show_default=False,
        ),
    ],
    output_format: CompareFormat = "table",
    only_changed: Annotated[
        bool, typer.Option("--only-changed", help="Leave out unchanged proposals.")
    ] = False,
    danish: DanishSetting = None,
    max_file_size: MaxFileSizeSetting = None,
) -> None:
    """Compare budget years: new, ended and changed proposals, on annual averages."""
    from bcalc.calc import compute_file
    from bcalc.compare import compare_files
    from bcalc.lifecycle.documents import comparable, year_of
    from bcalc.load import load_file

    write = _pick(compare_formats.FORMATS, output_format)
    settings = _settings(danish=danish, max_file_size=max_file_size)
    groups, unusable = _case_files(paths)
    loaded: list[Loaded] = []
    for path, group in zip(paths, groups, strict=True):
        if path.is_dir():  # a link in a folder to a file beside it ("latest.yaml") is one file
            group = _distinct(group)
        items = [load_file(name, settings.max_file_size * MB) for name in group]
        if path.is_dir():  # a folder's files by budget (or report) year, oldest first
            items.sort(key=year_of)
        loaded += items
    if _report_problems(unusable, loaded):
        raise typer.Exit(EXIT_INVALID)
    if (mixed := comparable(loaded)) is not None:
        _echo(f"bcalc: {mixed}", err=True)
        raise typer.Exit(EXIT_INVALID)
    if (twice := _given_twice(item.path for item in loaded)) is not None:
        _echo(f"bcalc: {twice} is given twice; compare needs different files", err=True)
        raise typer.Exit(EXIT_INVALID)
    if loaded and loaded[0].kind == "followup":
        options = Options(danish=settings.danish, only_changed=only_changed)
        _compare_followups(loaded, output_format, options)
        return
    if len(loaded) < 2:
        _echo(
            f"bcalc: compare needs two or more case files, oldest first; got {len(loaded)}. "
            "Example: bcalc compare cases/2023.yaml cases/2026.yaml",
            err=True,
        )
        raise typer.Exit(EXIT_INVALID)
    results = [compute_file(item.case, item.path) for item in loaded if item.case]
    years = [result.budget_year for result in results]
    if years != sorted(years):
        _echo(
            "bcalc: note: files are compared in the order given, oldest first; "
            f"budget years {', '.join(map(str, years))}",
            err=True,
        )
    options = Options(danish=settings.danish, only_changed=only_changed)
    write(compare_files(results), options, sys.stdout)


def _compare_followups(loaded: list[Loaded], output_format: str, options: Options) -> None:
    """``compare`` of follow-up reports: the lights that changed, area by area."""
    from bcalc.kinds.followup import FollowupReport
    from bcalc.lifecycle.compare import compare_followups
    from bcalc.lifecycle.followup import compute_followup
    from bcalc.render.compare_followups import FORMATS

    if output_format not in FORMATS:
        _echo(
            f"bcalc: --format {output_format} does not draw follow-up reports; "
            f"use {', '.join(FORMATS)}",
            err=True,
        )
        raise typer.Exit(EXIT_INVALID)
    if len(loaded) < 2:
        _echo(f"bcalc: compare needs two or more follow-up reports; got {len(loaded)}", err=True)
        raise typer.Exit(EXIT_INVALID)
    results = [
        compute_followup(item.document, item.path)
        for item in loaded
        if isinstance(item.document, FollowupReport)
    ]
    years = [result.report_year for result in results]
    if years != sorted(years):
        _echo(
            "bcalc: note: reports are compared in the order given, oldest first; "
            f"report years {', '.join(map(str, years))}",
            err=True,
        )
    FORMATS[output_format](compare_followups(results), options, sys.stdout)


@app.command(short_help="Follow-up lights and permanentgørelse, model by model.")
def status(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Folders or files: budget files, follow-up reports, portfolio overviews "
            "(default: cases/).",
            show_default=False,
        ),
    ] = None,
    output_format: StatusFormat = "table",
    danish: DanishSetting = None,
    max_file_size: MaxFileSizeSetting = None,
) -> None:
    """Show each model's life across the files: when it was adopted, what it invests
    each year, its light in each follow-up, and whether it may be made permanent (grøn
    two years running) and why; then the portfolio's investment by year and by the
    year its models were adopted."""
    from bcalc.lifecycle.folder import Documents, model_lives
    from bcalc.load import load_file, with_unit_costs

    write = _pick(status_formats.FORMATS, output_format)
    settings = _settings(danish=danish, max_file_size=max_file_size)
    groups, unusable = _case_files(paths or [Path("cases")])
    size = settings.max_file_size * MB
    loaded = [with_unit_costs(load_file(p, size), size) for group in groups for p in group]
    failed = _report_problems(unusable, loaded)
    write(model_lives(Documents.of(loaded)), Options(danish=settings.danish), sys.stdout)
    raise typer.Exit(EXIT_INVALID if failed else EXIT_OK)


@app.command(short_help="Write an HTML report for the people who decide.")
def report(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Case files or folders (default: the configured folder, cases/).",
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    title: Annotated[
        str | None, typer.Option("--title", help="The report's title (default: from the files).")
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", help="A date to print under the title; none is added otherwise."),
    ] = None,
    max_file_size: MaxFileSizeSetting = None,
) -> None:
    """One self-contained HTML file for people who decide: an overview, each business
    case with a chart, the check's findings and, for two or more budget years, the
    comparison. Opens offline and prints to PDF from the browser."""
    from bcalc.calc import compute_file
    from bcalc.checks import run_checks, selected
    from bcalc.checks.base import Context
    from bcalc.compare import compare_files
    from bcalc.kinds import KINDS
    from bcalc.load import load_file
    from bcalc.progress import bar, wanted
    from bcalc.render.html import BudgetDocument, Report, default_title, render_report

    settings = _settings(max_file_size=max_file_size)
    _refuse_output(None, "html", output, force)
    groups, unusable = _case_files(paths or [settings.folder])
    files = [name for group in groups for name in group]
    documents: list[BudgetDocument] = []
    loaded: list[Loaded] = []
    rules = selected(tuple(settings.select), tuple(settings.ignore))
    with bar(len(files) + 1, "Rapport", wanted(len(files) + 1, minimum=1)) as done:
        for name in files:
            item = load_file(name, settings.max_file_size * MB)
            done()
            if item.case is None:
                if item.document is not None:  # a valid file of a kind not shown yet
                    what = KINDS[str(item.kind)].what
                    _echo(f"bcalc: {name} is {what}; the report does not show it yet", err=True)
                else:
                    loaded.append(item)
                continue
            result = compute_file(item.case, item.path)
            findings = [*item.problems, *run_checks(Context(item.case, result, item.locate), rules)]
            documents.append(BudgetDocument(result, tuple(findings)))
        if _report_problems(unusable, loaded):
            raise typer.Exit(EXIT_INVALID)
        if not documents:
            _echo("bcalc: no case files to report on", err=True)
            raise typer.Exit(EXIT_INVALID)
        documents.sort(key=lambda d: d.result.budget_year)  # oldest first, as compared
        years = {d.result.budget_year for d in documents}
        comparison = compare_files([d.result for d in documents]) if len(years) > 1 else None
        subtitle = [f"Dato: {date}"] if date else []
        subtitle.append(
            "Beregnet og kontrolleret med bcalc fra " + ", ".join(d.result.path for d in documents)
        )
        page = Report(title or default_title(documents), documents, comparison, subtitle)
        html = render_report(page)
        done()
    if output is None:
        sys.stdout.write(html)
        return
    from bcalc.files import write_new

    error = write_new(output, html, force)
    if error:
        _echo(f"bcalc: {error}", err=True)
        raise typer.Exit(EXIT_INVALID)
    _echo(f"bcalc: wrote {output}", err=True)


@app.command(short_help="Write an Excel workbook of a case file's business cases.")
def export(
    path: Annotated[Path, typer.Argument(help="A case file.", show_default=False)],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The new workbook, e.g. 2026.xlsx.")
    ],
    force: ForceOption = False,
    proposal: Annotated[
        str | None, typer.Option("--proposal", "-p", help="Only the proposal with this id.")
    ] = None,
    max_file_size: MaxFileSizeSetting = None,
) -> None:
    """An overview sheet and a sheet per proposal, with live formulas for sums and nets
    and bcalc's values cached in them; the same as `compute --format xlsx -o FILE`."""
    from bcalc.calc import compute_file
    from bcalc.load import load_file

    write = compute_formats.FORMATS["xlsx"]
    settings = _settings(max_file_size=max_file_size)
    _refuse_output(write, "xlsx", output, force)
    groups, unusable = _case_files([path])
    items = [load_file(name, settings.max_file_size * MB) for group in groups for name in group]
    if _report_problems(unusable, items) or not items:
        raise typer.Exit(EXIT_INVALID)
    results = [compute_file(item.case, item.path) for item in items if item.case]
    if not results:
        _echo(f"bcalc: {path} has no business cases to export", err=True)
        raise typer.Exit(EXIT_INVALID)
    if proposal is not None and not any(p.id == proposal for r in results for p in r.proposals):
        _echo(f"bcalc: no proposal with id {proposal!r} in {path}", err=True)
        raise typer.Exit(EXIT_INVALID)
    _emit(write, results, Options(proposal=proposal), output, force)
    _echo(f"bcalc: wrote {output}", err=True)


@app.command(short_help="Write a commented case file for a new budget year.")
def new(
    year: Annotated[
        int | None,
        typer.Argument(help="The budget year (default: next year).", show_default=False),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="The new file (default: <folder>/<year>.yaml; never replaced)."
        ),
    ] = None,
) -> None:
    """Write a case file to fill in: every field commented, one example proposal that
    computes as it is. An existing file is never replaced, nor a link followed."""
    import datetime

    from bcalc.files import write_new_case
    from bcalc.skeleton import skeleton

    settings = _settings()
    year = datetime.date.today().year + 1 if year is None else year
    if not 1900 <= year <= 2200:
        _echo(f"bcalc: {year} is not a budget year", err=True)
        raise typer.Exit(EXIT_INVALID)
    target = output if output is not None else settings.folder / f"{year}.yaml"
    error = write_new_case(target, skeleton(year, str(target)))
    if error:
        _echo(f"bcalc: {error}", err=True)
        raise typer.Exit(EXIT_INVALID)
    _echo(
        f"bcalc: wrote {target}; fill it in from the document, then `bcalc check {target}`",
        err=True,
    )


@app.command("config", short_help="Show the effective settings and where each comes from.")
def config_() -> None:
    """The settings every command uses, and where each comes from: the command line,
    an environment variable (BCALC_DANISH, BCALC_CACHE_DIR, BCALC_MAX_FILE_SIZE), the
    first bcalc.toml or pyproject.toml with [tool.bcalc] from here upwards, or the
    default. Command-line options win over the environment, the environment over the
    file."""
    from bcalc.config import describe

    sys.stdout.write(describe(_settings()))


@app.command(short_help="List the checks, or explain one.")
def rules(
    code: Annotated[str | None, typer.Argument(help="Explain this rule, e.g. BC101.")] = None,
    output_format: RulesFormat = "text",
) -> None:
    """List the checks, or explain one. `--format markdown` writes docs/rules.md."""
    from bcalc.checks import RULES, RULES_BY_CODE

    write = _pick(rules_formats.FORMATS, output_format)
    chosen = list(RULES)
    if code is not None:
        rule = RULES_BY_CODE.get(code.upper())
        if rule is None:
            _echo(f"bcalc: no rule {code!r}; `bcalc rules` lists them", err=True)
            raise typer.Exit(EXIT_INVALID)
        chosen = [rule]
    write(chosen, Options(), sys.stdout)


def _distinct(names: list[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for name in names:
        if (real := os.path.realpath(name)) not in seen:
            seen.add(real)
            kept.append(name)
    return kept


def _given_twice(paths: Iterable[str]) -> str | None:
    seen: set[str] = set()
    for path in paths:
        real = os.path.realpath(path)
        if real in seen:
            return path
        seen.add(real)
    return None


@app.command(short_help="Scenarios and switching values: how far may the effect fall?")
def sensitivity(
    paths: Annotated[
        list[Path], typer.Argument(help="Case files, or folders of them.", show_default=False)
    ],
    scenario: Annotated[
        list[str] | None,
        typer.Option(
            "--scenario",
            help='Only this scenario (repeatable): a standard one ("50 % effekt") or your '
            'own, e.g. "Halv effekt, forsinket: effekt=0,5 forsinkelse=1".',
        ),
    ] = None,
    rate: Annotated[
        str, typer.Option("--rate", help="Real discount rate in per cent, e.g. 3,5.")
    ] = "3,5",
    output_format: SensitivityFormat = "table",
    danish: DanishSetting = None,
    max_file_size: MaxFileSizeSetting = None,
) -> None:
    """Each proposal under the standard scenarios (full, 70 % and 50 % effect, 20 %
    more investment, the effect a year late), with its period net gain, payback year
    and present value, and the switching values: the effect share, investment and
    unit cost at which the case stops paying."""
    from decimal import Decimal, InvalidOperation

    from bcalc.calc import compute_file
    from bcalc.load import load_file
    from bcalc.sensitivity import STANDARD, scenario_named, sensitivity

    write = _pick(sensitivity_formats.FORMATS, output_format)
    settings = _settings(danish=danish, max_file_size=max_file_size)
    try:
        chosen = [scenario_named(name) for name in scenario] if scenario else list(STANDARD)
        percent = Decimal(rate.replace(",", "."))
    except (ValueError, InvalidOperation) as error:
        raise typer.BadParameter(str(error)) from None
    groups, unusable = _case_files(paths)
    failed = _report_problems(unusable)
    results = []
    for path in (path for group in groups for path in group):
        item = load_file(path, settings.max_file_size * MB)
        if item.case is None:
            failed = _report_problems([], [item]) or failed
            continue
        computed = compute_file(item.case, item.path, item.unit_costs)
        results.append(sensitivity(computed, chosen, percent / 100))
    write(results, Options(danish=settings.danish), sys.stdout)
    raise typer.Exit(EXIT_INVALID if failed else EXIT_OK)


@app.command("import", short_help="Draft a case file from Word, PowerPoint, PDF or text.")
def import_(
    document: Annotated[
        Path, typer.Argument(help="A .docx, .pptx, .pdf or .txt document.", show_default=False)
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the draft to this new file.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an earlier draft (never a case file).")
    ] = False,
) -> None:
    """Draft a case file from a document: every figure quoted as printed, with where it
    stands (sources:), and what could not be placed listed at the top. A person must
    read the draft against the document before using it."""
    from bcalc.importers import import_document, render_draft
    from bcalc.importers.document import Unreadable

    draft = import_document(document)
    if isinstance(draft, Unreadable):
        _echo(f"{draft.path}:1:1: BC001 [error] {draft.message}", err=True)
        raise typer.Exit(EXIT_INVALID)
    text = render_draft(draft)
    if output is None:
        sys.stdout.write(text)
        return
    error = _write_draft(output, text, force)
    if error:
        _echo(f"bcalc: {error}", err=True)
        raise typer.Exit(EXIT_INVALID)
    _echo(f"bcalc: wrote the draft {output}; read it against {document} before use", err=True)


DRAFT_MARK = "# DRAFT made by `bcalc import`"


def _write_draft(path: Path, text: str, force: bool) -> str | None:
    """A new file; with --force, an earlier draft of bcalc's may be replaced, never a
    case file a person has written (a draft's first line says it is one)."""
    from bcalc.files import write_new_case

    if os.path.lexists(path) and not force:
        return f"{path} exists; use --force to replace an earlier draft of bcalc import"
    if force and path.is_file() and not path.is_symlink():
        with path.open(encoding="utf-8", errors="replace") as stream:
            if not stream.readline().startswith(DRAFT_MARK):
                return f"{path} is not a draft of bcalc import; bcalc never overwrites a case file"
        path.unlink()
    return write_new_case(path, text)


@app.command(short_help="Check each figure against the document it was typed from.")
def trace(
    case_file: Annotated[Path, typer.Argument(help="A case file with a sources: section.")],
    source: Annotated[
        Path | None,
        typer.Option(
            "--source",
            "-s",
            help="The document the figures come from (default: the one sources: names).",
        ),
    ] = None,
    output_format: CheckFormat = "text",
    max_file_size: MaxFileSizeSetting = None,
) -> None:
    """Look up every figure that carries a source reference in the document at that
    place: it must stand there as printed (BC701–BC705)."""
    from bcalc.checks.trace import trace_findings
    from bcalc.load import load_file
    from bcalc.reports import CheckRun

    write = _pick(check_formats.FORMATS, output_format)
    loaded = load_file(str(case_file), _settings(max_file_size=max_file_size).max_file_size * MB)
    findings = list(loaded.problems) or trace_findings(
        loaded, None if source is None else str(source)
    )
    quoted = {
        loaded.path: {
            f.line: loaded.lines[f.line - 1] for f in findings if 0 < f.line <= len(loaded.lines)
        }
    }
    run = CheckRun(1, findings, quoted)
    write(run, Options(show_info=True), sys.stdout)
    if loaded.problems or any(f.code == "BC001" for f in findings):
        raise typer.Exit(EXIT_INVALID)
    raise typer.Exit(EXIT_FINDINGS if run.counts["errors"] else EXIT_OK)


@app.command(short_help="Print the JSON Schema of case files, for editors.")
def schema(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Print the JSON Schema of case files, for editors with a YAML language server."""
    from bcalc.kinds.budget import CaseFile

    document = CaseFile.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = "bcalc case file"
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if output is None:
        sys.stdout.write(text)
        return
    from bcalc.files import write_new

    error = write_new(output, text, force)
    if error:
        _echo(f"bcalc: {error}", err=True)
        raise typer.Exit(EXIT_INVALID)


# Writing the output failed: the reader closed the pipe (`bcalc check | head`) or the
# disk is full. Neither is a finding, so neither may exit 1 ("errors found").
EXIT_OUTPUT = 4
_OUTPUT_ERRNOS = {errno.EPIPE, errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO}


def _output_failed(error: BaseException | None) -> OSError | None:
    if isinstance(error, OSError) and error.errno in _OUTPUT_ERRNOS:
        return error
    return None


def _stop_writing(error: OSError) -> None:
    """Say why the output is incomplete and exit with its own code. Standard output
    is pointed at /dev/null first, so that Python's final flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    if error.errno == errno.EPIPE:
        reason = "the reader of its output stopped reading (a pipe such as '| head')"
    else:
        reason = os.strerror(error.errno or 0)
    with contextlib.suppress(OSError):
        _echo(f"bcalc: the output could not be written completely: {reason}", err=True)
    sys.exit(EXIT_OUTPUT)


def main() -> None:
    try:
        app()
    except SystemExit as done:
        # Click turns a closed pipe into exit 1, which for `check` means "errors found".
        if lost := _output_failed(done.__context__):
            _stop_writing(lost)
        # Typer turns Ctrl-C into a silent exit 130; say why bcalc stopped.
        if isinstance(getattr(done.__context__, "__cause__", None), KeyboardInterrupt):
            _echo("bcalc: interrupted", err=True)
        raise
    except KeyboardInterrupt:
        _echo("bcalc: interrupted", err=True)
        sys.exit(130)
    except Exception as error:  # a bug in bcalc, never a problem in the user's file
        if lost := _output_failed(error):
            _stop_writing(lost)
        if os.environ.get("BCALC_DEBUG"):
            raise
        _echo(
            f"bcalc: internal error ({type(error).__name__}: {error}); "
            "rerun with BCALC_DEBUG=1 and report it",
            err=True,
        )
        sys.exit(3)
