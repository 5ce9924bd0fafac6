"""Minimums per group: new local standards (7) and evaluation standards (8) per
main area, group standards per 川渝 collaboration group (9).

The headline is the smallest count over the groups; the breakdown holds one
figure per group (``area:<code>``, ``group:<code>``). A standard whose dates
are missing is counted both ways, so each group's count, and the minimum, is
a range. G502, G503 and G504 read the same answers (:func:`area_answers`),
so a group with no candidate that can count is exactly the gap `check` reports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from jgsw_std.lifecycle.known import Entry, Known, known, min_bounds
from jgsw_std.lifecycle.state import published_in
from jgsw_std.metrics.base import MetricResult, RecordRef, RefKind
from jgsw_std.metrics.common import (
    count_entries,
    count_of,
    new_result,
    plan_window,
    span,
    standard_ref,
    why,
)
from jgsw_std.metrics.judge import judged, reaches
from jgsw_std.metrics.scope import Scope

if TYPE_CHECKING:
    from jgsw_std.lifecycle.asof import AsOf
    from jgsw_std.load.warehouse import StandardRecord
    from jgsw_std.model.indicators import Indicator, IndicatorSet

#: Does a candidate count for its group: yes, no, or waiting on a date.
Test = Callable[["StandardRecord"], Known]
Group = tuple[RefKind, str, str, list["StandardRecord"]]


def published_between(start: dt.date, end: dt.date) -> Test:
    """Published in [start, end]; by the code's year when the date is missing."""

    def test(rec: StandardRecord) -> Known:
        return published_in(rec, start, end)

    return test


def _entry(rec: StandardRecord, answer: Known, zh: str, en: str) -> Entry[RecordRef]:
    if answer.maybe:
        zh, en = "日期不详", "dates not recorded"
    return Entry.of(standard_ref(rec, zh, en), known(True), answer)


def _show(value: float) -> str:
    return f"{value:.0f}"


def _minimum(
    result: MetricResult,
    groups: list[Group],
    test: Test,
    indicator: Indicator,
    scope: Scope,
    words: tuple[str, str],
) -> None:
    """One breakdown figure per group; the headline is the smallest count."""
    entries: dict[str, list[Entry[RecordRef]]] = {}
    for kind, code, label, candidates in groups:
        key = f"{kind}:{code}"
        sub = new_result(indicator, result.as_of, scope, "count")
        found = [(rec, test(rec)) for rec in candidates]
        kept = [_entry(rec, answer, *words) for rec, answer in found if not answer.no]
        count_of(sub, kept)
        result.breakdown[key] = sub
        entries[key] = kept
        assert sub.low is not None
        low, high = sub.low, sub.high
        n = span(sub, _show)
        n_en = span(sub, _show, "en")
        ref = RecordRef(kind, code, label, None, f"{n} 项", n_en)
        if reaches(result, low):
            result.counted_for.append(ref)
        elif high is not None and not reaches(result, high):
            result.counted_against.append(
                RecordRef(kind, code, label, None, f"仅 {n} 项", f"only {n_en}")
            )
        else:
            result.unknown.append(
                RecordRef(kind, code, label, None, f"{n} 项，相关标准日期不详", f"{n_en}, undated")
            )
    count_entries(result, entries, "count", min_bounds, refs=False)


def _explain_min(result: MetricResult, zh: str, en: str) -> MetricResult:
    """The headline sentence plus the groups still short of the target."""
    short = "、".join(f"{r.label}（{r.note}）" for r in result.counted_against)
    short_en = ", ".join(f"{r.key} ({r.note_en})" for r in result.counted_against)
    if short:
        zh, en = f"{zh}；未达数量：{short}", f"{en}; short: {short_en}"
    if result.unknown:
        zh += "；取决于日期不详的标准：" + "、".join(
            f"{r.label}（{r.note}）" for r in result.unknown
        )
        en += "; waiting on undated standards: " + ", ".join(
            f"{r.key} ({r.note_en})" for r in result.unknown
        )
    return why(result, f"{zh}。", f"{en}.")


