"""Districts (family U): each unit's framework, yearly work and mechanism, as of a date.

The years judged are the plan's complete years: from the plan's start
(data/indicators.yaml) to the last full year before the as-of date, capped at
the indicator's deadline. One problem per unit and kind of gap lists every
year missing, so a unit that recorded nothing reads as three lines, not
fifteen. The answers are lifecycle/units.py's, which indicators 1, 3 and 15
count: a year is missing here exactly when it counts against there. When no
unit records anything of a kind (no activity, no summary, no mechanism), the
indicator is "no data" and these findings are only *possible* (info): the
warehouse does not keep that record yet.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jgsw_std.lifecycle.duties import plan_years
from jgsw_std.lifecycle.period import deadline_of
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
from jgsw_std.load.warehouse import DistrictRecord, Warehouse
from jgsw_std.problems import Problem, Severity
from jgsw_std.rules.registry import CheckContext, Rule, rule

_NO_ACTIVITY = ("全市各单位均未记录会议、培训等活动，无法判定", "no unit records any activity yet")
_NO_SUMMARY = ("全市各单位均未记录年度总结报送，无法判定", "no unit records a summary sent yet")
#: the figure a kind of yearly record counts in, for its deadline
_METRIC = {"U802": "annual_meetings", "U803": "annual_training", "U804": "annual_meetings"}


def _years_text(years: list[int], lang: str) -> str:
    """2021, 2022, 2023 and 2025 -> "2021-2023、2025" (runs collapsed)."""
    runs: list[tuple[int, int]] = []
    for year in years:
        if runs and runs[-1][1] == year - 1:
            runs[-1] = (runs[-1][0], year)
        else:
            runs.append((year, year))
    sep = ", " if lang == "en" else "、"
    return sep.join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


def _at(rec: DistrictRecord, field_name: str, present: bool) -> tuple[tuple[str], bool]:
    """The list the missing record belongs in, or the unit's slug when it has none."""
    return ((field_name,), True) if present else (("slug",), False)


