"""The fmt use case: bring files into the canonical form, or say which differ."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from jgsw_std.edit.fmt import FmtOutcome, format_bytes, plan_fmt, select_files
from jgsw_std.edit.safe import FileChange, PartialWrite, apply_changes
from jgsw_std.errors import JgswError
from jgsw_std.load.root import find_root
from jgsw_std.progress import SILENT, Progress


@dataclass
class FmtResult:
    outcomes: list[FmtOutcome]  # every file looked at (and every path refused)
    changed: list[FmtOutcome]  # those not in the canonical form
    errors: list[FmtOutcome]  # those that could not be formatted
    written: bool  # whether this run meant to write (not --check)
    #: the files actually replaced on disk, in order; empty when the write failed
    done: list[str] = field(default_factory=list)
    #: why the write stopped (a full disk, a file locked): nothing, or ``done``, was written
    write_error: JgswError | None = None

    @property
    def failed(self) -> bool:
        """Exit 1: a file could not be formatted or written, or (checking) one would change."""
        return (
            bool(self.errors)
            or self.write_error is not None
            or (not self.written and bool(self.changed))
        )


def _start_dir(paths: list[Path]) -> Path | None:
    """Find the warehouse from the first path given (pre-commit passes file names)."""
    if not paths:
        return None
    first = paths[0].resolve()
    return first if first.is_dir() else first.parent


def run_fmt(
    root: Path | None, paths: list[Path], check: bool, progress: Progress = SILENT
) -> FmtResult:
    """Plan the canonical form of ``paths`` (default: all of data/); write it unless ``check``.

    The files are written together, all or none (safe.apply_changes): a full
    disk stops the run before any file changed. A file saved by someone else
    meanwhile is formatted again from what is on disk now.
    """
    warehouse = find_root(root, start=_start_dir(paths))
    rels, refused = select_files(warehouse, paths)
    outcomes = refused + plan_fmt(warehouse, rels, progress)
    changed = [o for o in outcomes if o.changed and o.change is not None]
    errors = [o for o in outcomes if o.error is not None]
    result = FmtResult(outcomes, changed, errors, written=not check)
    if check or not changed:
        return result

    def again(current: dict[str, bytes | None]) -> list[FileChange]:
        return [
            FileChange(rel, data, format_bytes(rel, data) if data is not None else None)
            for rel, data in current.items()
        ]

    try:
        with progress.step(f"写入 {len(changed)} 个文件", f"writing {len(changed)} files"):
            result.done = apply_changes(
                warehouse,
                [o.change for o in changed if o.change is not None],
                check=False,
                replan=again,
            )
    except PartialWrite as exc:
        result.done, result.write_error = exc.written, exc
    except JgswError as exc:
        result.write_error = exc
    return result
