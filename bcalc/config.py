"""Settings, as ruff finds them: the command line wins over the environment, the
environment over a configuration file, the file over bcalc's defaults.

**The file** is the first found from the current folder upwards: a ``bcalc.toml``
(its keys at the top level), else a ``pyproject.toml`` with a ``[tool.bcalc]`` table
(one without it is passed over). Paths in it are relative to the file's folder, so a
repository's settings mean the same from any of its sub-folders.

```toml
[tool.bcalc]
danish = true            # 2,6 and 8.500 in tables
folder = "cases"         # what `check` and `report` read when given no path
select = ["BC1", "BC3"]  # rules to run (prefixes, as --select)
ignore = ["BC108"]
cache-dir = ".bcalc_cache"
max-file-size = 10       # MB
```

**The environment**: ``BCALC_DANISH`` (1/0, true/false, yes/no), ``BCALC_CACHE_DIR``,
``BCALC_MAX_FILE_SIZE``. A value bcalc cannot use is an error naming the variable; an
unknown key or a wrong type in the file is an error naming the file and the line.

Read only when a command runs (never for ``--help``), with the standard library's
``tomllib``.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

FILE_NAMES = ("bcalc.toml", "pyproject.toml")
TRUE = ("1", "true", "yes", "on")
FALSE = ("0", "false", "no", "off", "")


class ConfigError(Exception):
    """A setting bcalc cannot use; ``message`` says where, in bcalc's words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class Setting:
    kind: type  # bool, int, str, Path or list (of str)
    default: Any
    env: str | None
    help: str


SETTINGS: dict[str, Setting] = {
    "danish": Setting(bool, False, "BCALC_DANISH", "Danish numbers in tables: 2,6 and 8.500"),
    "folder": Setting(Path, Path("cases"), None, "the case files' folder, when none is given"),
    "select": Setting(list, [], None, "rule codes or prefixes to run (--select)"),
    "ignore": Setting(list, [], None, "rule codes or prefixes to skip (--ignore)"),
    "cache-dir": Setting(Path, Path(".bcalc_cache"), "BCALC_CACHE_DIR", "the check cache"),
    "max-file-size": Setting(int, 10, "BCALC_MAX_FILE_SIZE", "largest case file read, in MB"),
}


@dataclass(frozen=True, slots=True)
class Settings:
    """The effective settings and, for each, where it came from: "default", the file
    and line ("pyproject.toml:12"), "BCALC_DANISH" or "command line"."""

    values: Mapping[str, Any]
    sources: Mapping[str, str]
    file: Path | None = None
    _cli: frozenset[str] = field(default=frozenset(), compare=False)

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    @property
    def danish(self) -> bool:
        return bool(self.values["danish"])

    @property
    def folder(self) -> Path:
        return Path(self.values["folder"])

    @property
    def select(self) -> list[str]:
        return list(self.values["select"])

    @property
    def ignore(self) -> list[str]:
        return list(self.values["ignore"])

    @property
    def cache_dir(self) -> Path:
        return Path(self.values["cache-dir"])

    @property
    def max_file_size(self) -> int:
        return int(self.values["max-file-size"])

    def given(self, **options: Any) -> Settings:
        """These settings with the command line's options on top: an option that is
        None (or an empty list) was not given. Names use ``_`` for ``-``."""
        values, sources = dict(self.values), dict(self.sources)
        for name, value in options.items():
            key = name.replace("_", "-")
            if key not in SETTINGS:
                raise KeyError(name)
            if value is None or value == []:
                continue
            values[key], sources[key] = value, "command line"
        return replace(self, values=values, sources=sources)


def find_file(start: Path) -> tuple[Path, dict[str, Any], str] | None:
    """The configuration file that applies in ``start``: (path, its bcalc table, text)."""
    for folder in (start, *start.parents):
        for name in FILE_NAMES:
            path = folder / name
            if not path.is_file():
                continue
            text = _read(path)
            document = _parse(path, text)
            if name == "bcalc.toml":
                return path, document, text
            tool = document.get("tool")
            if isinstance(tool, dict) and "bcalc" in tool:
                table = tool["bcalc"]
                if not isinstance(table, dict):
                    line = _line_of(text, "bcalc", None)
                    raise ConfigError(f"{path}:{line}: [tool.bcalc] must be a table of settings")
                return path, table, text
    return None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot be read: {error.strerror or error}") from None


_AT_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")


