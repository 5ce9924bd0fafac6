"""The import use case: standards from a 体系明细表 workbook, planned first, written on request."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jgsw_std.app.open import open_warehouse
from jgsw_std.edit.safe import apply_changes
from jgsw_std.edit.sheet_import import ImportPlan, plan_import
from jgsw_std.edit.sheet_layout import read_xlsx
from jgsw_std.errors import UsageError
from jgsw_std.progress import SILENT, Progress


@dataclass
class ImportOutcome:
    plan: ImportPlan
    written: int | None  # files written; None when nothing was applied


def read_workbook(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UsageError(
            "no_workbook", zh=f"无法读取 {path}：{exc}", en=f"cannot read {path}: {exc}"
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
        plan = plan_import(wh, sheets)
    if not apply or not plan.records:
        return ImportOutcome(plan, None)
    assert wh.root is not None
    with progress.step("校验并写入", "validating and writing"):
        return ImportOutcome(plan, apply_changes(wh.root, plan.file_changes))
