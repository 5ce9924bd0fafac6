"""The record use case: add one dated entry (review, evaluation, usage, activity) to a file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jgsw_std.app.open import open_warehouse
from jgsw_std.edit.record import plan_entry, record_into
from jgsw_std.edit.record_feedback import plan_closed, plan_response
from jgsw_std.edit.safe import FileChange, apply_changes


@dataclass
class RecordOutcome:
    change: FileChange
    written: bool


def run_record(
    root: Path | None, what: str, target: str, values: dict[str, Any], dry_run: bool
) -> RecordOutcome:
    """Plan the entry; write it unless ``dry_run`` (a bad value stops the run unwritten).

    Written under the file's lock: if someone else wrote the file since it was
    read, the entry is added again to what is on disk now, so neither is lost.
    """
    wh = open_warehouse(root)
    plan, change = plan_entry(wh, what, target, values)
    if dry_run:
        return RecordOutcome(change, written=False)
    assert wh.root is not None
    final = [change]

    def again(current: dict[str, bytes | None]) -> list[FileChange]:
        final[0] = record_into(plan, current[plan.rel])
        return final

    apply_changes(wh.root, [change], replan=again)
    return RecordOutcome(final[0], written=True)


def run_feedback_record(
    root: Path | None, what: str, ident: str, values: dict[str, Any], dry_run: bool
) -> RecordOutcome:
    """Record a feedback item's ``response`` or ``closed`` date; written unless ``dry_run``.

    An item written by someone else meanwhile stops the run unwritten (exit 1):
    its answer may already be there.
    """
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
