"""The fmt use case: bring files into the canonical form, or say which differ."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jgsw_std.edit.fmt import FmtOutcome, plan_fmt, select_files
from jgsw_std.edit.safe import apply_changes
from jgsw_std.load.root import find_root
from jgsw_std.progress import SILENT, Progress


@dataclass
class FmtResult:
    outcomes: list[FmtOutcome]  # every file looked at (and every path refused)
    changed: list[FmtOutcome]  # those not in the canonical form
    errors: list[FmtOutcome]  # those that could not be formatted
    written: bool

    @property
    def failed(self) -> bool:
        """Exit 1: a file could not be formatted, or (checking) one would change."""
        return bool(self.errors) or (not self.written and bool(self.changed))


def _start_dir(paths: list[Path]) -> Path | None:
    """Find the warehouse from the first path given (pre-commit passes file names)."""
    if not paths:
        return None
    first = paths[0].resolve()
    return first if first.is_dir() else first.parent


def run_fmt(
    root: Path | None, paths: list[Path], check: bool, progress: Progress = SILENT
) -> FmtResult:
    """Plan the canonical form of ``paths`` (default: all of data/); write it unless ``check``."""
    warehouse = find_root(root, start=_start_dir(paths))
    rels, refused = select_files(warehouse, paths)
    outcomes = refused + plan_fmt(warehouse, rels, progress)
    changed = [o for o in outcomes if o.changed and o.change is not None]
    errors = [o for o in outcomes if o.error is not None]
    if not check and changed:
        with progress.step(f"写入 {len(changed)} 个文件", f"writing {len(changed)} files"):
            todo = [o.change for o in changed if o.change is not None]
            apply_changes(warehouse, todo, check=False)
    return FmtResult(outcomes, changed, errors, written=not check)
