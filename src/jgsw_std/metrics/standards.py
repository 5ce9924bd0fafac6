"""The framework's standards: coverage of main areas (5) and plan completion (6).

Standards are counted at every level here: adopting a national standard fills
a hole in the framework as well as writing one (DOMAIN.md). A standard whose
dates are missing is never counted for or against; when no standard in scope
has the dates a figure needs, the figure is "no data".
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from jgsw_std.metrics.base import MetricResult, RecordRef
from jgsw_std.metrics.common import (
    new_result,
    percent,
    set_rate,
    set_rate_of_records,
    standard_ref,
    why,
)
from jgsw_std.metrics.judge import judged
from jgsw_std.metrics.scope import Scope
from jgsw_std.model.standard import IN_PROGRESS

if TYPE_CHECKING:
    from jgsw_std.lifecycle.asof import AsOf
    from jgsw_std.load.warehouse import StandardRecord
    from jgsw_std.model.indicators import Indicator, IndicatorSet


def item_codes(rec: StandardRecord) -> list[str]:
    """The business items a standard covers, as full ``area.item`` codes (see the loader)."""
    return list(rec.items)


def _undated(result: MetricResult, recs: list[StandardRecord], zh: str, en: str) -> MetricResult:
    result.unknown = [standard_ref(r, zh, en) for r in recs]
    return why(
        result,
        f"范围内没有日期齐全、可计入的标准（{len(recs)} 项日期不详）。",
        f"No standard in scope has the dates this figure needs ({len(recs)} undated).",
    )


@judged("cumulative")
def coverage(at: AsOf, iset: IndicatorSet, indicator: Indicator, scope: Scope) -> MetricResult:
    """Indicator 5: business items of main areas with ≥1 standard in force at D / all of them.

    An item covered only by standards whose dates are missing is unknown: it
    leaves both the numerator and the denominator. Broken down by main area.
    """
    wh, as_of = at.wh, at.date
    result = new_result(indicator, as_of, scope, "rate")
    states = [(rec, at.state(rec)) for rec in scope.standards(wh)]
    if all(state == "unknown" for _, state in states):
        recs = [rec for rec, _ in states]
        return _undated(result, recs, "实施日期不详", "effective date not recorded")
    in_force: dict[str, list[str]] = defaultdict(list)
    undated: dict[str, list[str]] = defaultdict(list)
    for rec, state in states:
        for item in item_codes(rec):
            if state == "in-force":
                in_force[item].append(rec.code)
            elif state == "unknown":
                undated[item].append(rec.code)
    fw = wh.framework
    for area in fw.main_areas:
        sub = new_result(indicator, as_of, scope, "rate")
        for code in area.item_codes:
            name = fw.item_names[code].name
            if in_force[code]:
                ref = RecordRef(
                    "item",
                    code,
                    name,
                    None,
                    "现行：" + "、".join(in_force[code]),
                    "in force: " + ", ".join(in_force[code]),
                )
                sub.counted_for.append(ref)
            elif undated[code]:
                ref = RecordRef(
                    "item",
                    code,
                    name,
                    None,
                    "仅有日期不详的标准：" + "、".join(undated[code]),
                    "only undated standards: " + ", ".join(undated[code]),
                )
                sub.unknown.append(ref)
            else:
                sub.counted_against.append(
                    RecordRef(
                        "item", code, name, None, "无现行标准（缺标）", "no standard in force"
                    )
                )
        set_rate(sub, len(sub.counted_for), len(sub.counted_for) + len(sub.counted_against))
        result.breakdown[f"area:{area.code}"] = sub
        result.counted_for += sub.counted_for
        result.counted_against += sub.counted_against
        result.unknown += sub.unknown
    covered, holes = len(result.counted_for), len(result.counted_against)
    set_rate(result, covered, covered + holes)
    if result.value is None:
        return why(result, "主干业务领域没有可统计的业务事项。", "No main-area item to count.")
    return why(
        result,
        f"主干业务领域 {covered + holes} 个业务事项中 {covered} 个有现行标准"
        f"（{percent(result.value)}）；缺标 {holes} 个。",
        f"{covered} of {covered + holes} main-area items have a standard in force "
        f"({percent(result.value)}); {holes} holes.",
    )


@judged("standing")
def completion(at: AsOf, iset: IndicatorSet, indicator: Indicator, scope: Scope) -> MetricResult:
    """Indicator 6: standards planned for years ≤ D's year and published by D / all of them."""
    wh, as_of = at.wh, at.date
    result = new_result(indicator, as_of, scope, "rate")
    for rec in scope.standards(wh):
        plan, std = rec.model.plan, rec.model
        if plan is None or plan.year > as_of.year:
            continue
        if std.lifecycle in IN_PROGRESS:
            result.counted_against.append(
                standard_ref(
                    rec,
                    f"计划 {plan.year} 年完成，仍在制修订中",
                    f"planned for {plan.year}, not published",
                )
            )
        elif std.published is None:
            result.unknown.append(
                standard_ref(rec, "发布日期不详", "publication date not recorded")
            )
        elif std.published <= as_of:
            result.counted_for.append(
                standard_ref(rec, f"{std.published} 发布", f"published {std.published}")
            )
        else:
            result.counted_against.append(
                standard_ref(
                    rec,
                    f"计划 {plan.year} 年完成，{std.published} 才发布",
                    f"planned for {plan.year}, published only {std.published}",
                )
            )
    done, total = set_rate_of_records(result)
    if result.value is None:
        return why(
            result,
            f"没有计划在 {as_of.year} 年及以前完成且日期可知的制修订项目。",
            f"No planned formulation due by {as_of.year} with known dates.",
        )
    return why(
        result,
        f"计划 {as_of.year} 年及以前完成的 {total} 项中已发布 {done} 项"
        f"（{percent(result.value)}）。",
        f"{done} of {total} standards planned up to {as_of.year} are published "
        f"({percent(result.value)}).",
    )
