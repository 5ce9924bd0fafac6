"""The 体系明细表 (one row per standard) and the indicator table, as plain rows.

Rows hold plain values (text, numbers, dates, None); the writers in
edit.sheets turn them into xlsx, csv or json. The standards table shows names
people know (公务用车, 地方标准, 已发布) and reads back either those names or
the codes; the columns marked derived (state on a date, last review, ...) are
for reading and are ignored by `jgsw import`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from jgsw_std.i18n import word
from jgsw_std.lifecycle.state import state_at
from jgsw_std.load.warehouse import StandardRecord, Warehouse
from jgsw_std.model.framework import GENERAL_AREA, Framework
from jgsw_std.model.standard import Standard

SEP = "；"  # between several values in one cell; names may contain 、 and commas


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

_PLAN_KIND = {"new": ("制定", "new"), "revision": ("修订", "revision")}
_CONCLUSION = {
    "continue": ("继续有效", "continue"),
    "revise": ("修订", "revise"),
    "repeal": ("废止", "repeal"),
}


def sheet_name(names: tuple[str, str], lang: str) -> str:
    return names[1] if lang == "en" else names[0]


# -- names for codes, both ways ---------------------------------------------------


def area_name(framework: Framework, code: str | None, lang: str) -> str | None:
    if code is None:
        return None
    return framework.area_label(code, lang)


def category_name(framework: Framework, code: str | None, lang: str) -> str | None:
    if code is None:
        return None
    return framework.category_label(code, lang) if framework.categories else code


def item_name(framework: Framework, code: str, lang: str) -> str:
    """The item's name when no other item has the same name, else its code."""
    item = framework.item_names.get(code)
    if item is None:
        return code
    name = item.label(lang)
    same = [c for c, i in framework.item_names.items() if i.label(lang) == name]
    return name if same == [code] else code


def district_name(wh: Warehouse, slug: str | None) -> str | None:
    if slug is None:
        return None
    rec = wh.district_by_slug.get(slug)
    return rec.model.name if rec else slug


def collab_name(framework: Framework, code: str | None, lang: str) -> str | None:
    if code is None:
        return None
    for group in framework.collab_groups:
        if group.code == code:
            return group.label(lang)
    return code


def _joined(values: list[str]) -> str | None:
    return SEP.join(values) if values else None


# -- the standards table --------------------------------------------------------------


def editable_values(wh: Warehouse, std: Standard, lang: str) -> dict[str, Any]:
    """The values of the editable columns for one standard, as the sheet shows them."""
    fw = wh.framework
    return {
        "code": std.code,
        "title": std.title,
        "title_en": std.title_en,
        "level": word(f"level.{std.level}", lang) if std.level else None,
        "category": category_name(fw, std.category, lang),
        "area": area_name(fw, std.area, lang),
        "items": _joined([item_name(fw, i, lang) for i in std.items]),
        "owner": district_name(wh, std.owner),
        "joint": _joined(list(std.joint)),
        "collab_group": collab_name(fw, std.collab_group, lang),
        "status": word(f"status.{std.status}", lang) if std.status else None,
        "plan_year": std.plan.year if std.plan else None,
        "plan_kind": _pick(_PLAN_KIND[std.plan.kind], lang) if std.plan else None,
        "published": std.published,
        "effective": std.effective,
        "repealed": std.repealed,
        "supersedes": _joined(list(std.supersedes)),
        "superseded_by": std.superseded_by,
        "references": _joined(list(std.references)),
        "source": std.source,
    }


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def _derived(wh: Warehouse, rec: StandardRecord, as_of: dt.date, lang: str) -> dict[str, Any]:
    std = rec.model
    review = max(std.reviews, key=lambda r: r.date, default=None)
    evaluation = max(std.evaluations, key=lambda e: e.date, default=None)
    usage = max(std.usage, key=lambda u: u.year, default=None)
    last_usage = None
    if usage is not None:
        rate = f"{usage.rate:.0%}" if usage.rate is not None else "-"
        last_usage = f"{usage.year}: {rate} ({usage.applying}/{usage.applicable})"
    return {
        "state": word(f"state.{state_at(wh, rec, as_of)}", lang),
        "last_review": (
            f"{review.date.isoformat()} {_pick(_CONCLUSION[review.conclusion], lang)}"
            if review
            else None
        ),
        "last_evaluation": (
            f"{evaluation.date.isoformat()} {evaluation.score:g}".rstrip()
            if evaluation and evaluation.score is not None
            else (evaluation.date.isoformat() if evaluation else None)
        ),
        "last_usage": last_usage,
        "path": rec.path,
    }


def _framework_place(framework: Framework, std: Standard) -> tuple[int, int, str]:
    areas = [GENERAL_AREA, *(a.code for a in framework.areas)]
    area_rank = areas.index(std.area) if std.area in areas else len(areas)
    cats = framework.category_codes
    cat_rank = cats.index(std.category) if std.category in cats else len(cats)
    return area_rank, cat_rank, std.code


def standards_rows(wh: Warehouse, as_of: dt.date, lang: str) -> list[dict[str, Any]]:
    """One row per standard, in framework order (area, then category, then code)."""
    records = sorted(wh.standards, key=lambda r: _framework_place(wh.framework, r.model))
    rows = []
    for rec in records:
        row = editable_values(wh, rec.model, lang)
        row.update(_derived(wh, rec, as_of, lang))
        rows.append(row)
    return rows


# -- the indicator table -------------------------------------------------------------


def indicator_rows(wh: Warehouse, as_of: dt.date, lang: str) -> list[dict[str, Any]]:
    """The plan's indicators for the city as of ``as_of``, one row each."""
    from jgsw_std.lifecycle.asof import AsOf
    from jgsw_std.metrics.registry import compute_all
    from jgsw_std.reports.figures import target_text, value_text

    if wh.indicators is None:
        return []
    by_id = {ind.id: ind for ind in wh.indicators.indicators}
    rows = []
    for result in compute_all(AsOf(wh, as_of), wh.indicators, scope="city"):
        indicator = by_id[result.indicator_id]
        text = (indicator.text_en or indicator.text) if lang == "en" else indicator.text
        rows.append(
            {
                "id": result.indicator_id,
                "group": word(f"group.{indicator.group}", lang),
                "text": text,
                "metric": word(f"metric.{result.metric}", lang),
                "target": target_text(result, lang),
                "value": value_text(result, lang),
                "numerator": _plain_number(result.numerator),
                "denominator": _plain_number(result.denominator),
                "status": word(f"ind.{result.status}", lang),
                "why": result.why(lang) or None,
                "as_of": as_of,
            }
        )
    return rows


def _plain_number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(float(value), 4)
