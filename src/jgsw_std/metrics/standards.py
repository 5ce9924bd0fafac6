"""The framework's standards: coverage of main areas (5) and plan completion (6).

Standards are counted at every level here: adopting a national standard fills
a hole in the framework as well as writing one (DOMAIN.md). A standard whose
dates are missing is counted both ways: the figure becomes a range, and the
standards whose dates would settle it are listed (lifecycle/known.py).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from jgsw_std.lifecycle.known import NO, Entry, Fact, Known, Outcome, any_of, known, maybe
from jgsw_std.lifecycle.state import published_in
from jgsw_std.metrics.base import MetricResult, RecordRef
from jgsw_std.metrics.common import (
    new_result,
    parts_span,
    percent,
    rate_of,
    span,
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


def _item_entry(code: str, name: str, answer: Known, in_force: list[str]) -> Entry[RecordRef]:
    """A main-area item: covered (for), a hole (against), or waiting on undated standards."""
    if answer.yes:
        ref = RecordRef(
            "item",
            code,
            name,
            None,
            "现行：" + "、".join(in_force),
            "in force: " + ", ".join(in_force),
        )
    elif answer.maybe:
        codes = [f.key for f in answer.facts]
        ref = RecordRef(
            "item",
            code,
            name,
            None,
            "仅有日期不详的标准：" + "、".join(codes),
            "only undated standards: " + ", ".join(codes),
        )
    else:
        ref = RecordRef("item", code, name, None, "无现行标准（缺标）", "no standard in force")
    return Entry.of(ref, known(True), answer)


def _in_scope_cover(
    at: AsOf, recs: list[StandardRecord]
) -> tuple[dict[str, Known], dict[str, list[str]]]:
    """Each item's cover by the standards in scope, and the codes in force on each."""
    answers: dict[str, list[Known]] = {}
    in_force: dict[str, list[str]] = {}
    for rec in recs:
        if not rec.items:
            continue
        answer = at.in_force_known(rec)
        for item in rec.items:
            answers.setdefault(item, []).append(answer)
            if answer.yes:
                in_force.setdefault(item, []).append(rec.code)
    return {item: any_of(found) for item, found in answers.items()}, in_force


@judged("cumulative")
def coverage(at: AsOf, iset: IndicatorSet, indicator: Indicator, scope: Scope) -> MetricResult:
    """Indicator 5: business items of main areas with ≥1 standard in force at D / all of them.

    An item covered only by standards whose dates are missing is open: counted
    once as covered and once as a hole, so the rate is a range. The city total
    reads the same answers as G501 (:attr:`AsOf.item_cover`). Broken down by
    main area.
    """
    wh, as_of = at.wh, at.date
    result = new_result(indicator, as_of, scope, "rate")
    if scope.kind == "city":
        cover, in_force = at.item_cover, _codes_in_force(at)
    else:
        cover, in_force = _in_scope_cover(at, scope.standards(wh))
    fw = wh.framework
    everything: list[Entry[RecordRef]] = []
    for area in fw.main_areas:
        sub = new_result(indicator, as_of, scope, "rate")
        entries = [
            _item_entry(
                code, fw.item_names[code].name, cover.get(code, _NO), in_force.get(code, [])
            )
            for code in area.item_codes
        ]
        rate_of(sub, entries)
        result.breakdown[f"area:{area.code}"] = sub
        everything += entries
    if rate_of(result, everything) is None:
        return why(result, "主干业务领域没有可统计的业务事项。", "No main-area item to count.")
    total = len(everything)
    holes, open_ = len(result.counted_against), len(result.unknown)
    shown = span(result, percent)
    tail_zh = f"；另有 {open_} 个仅有日期不详的标准，计为 {parts_span(result)}" if open_ else ""
    tail_en = f"; {open_} more only have undated standards ({parts_span(result)})" if open_ else ""
    return why(
        result,
        f"主干业务领域 {total} 个业务事项中 {len(result.counted_for)} 个有现行标准"
        f"（{shown}）；缺标 {holes} 个{tail_zh}。",
        f"{len(result.counted_for)} of {total} main-area items have a standard in force "
        f"({span(result, percent, 'en')}); {holes} holes{tail_en}.",
    )


_NO = known(False)


def _codes_in_force(at: AsOf) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for rec in at.wh.standards:
        if rec.items and at.state(rec) == "in-force":
            for item in rec.items:
                out.setdefault(item, []).append(rec.code)
    return out


@judged("standing")
def completion(at: AsOf, iset: IndicatorSet, indicator: Indicator, scope: Scope) -> MetricResult:
    """Indicator 6: standards planned for years ≤ D's year and published by D / all of them.

    A published standard with no publication date counts by its code's year
    when that settles it (published in an earlier year), else it is open.
    """
    wh, as_of = at.wh, at.date
    result = new_result(indicator, as_of, scope, "rate")
    entries: list[Entry[RecordRef]] = []
    for rec in scope.standards(wh):
        plan, std = rec.model.plan, rec.model
        if plan is None or (plan.year is not None and plan.year > as_of.year):
            continue
        if plan.year is None:  # planned for a year nobody recorded: due by now or not
            entries.append(_undated_plan(rec, published_in(rec, _EARLIEST, as_of)))
            continue
        if std.lifecycle in IN_PROGRESS:
            ref = standard_ref(
                rec,
                f"计划 {plan.year} 年完成，仍在制修订中",
                f"planned for {plan.year}, not published",
            )
            entries.append(Entry(ref, Outcome.AGAINST))
            continue
        done = published_in(rec, _EARLIEST, as_of)
        if done.yes:
            when = std.published or rec.parsed.year
            ref = standard_ref(rec, f"{when} 发布", f"published {when}")
        elif done.maybe:
            ref = standard_ref(rec, "发布日期不详", "publication date not recorded")
        else:
            ref = standard_ref(
                rec,
                f"计划 {plan.year} 年完成，{std.published or rec.parsed.year} 才发布",
                f"planned for {plan.year}, published only {std.published or rec.parsed.year}",
            )
        entries.append(Entry.of(ref, known(True), done))
    if rate_of(result, entries) is None:
        return why(
            result,
            f"没有计划在 {as_of.year} 年及以前完成的制修订项目。",
            f"No planned formulation due by {as_of.year}.",
        )
    total = len(entries)
    return why(
        result,
        f"计划 {as_of.year} 年及以前完成的 {total} 项中已发布 {len(result.counted_for)} 项"
        f"（{span(result, percent)}）" + _open_tail(result, "zh") + "。",
        f"{len(result.counted_for)} of {total} standards planned up to {as_of.year} are published "
        f"({span(result, percent, 'en')})" + _open_tail(result, "en") + ".",
    )


_EARLIEST = dt.date.min


def _undated_plan(rec: StandardRecord, done: Known) -> Entry[RecordRef]:
    """A planned standard without its plan year: part of indicator 6 by D or not."""
    fact = Fact(rec.code, rec.model.title, rec.path, "plan-year")
    if rec.model.lifecycle in IN_PROGRESS:
        done = NO
    zh, en = "计划年度不详", "plan year not recorded"
    return Entry.of(standard_ref(rec, zh, en), maybe(fact), done)


def _open_tail(result: MetricResult, lang: str) -> str:
    n = len(result.unknown)
    if not n:
        return ""
    return (
        f"; {n} undated, counted both ways"
        if lang == "en"
        else f"；另有 {n} 项日期不详，按两种可能计入范围"
    )
