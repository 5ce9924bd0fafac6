"""Lifecycle duties (family L): reviews, evaluations, revisions, plans and usage, as of a date.

Everything here is judged on ``--as-of`` (default today): a review or an
evaluation dated later is ignored, as is a usage count for a year not yet over.
A duty that depends on a date nobody recorded (a published standard with no
effective date) is never reported as overdue; D405 already asks for the date.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from jgsw_std.lifecycle.asof import AsOf
from jgsw_std.lifecycle.duties import latest_review
from jgsw_std.lifecycle.known import Fact, Known
from jgsw_std.lifecycle.state import successors
from jgsw_std.lifecycle.usage import counted_known, missing_numbers
from jgsw_std.load.warehouse import StandardRecord, Warehouse
from jgsw_std.model.standard import Review
from jgsw_std.problems import Problem, Severity
from jgsw_std.rules.registry import CheckContext, Rule, declare_threshold, rule

# review_period_years and evaluation_after_years are not checker thresholds:
# indicators 16 and 17 count with them too, so they live only at the top of
# framework.yaml, where one change moves both `check` and `status`.
REVIEW_DUE_DAYS = declare_threshold(
    "review_due_days",
    zh="复审到期前多少天开始提醒，默认取 framework.yaml（90）",
    en="days before a review falls due to start reminding; default from framework.yaml (90)",
)
LOW_USAGE = declare_threshold(
    "low_usage_rate",
    zh="低运用率阈值（0-1），默认取 framework.yaml（0.5）",
    en="low usage rate (0-1); default from framework.yaml (0.5)",
)


def _percent(rate: float) -> str:
    return f"{rate * 100:.0f}%"


def _undated_loc(rec: StandardRecord) -> tuple[str | int, ...]:
    """Where a finding about a standard with missing dates points: its status line."""
    return ("status",) if rec.model.status is not None else ("code",)


def _possible(
    at: AsOf, rule_: Rule, question: Callable[[StandardRecord], Known], **args: Any
) -> Iterator[Problem]:
    """The possible findings of a duty rule: own standards the question leaves open.

    They are in force (a review without its date) or may be (dates missing);
    the message names the missing values that would settle them.
    """
    scan = at.duties
    for rec in [*scan.own_in_force, *scan.own_unknown]:
        answer = question(rec)
        if answer.maybe:
            loc = _undated_loc(rec) if rec.model.effective is None else _review_loc(rec)[0]
            yield rule_.possible(rec.path, loc, settle=answer.facts, **args)


def _review_loc(rec: StandardRecord) -> tuple[tuple[str | int, ...], bool]:
    """Point at `reviews:` where a new review goes, or at `effective:` when there is none."""
    return (("reviews",), True) if rec.model.reviews else (("effective",), False)


@rule(
    "L601",
    "review-overdue",
    Severity.WARNING,
    zh="实施已满 {years} 年，近 {years} 年内没有复审（{basis_zh}），"
    "复审应于 {due} 前完成，已逾期 {late} 天",
    en="in force for {years} years or more with no review in the last {years} years "
    "({basis_en}); the review was due on {due}, {late} days ago",
    hint_zh="组织复审，并在 reviews 下记录复审日期 date 和结论 conclusion"
    "（continue 继续有效、revise 修订、repeal 废止）。",
    hint_en="Review the standard and record it under reviews (date, conclusion: "
    "continue/revise/repeal).",
    maybe_zh="可能已逾期复审（实施满 {years} 年且近 {years} 年内没有复审）：取决于 {settle}",
    maybe_en="the review may be overdue (in force for {years} years with no review in them): "
    "it depends on {settle}",
)
def review_overdue(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """An own standard in force for the review period with no review within it (复审逾期).

    The plan requires every standard in force for 5 years (`review_period_years`)
    to be reviewed: an own standard (local, group or internal) in force for at
    least that long on the as-of date with no review dated in the last period is
    overdue. These are exactly the standards indicator 17 (复审率) counts against,
    so `jgsw check` and `jgsw status` agree. National and industry standards are
    reviewed by their issuers and are not reported. A standard whose effective
    date is missing (or with a review recorded without its date) may or may
    not be overdue: that is a *possible* finding (info) naming the missing
    date, exactly a standard indicator 17 counts both ways.
    """
    scan = ctx.at.duties
    years = ctx.at.settings.review_period_years
    yield from _possible(ctx.at, review_overdue, ctx.at.review_overdue_known, years=years)
    for rec, duty in scan.reviews:
        if not duty.overdue:
            continue
        last = rec.model.last_review(ctx.as_of)
        loc, key = _review_loc(rec)
        yield review_overdue.problem(
            duty.path,
            loc,
            key=key,
            years=ctx.at.settings.review_period_years,
            due=duty.due,
            late=(ctx.as_of - duty.due).days,
            basis_zh=f"上次复审 {last}" if last else f"自 {rec.model.effective} 实施以来从未复审",
            basis_en=f"last reviewed {last}"
            if last
            else f"never reviewed since {rec.model.effective}",
        )


@rule(
    "L602",
    "review-due-soon",
    Severity.INFO,
    zh="复审将于 {due} 到期（{when_zh}；{basis_zh}）",
    en="the review falls due on {due} ({when_en}; {basis_en})",
    hint_zh="把复审列入近期工作计划；jgsw due 按牵头单位列出即将到期的事项。",
    hint_en="Plan the review; `jgsw due` lists upcoming duties by owner.",
)
def review_due_soon(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """An own standard's review falls due within `review_due_days` (default 90).

    The due date is one review period after the last review recorded on or
    before the as-of date, or after the effective date when there is none. A
    standard already overdue is L601, not this.
    """
    settings = ctx.at.settings
    scan = ctx.at.duties
    for rec, duty in scan.reviews:
        if not duty.due_soon(ctx.as_of, settings.review_due_days):
            continue
        left = duty.days_left(ctx.as_of)
        last = rec.model.last_review(ctx.as_of)
        loc, key = _review_loc(rec)
        yield review_due_soon.problem(
            duty.path,
            loc,
            key=key,
            due=duty.due,
            when_zh=f"还有 {left} 天" if left else "今天到期",
            when_en="today" if left == 0 else f"in {left} day{'s' if left > 1 else ''}",
            basis_zh=f"上次复审 {last}" if last else f"{rec.model.effective} 实施",
            basis_en=f"last reviewed {last}" if last else f"effective {rec.model.effective}",
        )


@rule(
    "L603",
    "evaluation-due",
    Severity.WARNING,
    zh="实施已满 {years} 年（{effective} 起），尚无实施效果评价记录",
    en="in force for {years} year(s) or more (since {effective}) "
    "with no effect evaluation recorded",
    hint_zh="按 DB50/T 1053-2020 开展实施效果评价，"
    "在 evaluations 下记录日期 date、依据 method 和得分 score。",
    hint_en="Evaluate the standard's effect (DB50/T 1053-2020) and record it under evaluations "
    "(date, method, score).",
    maybe_zh="可能应已开展实施效果评价（实施满 {years} 年、尚无评价记录）：取决于 {settle}",
    maybe_en="an effect evaluation may be due (in force for {years} year(s), none recorded): "
    "it depends on {settle}",
)
def evaluation_due(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """An own standard in force for `evaluation_after_years` (default 1) has never been evaluated.

    实施效果评价: the plan asks that standards in force for a year be evaluated
    (indicator 16 counts the share that were). These are exactly the standards
    indicator 16 counts against. Evaluations dated after the as-of date do not
    count. A standard whose effective date is missing may or may not be due:
    a *possible* finding (info), counted both ways by indicator 16.
    """
    settings = ctx.at.settings
    scan = ctx.at.duties
    yield from _possible(
        ctx.at,
        evaluation_due,
        ctx.at.evaluation_missing_known,
        years=settings.evaluation_after_years,
    )
    for _, duty in scan.evaluations:
        if duty.overdue:
            yield evaluation_due.problem(
                duty.path,
                ("effective",),
                years=settings.evaluation_after_years,
                effective=duty.basis,
            )


_CURRENT = ("in-force", "upcoming", "unknown")


def _still_current(c: _Concluded) -> bool:
    """In force (or undated) on the as-of date, and not marked repealed in the file."""
    return c.state in _CURRENT and c.rec.model.lifecycle != "repealed"


@dataclass(frozen=True)
class _Concluded:
    rec: StandardRecord
    index: int  # position of the review in `reviews`
    review: Review
    state: str  # the standard's state on the as-of date


def _concluded(at: AsOf) -> list[_Concluded]:
    """Standards whose last review on or before the date concluded revise or repeal.

    Shared by L604, L605 and L606 (kept on the AsOf for the run).
    """

    def build() -> list[_Concluded]:
        out: list[_Concluded] = []
        for rec in at.wh.standards:
            reviews = rec.model.reviews
            if not reviews:
                continue
            found = latest_review(reviews, at.date)
            if found is not None and found[1].conclusion in ("revise", "repeal"):
                out.append(_Concluded(rec, found[0], found[1], at.state(rec)))
        return out

    return at.memo("concluded-reviews", build)


@rule(
    "L604",
    "revision-not-planned",
    Severity.WARNING,
    zh="{date} 复审结论为修订，但标准仓中没有它的修订项目",
    en="the review of {date} concluded revise, but no revision of it is in the warehouse",
    hint_zh="为修订项目建立标准文件（status: planned，plan 写 kind: revision，"
    "supersedes 列出本标准），本文件写 superseded_by。",
    hint_en="Add the revision as a standard file (status: planned, plan kind: revision, "
    "supersedes listing this one) and set superseded_by here.",
)
def revision_not_planned(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """The last review concluded `revise` but no revision is planned.

    A revision is a standard that lists this one in `supersedes` (or that this
    one names in `superseded_by`). Only standards still current on the as-of
    date are reported; the last review recorded on or before that date counts.
    """
    for c in _concluded(ctx.at):
        if c.review.conclusion != "revise" or not _still_current(c):
            continue
        if not successors(wh, c.rec.model):
            yield revision_not_planned.problem(c.rec.path, ("reviews", c.index), date=c.review.date)


@rule(
    "L605",
    "revision-overdue",
    Severity.WARNING,
    zh="{date} 复审结论为修订；修订项目 {successor} 计划 {year} 年发布，至 {as_of} 仍未发布",
    en="the review of {date} concluded revise; its revision {successor} was planned for "
    "{year} and is still not published on {as_of}",
    hint_zh="推进修订项目 {successor}；如计划调整，在该文件中更新 plan.year。",
    hint_en="Move the revision {successor} forward, or update its plan year if the plan changed.",
)
def revision_overdue(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """The last review concluded `revise`; the revision is planned but past its plan year.

    Reported on the old standard (the one still in force while its revision is
    late); the revision itself is also reported by L607 in its own file. A
    revision with no plan year is not reported here; L607 calls it possibly
    late in its own file.
    """
    for c in _concluded(ctx.at):
        if c.review.conclusion != "revise" or not _still_current(c):
            continue
        for successor in successors(wh, c.rec.model):
            plan = successor.model.plan
            if plan is None or plan.year is None or plan.year >= ctx.as_of.year:
                continue  # no plan year: L607 says in the successor's file it may be late
            if ctx.at.state(successor) != "in-progress":
                continue
            yield revision_overdue.problem(
                c.rec.path,
                ("reviews", c.index),
                date=c.review.date,
                successor=successor.code,
                year=plan.year,
                as_of=ctx.as_of,
            )


@rule(
    "L606",
    "repeal-not-carried-out",
    Severity.WARNING,
    zh="{date} 复审结论为废止，但标准仍未废止",
    en="the review of {date} concluded repeal, but the standard has not been repealed",
    hint_zh="发布废止公告后，写 status: repealed 和 repealed: 废止日期。",
    hint_en="Once the repeal is announced, set status: repealed and repealed: DATE.",
)
def repeal_not_carried_out(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """The last review concluded `repeal` but the standard is still current.

    A repeal conclusion should be followed by a repeal announcement; until it is
    recorded the standard still counts as in force in every indicator.
    """
    for c in _concluded(ctx.at):
        if c.review.conclusion == "repeal" and _still_current(c):
            yield repeal_not_carried_out.problem(
                c.rec.path, ("reviews", c.index), date=c.review.date
            )


@rule(
    "L607",
    "planned-past-year",
    Severity.WARNING,
    zh="计划 {year} 年发布，至 {as_of} 仍未发布",
    en="planned for {year} and still not published on {as_of}",
    hint_zh="发布后写 status: published 及发布、实施日期；计划调整时更新 plan.year。",
    hint_en="Once published, set status: published with its dates; if the plan moved, "
    "update plan.year.",
    maybe_zh="尚未发布，可能已过计划年度：取决于 {settle}",
    maybe_en="not yet published and perhaps past its plan year: it depends on {settle}",
)
def planned_past_year(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A standard in the pipeline (planned to approval) is past its plan year.

    The plan year (`plan.year`) is the year the standard is due to be published;
    after 31 December of that year an unpublished standard is late. Indicator 6
    (完成率) counts it against. A plan recorded without its year may be past
    already: a possible finding (info) naming `plan.year`.
    """
    for rec in ctx.at.duties.in_progress_undated_plan:
        fact = Fact(rec.code, rec.model.title, rec.path, "plan-year")
        yield planned_past_year.possible(rec.path, ("plan",), key=True, settle=[fact])
    scan = ctx.at.duties
    for rec, duty in scan.publications:
        if not duty.overdue:
            continue
        loc = ("status",) if rec.model.status is not None else ("plan",)
        yield planned_past_year.problem(duty.path, loc, year=duty.due.year, as_of=ctx.as_of)


