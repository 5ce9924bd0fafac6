"""Open the warehouse a command works on.

Every command that reads the warehouse goes through :func:`open_warehouse`, so
that options such as ``--root`` (and reading a past revision) behave the same
in `check`, `status`, `report` and the rest.
"""

from __future__ import annotations

from pathlib import Path

from jgsw_std.load.root import find_root
from jgsw_std.load.warehouse import Warehouse, load_worktree


def open_warehouse(root: Path | None = None, rev: str | None = None) -> Warehouse:
    """The warehouse in the working tree under ``root`` (found as `find_root` does).

    With ``rev``, the warehouse as recorded at that git revision instead, read
    from git without touching the working tree (``--rev``: what had been
    recorded by then, not what was true on a date, which is ``--as-of``).
    """
    if rev is not None:
        # git is imported only when a revision is asked for: plain runs stay fast
        from jgsw_std.history.revision import load_revision

        return load_revision(root, rev)
    return load_worktree(find_root(root))
