"""Indicators about the units themselves: mechanism (1), meetings (3), training (15).

A *unit* is the city file or a district file. *Unit-years* are every unit in
scope times every year from the plan's start year to the last full year
(DOMAIN.md). When the units in scope record no activity at all by D, the
unit-year figures are "no data": an empty record is not a year without
meetings. The per-unit answers are lifecycle/units.py's, which U802-U805 of
`jgsw check` read too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jgsw_std.lifecycle.known import Entry, Outcome
from jgsw_std.lifecycle.units import (
    MECHANISM_PARTS,
    UnitYears,
    YearsFn,
    meeting_years,
    missing_parts,
    records_activities,
    records_mechanism,
    records_summaries,
    summary_years,
    training_years,
)
from jgsw_std.metrics.base import MetricResult, RecordRef
from jgsw_std.metrics.common import (
    new_result,
    parts_span,
    percent,
    rate_of,
    span,
    unit_ref,
    unit_year_ref,
    unit_years,
    why,
)
from jgsw_std.metrics.judge import judged
from jgsw_std.metrics.scope import Scope

if TYPE_CHECKING:
    import datetime as dt

    from jgsw_std.lifecycle.asof import AsOf
    from jgsw_std.load.warehouse import DistrictRecord
    from jgsw_std.model.indicators import Indicator, IndicatorSet


@judged("cumulative")
def mechanism(at: AsOf, iset: IndicatorSet, indicator: Indicator, scope: Scope) -> MetricResult:
    """Indicator 1: units with leading group, working body, staff and budget channel by D.

    Rate over all units in scope (the city file and each district file).
    """
    as_of = at.date
    result = new_result(indicator, as_of, scope, "rate")
    units = scope.units(at.wh)
    if not records_mechanism(units):
        return why(
            result, "范围内各单位均未记录工作机制。", "No unit in scope records its mechanism."
        )
    entries: list[Entry[RecordRef]] = []
    for rec in units:
        missing = missing_parts(rec, as_of)
        if rec.model.mechanism is None:
            ref = unit_ref(rec, "未记录工作机制", "no mechanism recorded")
        elif missing:
            ref = unit_ref(
                rec,
                f"截至 {as_of} 缺少：" + "、".join(MECHANISM_PARTS[m][0] for m in missing),
                f"missing on {as_of}: " + ", ".join(MECHANISM_PARTS[m][1] for m in missing),
            )
        else:
            ref = unit_ref(rec, "四项齐备", "all four in place")
        entries.append(Entry(ref, Outcome.AGAINST if missing else Outcome.FOR))
    rate_of(result, entries)
    done, total = len(result.counted_for), len(units)
    return why(
        result,
        f"{total} 个单位中 {done} 个领导小组、工作机构、人员、经费渠道齐备"
        f"（{percent(done / total)}）。",
        f"{done} of {total} units have all four elements ({percent(done / total)}).",
    )


def year_entries(
    rec: DistrictRecord, found: UnitYears, lack: tuple[str, str]
) -> list[Entry[RecordRef]]:
    """A unit's unit-years: held (for), missing (against), or open.

    Undated records can fill at most ``found.open`` missing years, so that many
    are open and the rest against; which ones cannot be told, so the open ones
    are the last (the note says so).
    """
    out = [Entry(unit_year_ref(rec, year, "", ""), Outcome.FOR) for year in found.done]
    certain = found.certain_missing
    for index, year in enumerate(found.missing):
        if index < certain:
            out.append(Entry(unit_year_ref(rec, year, *lack), Outcome.AGAINST))
            continue
        if year in found.pinned:  # an activity of that year whose kind is not recorded
            zh = f"{lack[0]}；当年有未记类型的活动"
            en = f"{lack[1]}; an activity that year has no kind recorded"
        else:
            floating = found.open - len(found.pinned)
            if any(f.field == "activity-kind" for f in found.facts):
                zh = f"{lack[0]}；日期或类型不详的记录至多补上 {floating} 个年度"
                en = f"{lack[1]}; records without a date or kind may fill up to {floating} years"
            else:
                zh = f"{lack[0]}；日期不详的记录至多补上 {floating} 个年度"
                en = f"{lack[1]}; undated records may fill up to {floating} such years"
        ref = unit_year_ref(rec, year, zh, en)
        out.append(Entry(ref, Outcome.FOR | Outcome.AGAINST, found.facts_for(year)))
    return out


def _unit_year_rate(
    result: MetricResult,
    units: list[DistrictRecord],
    years: range,
    answer: YearsFn,
    lack: tuple[str, str],
) -> bool:
    """Rate the unit-years; whether an activity without its kind leaves any of them open."""
    entries: list[Entry[RecordRef]] = []
    kindless = False
    for rec in units:
        found = answer(rec, years, result.as_of)
        entries += year_entries(rec, found, lack)
        # a pinned year is an activity of that year without its kind
        kindless |= bool(found.pinned) or (
            bool(found.open) and any(f.field == "activity-kind" for f in found.facts)
        )
    rate_of(result, entries)
    return kindless


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
    if not years or not units:
        return why(fig, "尚无完整的规划年度可统计。", "No full plan year to count yet.")
    if not records_summaries(units, as_of):
        return why(fig, "未记录年度总结报送。", "No annual summary recorded as sent.")
    entries: list[Entry[RecordRef]] = []
    for rec in units:
        found = summary_years(rec, years, as_of)
        entries += [Entry(unit_year_ref(rec, y, "", ""), Outcome.FOR) for y in found.done]
        certain = found.certain_missing
        for index, y in enumerate(found.missing):
            if index < certain:
                zh, en = f"{y} 年度总结截至 {as_of} 未报送", f"{y} summary not sent by {as_of}"
                entries.append(Entry(unit_year_ref(rec, y, zh, en), Outcome.AGAINST))
            elif y in found.pinned:  # recorded without its sending date: sent by D or not
                zh, en = f"{y} 年度总结报送日期不详", f"{y} summary: date sent not recorded"
                ref = unit_year_ref(rec, y, zh, en)
                entries.append(Entry(ref, Outcome.FOR | Outcome.AGAINST, found.pinned[y]))
            else:  # a summary sent without its year: it may be this year's
                zh, en = f"{y} 年度总结未见；有未记年度的总结", f"{y}: a summary has no year"
                ref = unit_year_ref(rec, y, zh, en)
                entries.append(Entry(ref, Outcome.FOR | Outcome.AGAINST, found.facts))
    rate_of(fig, entries)
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
    answer: YearsFn,
    missing: tuple[str, str],
    done_words: tuple[str, str],
) -> MetricResult:
    """Unit-years with an activity of a kind (indicators 3 and 15), or no data."""
    if not records_activities(units, result.as_of):
        return why(
            result,
            "范围内各单位均未记录会议、培训等活动。",
            "No unit in scope records any activity.",
        )
    kindless = _unit_year_rate(result, units, years, answer, missing)
    done, total = len(result.counted_for), len(units) * len(years)
    open_ = len(result.unknown)
    # an activity may lack its kind, not its date: say so, as the U rules do
    what_zh, what_en = (
        ("日期或类型不详的活动", "activities without a date or kind")
        if kindless
        else ("日期不详的活动", "undated activities")
    )
    tail_zh = f"；另有 {open_} 个取决于{what_zh}（{parts_span(result)}）" if open_ else ""
    tail_en = f"; {open_} more depend on {what_en} ({parts_span(result)})" if open_ else ""
    return why(
        result,
        f"{total} 个单位年度中 {done} 个{done_words[0]}（{span(result, percent)}）{tail_zh}。",
        f"{done} of {total} unit-years {done_words[1]} ({span(result, percent, 'en')}){tail_en}.",
    )


@judged("standing")
def annual_meetings(
    at: AsOf, iset: IndicatorSet, indicator: Indicator, scope: Scope
) -> MetricResult:
    """Indicator 3: unit-years with ≥1 meeting; second figure: summaries sent by D.

    Both figures are always reported; with no summary recorded the second is
    "no data" and the headline keeps its value (docs/status.md).
    """
    as_of = at.date
    result = new_result(indicator, as_of, scope, "rate")
    units, years = scope.units(at.wh), unit_years(iset, indicator, as_of, result)
    result.figures["summaries"] = _summaries(indicator, as_of, scope, units, years)
    if _no_unit_years(result, units, years):
        return result
    return _activity_rate(
        result,
        units,
        years,
        meeting_years,
        ("当年未记录标准化工作会议", "no standardization meeting that year"),
        ("召开了标准化工作会议", "held a standardization meeting"),
    )


@judged("standing")
def annual_training(
    at: AsOf, iset: IndicatorSet, indicator: Indicator, scope: Scope
) -> MetricResult:
    """Indicator 15: unit-years with ≥1 training or publicity event / all unit-years."""
    result = new_result(indicator, at.date, scope, "rate")
    units, years = scope.units(at.wh), unit_years(iset, indicator, at.date, result)
    if _no_unit_years(result, units, years):
        return result
    return _activity_rate(
        result,
        units,
        years,
        training_years,
        ("当年未记录培训或宣贯活动", "no training or publicity event that year"),
        ("开展了培训或宣贯", "held a training or publicity event"),
    )