@rule(
    "L608",
    "low-usage",
    Severity.WARNING,
    zh="{year} 年标准综合运用率 {rate}（{applying}/{applicable}），低于 {floor}，列为清理候选",
    en="usage rate in {year} was {rate} ({applying}/{applicable}), below {floor}: "
    "a candidate for cleanup",
    hint_zh="分析运用率低的原因：加强宣贯，或在复审中考虑修订、废止。",
    hint_en="Find out why it is little used: promote it, or consider revising or repealing "
    "it at review.",
    maybe_zh="{year} 年标准综合运用率不详，可能低于 {floor}：补上 {settle}即可判定",
    maybe_en="usage rate in {year} is not known and may be below {floor}: record {settle}",
)
def low_usage(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """An own standard's latest usage rate (标准综合运用率) is below `low_usage_rate`.

    Own standards in force on the as-of date are judged by their latest usage
    record up to the last full year (the as-of year on 31 December, else the
    year before). The plan asks to clean out standards little used (清理使用率低
    的标准): these are the candidates; they include indicator 10's low-usage list
    (which looks at the last full year only). A count with no applicable units
    has no rate and is skipped. A latest count lacking `applying` or
    `applicable` has no known rate: a possible finding (info) naming the number
    to add. A count without its year cannot be placed and is not judged here
    (indicator 10 and L609 leave it open).
    """
    settings = ctx.at.settings
    last_year = ctx.at.last_full_year
    scan = ctx.at.duties
    for rec in scan.own_in_force:
        latest: tuple[int, int] | None = None  # (year, index)
        for index, usage in enumerate(rec.model.usage):
            year = usage.year
            if year is not None and year <= last_year and (latest is None or year >= latest[0]):
                latest = (year, index)
        if latest is None:
            continue
        usage = rec.model.usage[latest[1]]
        rate = usage.rate
        lacking = missing_numbers(rec, usage)
        # without a number the rate may be anything from 0 to 100%: possibly low
        if lacking and settings.low_usage_rate > 0:
            yield low_usage.possible(
                rec.path,
                ("usage", latest[1]),
                settle=lacking,
                year=usage.year,
                floor=_percent(settings.low_usage_rate),
            )
        elif rate is not None and rate < settings.low_usage_rate:
            yield low_usage.problem(
                rec.path,
                ("usage", latest[1]),
                year=usage.year,
                rate=_percent(rate),
                applying=usage.applying,
                applicable=usage.applicable,
                floor=_percent(settings.low_usage_rate),
            )


@rule(
    "L609",
    "usage-not-recorded",
    Severity.WARNING,
    zh="现行标准缺少 {year} 年的标准综合运用率统计",
    en="in force but has no usage record for {year}",
    hint_zh="统计 {year} 年运用该标准的单位数和适用单位数，记入 usage。",
    hint_en="Count the units applying it and the units it applies to in {year}; record them "
    "under usage.",
    maybe_zh="{maybe_what}：取决于 {settle}",
    maybe_en="{maybe_what}: it depends on {settle}",
)
def usage_not_recorded(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """An own standard in force has no usage record for the last full year.

    The last full year is the as-of year when the date is 31 December, else the
    year before. These are the standards indicator 10 (运用率统计) counts against;
    one whose dates are missing, or whose count for the year lacks `applying` or
    `applicable` (or is recorded without its year), is a *possible* finding (info).
    """
    year = ctx.at.last_full_year
    scan = ctx.at.duties
    for rec in scan.own_unknown:
        counted = counted_known(rec, year)
        if counted.yes:
            continue
        answer = ctx.at.in_force_known(rec)
        if answer.maybe:
            yield usage_not_recorded.possible(
                rec.path,
                _undated_loc(rec),
                settle=(*answer.facts, *counted.facts),
                year=year,
                maybe_what_zh=f"缺少 {year} 年的标准综合运用率统计，可能是现行标准",
                maybe_what_en=f"no usage record for {year}, and it may be in force",
            )
    for rec in scan.own_in_force:
        counted = counted_known(rec, year)
        if counted.yes:
            continue
        loc, key = (("usage",), True) if rec.model.usage else (("code",), False)
        if counted.maybe:
            # a count for that year lacking a number, or a count without its year
            yield usage_not_recorded.possible(
                rec.path,
                loc,
                key=key,
                settle=counted.facts,
                year=year,
                maybe_what_zh=f"现行标准的 {year} 年标准综合运用率统计可能缺少或不全",
                maybe_what_en=f"in force, and its usage record for {year} may be missing or "
                "incomplete",
            )
            continue
        yield usage_not_recorded.problem(rec.path, loc, key=key, year=year)
