"""Counted achievements of the units: pilots (12, 13), demonstration sites (14),
articles (19) and training person-times (20).

Each count is of dated records on or before D. A record without the date it
needs is listed as unknown and not counted; a count with nothing behind it
(no record counted for or against) is "no data", never 0.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from jgsw_std.metrics.base import MetricResult, RecordRef, RefKind
from jgsw_std.metrics.common import new_result, plan_window, why
from jgsw_std.metrics.judge import judged
from jgsw_std.metrics.scope import Scope
from jgsw_std.model.district import Pilot

if TYPE_CHECKING:
    from jgsw_std.lifecycle.asof import AsOf
    from jgsw_std.load.warehouse import DistrictRecord
    from jgsw_std.model.indicators import Indicator, IndicatorSet


def _ref(kind: RefKind, rec: DistrictRecord, key: str, label: str, zh: str, en: str) -> RecordRef:
    return RecordRef(kind, f"{rec.slug}:{key}", f"{rec.model.name} {label}", rec.path, zh, en)


def _count(result: MetricResult, zh: str, en: str) -> MetricResult:
    """The count of records for; no data when no record could be counted either way."""
    n = len(result.unknown)
    tail_zh = f"另有 {n} 项记录日期不详，未计入。" if n else ""
    tail_en = f" {n} records lack the date and are not counted." if n else ""
    if result.counted_for or result.counted_against:
        result.value = float(len(result.counted_for))
        count = len(result.counted_for)
        return why(result, zh.format(n=count) + tail_zh, en.format(n=count) + tail_en)
    return why(result, "无可计的记录。" + tail_zh, "Nothing recorded to count." + tail_en)


def _first_date(pilot: Pilot) -> dt.date | None:
    dates = [d for d in (pilot.applied, pilot.started, pilot.accepted) if d is not None]
    return min(dates) if dates else None


@judged("cumulative")
def municipal_pilots(
    at: AsOf, iset: IndicatorSet, indicator: Indicator, scope: Scope
) -> MetricResult:
    """Indicator 12: districts with a municipal pilot accepted (验收) on or before D."""
    wh, as_of = at.wh, at.date
    result = new_result(indicator, as_of, scope, "count")
    for rec in scope.units(wh):
        pilots = [p for p in rec.model.pilots if p.level == "municipal"]
        if not pilots:
            continue
        accepted = [p.accepted for p in pilots if p.accepted is not None and p.accepted <= as_of]
        begun = [p for p in pilots if (d := _first_date(p)) is not None and d <= as_of]
        if accepted:
            result.counted_for.append(
                _ref(
                    "pilot",
                    rec,
                    "municipal",
                    "市级试点",
                    f"{min(accepted)} 通过验收",
                    f"accepted {min(accepted)}",
                )
            )
        elif begun:
            result.counted_against.append(
                _ref(
                    "pilot",
                    rec,
                    "municipal",
                    "市级试点",
                    f"截至 {as_of} 尚未验收",
                    f"not accepted by {as_of}",
                )
            )
        elif any(_first_date(p) is None for p in pilots):
            result.unknown.append(
                _ref(
                    "pilot",
                    rec,
                    "municipal",
                    "市级试点",
                    "试点日期不详",
                    "pilot dates not recorded",
                )
            )
    return _count(
        result,
        "{n} 个区县的市级试点已通过验收。",
        "Districts with a municipal pilot accepted: {n}.",
    )


@judged("cumulative")
def national_pilots(
    at: AsOf, iset: IndicatorSet, indicator: Indicator, scope: Scope
) -> MetricResult:
    """Indicator 13: national pilot applications on or before D.

    A pilot without an application date but started or accepted by D was
    evidently applied for by then; one with no date at all is unknown.
    """
    wh, as_of = at.wh, at.date
    result = new_result(indicator, as_of, scope, "count")
    for rec in scope.units(wh):
        for index, pilot in enumerate(p for p in rec.model.pilots if p.level == "national"):
            first = _first_date(pilot)
            key = f"national-{index + 1}"
            if first is None:
                result.unknown.append(
                    _ref(
                        "pilot",
                        rec,
                        key,
                        pilot.topic,
                        "申报日期不详",
                        "application date not recorded",
                    )
                )
            elif first <= as_of:
                result.counted_for.append(
                    _ref("pilot", rec, key, pilot.topic, f"{first} 申报", f"applied {first}")
                )
    return _count(result, "已申报国家级试点 {n} 个。", "National pilot applications: {n}.")


@judged("cumulative")
def demo_sites(at: AsOf, iset: IndicatorSet, indicator: Indicator, scope: Scope) -> MetricResult:
    """Indicator 14: demonstration sites established on or before D."""
    wh, as_of = at.wh, at.date
    result = new_result(indicator, as_of, scope, "count")
    for rec in scope.units(wh):
        for site in rec.model.demo_sites:
            if site.established is None:
                result.unknown.append(
                    _ref("site", rec, site.name, site.name, "建成日期不详", "date not recorded")
                )
            elif site.established <= as_of:
                result.counted_for.append(
                    _ref(
                        "site",
                        rec,
                        site.name,
                        site.name,
                        f"{site.established} 建成",
                        f"established {site.established}",
                    )
                )
    return _count(result, "已建成标准化示范点 {n} 个。", "Demonstration sites established: {n}.")


@judged("cumulative")
def articles(at: AsOf, iset: IndicatorSet, indicator: Indicator, scope: Scope) -> MetricResult:
    """Indicator 19: provincial-or-higher articles published in the plan period by D."""
    wh, as_of = at.wh, at.date
    result = new_result(indicator, as_of, scope, "count")
    start, end = plan_window(iset, indicator, as_of)
    for rec in scope.units(wh):
        for art in rec.model.articles:
            if art.level in ("provincial", "national") and start <= art.date <= end:
                result.counted_for.append(
                    _ref(
                        "article",
                        rec,
                        art.date.isoformat(),
                        art.title,
                        f"{art.date}《{art.journal}》",
                        f"{art.date} {art.journal}",
                    )
                )
    return _count(
        result,
        "规划期内省级以上刊物发表 {n} 篇。",
        "Provincial-or-higher articles in the plan period: {n}.",
    )


@judged("cumulative")
def training_attendance(
    at: AsOf, iset: IndicatorSet, indicator: Indicator, scope: Scope
) -> MetricResult:
    """Indicator 20: person-times summed over trainings in the plan period by D."""
    wh, as_of = at.wh, at.date
    result = new_result(indicator, as_of, scope, "count")
    start, end = plan_window(iset, indicator, as_of)
    total = 0
    for rec in scope.units(wh):
        for act in rec.model.activities:
            if act.kind != "training" or not start <= act.date <= end:
                continue
            key = f"{act.date}:{act.title}"
            if act.attendees is None:
                result.unknown.append(
                    _ref(
                        "activity", rec, key, act.title, "参加人次未记录", "attendance not recorded"
                    )
                )
                continue
            total += act.attendees
            result.counted_for.append(
                _ref(
                    "activity",
                    rec,
                    key,
                    act.title,
                    f"{act.date} {act.attendees} 人次",
                    f"{act.date}: {act.attendees} person-times",
                )
            )
    n = len(result.unknown)
    tail_zh = f"另有 {n} 场未记录人次。" if n else ""
    tail_en = f" {n} more without a head count." if n else ""
    if not result.counted_for:
        return why(
            result,
            "规划期内无记录了人次的培训。" + tail_zh,
            "No training with attendance in the plan period." + tail_en,
        )
    result.value = float(total)
    return why(
        result,
        f"规划期内培训 {len(result.counted_for)} 场，共 {total} 人次。" + tail_zh,
        f"{len(result.counted_for)} trainings, {total} person-times in the plan period." + tail_en,
    )
