"""The import use case: standards from a 体系明细表 workbook, planned first, written on request."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from jgsw_std.app.open import open_warehouse
from jgsw_std.edit.safe import apply_changes
from jgsw_std.edit.sheet_import import ImportPlan, plan_import
from jgsw_std.edit.sheet_layout import read_xlsx
from jgsw_std.errors import UsageError
from jgsw_std.load.files import FileUnreadable, read_regular


@dataclass
class ImportOutcome:
    plan: ImportPlan
    written: int | None  # files written; None when nothing was applied


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


def run_import(root: Path | None, path: Path, apply: bool) -> ImportOutcome:
    """The changes the workbook asks for; with ``apply``, written (all files or none)."""
    data = read_workbook(path)
    try:
        sheets = read_xlsx(data)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise UsageError(
            "not_xlsx",
            zh=f"{path} 不是可读取的 xlsx 工作簿（{type(exc).__name__}）。",
            en=f"{path} is not a readable xlsx workbook ({type(exc).__name__}).",
        ) from None
    wh = open_warehouse(root)
    plan = plan_import(wh, sheets)
    if not apply or not plan.records:
        return ImportOutcome(plan, None)
    assert wh.root is not None
    return ImportOutcome(plan, len(apply_changes(wh.root, plan.file_changes)))
