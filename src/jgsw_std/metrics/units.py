"""Indicators about the units themselves: mechanism (1), meetings (3), training (15).

A *unit* is the city file or a district file. *Unit-years* are every unit in
scope times every year from the plan's start year to the last full year
(DOMAIN.md). When the units in scope record no activity at all by D, the
unit-year figures are "no data": an empty record is not a year without meetings.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from jgsw_std.metrics.base import MetricResult
from jgsw_std.metrics.common import (
    new_result,
    percent,
    set_rate,
    unit_ref,
    unit_year_ref,
    unit_years,
    why,
)
from jgsw_std.metrics.judge import judged
from jgsw_std.metrics.scope import Scope
from jgsw_std.model.district import MEETING_KINDS, TRAINING_KINDS, Mechanism

if TYPE_CHECKING:
    from jgsw_std.lifecycle.asof import AsOf
    from jgsw_std.load.warehouse import DistrictRecord
    from jgsw_std.model.indicators import Indicator, IndicatorSet

_ELEMENTS: tuple[tuple[str, str, str], ...] = (
    ("leading_group", "领导小组", "leading group"),
    ("working_body", "工作机构", "working body"),
    ("staff", "专（兼）职人员", "staff"),
    ("budget_channel", "经费渠道", "budget channel"),
)


def _element_date(mech: Mechanism, name: str) -> dt.date | None:
    """When an element was in place. Staff without their own date came with the working body."""
    if name != "staff":
        value: dt.date | None = getattr(mech, name)
        return value
    staff = mech.staff
    if staff is None or staff.full_time + staff.part_time == 0:
        return None
    return mech.staff_date or mech.working_body


@judged("cumulative")
def mechanism(at: AsOf, iset: IndicatorSet, indicator: Indicator, scope: Scope) -> MetricResult:
    """Indicator 1: units with leading group, working body, staff and budget channel by D.

    Rate over all units in scope (the city file and each district file).
    """
    wh, as_of = at.wh, at.date
    result = new_result(indicator, as_of, scope, "rate")
    units = scope.units(wh)
    if not any(rec.model.mechanism is not None for rec in units):
        return why(
            result, "范围内各单位均未记录工作机制。", "No unit in scope records its mechanism."
        )
    for rec in units:
        mech = rec.model.mechanism
        if mech is None:
            result.counted_against.append(unit_ref(rec, "未记录工作机制", "no mechanism recorded"))
            continue
        missing = [
            (zh, en)
            for name, zh, en in _ELEMENTS
            if (day := _element_date(mech, name)) is None or day > as_of
        ]
        if missing:
            result.counted_against.append(
                unit_ref(
                    rec,
                    f"截至 {as_of} 缺少：" + "、".join(zh for zh, _ in missing),
                    f"missing on {as_of}: " + ", ".join(en for _, en in missing),
                )
            )
        else:
            result.counted_for.append(unit_ref(rec, "四项齐备", "all four in place"))
    done, total = len(result.counted_for), len(units)
    set_rate(result, done, total)
    return why(
        result,
        f"{total} 个单位中 {done} 个领导小组、工作机构、人员、经费渠道齐备"
        f"（{percent(done / total)}）。",
        f"{done} of {total} units have all four elements ({percent(done / total)}).",
    )


def _active_by(units: list[DistrictRecord], as_of: dt.date) -> bool:
    return any(a.date <= as_of for rec in units for a in rec.model.activities)


def _unit_year_rate(
    result: MetricResult,
    units: list[DistrictRecord],
    years: range,
    kinds: frozenset[str],
    as_of: dt.date,
    lack: tuple[str, str],
) -> None:
    """For and against per unit-year: a year counts when an activity of ``kinds`` took place."""
    for rec in units:
        active = {a.date.year for a in rec.model.activities if a.kind in kinds and a.date <= as_of}
        for year in years:
            if year in active:
                result.counted_for.append(unit_year_ref(rec, year, "", ""))
            else:
                result.counted_against.append(unit_year_ref(rec, year, *lack))
    set_rate(result, len(result.counted_for), len(units) * len(years))


def _no_unit_years(result: MetricResult, units: list[DistrictRecord], years: range) -> bool:
    if not units or not years:
        why(result, "尚无完整的规划年度可统计。", "No full plan year to count yet.")
        return True
    return False


def _summaries(
    indicator: Indicator, as_of: dt.date, scope: Scope, units: list[DistrictRecord], years: range
) -> MetricResult:
    """Indicator 3's second figure: unit-years whose annual summary was sent up by D."""
    fig = new_result(indicator, as_of, scope, "rate", metric="annual_meetings.summaries")
    if not any(s.sent <= as_of for rec in units for s in rec.model.summaries):
        return why(fig, "未记录年度总结报送。", "No annual summary recorded as sent.")
    for rec in units:
        sent = {s.year for s in rec.model.summaries if s.sent <= as_of}
        for year in years:
            if year in sent:
                fig.counted_for.append(unit_year_ref(rec, year, "", ""))
            else:
                fig.counted_against.append(
                    unit_year_ref(
                        rec,
                        year,
                        f"{year} 年度总结截至 {as_of} 未报送",
                        f"{year} summary not sent by {as_of}",
                    )
                )
    set_rate(fig, len(fig.counted_for), len(units) * len(years))
    done, total = len(fig.counted_for), len(units) * len(years)
    return why(
        fig,
        f"已报送年度总结 {done}/{total} 个单位年度。",
        f"Summaries sent for {done} of {total} unit-years.",
    )


