"""Formats that write bytes, not text (an Excel workbook).

A format table's row is a function that writes to a text stream; a binary format's row
is ``Binary(write)``, whose function writes to a byte stream. The command line sees
the difference: a binary format is never printed to a terminal or a pipe, only
written to a file given with ``-o`` (``files.write_new_bytes``: atomic, never over an
existing file without ``--force``, never onto a device or a case file). A new binary
format is still one module and one row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO, Generic, TypeVar

from bcalc.render import Options

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Binary(Generic[T]):
    """A format row that writes bytes; ``suffix`` is the file name ending it expects."""

    write: Callable[[T, Options, BinaryIO], None]
    suffix: str