def _parse(path: Path, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _AT_LINE.search(message)
        where = f"{path}:{match[1]}:{match[2]}" if match else str(path)
        reason = _AT_LINE.sub("", message).strip().rstrip(".")
        raise ConfigError(f"{where}: not valid TOML: {reason}") from None


def _line_of(text: str, key: str, table: str | None) -> int:
    """The line where ``key`` is set: inside ``[table]`` if given, else at the top level
    (before any table). 1 if not found."""
    current: str | None = None
    pattern = re.compile(rf'^\s*["\']?{re.escape(key)}["\']?\s*=')
    for number, line in enumerate(text.splitlines(), start=1):
        header = re.match(r"^\s*\[\s*([^\]]+?)\s*\]", line)
        if header:
            current = header[1].replace(" ", "")
            if table is None and current == "tool.bcalc" and key == "bcalc":
                return number
            continue
        if current == table and pattern.match(line):
            return number
    return 1


def load(start: Path | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Defaults, then the file, then the environment."""
    environ = os.environ if environ is None else environ
    start = Path.cwd() if start is None else start
    values = {name: setting.default for name, setting in SETTINGS.items()}
    sources = dict.fromkeys(SETTINGS, "default")
    found = find_file(start)
    file = None
    if found is not None:
        file, table, text = found
        section = None if file.name == "bcalc.toml" else "tool.bcalc"
        for key, raw in table.items():
            line = _line_of(text, key, section)
            where = f"{file}:{line}"
            if key not in SETTINGS:
                close = difflib.get_close_matches(key.replace("_", "-"), SETTINGS, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                known = ", ".join(SETTINGS)
                raise ConfigError(f"{where}: unknown setting {key!r}{hint} (settings: {known})")
            values[key] = _from_file(key, raw, where, file.parent)
            sources[key] = f"{_shown_path(file)}:{line}"
    for key, setting in SETTINGS.items():
        if setting.env and setting.env in environ:
            values[key] = _from_env(key, setting.env, environ[setting.env])
            sources[key] = setting.env
    return Settings(values, sources, file)


def _shown_path(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return str(path)


def _from_file(key: str, raw: Any, where: str, folder: Path) -> Any:
    kind = SETTINGS[key].kind
    if kind is bool:
        if not isinstance(raw, bool):
            raise ConfigError(f"{where}: {key} must be true or false, not {raw!r}")
        return raw
    if kind is int:
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < 1:
            raise ConfigError(f"{where}: {key} must be a whole number of 1 or more, not {raw!r}")
        return raw
    if kind is Path:
        if not isinstance(raw, str) or not raw:
            raise ConfigError(f'{where}: {key} must be a path in quotes, e.g. "cases"')
        return Path(os.path.relpath(folder / raw)) if not Path(raw).is_absolute() else Path(raw)
    if not isinstance(raw, list) or not all(isinstance(code, str) for code in raw):
        raise ConfigError(f'{where}: {key} must be a list of rule codes, e.g. ["BC1", "BC301"]')
    return [code.strip().upper() for code in raw if code.strip()]


def _from_env(key: str, name: str, raw: str) -> Any:
    kind = SETTINGS[key].kind
    if kind is bool:
        if raw.strip().lower() in TRUE:
            return True
        if raw.strip().lower() in FALSE:
            return False
        raise ConfigError(f"{name}={raw!r}: use 1 or 0 (or true, false)")
    if kind is int:
        if not raw.strip().isdigit() or int(raw) < 1:
            raise ConfigError(f"{name}={raw!r}: use a whole number of 1 or more")
        return int(raw)
    return Path(raw)


def describe(settings: Settings) -> str:
    """``bcalc config``: every setting, its value and where it came from."""
    where = (
        f"configuration file: {_shown_path(settings.file)}"
        if settings.file is not None
        else "no configuration file (bcalc.toml, or pyproject.toml with [tool.bcalc]) "
        "in this folder or above"
    )
    rows = [(name, _text(settings.values[name]), settings.sources[name]) for name in SETTINGS]
    width = max(len(name) for name, _, _ in rows)
    value_width = max(len(value) for _, value, _ in rows)
    lines = [where, ""]
    lines += [f"{name:<{width}}  {value:<{value_width}}  {source}" for name, value, source in rows]
    lines += ["", "Command-line options win over the environment, the environment over the file."]
    return "\n".join(lines) + "\n"


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(value) + "]"
    return str(value)
