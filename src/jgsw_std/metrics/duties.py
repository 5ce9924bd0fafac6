"""Duties on the bureaus' own standards: usage counts (10), effect evaluation (16),
review (17).

Own standards are local, group and internal ones (by the level their code
states); national and industry standards are reviewed and evaluated by their
issuers. The per-standard questions come from :mod:`jgsw_std.lifecycle.state`, the
same functions the duty rules of `jgsw check` use, so the standards counted
against 16 and 17 are exactly those `check` flags as evaluation due and review
overdue on the same date.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jgsw_std.lifecycle.state import add_years, is_own
from jgsw_std.metrics.common import (
    new_result,
    percent,
    set_rate_of_records,
    standard_ref,
    why,
)
from jgsw_std.metrics.judge import judged
from jgsw_std.metrics.scope import Scope

if TYPE_CHECKING:
    from jgsw_std.lifecycle.asof import AsOf
    from jgsw_std.load.warehouse import StandardRecord, Warehouse
    from jgsw_std.metrics.base import MetricResult
    from jgsw_std.model.indicators import Indicator, IndicatorSet


def _own(wh: Warehouse, scope: Scope) -> list[StandardRecord]:
    return [rec for rec in scope.standards(wh) if is_own(rec)]


def _years(n: int) -> str:
    return "1 year" if n == 1 else f"{n} years"


def _with_unknown(result: MetricResult, zh: str, en: str) -> MetricResult:
    """The sentence, plus how many standards were left out for missing dates."""
    n = len(result.unknown)
    tail_zh = f"另有 {n} 项日期不详，未计入。" if n else ""
    tail_en = f" {n} more have missing dates and are not counted." if n else ""
    return why(result, zh + tail_zh, en + tail_en)


@judged("standing")
def usage_records(at: AsOf, iset: IndicatorSet, indicator: Indicator, scope: Scope) -> MetricResult:
    """Indicator 10: own standards in force at D with a usage count for the last full year.

    ``extra["low_usage"]`` lists those whose rate that year is below
    ``low_usage_rate`` (framework.yaml): candidates for revision or cleanup.
    """
    wh, as_of = at.wh, at.date
    result = new_result(indicator, as_of, scope, "rate")
    year = at.last_full_year
    threshold = wh.framework.low_usage_rate
    low = []
    for rec in _own(wh, scope):
        current = at.in_force(rec)
        if current is None:
            result.unknown.append(standard_ref(rec, "实施日期不详", "effective date not recorded"))
        elif current:
            usage = next((u for u in rec.model.usage if u.year == year), None)
            if usage is None:
                result.counted_against.append(
                    standard_ref(rec, f"无 {year} 年运用率统计", f"no usage count for {year}")
                )
                continue
            rate = usage.rate
            shown = "—" if rate is None else percent(rate)
            result.counted_for.append(
                standard_ref(rec, f"{year} 年运用率 {shown}", f"{year} usage {shown}")
            )
            if rate is not None and rate < threshold:
                low.append(
                    standard_ref(
                        rec,
                        f"{year} 年运用率 {shown}，低于 {percent(threshold)}",
                        f"{year} usage {shown}, below {percent(threshold)}",
                    )
                )
    result.extra["low_usage"] = low
    done, total = set_rate_of_records(result)
    if result.value is None:
        return _with_unknown(
            result, "范围内没有可确认现行的自有标准。", "No own standard is known to be in force."
        )
    return _with_unknown(
        result,
        f"现行自有标准 {total} 项中 {done} 项有 {year} 年运用率统计（{percent(result.value)}）；"
        f"运用率低于 {percent(threshold)} 的 {len(low)} 项。",
        f"{done} of {total} own standards in force have a {year} usage count "
        f"({percent(result.value)}); {len(low)} below {percent(threshold)}.",
    )


@judged("cumulative")
def evaluation_rate(
    at: AsOf, iset: IndicatorSet, indicator: Indicator, scope: Scope
) -> MetricResult:
    """Indicator 16: own standards in force ≥ N years at D with ≥1 effect evaluation dated ≤ D.

    N is ``evaluation_after_years`` of framework.yaml (the plan: 1).
    """
    wh, as_of = at.wh, at.date
    result = new_result(indicator, as_of, scope, "rate")
    years = at.settings.evaluation_after_years
    for rec in _own(wh, scope):
        due = at.in_force_years(rec, years)
        if due is None:
            result.unknown.append(standard_ref(rec, "实施日期不详", "effective date not recorded"))
        elif due and not at.evaluation_missing(rec):
            last = max(e.date for e in rec.model.evaluations if e.date <= as_of)
            result.counted_for.append(standard_ref(rec, f"{last} 评价", f"evaluated {last}"))
        elif due:
            result.counted_against.append(
                standard_ref(
                    rec,
                    f"{rec.model.effective} 实施，满 {years} 年未开展实施效果评价",
                    f"in force since {rec.model.effective}, no effect evaluation",
                )
            )
    done, total = set_rate_of_records(result)
    if result.value is None:
        return _with_unknown(
            result,
            f"没有可确认实施满 {years} 年的自有标准。",
            f"No own standard is known to be in force for {_years(years)}.",
        )
    return _with_unknown(
        result,
        f"实施满 {years} 年的自有标准 {total} 项中 {done} 项开展了实施效果评价"
        f"（{percent(result.value)}）。",
        f"{done} of {total} own standards in force for {_years(years)} have an effect "
        f"evaluation ({percent(result.value)}).",
    )


@judged("standing")
def review_rate(at: AsOf, iset: IndicatorSet, indicator: Indicator, scope: Scope) -> MetricResult:
    """Indicator 17: own standards in force ≥ N years at D reviewed in [D − N years, D].

    N is ``review_period_years`` of framework.yaml (the plan: 5).
    """
    wh, as_of = at.wh, at.date
    result = new_result(indicator, as_of, scope, "rate")
    years = at.settings.review_period_years
    since = add_years(as_of, -years)
    for rec in _own(wh, scope):
        due = at.in_force_years(rec, years)
        if due is None:
            result.unknown.append(standard_ref(rec, "实施日期不详", "effective date not recorded"))
        elif due and not at.review_overdue(rec):
            last = rec.model.last_review(as_of)
            result.counted_for.append(standard_ref(rec, f"{last} 复审", f"reviewed {last}"))
        elif due:
            last = rec.model.last_review(as_of)
            seen_zh = f"上次复审 {last}" if last else "从未复审"
            seen_en = f"last reviewed {last}" if last else "never reviewed"
            result.counted_against.append(
                standard_ref(
                    rec,
                    f"{rec.model.effective} 实施，{since} 以来未复审（{seen_zh}）",
                    f"in force since {rec.model.effective}, no review since {since} ({seen_en})",
                )
            )
    done, total = set_rate_of_records(result)
    if result.value is None:
        return _with_unknown(
            result,
            f"没有可确认实施满 {years} 年的自有标准。",
            f"No own standard is known to be in force for {_years(years)}.",
        )
    return _with_unknown(
        result,
        f"实施满 {years} 年的自有标准 {total} 项中 {done} 项在 {since} 以来复审过"
        f"（{percent(result.value)}）；逾期 {total - done} 项。",
        f"{done} of {total} own standards in force for {_years(years)} were reviewed since "
        f"{since} ({percent(result.value)}); {total - done} overdue.",
    )
