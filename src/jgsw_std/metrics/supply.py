"""Minimums per group: new local standards (7) and evaluation standards (8) per
main area, group standards per 川渝 collaboration group (9).

The headline is the smallest count over the groups; the breakdown holds one
figure per group (``area:<code>``, ``group:<code>``). A group whose count is 0
while some of its candidates lack the dates to tell is unknown; the minimum
then cannot be called met (``extra["incomplete"]``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from jgsw_std.metrics.base import MetricResult, RecordRef, RefKind
from jgsw_std.metrics.common import new_result, plan_window, standard_ref, why
from jgsw_std.metrics.judge import judged, meets
from jgsw_std.metrics.scope import Scope
from jgsw_std.model.standard import IN_PROGRESS

if TYPE_CHECKING:
    from jgsw_std.lifecycle.asof import AsOf
    from jgsw_std.load.warehouse import StandardRecord
    from jgsw_std.model.indicators import Indicator, IndicatorSet

#: True / False, or None when the record lacks the date that decides it
Test = Callable[["StandardRecord"], "bool | None"]


def published_between(start: dt.date, end: dt.date) -> Test:
    """Published in [start, end]; None when a published standard has no date."""

    def test(rec: StandardRecord) -> bool | None:
        std = rec.model
        if std.lifecycle in IN_PROGRESS:
            return False
        if std.published is None:
            return None
        return start <= std.published <= end

    return test


def _publication_known(rec: StandardRecord) -> bool:
    return rec.model.lifecycle in IN_PROGRESS or rec.model.published is not None


def _minimum(
    result: MetricResult,
    groups: list[tuple[RefKind, str, str, list[StandardRecord]]],
    test: Test,
    indicator: Indicator,
    scope: Scope,
) -> None:
    """One breakdown figure per group; the headline is the smallest known count."""
    for kind, code, label, candidates in groups:
        sub = new_result(indicator, result.as_of, scope, "count")
        for rec in candidates:
            verdict = test(rec)
            if verdict:
                sub.counted_for.append(standard_ref(rec, "", ""))
            elif verdict is None:
                sub.unknown.append(standard_ref(rec, "日期不详", "dates not recorded"))
        if sub.counted_for or not sub.unknown:
            sub.value = float(len(sub.counted_for))
        result.breakdown[f"{kind}:{code}"] = sub
        n = len(sub.counted_for)
        if sub.value is None:
            result.unknown.append(
                RecordRef(
                    kind,
                    code,
                    label,
                    None,
                    "相关标准日期不详",
                    "the candidates' dates are not recorded",
                )
            )
        elif meets(sub):
            result.counted_for.append(RecordRef(kind, code, label, None, f"{n} 项", f"{n}"))
        else:
            result.counted_against.append(
                RecordRef(kind, code, label, None, f"仅 {n} 项", f"only {n}")
            )
    known = [s.value for s in result.breakdown.values() if s.value is not None]
    result.value = min(known) if known else None
    result.extra["incomplete"] = len(known) < len(result.breakdown)


def _explain_min(result: MetricResult, zh: str, en: str) -> MetricResult:
    """The headline sentence plus the groups still short of the target."""
    short = "、".join(f"{r.label}（{r.note}）" for r in result.counted_against)
    short_en = ", ".join(f"{r.key} ({r.note_en})" for r in result.counted_against)
    if short:
        zh, en = f"{zh}；未达数量：{short}", f"{en}; short: {short_en}"
    if result.unknown:
        zh += "；日期不详无法判断：" + "、".join(r.label for r in result.unknown)
        en += "; undated, cannot tell: " + ", ".join(r.key for r in result.unknown)
    return why(result, f"{zh}。", f"{en}.")


@judged("cumulative", figure_paces={"joint": "cumulative"})
def new_local_per_main_area(
    at: AsOf, iset: IndicatorSet, indicator: Indicator, scope: Scope
) -> MetricResult:
    """Indicator 7: min over main areas of local standards published in the plan period by D.

    Second figure ``joint``: joint Sichuan-Chongqing local standards published in
    the plan period (target 1).
    """
    wh, as_of = at.wh, at.date
    result = new_result(indicator, as_of, scope, "count")
    recs = scope.standards(wh)
    if not any(_publication_known(r) for r in recs):
        result.unknown = [
            standard_ref(r, "发布日期不详", "publication date not recorded") for r in recs
        ]
        return why(
            result,
            "范围内没有发布日期可知的标准。",
            "No standard in scope has a known publication.",
        )
    test = published_between(*plan_window(iset, indicator, as_of))
    local = [r for r in recs if r.parsed.level == "local"]
    groups: list[tuple[RefKind, str, str, list[StandardRecord]]] = [
        ("area", a.code, a.name, [r for r in local if r.model.area == a.code])
        for a in wh.framework.main_areas
    ]
    _minimum(result, groups, test, indicator, scope)
    joint = new_result(indicator, as_of, scope, "count", metric="new_local_per_main_area.joint")
    joint.target = 1.0
    for rec in local:
        if (rec.parsed.joint or "sichuan" in rec.model.joint) and test(rec):
            joint.counted_for.append(standard_ref(rec, "川渝联合制定", "joint Sichuan-Chongqing"))
    joint.value = float(len(joint.counted_for))
    result.figures["joint"] = why(
        joint,
        f"川渝联合地方标准 {len(joint.counted_for)} 项。",
        f"{len(joint.counted_for)} joint Sichuan-Chongqing local standards.",
    )
    least = "—" if result.value is None else f"{result.value:.0f}"
    return _explain_min(
        result,
        f"规划期内各主干业务领域新增地方标准最少 {least} 项",
        f"Fewest new local standards in a main area in the plan period: {least}",
    )


@judged("cumulative")
def evaluation_per_main_area(
    at: AsOf, iset: IndicatorSet, indicator: Indicator, scope: Scope
) -> MetricResult:
    """Indicator 8: min over main areas of standards in category ``evaluation`` in force at D."""
    wh, as_of = at.wh, at.date
    result = new_result(indicator, as_of, scope, "count")
    recs = scope.standards(wh)
    states = [(r, at.state(r)) for r in recs]
    if all(state == "unknown" for _, state in states):
        result.unknown = [
            standard_ref(r, "实施日期不详", "effective date not recorded") for r in recs
        ]
        return why(result, "范围内没有日期齐全的标准。", "No standard in scope has known dates.")
    known = {id(r): state for r, state in states}

    def test(rec: StandardRecord) -> bool | None:
        state = known[id(rec)]
        return None if state == "unknown" else state == "in-force"

    evaluation = [r for r in recs if r.model.category == "evaluation"]
    groups: list[tuple[RefKind, str, str, list[StandardRecord]]] = [
        ("area", a.code, a.name, [r for r in evaluation if r.model.area == a.code])
        for a in wh.framework.main_areas
    ]
    _minimum(result, groups, test, indicator, scope)
    least = "—" if result.value is None else f"{result.value:.0f}"
    return _explain_min(
        result,
        f"各主干业务领域现行评价类标准最少 {least} 项",
        f"Fewest evaluation standards in force in a main area: {least}",
    )


@judged("cumulative")
def group_per_collab_group(
    at: AsOf, iset: IndicatorSet, indicator: Indicator, scope: Scope
) -> MetricResult:
    """Indicator 9: min over 协作组 of group standards published on or before D."""
    wh, as_of = at.wh, at.date
    result = new_result(indicator, as_of, scope, "count")
    collab = wh.framework.collab_groups
    if not collab:
        return why(
            result,
            "framework.yaml 未登记川渝协作组。",
            "framework.yaml registers no collaboration group.",
        )
    recs = scope.standards(wh)
    if not any(_publication_known(r) for r in recs):
        result.unknown = [
            standard_ref(r, "发布日期不详", "publication date not recorded") for r in recs
        ]
        return why(
            result,
            "范围内没有发布日期可知的标准。",
            "No standard in scope has a known publication.",
        )
    group_level = [r for r in recs if r.parsed.level == "group"]
    groups: list[tuple[RefKind, str, str, list[StandardRecord]]] = [
        ("group", g.code, g.name, [r for r in group_level if r.model.collab_group == g.code])
        for g in collab
    ]
    _minimum(result, groups, published_between(dt.date.min, as_of), indicator, scope)
    least = "—" if result.value is None else f"{result.value:.0f}"
    return _explain_min(
        result,
        f"各协作组已发布团体标准最少 {least} 项",
        f"Fewest group standards published by a collaboration group: {least}",
    )
