"""References between records: owners, areas, items, groups and supersession."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from jgsw_std.load.warehouse import Warehouse
from jgsw_std.model.framework import GENERAL_AREA
from jgsw_std.problems import Problem, Severity
from jgsw_std.rules.registry import CheckContext, rule


def _suggest(value: str, options: list[str], lang_zh: bool) -> str:
    close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
    if not close:
        return ""
    return f"；是不是 {close[0]}？" if lang_zh else f"; did you mean {close[0]}?"


@rule(
    "R301",
    "unknown-owner",
    Severity.ERROR,
    zh="牵头单位 {owner} 不在 data/districts/ 中{suggestion_zh}",
    en="owner {owner} is not a district in data/districts/{suggestion_en}",
    hint_zh="owner 填地区文件的 slug（如 shapingba，市级为 chongqing）。",
    hint_en="owner is a district file's slug (e.g. shapingba; the city is chongqing).",
)
def unknown_owner(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A standard's `owner` names no district file."""
    slugs = list(wh.district_by_slug)
    for rec in wh.standards:
        owner = rec.model.owner
        if owner is not None and owner not in wh.district_by_slug:
            yield unknown_owner.problem(
                rec.path,
                ("owner",),
                owner=owner,
                suggestion_zh=_suggest(owner, slugs, True),
                suggestion_en=_suggest(owner, slugs, False),
            )


