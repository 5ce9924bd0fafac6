"""The layout of the 体系明细表 workbook: its columns, sheets and tables, both ways.

`jgsw export` fills these columns (app/export.py) and the writers in
output/table.py lay them out as xlsx, csv or json; `jgsw import` reads a
workbook back through the same columns (edit/sheet_import.py). The columns
marked derived (state on a date, last review, ...) are for reading and are
ignored by `jgsw import`. openpyxl is imported only where a workbook is read.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

SEP = "；"  # between several values in one cell; names may contain 、 and commas

#: First characters that make a spreadsheet read a CSV cell as a formula (OWASP:
#: "CSV injection"). A warehouse title such as ``=HYPERLINK(...)`` must arrive
#: in Excel as text.
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def guard_formula(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula, with a leading ``'`` (OWASP).

    Only text: numbers and dates pass through (-5 is a number, not a formula).
    """
    if isinstance(value, str) and value.startswith(FORMULA_LEADS):
        return "'" + value
    return value


def unguard_formula(text: str) -> str:
    """:func:`guard_formula` undone, so that export then import changes nothing."""
    if len(text) > 1 and text[0] == "'" and text[1:].startswith(FORMULA_LEADS):
        return text[1:]
    return text


@dataclass(frozen=True)
class Column:
    key: str  # the field of the data contract, or a derived name
    zh: str
    en: str
    derived: bool = False

    def header(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


STANDARD_COLUMNS: tuple[Column, ...] = (
    Column("code", "标准编号", "Code"),
    Column("title", "标准名称", "Title"),
    Column("title_en", "英文名称", "English title"),
    Column("level", "标准层级", "Level"),
    Column("category", "体系大类", "Category"),
    Column("area", "业务方面", "Area"),
    Column("items", "业务事项", "Business items"),
    Column("owner", "牵头单位", "Lead unit"),
    Column("joint", "联合发布省份", "Joint with"),
    Column("collab_group", "协作组", "Collaboration group"),
    Column("status", "状态", "Status"),
    Column("plan_year", "计划年度", "Plan year"),
    Column("plan_kind", "制修订", "Formulation or revision"),
    Column("published", "发布日期", "Published"),
    Column("effective", "实施日期", "Effective"),
    Column("repealed", "废止日期", "Repealed"),
    Column("supersedes", "代替标准", "Supersedes"),
    Column("superseded_by", "被代替", "Superseded by"),
    Column("references", "引用标准", "References"),
    Column("source", "信息来源", "Source"),
    Column("state", "当前状态（只读）", "State (read only)", derived=True),
    Column("last_review", "最近复审（只读）", "Last review (read only)", derived=True),
    Column("last_evaluation", "最近评价（只读）", "Last evaluation (read only)", derived=True),
    Column("last_usage", "最近运用率（只读）", "Last usage rate (read only)", derived=True),
    Column("path", "文件（只读）", "File (read only)", derived=True),
)

INDICATOR_COLUMNS: tuple[Column, ...] = (
    Column("id", "序号", "No."),
    Column("group", "指标组", "Group"),
    Column("text", "指标", "Indicator"),
    Column("metric", "计算方法", "Metric"),
    Column("target", "目标", "Target"),
    Column("value", "当前值", "Value"),
    Column("numerator", "分子", "Numerator"),
    Column("denominator", "分母", "Denominator"),
    Column("status", "状态", "Status"),
    Column("why", "说明", "Why"),
    Column("as_of", "统计日期", "As of"),
)

SHEET_STANDARDS = ("体系明细表", "Standards")
SHEET_INDICATORS = ("指标", "Indicators")


def sheet_name(names: tuple[str, str], lang: str) -> str:
    return names[1] if lang == "en" else names[0]


@dataclass(frozen=True)
class Table:
    name: str  # sheet name
    columns: tuple[Column, ...]
    rows: list[dict[str, Any]]


@dataclass(frozen=True)
class Sheet:
    """A worksheet's cells: ``rows[r][c]``, both 0-based (row 0 is the header)."""

    name: str
    rows: list[list[Any]]


def read_xlsx(data: bytes) -> list[Sheet]:
    """Every worksheet of a workbook, values only (formulas give their cached result)."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    try:
        return [
            Sheet(sheet.title, [list(row) for row in sheet.iter_rows(values_only=True)])
            for sheet in book.worksheets
        ]
    finally:
        book.close()
