"""Districts (family U): each unit's framework, yearly work and mechanism, as of a date.

The years judged are the plan's complete years: from the plan's start
(data/indicators.yaml) to the last full year before the as-of date, capped at
the plan's end. One problem per unit and kind of gap lists every year missing,
so a unit that recorded nothing reads as three lines, not fifteen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from jgsw_std.lifecycle.duties import YearRecord, plan_years, year_record
from jgsw_std.load.warehouse import DistrictRecord, Warehouse
from jgsw_std.problems import Problem, Severity
from jgsw_std.rules.registry import CheckContext, Rule, rule


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
    done_of: Callable[[YearRecord], frozenset[int]],
    field: str,
) -> Iterator[Problem]:
    """One problem per unit listing the plan years with nothing of one kind on record."""
    years = plan_years(wh.indicators.plan if wh.indicators else None, ctx.as_of)
    if not years:
        return
    for rec in wh.districts:
        done = done_of(year_record(rec, ctx.as_of))
        missing = [y for y in years if y not in done]
        if missing:
            loc, key = _at(rec, field, bool(getattr(rec.model, field)))
            yield rule_.problem(
                rec.path,
                loc,
                key=key,
                name_zh=rec.model.name,
                name_en=rec.model.name_en or rec.model.name,
                years_zh=_years_text(missing, "zh"),
                years_en=_years_text(missing, "en"),
            )


@rule(
    "U802",
    "year-without-meeting",
    Severity.WARNING,
    zh="{name}在 {years_zh} 年没有召开标准化工作部署会（推进会）的记录",
    en="{name} has no standardization meeting on record in {years_en}",
    hint_zh="在 activities 下补记当年的部署会或推进会（date、kind: meeting、title）。",
    hint_en="Record the year's meeting under activities (date, kind: meeting, title).",
)
def year_without_meeting(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A unit has a complete plan year with no deployment meeting (部署会/推进会) recorded.

    Indicator 3: every bureau studies standardization at least once a year and
    holds a deployment or progress meeting. Unit-years with no `meeting`
    activity are listed, one problem per unit.
    """
    yield from _missing_years(wh, ctx, year_without_meeting, lambda r: r.meetings, "activities")


@rule(
    "U803",
    "year-without-training",
    Severity.WARNING,
    zh="{name}在 {years_zh} 年没有标准化培训或宣贯活动的记录",
    en="{name} has no standardization training or publicity event on record in {years_en}",
    hint_zh="在 activities 下补记当年的培训（kind: training，写 attendees 参加人次）"
    "或宣贯活动（kind: publicity）。",
    hint_en="Record the year's training (kind: training, with attendees) or publicity event "
    "(kind: publicity) under activities.",
)
def year_without_training(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A unit has a complete plan year with no training or publicity event recorded.

    Indicator 15: every unit holds standardization training or publicity (宣贯)
    every year. Unit-years with neither are listed, one problem per unit.
    """
    yield from _missing_years(wh, ctx, year_without_training, lambda r: r.trainings, "activities")


@rule(
    "U804",
    "year-without-summary",
    Severity.WARNING,
    zh="{name}没有 {years_zh} 年度标准化工作总结的报送记录",
    en="{name} has no annual summary sent up on record for {years_en}",
    hint_zh="在 summaries 下补记年度总结及下一年度工作安排的报送（year、sent 报送日期）。",
    hint_en="Record each annual summary and next-year plan sent up under summaries (year, sent).",
)
def year_without_summary(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A unit has a complete plan year whose annual summary was not sent up by the as-of date.

    Indicator 3's second figure: bureaus send their annual summary and next
    year's plan to the level above. A summary counts once its `sent` date is on
    or before the as-of date.
    """
    yield from _missing_years(wh, ctx, year_without_summary, lambda r: r.summaries, "summaries")


_PARTS = {
    "leading_group": ("领导小组", "leading group"),
    "working_body": ("工作机构", "working body"),
    "staff": ("专（兼）职人员", "full- or part-time staff"),
    "budget_channel": ("稳定经费渠道", "stable budget channel"),
}


def missing_mechanism(rec: DistrictRecord, as_of: dt.date) -> list[str]:
    """The parts of indicator 1's mechanism not recorded as set up by ``as_of``."""
    mech = rec.model.mechanism
    if mech is None:
        return list(_PARTS)
    staff = mech.staff
    has_staff = staff is not None and staff.full_time + staff.part_time > 0
    present = {
        "leading_group": mech.leading_group is not None and mech.leading_group <= as_of,
        "working_body": mech.working_body is not None and mech.working_body <= as_of,
        "staff": has_staff and (mech.staff_date is None or mech.staff_date <= as_of),
        "budget_channel": mech.budget_channel is not None and mech.budget_channel <= as_of,
    }
    return [name for name in _PARTS if not present[name]]


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
)
def mechanism_incomplete(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A unit lacks part of the standardization mechanism by the as-of date (indicator 1).

    Indicator 1 asks every unit, the city included, for a leading group, a
    working body, full- or part-time staff and a stable budget channel. Each
    counts once its date is on or before the as-of date (staff: at least one
    person, and `staff_date` when given).
    """
    for rec in wh.districts:
        missing = missing_mechanism(rec, ctx.as_of)
        if missing:
            loc = ("mechanism",) if rec.model.mechanism is not None else ("slug",)
            yield mechanism_incomplete.problem(
                rec.path,
                loc,
                key=loc == ("mechanism",),
                name_zh=rec.model.name,
                name_en=rec.model.name_en or rec.model.name,
                parts_zh="、".join(_PARTS[p][0] for p in missing),
                parts_en=", ".join(_PARTS[p][1] for p in missing),
            )
