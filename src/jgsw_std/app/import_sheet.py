"""The import use case: standards and registries from a workbook, planned, written on request."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from jgsw_std.app.open import open_warehouse
from jgsw_std.edit.registry_import import plan_workbook
from jgsw_std.edit.safe import apply_changes
from jgsw_std.edit.sheet_import import ImportPlan
from jgsw_std.edit.sheet_layout import read_xlsx
from jgsw_std.errors import UsageError
from jgsw_std.load.files import FileUnreadable, read_regular
from jgsw_std.progress import SILENT, Progress


@dataclass
class ImportOutcome:
    plans: list[ImportPlan]  # one per sheet read: the standards, then each registry
    written: int | None  # files written; None when nothing was applied

    @property
    def changed(self) -> bool:
        return any(plan.records for plan in self.plans)


#: Largest workbook read: a 体系明细表 of ten thousand rows is about 1 MB.
MAX_WORKBOOK_BYTES = 64 << 20


def read_workbook(path: Path) -> bytes:
    try:
        return read_regular(path, MAX_WORKBOOK_BYTES)
    except FileUnreadable as exc:
        shown = os.fsdecode(path)
        raise UsageError(
            "no_workbook",
            zh=f"无法读取 {shown}：{exc.reason_zh}",
            en=f"cannot read {shown}: {exc.reason_en}",
        ) from None


def run_import(
    root: Path | None, path: Path, apply: bool, progress: Progress = SILENT
) -> ImportOutcome:
    """The changes the workbook asks for; with ``apply``, written (all files or none)."""
    data = read_workbook(path)
    try:
        with progress.step(f"读取 {path.name}", f"reading {path.name}"):
            sheets = read_xlsx(data)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise UsageError(
            "not_xlsx",
            zh=f"{path} 不是可读取的 xlsx 工作簿（{type(exc).__name__}）。",
            en=f"{path} is not a readable xlsx workbook ({type(exc).__name__}).",
        ) from None
    with progress.step("读取标准仓", "reading the warehouse"):
        wh = open_warehouse(root)
    with progress.step("比对各行", "comparing the rows"):
        plans = plan_workbook(wh, sheets)
    outcome = ImportOutcome(plans, None)
    if not apply or not outcome.changed:
        return outcome
    assert wh.root is not None
    changes = [change for plan in plans for change in plan.file_changes]
    with progress.step("校验并写入", "validating and writing"):
        return ImportOutcome(plans, len(apply_changes(wh.root, changes)))
