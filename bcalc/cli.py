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
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from bcalc import __version__
from bcalc.render import Options
from bcalc.render import check as check_formats
from bcalc.render import compare as compare_formats
from bcalc.render import compute as compute_formats
from bcalc.render import rules as rules_formats

if TYPE_CHECKING:
    from collections.abc import Iterator

    from bcalc.findings import Finding
    from bcalc.load import Loaded
    from bcalc.reports import RuleChoice
    from bcalc.results import FileResult


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
Write = TypeVar("Write", bound=Callable[..., None])
MB = 1024 * 1024

MaxFileSize = Annotated[
    int,
    typer.Option(
        "--max-file-size",
        envvar="BCALC_MAX_FILE_SIZE",
        min=1,
        help="Refuse case files larger than this many MB.",
    ),
]
DanishOption = Annotated[
    bool, typer.Option("--danish", help="Danish number formatting: 2,6 and 8.500.")
]


def _format_option(formats: Mapping[str, object]) -> Any:
    """A --format option whose choices are the rows of a command's format table."""
    return typer.Option("--format", "-f", help=f"Output format: {', '.join(formats)}.")


def _pick(formats: Mapping[str, Write], name: str) -> Write:
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
    danish: DanishOption = False,
    max_file_size: MaxFileSize = 10,
) -> None:
    """Print each file's overview and one business case per proposal. A folder is
    computed file by file, in the order of their names."""
    from bcalc.calc import compute_file
    from bcalc.kinds import KINDS
    from bcalc.load import load_file

    write = _pick(compute_formats.FORMATS, output_format)
    groups, unusable = _case_files(paths)
    failed = _report_problems(unusable)
    found = proposal is None

    def computed() -> Iterator[FileResult]:
        nonlocal failed, found
        for path in (path for group in groups for path in group):
            item = load_file(path, max_file_size * MB)
            if item.case is None:
                if item.document is not None:  # a valid file of another kind
                    what = KINDS[str(item.kind)].what
                    _echo(f"bcalc: {path} is {what}; nothing to compute in it", err=True)
                failed = _report_problems([], [item]) or failed
                continue
            result = compute_file(item.case, item.path)
            found = found or any(p.id == proposal for p in result.proposals)
            yield result

    options = Options(danish=danish, document_signs=document_signs, proposal=proposal)
    write(computed(), options, sys.stdout)
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
    from bcalc.checking import check_paths, tune_gc
    from bcalc.discover import case_files
    from bcalc.reports import CheckRun, RuleChoice

    write = _pick(check_formats.FORMATS, output_format)
    choice = RuleChoice(_codes(select), _codes(ignore), max_file_size * MB)
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
    reports = check_paths(files, choice, jobs, cache)
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
    danish: DanishOption = False,
    max_file_size: MaxFileSize = 10,
) -> None:
    """Compare budget years: new, ended and changed proposals, on annual averages."""
    from bcalc.calc import compute_file
    from bcalc.compare import compare_files
    from bcalc.load import load_file

    write = _pick(compare_formats.FORMATS, output_format)
    groups, unusable = _case_files(paths)
    loaded: list[Loaded] = []
    for path, group in zip(paths, groups, strict=True):
        items = [load_file(name, max_file_size * MB) for name in group]
        if path.is_dir():  # a folder's files by budget year, oldest first
            items.sort(key=lambda item: item.case.budget_year if item.case else 0)
        loaded += items
    if _report_problems(unusable, loaded):
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
    options = Options(danish=danish, only_changed=only_changed)
    write(compare_files(results), options, sys.stdout)


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
