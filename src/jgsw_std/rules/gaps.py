"""Framework gaps (family G): where the "3+7N" framework has holes, as of a date.

The problems point at data/framework.yaml (the item, area or group with the
hole) or, for a standard placed outside its area's items, at the standard.
Whatever depends on a date nobody recorded is not judged: an item whose only
standards have no effective date is "unknown", not 缺标.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from jgsw_std.lifecycle.asof import AsOf
from jgsw_std.load.warehouse import FRAMEWORK_PATH, StandardRecord, Warehouse
from jgsw_std.problems import Problem, Severity
from jgsw_std.rules.registry import CheckContext, rule

_NOT_CURRENT = ("repealed", "superseded")


def _in_force_by_item(at: AsOf) -> tuple[set[str], set[str]]:
    """Items with a standard in force, and items whose standards' dates are unknown."""
    covered: set[str] = set()
    unknown: set[str] = set()
    states = at.states
    for rec in at.wh.standards:
        items = rec.items
        if not items or covered.issuperset(items):
            continue
        state = states[rec.path]
        if state == "in-force":
            covered.update(items)
        elif state == "unknown":
            unknown.update(items)
    return covered, unknown


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
)
def item_without_standard(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A business item of the framework has no standard in force (缺标).

    Every level counts, because adopting a national standard (贯标采标) fills a
    hole as well as writing one (indicator 5 counts the main areas' items the
    same way). An item whose only standards have no effective date recorded is
    not reported: whether they are in force cannot be told.
    """
    covered, unknown = _in_force_by_item(ctx.at)
    holes = {code for area in wh.framework.areas for code in area.item_codes}
    holes -= covered | unknown
    # how many standards list each hole (none of them in force): a second, rare pass
    listed = {code: 0 for code in holes}
    if holes:
        for rec in wh.standards:
            for code in rec.items:
                if code in listed:
                    listed[code] += 1
    for area_index, area in enumerate(wh.framework.areas):
        for item_index, item in enumerate(area.items):
            code = area.item_code(item)
            if code not in holes:
                continue
            count = listed[code]
            yield item_without_standard.problem(
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


def _published_by(rec: StandardRecord, day: dt.date) -> bool | None:
    """Published on or before ``day``; from the code's year when the date is missing.

    The year in a code is the publication year, so a code of an earlier year
    settles the question even without a date; None when it cannot be told.
    """
    std = rec.model
    if std.lifecycle not in ("published", "repealed"):
        return False
    if std.published is not None:
        return std.published <= day
    if rec.parsed.year < day.year:
        return True
    return None


def _published_in(rec: StandardRecord, start: dt.date, end: dt.date) -> bool | None:
    """Published within [start, end], None when the records cannot tell."""
    std = rec.model
    if std.lifecycle not in ("published", "repealed"):
        return False
    if std.published is not None:
        return start <= std.published <= end
    year = rec.parsed.year
    if year < start.year or year > end.year:
        return False
    return None


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
)
def main_area_without_new_local(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A main business area has no local standard published in the plan period (indicator 7).

    Local standards (DB50/T ...) of the area published from the plan's start
    (data/indicators.yaml) to the as-of date count. A standard with no
    publication date counts by the year in its code when that year settles it;
    otherwise the area is not judged.
    """
    if wh.indicators is None:
        return
    start = wh.indicators.plan.start
    by_area: dict[str, list[bool | None]] = {}
    for rec in wh.standards:
        if rec.parsed.level == "local" and rec.model.area is not None:
            by_area.setdefault(rec.model.area, []).append(_published_in(rec, start, ctx.as_of))
    for index, area in enumerate(wh.framework.areas):
        if not area.main:
            continue
        found = by_area.get(area.code, [])
        if True in found or None in found:
            continue
        yield main_area_without_new_local.problem(
            FRAMEWORK_PATH,
            ("areas", index, "code"),
            area_name=area.name,
            area_name_en=area.label("en"),
            start=start,
            detail_zh=f"（已有 {len(found)} 项地方标准，均发布于规划期之前）" if found else "",
            detail_en=f" ({len(found)} older local standard(s))" if found else "",
        )


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
)
def main_area_without_evaluation_standard(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A main business area has no standard of category `evaluation` in force (indicator 8).

    Standards of the area itself count (not cross-area ones in `general`). An
    area whose evaluation standards have no effective date is not judged.
    """
    state: dict[str, bool | None] = {}  # area -> True in force / None unknown
    states = ctx.at.states
    for rec in wh.standards:
        area = rec.model.area
        if rec.model.category != "evaluation" or area is None or state.get(area) is True:
            continue
        current = states[rec.path]
        if current == "in-force":
            state[area] = True
        elif current == "unknown":
            state[area] = None
    for index, area_ in enumerate(wh.framework.areas):
        if area_.main and area_.code not in state:
            yield main_area_without_evaluation_standard.problem(
                FRAMEWORK_PATH,
                ("areas", index, "code"),
                area_name=area_.name,
                area_name_en=area_.label("en"),
            )


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
)
def collab_group_without_group_standard(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A Sichuan-Chongqing collaboration group (协作组) has no group standard published yet.

    Group standards (T/...) with `collab_group` naming the group and published
    on or before the as-of date count (indicator 9). A group whose standards
    lack a publication date that the code's year cannot settle is not judged.
    """
    state: dict[str, bool | None] = {}
    for rec in wh.standards:
        group = rec.model.collab_group
        if group is None or rec.parsed.level != "group" or state.get(group) is True:
            continue
        published = _published_by(rec, ctx.as_of)
        if published is True:
            state[group] = True
        elif published is None:
            state[group] = None
    for index, named in enumerate(wh.framework.collab_groups):
        if named.code not in state:
            yield collab_group_without_group_standard.problem(
                FRAMEWORK_PATH,
                ("collab_groups", index, "code"),
                group=named.code,
                group_name=named.name,
                group_name_en=named.label("en"),
            )


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