def _activity_rate(
    result: MetricResult,
    units: list[DistrictRecord],
    years: range,
    kinds: frozenset[str],
    missing: tuple[str, str],
    done_words: tuple[str, str],
) -> MetricResult:
    """Unit-years with an activity of ``kinds`` (indicators 3 and 15), or no data."""
    if not _active_by(units, result.as_of):
        return why(
            result,
            "范围内各单位均未记录会议、培训等活动。",
            "No unit in scope records any activity.",
        )
    _unit_year_rate(result, units, years, kinds, result.as_of, missing)
    done, total = len(result.counted_for), len(units) * len(years)
    return why(
        result,
        f"{total} 个单位年度中 {done} 个{done_words[0]}。",
        f"{done} of {total} unit-years {done_words[1]}.",
    )


@judged("standing")
def annual_meetings(
    at: AsOf, iset: IndicatorSet, indicator: Indicator, scope: Scope
) -> MetricResult:
    """Indicator 3: unit-years with ≥1 meeting; second figure: summaries sent by D."""
    wh, as_of = at.wh, at.date
    result = new_result(indicator, as_of, scope, "rate")
    units, years = scope.units(wh), unit_years(iset, indicator, as_of)
    if _no_unit_years(result, units, years):
        return result
    result.figures["summaries"] = _summaries(indicator, as_of, scope, units, years)
    return _activity_rate(
        result,
        units,
        years,
        MEETING_KINDS,
        ("当年未记录标准化工作会议", "no standardization meeting that year"),
        ("召开了标准化工作会议", "held a standardization meeting"),
    )


@judged("standing")
def annual_training(
    at: AsOf, iset: IndicatorSet, indicator: Indicator, scope: Scope
) -> MetricResult:
    """Indicator 15: unit-years with ≥1 training or publicity event / all unit-years."""
    wh, as_of = at.wh, at.date
    result = new_result(indicator, as_of, scope, "rate")
    units, years = scope.units(wh), unit_years(iset, indicator, as_of)
    if _no_unit_years(result, units, years):
        return result
    return _activity_rate(
        result,
        units,
        years,
        TRAINING_KINDS,
        ("当年未记录培训或宣贯活动", "no training or publicity event that year"),
        ("开展了培训或宣贯", "held a training or publicity event"),
    )
