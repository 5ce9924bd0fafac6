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
    private: bool = False  # personal data: exported only when asked for (--include-private)

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

# -- the registries (专家库, 资料库, 信息反馈), read back by edit/registry_import.py ------------

EXPERT_COLUMNS: tuple[Column, ...] = (
    Column("slug", "标识", "Identifier"),
    Column("name", "姓名", "Name"),
    Column("organization", "工作单位", "Organization"),
    Column("fields", "专业领域", "Fields"),
    Column("specialties", "专长", "Specialties"),
    Column("title", "职称", "Title"),
    Column("appointed", "入库日期", "Appointed"),
    Column("term_ends", "聘期届满", "Term ends"),
    Column("left", "出库日期", "Left"),
    Column("phone", "电话（个人信息）", "Phone (private)", private=True),
    Column("email", "电子邮箱（个人信息）", "Email (private)", private=True),
    Column("source", "信息来源", "Source"),
    Column("in_pool", "统计日在库（只读）", "In the pool (read only)", derived=True),
    Column("record", "文件（只读）", "File (read only)", derived=True),
)

MATERIAL_COLUMNS: tuple[Column, ...] = (
    Column("slug", "标识", "Identifier"),
    Column("title", "名称", "Title"),
    Column("kind", "类型", "Kind"),
    Column("date", "日期", "Date"),
    Column("areas", "业务方面", "Areas"),
    Column("tags", "标签", "Tags"),
    Column("path", "文件路径", "Path"),
    Column("url", "网址", "URL"),
    Column("sha256", "SHA-256", "SHA-256"),
    Column("source", "信息来源", "Source"),
    Column("record", "文件（只读）", "File (read only)", derived=True),
)

FEEDBACK_COLUMNS: tuple[Column, ...] = (
    Column("id", "编号", "ID"),
    Column("standard", "标准编号", "Standard"),
    Column("from", "提出单位", "From"),
    Column("received", "收到日期", "Received"),
    Column("kind", "类型", "Kind"),
    Column("clause", "条款", "Clause"),
    Column("text", "反馈内容", "Text"),
    Column("response_date", "答复日期", "Answered"),
    Column("response_by", "答复单位", "Answered by"),
    Column("response_action", "处理方式", "Action"),
    Column("response_text", "答复内容", "Answer"),
    Column("closed", "闭环日期", "Closed"),
    Column("source", "信息来源", "Source"),
    Column("state", "统计日状态（只读）", "State (read only)", derived=True),
    Column("record", "文件（只读）", "File (read only)", derived=True),
)

SHEET_EXPERTS = ("专家库", "Experts")
SHEET_MATERIALS = ("资料库", "Materials")
SHEET_FEEDBACK = ("信息反馈", "Feedback")

#: The words a registry sheet shows for enum values (zh, en), read back as well as the codes.
LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "material_kind": {
        "policy": ("政策文件", "policy"),
        "research": ("研究成果", "research"),
        "training": ("培训材料", "training"),
        "case": ("案例", "case"),
        "other": ("其他", "other"),
    },
    "feedback_kind": {
        "problem": ("问题", "problem"),
        "suggestion": ("建议", "suggestion"),
        "question": ("咨询", "question"),
    },
    "action": {
        "interpretation": ("解释说明", "interpretation"),
        "revise": ("修订标准", "revise"),
        "no-change": ("不作修改", "no change"),
        "other": ("其他", "other"),
    },
}


def label(group: str, code: str | None, lang: str) -> str | None:
    """The word a sheet shows for an enum value (the code itself if it has none)."""
    if code is None:
        return None
    pair = LABELS[group].get(code)
    return (pair[1] if lang == "en" else pair[0]) if pair else code


def sheet_name(names: tuple[str, str], lang: str) -> str:
    return names[1] if lang == "en" else names[0]


@dataclass(frozen=True)
class Table:
    name: str  # sheet name
    columns: tuple[Column, ...]
    rows: list[dict[str, Any]]
    key: str = ""  # the table's name in a json export: standards, indicators, experts...


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
