"""The command line: the only module that prints or exits.

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
import textwrap
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bcalc import __version__

if TYPE_CHECKING:
    from collections.abc import Iterator

    from bcalc.results import FileResult
    from bcalc.checking import RuleChoice
    from bcalc.findings import Finding
    from bcalc.load import Loaded


class _InOrder(typer.core.TyperGroup):
    """Commands in the order a user meets them, not alphabetically."""

    ORDER = ("compute", "check", "compare", "rules", "schema")

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

MaxFileSize = Annotated[
    int,
    typer.Option(
        "--max-file-size",
        envvar="BCALC_MAX_FILE_SIZE",
        min=1,
        help="Refuse case files larger than this many MB.",
    ),
]
MB = 1024 * 1024
DanishOption = Annotated[
    bool, typer.Option("--danish", help="Danish number formatting: 2,6 and 8.500.")
]


class TableFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


TableFormatOption = Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")]


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


def _report_problems(loaded: list[Loaded]) -> bool:
    """Print every load problem to stderr; True if there was any."""
    from bcalc.findings import quote_lines
    from bcalc.render.findings import to_text

    problems: list[Finding] = [p for item in loaded for p in item.problems]
    quoted = {item.path: quote_lines(item.problems, item.lines) for item in loaded}
    _echo(to_text(problems, quoted), err=True)
    return bool(problems)


@app.command(short_help="Compute the business cases and the overview of case files.")
def compute(
    files: Annotated[list[Path], typer.Argument(help="Case files to compute.", show_default=False)],
    proposal: Annotated[
        str | None, typer.Option("--proposal", "-p", help="Show only the proposal with this id.")
    ] = None,
    output_format: TableFormatOption = TableFormat.table,
    document_signs: Annotated[
        bool,
        typer.Option(
            "--document-signs",
            help="Print savings and gains in each file's own sign convention "
            '("Besparelse (-)" rows negative).',
        ),
    ] = False,
    danish: DanishOption = False,
    max_file_size: MaxFileSize = 10,
) -> None:
    """Print each file's overview and one business case per proposal."""
    from bcalc.calc import compute_file
    from bcalc.load import load_file
    from bcalc.present import Style, file_tables

    loaded = (load_file(str(path), max_file_size * MB) for path in files)
    failed, found = False, proposal is None

    def computed() -> Iterator[FileResult]:
        nonlocal failed, found
        for item in loaded:
            if item.case is None:
                failed = _report_problems([item]) or failed
                continue
            result = compute_file(item.case, item.path)
            found = found or any(p.id == proposal for p in result.proposals)
            yield result.only(proposal)

    if output_format is TableFormat.json:
        from bcalc.render import json as render_json

        render_json.write_compute(computed(), sys.stdout)
    else:
        style = Style(danish=danish, document_signs=document_signs)
        tables = [t for result in computed() for t in file_tables(result, style, proposal)]
        if found:
            _print_tables(tables, output_format)
    if not found:
        _echo(f"bcalc: no proposal with id {proposal!r} in the given files", err=True)
    raise typer.Exit(EXIT_INVALID if failed or not found else EXIT_OK)


def _print_tables(tables: list, output_format: TableFormat) -> None:  # type: ignore[type-arg]
    from bcalc.render import tables as render

    if output_format is TableFormat.markdown:
        _echo(render.to_markdown(tables).rstrip("\n"))
    elif output_format is TableFormat.csv:
        sys.stdout.write(render.to_csv(tables))
    else:
        _print_rich(render.to_rich(tables))


# Piped output (CI logs, files) has no terminal width; rich would assume 80 columns and
# fold titles mid-word. Wide enough for the longest real title on one line.
PIPED_WIDTH = 160


def _print_rich(renderables: list[object]) -> None:
    from rich.console import Console

    console = Console(highlight=False)
    if not console.is_terminal and not os.environ.get("COLUMNS"):
        console = Console(highlight=False, width=PIPED_WIDTH)
    for renderable in renderables:
        console.print(renderable)


