"""The export use case: the 体系明细表 (one row per standard) and the indicator table.

Rows hold plain values (text, numbers, dates, None) in the columns of
edit/sheet_layout.py; the writers in output/table.py turn them into xlsx, csv
or json. For people (xlsx, csv) the standards table shows names they know
(公务用车, 地方标准, 已发布) in the chosen language, which `jgsw import` reads
back as well as the codes. For programs (json) every value is the code of the
data contract (``level: industry``), lists are lists and numbers are numbers,
the same whatever ``--lang`` says; only the indicators' ``why``, a sentence,
follows the language, as in `jgsw status --format json`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jgsw_std.edit.sheet_layout import (
    INDICATOR_COLUMNS,
    SEP,
    SHEET_INDICATORS,
    SHEET_STANDARDS,
    STANDARD_COLUMNS,
    Table,
    sheet_name,
)
from jgsw_std.i18n import word
from jgsw_std.lifecycle.asof import AsOf
from jgsw_std.load.warehouse import StandardRecord, Warehouse
from jgsw_std.model.framework import GENERAL_AREA, Framework
from jgsw_std.model.standard import Evaluation, Standard, Usage
from jgsw_std.progress import SILENT, Progress

_PLAN_KIND = {"new": ("制定", "new"), "revision": ("修订", "revision")}
_CONCLUSION = {
    "continue": ("继续有效", "continue"),
    "revise": ("修订", "revise"),
    "repeal": ("废止", "repeal"),
}


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
        "plan_kind": _pick(_PLAN_KIND[std.plan.kind], lang) if std.plan and std.plan.kind else None,
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


def _last_evaluation(std: Standard) -> Evaluation | None:
    """The latest dated evaluation (an undated one cannot be placed among them)."""
    dated = [e for e in std.evaluations if e.date is not None]
    return max(dated, key=lambda e: e.date or dt.date.min, default=None)


def _last_usage(std: Standard) -> Usage | None:
    """The latest usage count with a year (one without cannot be placed among them)."""
    placed = [u for u in std.usage if u.year is not None]
    return max(placed, key=lambda u: u.year or 0, default=None)


def _derived(at: AsOf, rec: StandardRecord, lang: str) -> dict[str, Any]:
    std = rec.model
    dated = [r for r in std.reviews if r.date is not None]
    review = max(dated, key=lambda r: r.date or dt.date.min, default=None)
    evaluation = _last_evaluation(std)
    usage = _last_usage(std)
    last_usage = None
    if usage is not None:
        rate = f"{usage.rate:.0%}" if usage.rate is not None else "-"
        applying = "?" if usage.applying is None else usage.applying
        applicable = "?" if usage.applicable is None else usage.applicable
        last_usage = f"{usage.year}: {rate} ({applying}/{applicable})"
    return {
        "state": word(f"state.{at.state(rec)}", lang),
        "last_review": (
            f"{review.date} {_pick(_CONCLUSION[review.conclusion], lang)}"
            if review and review.conclusion
            else (str(review.date) if review else None)
        ),
        "last_evaluation": (
            f"{evaluation.date} {evaluation.score:g}".rstrip()
            if evaluation and evaluation.score is not None
            else (str(evaluation.date) if evaluation else None)
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


def standards_rows(at: AsOf, lang: str) -> list[dict[str, Any]]:
    """One row per standard, in framework order (area, then category, then code)."""
    wh = at.wh
    records = sorted(wh.standards, key=lambda r: _framework_place(wh.framework, r.model))
    rows = []
    for rec in records:
        row = editable_values(wh, rec.model, lang)
        row.update(_derived(at, rec, lang))
        rows.append(row)
    return rows


def code_values(std: Standard) -> dict[str, Any]:
    """The editable columns as the data contract records them: codes, slugs, lists."""
    return {
        "code": std.code,
        "title": std.title,
        "title_en": std.title_en,
        "level": std.level,
        "category": std.category,
        "area": std.area,
        "items": list(std.items),
        "owner": std.owner,
        "joint": list(std.joint),
        "collab_group": std.collab_group,
        "status": std.status,
        "plan_year": std.plan.year if std.plan else None,
        "plan_kind": std.plan.kind if std.plan else None,
        "published": std.published,
        "effective": std.effective,
        "repealed": std.repealed,
        "supersedes": list(std.supersedes),
        "superseded_by": std.superseded_by,
        "references": list(std.references),
        "source": std.source,
    }


def _derived_codes(at: AsOf, rec: StandardRecord) -> dict[str, Any]:
    std = rec.model
    dated = [r for r in std.reviews if r.date is not None]
    review = max(dated, key=lambda r: r.date or dt.date.min, default=None)
    evaluation = _last_evaluation(std)
    usage = _last_usage(std)
    return {
        "state": at.state(rec),
        "last_review": (
            {"date": review.date.isoformat(), "conclusion": review.conclusion}
            if review and review.date
            else None
        ),
        "last_evaluation": (
            {"date": str(evaluation.date), "score": evaluation.score} if evaluation else None
        ),
        "last_usage": (
            {
                "year": usage.year,
                "applying": usage.applying,
                "applicable": usage.applicable,
                "rate": None if usage.rate is None else round(usage.rate, 4),
            }
            if usage
            else None
        ),
        "path": rec.path,
    }


def standards_code_rows(at: AsOf) -> list[dict[str, Any]]:
    """One row per standard in framework order, every value a code (for json)."""
    wh = at.wh
    records = sorted(wh.standards, key=lambda r: _framework_place(wh.framework, r.model))
    return [{**code_values(rec.model), **_derived_codes(at, rec)} for rec in records]


# -- the indicator table -------------------------------------------------------------


def indicator_rows(at: AsOf, lang: str) -> list[dict[str, Any]]:
    """The plan's indicators for the city on the date, one row each."""
    from jgsw_std.metrics.registry import compute_all
    from jgsw_std.reports.figures import target_text, value_text, verdict_text

    wh = at.wh
    if wh.indicators is None:
        return []
    by_id = {ind.id: ind for ind in wh.indicators.indicators}
    rows = []
    for result in compute_all(at, wh.indicators, "city"):
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
                "status": verdict_text(result, lang),
                "why": result.why(lang) or None,
                "as_of": at.date,
            }
        )
    return rows


