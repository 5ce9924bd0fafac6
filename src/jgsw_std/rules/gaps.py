"""Framework gaps (family G): where the "3+7N" framework has holes, as of a date.

The problems point at data/framework.yaml (the item, area or group with the
hole) or, for a standard placed outside its area's items, at the standard.
Every gap is certain, possible or absent (lifecycle/known.py): a gap that
depends on a date nobody recorded (an item whose only standards have no
effective date) is reported as *possible*, at info severity, naming the dates
that would settle it. The answers are the indicators' own (5, 7, 8, 9), so
`check` and `status` cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from jgsw_std.lifecycle.known import Known, any_of
from jgsw_std.lifecycle.period import deadline_of, window
from jgsw_std.lifecycle.state import published_in
from jgsw_std.load.warehouse import FRAMEWORK_PATH, Warehouse
from jgsw_std.problems import Problem, Severity
from jgsw_std.rules.registry import CheckContext, Rule, rule

_NOT_CURRENT = ("repealed", "superseded")


def _gap(
    rule_: Rule, answer: Known, path: str, loc: tuple[str | int, ...], **args: Any
) -> Problem | None:
    """A certain gap when ``answer`` (is it covered?) is no, a possible one when maybe."""
    if answer.yes:
        return None
    if answer.maybe:
        return rule_.possible(path, loc, settle=answer.facts, **args)
    return rule_.problem(path, loc, **args)


@rule(
    "G501",
    "item-without-standard",
    Severity.WARNING,
    zh="业务事项「{area_name}／{item_name}」（{item}）没有现行标准（缺标）{detail_zh}",
    en="business item {area_name_en} / {item_name_en} ({item}) has no standard in force "
    "(a gap){detail_en}",
    hint_zh="为该事项制定标准，或采用适用的国家、行业标准（贯标采标），"
    "在标准文件的 items 中列出 {item}。",
    hint_en="Write a standard for it or adopt a national or industry one, and list {item} "
    "in that standard's items.",
    maybe_zh="业务事项「{area_name}／{item_name}」（{item}）可能没有现行标准（缺标）："
    "取决于 {settle}",
    maybe_en="business item {area_name_en} / {item_name_en} ({item}) may have no standard in "
    "force: it depends on {settle}",
)
def item_without_standard(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A business item of the framework has no standard in force (缺标).

    Every level counts, because adopting a national standard (贯标采标) fills a
    hole as well as writing one (indicator 5 counts the main areas' items the
    same way). An item whose only candidates have no effective date recorded
    is a *possible* gap (info): whether they are in force waits on their dates,
    which the message names; indicator 5 counts it both ways.
    """
    at = ctx.at
    holes = {
        area.item_code(item)
        for area in wh.framework.areas
        for item in area.items
        if at.covered(area.item_code(item)).no
    }
    # how many standards list each hole (none of them in force): one more pass, rarely needed
    listed = dict.fromkeys(holes, 0)
    if holes:
        for rec in wh.standards:
            for code in rec.items:
                if code in listed:
                    listed[code] += 1
    for area_index, area in enumerate(wh.framework.areas):
        for item_index, item in enumerate(area.items):
            code = area.item_code(item)
            answer = at.covered(code)
            if answer.yes:
                continue
            count = listed.get(code, 0)
            found = _gap(
                item_without_standard,
                answer,
                FRAMEWORK_PATH,
                ("areas", area_index, "items", item_index),
                area_name=area.name,
                item_name=item.name,
                area_name_en=area.label("en"),
                item_name_en=item.label("en"),
                item=code,
                detail_zh=f"：{count} 项标准列出该事项，但均未实施或已失效" if count else "",
                detail_en=f": {count} standard(s) list it, none in force" if count else "",
            )
            if found is not None:
                yield found


def new_local_window(wh: Warehouse, as_of: dt.date) -> tuple[dt.date, dt.date] | None:
    """Indicator 7's window: the plan's start to min(D, the indicator's deadline)."""
    if wh.indicators is None:
        return None
    deadline = deadline_of(wh.indicators, "new_local_per_main_area")
    return window(wh.indicators.plan.start, deadline, as_of)


