"""Limits on what bcalc reads, in one place so that light modules (the cache) can use
them without importing the loader."""

from __future__ import annotations

# Real case files are a few kilobytes; ten megabytes is a mistake or an attack.
MAX_FILE_BYTES = 10 * 1024 * 1024
# A case file has a few thousand nodes; aliases that expand past this are an attack
# ("billion laughs") or a mistake, never a budget.
MAX_EXPANDED_NODES = 1_000_000
# Aliases may repeat text, but not beyond what a file may hold written out: one long
# string used a thousand times would make every output gigabytes long.
MAX_EXPANDED_BYTES = MAX_FILE_BYTES