@rule(
    "U801",
    "framework-not-built",
    Severity.WARNING,
    zh="{name}尚未记录标准体系框架搭建完成（framework_built）",
    en="{name} has no framework built on record (framework_built)",
    hint_zh="搭建本单位的机关事务标准体系框架后，写 framework_built: 完成日期。",
    hint_en="Once the unit's standard framework is built, record framework_built: DATE.",
)
def framework_not_built(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A district has not built its standard framework (标准体系框架) by the as-of date.

    The plan asks every district to build its framework on the city's "3+7N"
    one; `framework_built` records when. The city itself (kind `city`) owns the
    "3+7N" framework and is not reported.
    """
    for rec in wh.districts:
        if rec.model.kind == "city":
            continue
        built = rec.model.framework_built
        if built is None or built > ctx.as_of:
            loc = ("framework_built",) if built is not None else ("slug",)
            yield framework_not_built.problem(
                rec.path, loc, name_zh=rec.model.name, name_en=rec.model.name_en or rec.model.name
            )


def _missing_years(
    wh: Warehouse,
    ctx: CheckContext,
    rule_: Rule,
    answer: YearsFn,
    field: str,
    tracked: bool,
    untracked: tuple[str, str] = ("", ""),
) -> Iterator[Problem]:
    """One problem per unit listing the plan years with nothing of one kind on record.

    Certain when at least one missing year cannot be filled by an undated
    record; possible (info) when every missing year might be, or when no unit
    keeps this kind of record at all (``tracked`` false).
    """
    iset = wh.indicators
    if iset is None:
        return
    years = plan_years(iset.plan, ctx.as_of, deadline_of(iset, _METRIC[rule_.code]))
    if not years:
        return
    for rec in wh.districts:
        found = answer(rec, years, ctx.as_of)
        if not found.missing:
            continue
        loc, key = _at(rec, field, bool(getattr(rec.model, field)))
        args: dict[str, Any] = {
            "name_zh": rec.model.name,
            "name_en": rec.model.name_en or rec.model.name,
            "years_zh": _years_text(sorted(found.missing), "zh"),
            "years_en": _years_text(sorted(found.missing), "en"),
            "open": found.open,
            "detail_zh": "",
            "detail_en": "",
        }
        args["detail_zh"], args["detail_en"] = _open_detail(found, field)
        if not tracked:
            why_zh, why_en = (
                "全市各单位均未记录此类记录，无法判定",
                "no unit keeps such records yet",
            )
            yield rule_.possible(rec.path, loc, key=key, why_zh=why_zh, why_en=why_en, **args)
        elif found.certain_missing:
            yield rule_.problem(rec.path, loc, key=key, **args)
        else:
            facts = found.all_facts
            why_zh = f"取决于 {'、'.join(f.text('zh') for f in facts)}"
            why_en = "it depends on " + "; ".join(f.text("en") for f in facts)
            yield rule_.possible(
                rec.path, loc, key=key, settle=facts, why_zh=why_zh, why_en=why_en, **args
            )


def _open_detail(found: UnitYears, field: str) -> tuple[str, str]:
    """What leaves some of the missing years open, in words (zh, en)."""
    if not found.open:
        return "", ""
    pinned = sorted(found.pinned)
    floating = found.open - len(pinned)
    zh: list[str] = []
    en: list[str] = []
    if pinned and field == "summaries":
        # a summary names its year: exactly those years are open, not "up to N"
        zh.append(f"其中 {_years_text(pinned, 'zh')} 年度的总结未记报送日期")
        en.append(f"the {_years_text(pinned, 'en')} summary has no date sent on record")
    elif pinned:
        zh.append(f"其中 {_years_text(pinned, 'zh')} 年有未记类型（kind）的活动")
        en.append(f"an activity in {_years_text(pinned, 'en')} has no kind on record")
    if floating and field == "summaries":
        zh.append(f"未记年度的总结至多补上其中 {floating} 个年度")
        en.append(f"summaries without a year may fill up to {floating} of them")
    elif floating and any(f.field == "activity-kind" for f in found.facts):
        zh.append(f"日期或类型不详的活动至多补上其中 {floating} 个年度")
        en.append(f"activities without a date or kind may fill up to {floating} of them")
    elif floating:
        zh.append(f"日期不详的活动至多补上其中 {floating} 个年度")
        en.append(f"undated activities may fill up to {floating} of them")
    return f"（{'；'.join(zh)}）", f" ({'; '.join(en)})"


@rule(
    "U802",
    "year-without-meeting",
    Severity.WARNING,
    zh="{name}在 {years_zh} 年没有召开标准化工作部署会（推进会）的记录{detail}",
    en="{name} has no standardization meeting on record in {years_en}{detail}",
    hint_zh="在 activities 下补记当年的部署会或推进会（date、kind: meeting、title）。",
    hint_en="Record the year's meeting under activities (date, kind: meeting, title).",
    maybe_zh="{name}在 {years_zh} 年可能没有召开标准化工作部署会（推进会）：{why}",
    maybe_en="{name} may have held no standardization meeting in {years_en}: {why}",
)
def year_without_meeting(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A unit has a complete plan year with no deployment meeting (部署会/推进会) recorded.

    Indicator 3: every bureau studies standardization at least once a year and
    holds a deployment or progress meeting. Unit-years with no `meeting`
    activity are listed, one problem per unit.
    """
    tracked = records_activities(wh.districts, ctx.as_of)
    yield from _missing_years(
        wh, ctx, year_without_meeting, meeting_years, "activities", tracked, _NO_ACTIVITY
    )


@rule(
    "U803",
    "year-without-training",
    Severity.WARNING,
    zh="{name}在 {years_zh} 年没有标准化培训或宣贯活动的记录{detail}",
    en="{name} has no standardization training or publicity event on record in {years_en}{detail}",
    hint_zh="在 activities 下补记当年的培训（kind: training，写 attendees 参加人次）"
    "或宣贯活动（kind: publicity）。",
    hint_en="Record the year's training (kind: training, with attendees) or publicity event "
    "(kind: publicity) under activities.",
    maybe_zh="{name}在 {years_zh} 年可能没有开展标准化培训或宣贯活动：{why}",
    maybe_en="{name} may have held no standardization training or publicity in {years_en}: {why}",
)
def year_without_training(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A unit has a complete plan year with no training or publicity event recorded.

    Indicator 15: every unit holds standardization training or publicity (宣贯)
    every year. Unit-years with neither are listed, one problem per unit.
    """
    tracked = records_activities(wh.districts, ctx.as_of)
    yield from _missing_years(
        wh, ctx, year_without_training, training_years, "activities", tracked, _NO_ACTIVITY
    )


@rule(
    "U804",
    "year-without-summary",
    Severity.WARNING,
    zh="{name}没有 {years_zh} 年度标准化工作总结的报送记录{detail}",
    en="{name} has no annual summary sent up on record for {years_en}{detail}",
    hint_zh="在 summaries 下补记年度总结及下一年度工作安排的报送（year、sent 报送日期）。",
    hint_en="Record each annual summary and next-year plan sent up under summaries (year, sent).",
    maybe_zh="{name}可能没有报送 {years_zh} 年度标准化工作总结：{why}",
    maybe_en="{name} may have sent up no annual summary for {years_en}: {why}",
)
def year_without_summary(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A unit has a complete plan year whose annual summary was not sent up by the as-of date.

    Indicator 3's second figure: bureaus send their annual summary and next
    year's plan to the level above. A summary counts once its `sent` date is on
    or before the as-of date.
    """
    tracked = records_summaries(wh.districts, ctx.as_of)
    yield from _missing_years(
        wh, ctx, year_without_summary, summary_years, "summaries", tracked, _NO_SUMMARY
    )


@rule(
    "U805",
    "mechanism-incomplete",
    Severity.WARNING,
    zh="{name}的标准化工作机制不完整：缺少{parts_zh}",
    en="{name}'s standardization mechanism is incomplete: no {parts_en} on record",
    hint_zh="在 mechanism 下记录领导小组 leading_group、工作机构 working_body、"
    "人员 staff 和经费渠道 budget_channel 的建立日期。",
    hint_en="Record under mechanism when the leading group, working body, staff and budget "
    "channel were set up.",
    maybe_zh="{name}的标准化工作机制可能不完整：全市各单位均未记录工作机制，无法判定",
    maybe_en="{name}'s standardization mechanism may be incomplete: no unit records its "
    "mechanism yet",
)
def mechanism_incomplete(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A unit lacks part of the standardization mechanism by the as-of date (indicator 1).

    Indicator 1 asks every unit, the city included, for a leading group, a
    working body, full- or part-time staff and a stable budget channel. Each
    counts once its date is on or before the as-of date (staff: at least one
    person, dated by `staff_date`, else by the working body). These are the
    units indicator 1 counts against; when no unit records a mechanism at all,
    indicator 1 is "no data" and these findings are only possible (info).
    """
    tracked = records_mechanism(wh.districts)
    for rec in wh.districts:
        missing = missing_parts(rec, ctx.as_of)
        if not missing:
            continue
        loc = ("mechanism",) if rec.model.mechanism is not None else ("slug",)
        args: dict[str, Any] = {
            "name_zh": rec.model.name,
            "name_en": rec.model.name_en or rec.model.name,
            "parts_zh": "、".join(MECHANISM_PARTS[p][0] for p in missing),
            "parts_en": ", ".join(MECHANISM_PARTS[p][1] for p in missing),
        }
        if tracked:
            yield mechanism_incomplete.problem(rec.path, loc, key=loc == ("mechanism",), **args)
        else:
            yield mechanism_incomplete.possible(rec.path, loc, key=loc == ("mechanism",), **args)
