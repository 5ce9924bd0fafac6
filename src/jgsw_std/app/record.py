"""The record use case: add one dated entry (review, evaluation, usage, activity) to a file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jgsw_std.app.open import open_warehouse
from jgsw_std.edit.record import plan_record
from jgsw_std.edit.record_feedback import plan_closed, plan_response
from jgsw_std.edit.safe import FileChange, apply_changes


@dataclass
class RecordOutcome:
    change: FileChange
    written: bool


def run_record(
    root: Path | None, what: str, target: str, values: dict[str, Any], dry_run: bool
) -> RecordOutcome:
    """Plan the entry; write it unless ``dry_run`` (a bad value stops the run unwritten)."""
    wh = open_warehouse(root)
    change = plan_record(wh, what, target, values)
    if dry_run:
        return RecordOutcome(change, written=False)
    assert wh.root is not None
    apply_changes(wh.root, [change])
    return RecordOutcome(change, written=True)


def run_feedback_record(
    root: Path | None, what: str, ident: str, values: dict[str, Any], dry_run: bool
) -> RecordOutcome:
    """Record a feedback item's ``response`` or ``closed`` date; written unless ``dry_run``."""
    wh = open_warehouse(root)
    if what == "response":
        change = plan_response(wh, ident, **values)
    else:
        change = plan_closed(wh, ident, **values)
    if dry_run:
        return RecordOutcome(change, written=False)
    assert wh.root is not None
    apply_changes(wh.root, [change])
    return RecordOutcome(change, written=True)
