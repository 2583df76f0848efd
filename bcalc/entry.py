"""The ``bcalc`` command's entry point.

Importing the CLI (typer, rich, pydantic) takes about a tenth of a second; a Ctrl-C in
that time ended in a Python traceback. Here it ends as every other interrupt does:
"bcalc: interrupted", exit 130. Nothing but ``sys`` is imported before the guard.
"""

import sys


def main() -> None:
    try:
        from bcalc.cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("bcalc: interrupted\n")
        sys.exit(130)
    run()