@rule(
    "G502",
    "main-area-without-new-local",
    Severity.WARNING,
    zh="主干业务领域「{area_name}」在规划期内（{start} 起）没有发布地方标准{detail_zh}",
    en="main area {area_name_en} has no local standard published in the plan period "
    "(since {start}){detail_en}",
    hint_zh="规划要求每个主干业务领域至少新发布 1 项地方标准（指标 7），把它列入制修订计划。",
    hint_en="The plan asks for at least one new local standard per main area (indicator 7); "
    "put one in the formulation plan.",
    maybe_zh="主干业务领域「{area_name}」在规划期内（{start} 起）可能没有发布地方标准："
    "取决于 {settle}",
    maybe_en="main area {area_name_en} may have no local standard published in the plan "
    "period (since {start}): it depends on {settle}",
)
def main_area_without_new_local(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A main business area has no local standard published in the plan period (indicator 7).

    Local standards (DB50/T ...) of the area published from the plan's start
    (data/indicators.yaml) to the as-of date, or to the indicator's deadline
    when that is earlier, count. A standard with no publication date counts by
    the year in its code when that year settles it; otherwise the gap is
    *possible* (info) and waits on the publication date.
    """
    span = new_local_window(wh, ctx.as_of)
    if span is None:
        return
    start, end = span
    by_area: dict[str, list[Known]] = {}
    for rec in wh.standards:
        if rec.parsed.level == "local" and rec.model.area is not None:
            by_area.setdefault(rec.model.area, []).append(published_in(rec, start, end))
    for index, area in enumerate(wh.framework.areas):
        if not area.main:
            continue
        found = by_area.get(area.code, [])
        problem = _gap(
            main_area_without_new_local,
            any_of(found),
            FRAMEWORK_PATH,
            ("areas", index, "code"),
            area=area.code,
            area_name=area.name,
            area_name_en=area.label("en"),
            start=start,
            detail_zh=f"（已有 {len(found)} 项地方标准，均不在规划期内发布）" if found else "",
            detail_en=f" ({len(found)} local standard(s) outside the period)" if found else "",
        )
        if problem is not None:
            yield problem


@rule(
    "G503",
    "main-area-without-evaluation-standard",
    Severity.WARNING,
    zh="主干业务领域「{area_name}」没有现行的监督评价类标准",
    en="main area {area_name_en} has no evaluation-category standard in force",
    hint_zh="规划要求每个主干业务领域建立评价标准体系（指标 8）：制定或采用该领域的评价标准"
    "（category: evaluation）。",
    hint_en="The plan asks for an evaluation standard in each main area (indicator 8): write "
    "or adopt one (category: evaluation).",
    maybe_zh="主干业务领域「{area_name}」可能没有现行的监督评价类标准：取决于 {settle}",
    maybe_en="main area {area_name_en} may have no evaluation-category standard in force: "
    "it depends on {settle}",
)
def main_area_without_evaluation_standard(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A main business area has no standard of category `evaluation` in force (indicator 8).

    Standards of the area itself count (not cross-area ones in `general`). An
    area whose only evaluation standards have no effective date has a
    *possible* gap (info), waiting on their dates.
    """
    at = ctx.at
    by_area: dict[str, list[Known]] = {}
    for rec in wh.standards:
        area = rec.model.area
        if rec.model.category == "evaluation" and area is not None:
            by_area.setdefault(area, []).append(at.in_force_known(rec))
    for index, area_ in enumerate(wh.framework.areas):
        if not area_.main:
            continue
        problem = _gap(
            main_area_without_evaluation_standard,
            any_of(by_area.get(area_.code, [])),
            FRAMEWORK_PATH,
            ("areas", index, "code"),
            area=area_.code,
            area_name=area_.name,
            area_name_en=area_.label("en"),
        )
        if problem is not None:
            yield problem


@rule(
    "G504",
    "collab-group-without-group-standard",
    Severity.WARNING,
    zh="川渝协作组「{group_name}」（{group}）至今没有发布团体标准",
    en="collaboration group {group_name_en} ({group}) has published no group standard",
    hint_zh="规划要求各协作组共同研究制定团体标准（指标 9）；"
    "发布后在标准文件中写 collab_group: {group}。",
    hint_en="The plan asks each group for a group standard (indicator 9); record it with "
    "collab_group: {group}.",
    maybe_zh="川渝协作组「{group_name}」（{group}）可能至今没有发布团体标准：取决于 {settle}",
    maybe_en="collaboration group {group_name_en} ({group}) may have published no group "
    "standard: it depends on {settle}",
)
def collab_group_without_group_standard(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A Sichuan-Chongqing collaboration group (协作组) has no group standard published yet.

    Group standards (T/...) with `collab_group` naming the group and published
    on or before the as-of date count (indicator 9). A group whose standards
    lack a publication date that the code's year cannot settle has a *possible*
    gap (info).
    """
    by_group: dict[str, list[Known]] = {}
    for rec in wh.standards:
        group = rec.model.collab_group
        if group is not None and rec.parsed.level == "group":
            by_group.setdefault(group, []).append(published_in(rec, dt.date.min, ctx.as_of))
    for index, named in enumerate(wh.framework.collab_groups):
        problem = _gap(
            collab_group_without_group_standard,
            any_of(by_group.get(named.code, [])),
            FRAMEWORK_PATH,
            ("collab_groups", index, "code"),
            group=named.code,
            group_name=named.name,
            group_name_en=named.label("en"),
        )
        if problem is not None:
            yield problem


@rule(
    "G505",
    "standard-outside-items",
    Severity.WARNING,
    zh="标准属于方面「{area_name}」，但没有归入该方面的任何业务事项",
    en="the standard belongs to area {area_name_en} but is placed in none of its business items",
    hint_zh="在 items 中列出它覆盖的业务事项（{examples}）；"
    "若都不合适，先在 framework.yaml 中增加事项。",
    hint_en="List the business items it covers under items ({examples}); if none fits, add "
    "an item to framework.yaml first.",
)
def standard_outside_items(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A standard of an area is not placed in any business item of that area.

    The framework's detail table (体系明细表) lists each item's standards; a
    standard with no item of its area is missing from it. Cross-area standards
    (`area: general`) have no items and are exempt, as are repealed and
    superseded standards and areas with no items in framework.yaml.
    """
    # area -> its item codes; areas with no items (or unknown ones, R302) are skipped
    own_items = {a.code: frozenset(a.item_codes) for a in wh.framework.areas if a.items}
    for rec in wh.standards:
        std = rec.model
        if std.area is None:
            continue
        items_of_area = own_items.get(std.area)
        if items_of_area is None or not items_of_area.isdisjoint(rec.items):
            continue
        area = wh.framework.area_by_code[std.area]
        if ctx.at.state(rec) in _NOT_CURRENT:
            continue
        yield standard_outside_items.problem(
            rec.path,
            ("items",) if std.items else ("area",),
            area_name=area.name,
            area_name_en=area.label("en"),
            examples=", ".join(area.item_codes[:3]),
        )