@rule(
    "R302",
    "unknown-area",
    Severity.ERROR,
    zh="方面 {area} 不在 framework.yaml 中{suggestion_zh}",
    en="area {area} is not in framework.yaml{suggestion_en}",
    hint_zh="使用 framework.yaml 中的方面代码，跨方面的标准用 general；"
    "新方面先加到 framework.yaml。",
    hint_en="Use an area code of framework.yaml, or general; add a new area there first.",
)
def unknown_area(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A standard's `area` is neither an area of framework.yaml nor `general`."""
    options = [*wh.framework.area_by_code, GENERAL_AREA]
    for rec in wh.standards:
        area = rec.model.area
        if area is not None and area not in options:
            yield unknown_area.problem(
                rec.path,
                ("area",),
                area=area,
                suggestion_zh=_suggest(area, options, True),
                suggestion_en=_suggest(area, options, False),
            )


@rule(
    "R303",
    "unknown-item",
    Severity.ERROR,
    zh="业务事项 {item} 不在 framework.yaml 中{suggestion_zh}",
    en="business item {item} is not in framework.yaml{suggestion_en}",
    hint_zh="事项代码写成 <方面>.<事项>，如 logistics.property。",
    hint_en="Item codes are <area>.<item>, e.g. logistics.property.",
)
def unknown_item(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A code in `items` is not a business item of framework.yaml."""
    options = list(wh.framework.item_area)
    for rec in wh.standards:
        for index, item in enumerate(rec.items):  # short codes already read in the area
            if item not in wh.framework.item_area:
                yield unknown_item.problem(
                    rec.path,
                    ("items", index),
                    item=item,
                    suggestion_zh=_suggest(item, options, True),
                    suggestion_en=_suggest(item, options, False),
                )


@rule(
    "R304",
    "unknown-collab-group",
    Severity.ERROR,
    zh="协作组 {group} 不在 framework.yaml 的 collab_groups 中",
    en="collaboration group {group} is not in framework.yaml's collab_groups",
    hint_zh="先在 framework.yaml 的 collab_groups 中登记该协作组。",
    hint_en="Register the group under collab_groups in framework.yaml first.",
)
def unknown_collab_group(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A standard's `collab_group` is not declared in framework.yaml."""
    for rec in wh.standards:
        group = rec.model.collab_group
        if group is not None and group not in wh.framework.collab_codes:
            yield unknown_collab_group.problem(rec.path, ("collab_group",), group=group)


def _exists(wh: Warehouse, code: str) -> bool:
    return wh.canonical(code) in wh.by_code or code in wh.broken_codes


@rule(
    "R305",
    "supersedes-missing",
    Severity.ERROR,
    zh="supersedes 中的 {code} 在标准仓中不存在",
    en="{code} in supersedes is not in the warehouse",
    hint_zh="为被代替的标准建立文件（status: published，superseded_by 指回本标准），或改正编号。",
    hint_en="Add a file for the replaced standard (with superseded_by pointing back), "
    "or correct the code.",
)
def supersedes_missing(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """`supersedes` names a code that no file in the warehouse holds.

    The replaced standard must be in the warehouse: its end of force is what
    the supersession records.
    """
    for rec in wh.standards:
        for index, code in enumerate(rec.model.supersedes):
            if not _exists(wh, code):
                yield supersedes_missing.problem(rec.path, ("supersedes", index), code=code)


@rule(
    "R306",
    "superseded-by-missing",
    Severity.ERROR,
    zh="superseded_by 指向的 {code} 在标准仓中不存在",
    en="superseded_by names {code}, which is not in the warehouse",
    hint_zh="为新标准建立文件（supersedes 列出本标准），或改正编号。",
    hint_en="Add a file for the new standard (listing this one in supersedes), "
    "or correct the code.",
)
def superseded_by_missing(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """`superseded_by` names a code that no file in the warehouse holds."""
    for rec in wh.standards:
        code = rec.model.superseded_by
        if code is not None and not _exists(wh, code):
            yield superseded_by_missing.problem(rec.path, ("superseded_by",), code=code)


@rule(
    "R307",
    "supersession-disagrees",
    Severity.ERROR,
    zh="{this} 与 {other} 的代替关系两边矛盾：{detail_zh}",
    en="{this} and {other} contradict each other about supersession: {detail_en}",
    hint_zh="新标准的 supersedes 列出旧标准，旧标准的 superseded_by 指向新标准，两边须一致。",
    hint_en="The new standard lists the old in supersedes; the old names the new in "
    "superseded_by; both sides must agree.",
)
def supersession_disagrees(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """The two sides of a supersession name different standards.

    If A lists B in `supersedes`, B's `superseded_by` must be A, not some C.
    A side left empty is not a contradiction (R311 asks for it to be written).
    """
    for rec in wh.standards:
        for old_code in rec.model.supersedes:
            old = wh.standard(old_code)
            named = old.model.superseded_by if old is not None else None
            if old is None or named is None or wh.standard(named) is rec:
                continue
            if wh.canonical(named) in {wh.canonical(c) for c in rec.model.supersedes}:
                continue
            yield supersession_disagrees.problem(
                old.path,
                ("superseded_by",),
                this=old.code,
                other=rec.code,
                detail_zh=f"{rec.code} 声明代替它，但它的 superseded_by 是 "
                f"{old.model.superseded_by}",
                detail_en=f"{rec.code} says it supersedes it, but its superseded_by is "
                f"{old.model.superseded_by}",
            )


@rule(
    "R311",
    "supersession-one-sided",
    Severity.WARNING,
    zh="代替关系只写了一边：{detail_zh}",
    en="the supersession is written on one side only: {detail_en}",
    hint_zh="在另一项标准的文件里补上对应的 {field}，两边都写，日后改动时不会遗漏。",
    hint_en="Add the matching {field} in the other standard's file, so both sides say it.",
)
def supersession_one_sided(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """One standard records a supersession that the other standard's file does not.

    The figures already follow the link from either side (the old standard
    leaves force when the new one takes effect); writing both sides keeps the
    files readable on their own. Reported on the file that lacks its half.
    """
    for rec in wh.standards:
        for old_code in rec.model.supersedes:
            old = wh.standard(old_code)
            if old is not None and old.model.superseded_by is None:
                yield supersession_one_sided.problem(
                    old.path,
                    ("code",),
                    field="superseded_by",
                    detail_zh=f"{rec.code} 声明代替 {old.code}，但 {old.code} 没有写 "
                    f"superseded_by: {rec.code}",
                    detail_en=f"{rec.code} says it supersedes {old.code}, but {old.code} "
                    f"has no superseded_by: {rec.code}",
                )
        new_code = rec.model.superseded_by
        if new_code is None:
            continue
        new = wh.standard(new_code)
        if new is None or any(wh.standard(c) is rec for c in new.model.supersedes):
            continue
        yield supersession_one_sided.problem(
            new.path,
            ("supersedes",) if new.model.supersedes else ("code",),
            field="supersedes",
            detail_zh=f"{rec.code} 写明被 {new.code} 代替，但 {new.code} 的 supersedes "
            f"没有列出 {rec.code}",
            detail_en=f"{rec.code} says {new.code} supersedes it, but {new.code}'s "
            f"supersedes does not list {rec.code}",
        )


@rule(
    "R308",
    "supersession-cycle",
    Severity.ERROR,
    zh="代替关系形成循环：{cycle}",
    en="supersession forms a cycle: {cycle}",
    hint_zh="代替关系只能从旧到新；检查循环中各标准的 superseded_by。",
    hint_en="Supersession runs from old to new; check superseded_by along the cycle.",
)
def supersession_cycle(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """Following `superseded_by` (or `supersedes`) comes back to where it started.

    Each cycle is reported once, on its alphabetically first standard. Linear
    time: every standard is walked at most once.
    """
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    edges: dict[str, set[str]] = {}
    for rec in wh.standards:
        targets = edges.setdefault(rec.code, set())
        if rec.model.superseded_by:
            targets.add(rec.model.superseded_by)
        for old in rec.model.supersedes:
            edges.setdefault(old, set()).add(rec.code)
    reported: set[frozenset[str]] = set()
    for start in sorted(edges):
        if state.get(start):
            continue
        stack: list[tuple[str, list[str]]] = [(start, sorted(edges.get(start, ())))]
        path = [start]
        state[start] = 1
        while stack:
            node, pending = stack[-1]
            if not pending:
                state[node] = 2
                stack.pop()
                path.pop()
                continue
            nxt = pending.pop()
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt) :]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    first = min(cycle)
                    holder = wh.standard(first)
                    if holder is not None:
                        loop = cycle[cycle.index(first) :] + cycle[: cycle.index(first)] + [first]
                        yield supersession_cycle.problem(
                            holder.path,
                            ("superseded_by",) if holder.model.superseded_by else ("code",),
                            cycle=" → ".join(loop),
                        )
            elif not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                stack.append((nxt, sorted(edges.get(nxt, ()))))


@rule(
    "R309",
    "subregion-outside-main-urban",
    Severity.ERROR,
    zh="subregion（{subregion}）只用于主城都市区，但 region 是 {region}",
    en="subregion ({subregion}) applies only within main-urban, but region is {region}",
    hint_zh="主城都市区内写 subregion: central 或 new；其他地区删去 subregion。",
    hint_en="Within main-urban use subregion: central or new; elsewhere remove subregion.",
)
def subregion_outside_main_urban(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A district outside 主城都市区 names a subregion (中心城区 / 主城新区)."""
    for rec in wh.districts:
        d = rec.model
        if d.subregion is not None and d.region != "main-urban":
            yield subregion_outside_main_urban.problem(
                rec.path, ("subregion",), subregion=d.subregion, region=d.region or "-"
            )


@rule(
    "R310",
    "district-without-region",
    Severity.WARNING,
    zh="{name}没有 region（一区两群归属），按区域统计时不会计入任何区域",
    en="{name} has no region, so no regional figure counts it",
    hint_zh="写 region: main-urban / northeast / southeast（市级文件 chongqing 不写）。",
    hint_en="Add region: main-urban, northeast or southeast (not for the city file).",
)
def district_without_region(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A district-level unit has no `region`, so regional breakdowns leave it out.

    The city's own file (kind `city`) has no region and is not reported.
    """
    for rec in wh.districts:
        d = rec.model
        if d.region is None and d.kind != "city":
            yield district_without_region.problem(rec.path, ("slug",), name=d.name)


_REGROUPING_FIELDS = {
    "date": ("调整生效日期 date", "date"),
    "region": ("调整后归属 region", "region"),
}


@rule(
    "R312",
    "regrouping-incomplete",
    Severity.WARNING,
    zh="{name}的分区调整（regrouped 第 {entry} 条）缺少{fields_zh}，按区域统计时不采用该调整",
    en="{name}'s change of grouping (regrouped entry {entry}) lacks its {fields_en}, so regional "
    "figures do not apply it",
    hint_zh="补上 date（调整生效日期）和 region（调整后的一区两群归属）。",
    hint_en="Add date (when the grouping changed) and region (the region from that date).",
)
def regrouping_incomplete(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A `regrouped` entry lacks its date or its region, so no breakdown can use it.

    DOMAIN.md marks neither required, so the district is kept; but a change of
    grouping with no date cannot be placed before or after the grouping date,
    and one with no region says nothing. Regional breakdowns keep the unit
    where the plan put it (or its last complete change) until the entry is
    completed.
    """
    for rec in wh.districts:
        for index, change in enumerate(rec.model.regrouped):
            missing = [f for f in ("date", "region") if getattr(change, f) is None]
            if not missing:
                continue
            yield regrouping_incomplete.problem(
                rec.path,
                ("regrouped", index),
                name=rec.model.name,
                entry=index + 1,
                fields_zh="、".join(_REGROUPING_FIELDS[f][0] for f in missing),
                fields_en=" and ".join(_REGROUPING_FIELDS[f][1] for f in missing),
            )
