"""Open the warehouse a command works on.

Every command that reads the warehouse goes through :func:`open_warehouse`, so
that options such as ``--root`` (and reading a past revision) behave the same
in `check`, `status`, `report` and the rest.
"""

from __future__ import annotations

from pathlib import Path

from jgsw_std.load.root import find_root
from jgsw_std.load.warehouse import Warehouse, load_worktree


def open_warehouse(root: Path | None = None) -> Warehouse:
    """The warehouse in the working tree under ``root`` (found as `find_root` does)."""
    return load_worktree(find_root(root))