def indicator_code_rows(at: AsOf, lang: str) -> list[dict[str, Any]]:
    """The indicators for the city, values as codes and numbers (for json); ``text`` is
    the plan's own words, ``why`` a sentence in ``lang``."""
    from jgsw_std.metrics.registry import compute_all

    wh = at.wh
    if wh.indicators is None:
        return []
    by_id = {ind.id: ind for ind in wh.indicators.indicators}
    return [
        {
            "id": result.indicator_id,
            "group": by_id[result.indicator_id].group,
            "text": by_id[result.indicator_id].text,
            "metric": result.metric,
            "target": _plain_number(result.target),
            "value": _plain_number(result.value),
            # a range when records lack dates (value is then null): docs/status.md
            "low": _plain_number(result.low),
            "high": _plain_number(result.high),
            "numerator": _plain_number(result.numerator),
            "denominator": _plain_number(result.denominator),
            "status": result.status,
            "why": result.why(lang) or None,
            "as_of": at.date,
        }
        for result in compute_all(at, wh.indicators, "city")
    ]


def _plain_number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(float(value), 4)


# -- the use case ---------------------------------------------------------------------

#: --table names; a csv file holds one table, so `all` gives the standards there
TABLES = ("standards", "indicators", "experts", "materials", "feedback", "all")


@dataclass
class ExportOutcome:
    tables: list[Table]
    left_out: int  # files that failed validation: their records are not in the tables


def run_export(
    root: Path | None,
    as_of: dt.date,
    lang: str,
    table: str,
    codes: bool = False,
    progress: Progress = SILENT,
    include_private: bool = False,
) -> ExportOutcome:
    """The tables asked for (``standards``, ``indicators``, a registry or ``all``) on ``as_of``;
    with ``codes``, every value as the data contract's code (json).

    An expert's contact (personal data) is in the experts table only with ``include_private``.
    """
    from jgsw_std.app.export_registries import registry_tables
    from jgsw_std.app.open import open_warehouse

    with progress.step("读取标准仓", "reading the warehouse"):
        wh = open_warehouse(root)
    at = AsOf(wh, as_of)
    tables: list[Table] = []
    if table in ("all", "standards"):
        with progress.step("体系明细表", "the standards table"):
            rows = standards_code_rows(at) if codes else standards_rows(at, lang)
        tables.append(Table(sheet_name(SHEET_STANDARDS, lang), STANDARD_COLUMNS, rows))
    if table in ("all", "indicators"):
        with progress.step("计算指标", "computing the indicators"):
            rows = indicator_code_rows(at, lang) if codes else indicator_rows(at, lang)
        tables.append(Table(sheet_name(SHEET_INDICATORS, lang), INDICATOR_COLUMNS, rows))
    tables.extend(registry_tables(at, lang, table, include_private, codes))
    left_out = sum(1 for e in wh.files.values() if e.kind != "unknown" and not e.valid)
    return ExportOutcome(tables, left_out)