@app.command(short_help="Print the JSON Schema of case files, for editors.")
def schema(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Print the JSON Schema of case files, for editors with a YAML language server."""
    from bcalc.model import CaseFile

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


class FindingFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


@app.command(short_help="Check stated figures against the arithmetic (for CI).")
def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Case files or folders (default: cases/).", show_default=False),
    ] = None,
    output_format: Annotated[
        FindingFormat, typer.Option("--format", "-f", help="Output format.")
    ] = FindingFormat.text,
    select: Annotated[
        list[str] | None, typer.Option("--select", help="Only these codes or prefixes (BC1).")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option("--ignore", help="Skip these codes or prefixes.")
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
        Path,
        typer.Option("--cache-dir", envvar="BCALC_CACHE_DIR", help="Where the cache is kept."),
    ] = Path(".bcalc_cache"),
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", min=0, help="Worker processes: 0 = every core for many files, 1 = none."
        ),
    ] = 0,
    max_file_size: MaxFileSize = 10,
) -> None:
    """Check every stated figure against the arithmetic, rounding-aware, for CI."""
    from bcalc.checking import RuleChoice, check_paths, tune_gc
    from bcalc.discover import case_files
    from bcalc.findings import Severity
    from bcalc.render import findings as render

    choice = RuleChoice(tuple(select or ()), tuple(ignore or ()), max_file_size * MB)
    if select or ignore:
        _refuse_unknown_codes(choice)
    # A path that cannot be used (missing, a refused link, a pipe, a folder without case
    # files) is a finding like any other: in every format, and counted.
    files, unusable = case_files(paths or [Path("cases")])
    cache = None
    if not no_cache:
        from bcalc.cache import CheckCache

        cache = CheckCache(cache_dir, choice)
    tune_gc()
    ordered = check_paths(files, choice, jobs, cache)
    every = [*unusable, *(f for report in ordered for f in report.findings)]
    findings: list[Finding] = sorted(every, key=lambda f: f.file)  # each file's in order
    invalid = bool(unusable) or not files or any(report.invalid for report in ordered)
    summary = render.counts(findings)
    if output_format is FindingFormat.json:
        _echo(json.dumps(render.to_json(findings, len(files)), ensure_ascii=False, indent=2))
    elif output_format is FindingFormat.github:
        _echo(render.to_github(findings))
    else:
        shown = [f for f in findings if show_info or f.severity is not Severity.INFO]
        _echo(render.to_text(shown, {report.path: report.quoted for report in ordered}))
        infos = f", {summary['infos']} explained by rounding" if summary["infos"] else ""
        hint = " (--show-info)" if summary["infos"] and not show_info else ""
        _echo(
            f"{_count(len(files), 'file')} checked: {_count(summary['errors'], 'error')}, "
            f"{_count(summary['warnings'], 'warning')}{infos}{hint}"
        )
    if invalid:
        raise typer.Exit(EXIT_INVALID)
    failed = summary["errors"] or (strict and summary["warnings"])
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


def _refuse_unknown_codes(choice: RuleChoice) -> None:
    """A --select or --ignore that names no rule is a typo: say so, never check nothing."""
    from bcalc.checks import RULES

    for prefix in (*choice.select, *choice.ignore):
        if not any(rule.code.startswith(prefix) for rule in RULES):
            _echo(f"bcalc: no rule code starts with {prefix!r}; `bcalc rules` lists them", err=True)
            raise typer.Exit(EXIT_INVALID)


@app.command(short_help="List the checks, or explain one.")
def rules(
    code: Annotated[str | None, typer.Argument(help="Explain this rule, e.g. BC101.")] = None,
) -> None:
    """List the checks, or explain one."""
    from bcalc.checks import RULES, RULES_BY_CODE

    if code is None:
        width = max(len(rule.name) for rule in RULES)
        _echo(f"{'Code':<6} {'Name':<{width}}  {'Severity':<8}  What it finds")
        for listed in RULES:
            _echo(
                f"{listed.code:<6} {listed.name:<{width}}  {listed.severity.value:<8}  "
                f"{listed.summary}"
            )
        return
    rule = RULES_BY_CODE.get(code.upper())
    if rule is None:
        _echo(f"bcalc: no rule {code!r}; `bcalc rules` lists them", err=True)
        raise typer.Exit(EXIT_INVALID)
    _echo(f"{rule.text}\n\nSeverity: {rule.severity.value}")


@app.command(short_help="Compare budget years: new, ended and changed proposals.")
def compare(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Case files, oldest first, or folders (their files sorted by budget year).",
            show_default=False,
        ),
    ],
    output_format: TableFormatOption = TableFormat.table,
    only_changed: Annotated[
        bool, typer.Option("--only-changed", help="Leave out unchanged proposals.")
    ] = False,
    danish: DanishOption = False,
    max_file_size: MaxFileSize = 10,
) -> None:
    """Compare budget years: new, ended and changed proposals, on annual averages."""
    from bcalc.calc import compute_file
    from bcalc.compare import compare_files
    from bcalc.discover import is_case_file_name
    from bcalc.load import load_file
    from bcalc.present import Style
    from bcalc.render import compare as render

    loaded: list[Loaded] = []
    for path in paths:
        if not path.is_dir():
            loaded.append(load_file(str(path), max_file_size * MB))
            continue
        found = sorted(p for p in path.iterdir() if is_case_file_name(p.name))
        group = [load_file(str(p), max_file_size * MB) for p in found]
        loaded += sorted(group, key=lambda item: item.case.budget_year if item.case else 0)
    if _report_problems(loaded):
        raise typer.Exit(EXIT_INVALID)
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
    comparison = compare_files(results)
    if output_format is TableFormat.json:
        from bcalc.render import json as render_json

        shown = comparison.only_changed() if only_changed else comparison
        sys.stdout.write(render_json.compare(shown))
        return
    flat = output_format is TableFormat.csv
    tables = render.comparison_tables(comparison, Style(danish=danish), only_changed, flat)
    if output_format is TableFormat.table:
        _print_rich(render.to_rich(tables))
    else:
        _print_tables(tables, output_format)


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