def joint_figure(
    at: AsOf, iset: IndicatorSet, indicator: Indicator, scope: Scope, test: Test
) -> MetricResult:
    """Indicator 7's second figure: joint Sichuan-Chongqing local standards in the window."""
    joint = new_result(indicator, at.date, scope, "count", metric="new_local_per_main_area.joint")
    joint.target = 1.0
    entries = []
    for rec in scope.standards(at.wh):
        if rec.parsed.level != "local" or not (rec.parsed.joint or "sichuan" in rec.model.joint):
            continue
        answer = test(rec)
        if not answer.no:
            entries.append(_entry(rec, answer, "川渝联合制定", "joint Sichuan-Chongqing"))
    count_of(joint, entries)
    n = span(joint, _show)
    return why(
        joint,
        f"川渝联合地方标准 {n} 项。",
        f"{span(joint, _show, 'en')} joint Sichuan-Chongqing local standards.",
    )


@judged("cumulative", figure_paces={"joint": "cumulative"})
def new_local_per_main_area(
    at: AsOf, iset: IndicatorSet, indicator: Indicator, scope: Scope
) -> MetricResult:
    """Indicator 7: min over main areas of local standards published in the plan period by D.

    A local standard with no publication date counts by the year in its code
    when that year lies inside the window (or outside it); otherwise it is
    open. Second figure ``joint``: joint Sichuan-Chongqing local standards
    published in the plan period (target 1).
    """
    result = new_result(indicator, at.date, scope, "count")
    test = published_between(*plan_window(iset, indicator, at.date, result))
    local = [r for r in scope.standards(at.wh) if r.parsed.level == "local"]
    groups: list[Group] = [
        ("area", a.code, a.name, [r for r in local if r.model.area == a.code])
        for a in at.wh.framework.main_areas
    ]
    _minimum(result, groups, test, indicator, scope, ("", ""))
    result.figures["joint"] = joint_figure(at, iset, indicator, scope, test)
    least, least_en = span(result, _show), span(result, _show, "en")
    return _explain_min(
        result,
        f"规划期内各主干业务领域新增地方标准最少 {least} 项",
        f"Fewest new local standards in a main area in the plan period: {least_en}",
    )


@judged("cumulative")
def evaluation_per_main_area(
    at: AsOf, iset: IndicatorSet, indicator: Indicator, scope: Scope
) -> MetricResult:
    """Indicator 8: min over main areas of standards in category ``evaluation`` in force at D."""
    result = new_result(indicator, at.date, scope, "count")
    evaluation = [r for r in scope.standards(at.wh) if r.model.category == "evaluation"]
    groups: list[Group] = [
        ("area", a.code, a.name, [r for r in evaluation if r.model.area == a.code])
        for a in at.wh.framework.main_areas
    ]
    _minimum(result, groups, at.in_force_known, indicator, scope, ("现行", "in force"))
    least, least_en = span(result, _show), span(result, _show, "en")
    return _explain_min(
        result,
        f"各主干业务领域现行评价类标准最少 {least} 项",
        f"Fewest evaluation standards in force in a main area: {least_en}",
    )


@judged("cumulative")
def group_per_collab_group(
    at: AsOf, iset: IndicatorSet, indicator: Indicator, scope: Scope
) -> MetricResult:
    """Indicator 9: min over 协作组 of group standards published on or before D."""
    result = new_result(indicator, at.date, scope, "count")
    collab = at.wh.framework.collab_groups
    if not collab:
        return why(
            result,
            "framework.yaml 未登记川渝协作组。",
            "framework.yaml registers no collaboration group.",
        )
    group_level = [r for r in scope.standards(at.wh) if r.parsed.level == "group"]
    groups: list[Group] = [
        ("group", g.code, g.name, [r for r in group_level if r.model.collab_group == g.code])
        for g in collab
    ]
    _minimum(result, groups, published_between(dt.date.min, at.date), indicator, scope, ("", ""))
    least, least_en = span(result, _show), span(result, _show, "en")
    return _explain_min(
        result,
        f"各协作组已发布团体标准最少 {least} 项",
        f"Fewest group standards published by a collaboration group: {least_en}",
    )
