"""Duties on the bureaus' own standards: usage counts (10), effect evaluation (16),
review (17).

Own standards are local, group and internal ones (by the level their code
states); national and industry standards are reviewed and evaluated by their
issuers. Every per-standard answer comes from the run's AsOf, the same
answers the duty rules of `jgsw check` read: the standards counted against 16
and 17 are exactly those `check` flags as evaluation due (L603) and review
overdue (L601), and the open ones exactly its possible findings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jgsw_std.lifecycle.known import FIELD_WORDS, Entry, Known
from jgsw_std.lifecycle.state import add_years, is_own
from jgsw_std.lifecycle.usage import counted_known, missing_numbers
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

if TYPE_CHECKING:
    from jgsw_std.lifecycle.asof import AsOf
    from jgsw_std.load.warehouse import StandardRecord, Warehouse
    from jgsw_std.metrics.base import MetricResult, RecordRef
    from jgsw_std.model.indicators import Indicator, IndicatorSet


def _own(wh: Warehouse, scope: Scope) -> list[StandardRecord]:
    return [rec for rec in scope.standards(wh) if is_own(rec)]


def _years(n: int) -> str:
    return "1 year" if n == 1 else f"{n} years"


def _with_unknown(result: MetricResult, zh: str, en: str) -> MetricResult:
    """The sentence, plus how many standards are open and the range they make."""
    n = len(result.unknown)
    tail_zh = f"另有 {n} 项日期不详，按两种可能计入范围（{parts_span(result)}）。" if n else ""
    tail_en = (
        f" {n} more have missing dates, counted both ways ({parts_span(result)})." if n else ""
    )
    return why(result, zh + tail_zh, en + tail_en)


def _undated_ref(rec: StandardRecord, answer: Known) -> RecordRef:
    fields = sorted({f.field for f in answer.facts})
    if fields == ["review-date"]:
        return standard_ref(rec, "复审日期不详", "a review without its date")
    if fields == ["evaluation-date"]:
        return standard_ref(rec, "评价日期不详", "an evaluation without its date")
    return standard_ref(rec, "实施日期不详", "effective date not recorded")


@judged("standing")
def usage_records(at: AsOf, iset: IndicatorSet, indicator: Indicator, scope: Scope) -> MetricResult:
    """Indicator 10: own standards in force at D with a usage count for the last full year.

    ``extra["low_usage"]`` lists those whose rate that year is below
    ``low_usage_rate`` (framework.yaml): candidates for revision or cleanup.
    """
    wh = at.wh
    result = new_result(indicator, at.date, scope, "rate")
    year = at.last_full_year
    threshold = wh.framework.low_usage_rate
    low = []
    entries: list[Entry[RecordRef]] = []
    for rec in _own(wh, scope):
        current = at.in_force_known(rec)
        if current.no:
            continue
        counted = counted_known(rec, year)
        usage = next(
            (u for u in rec.model.usage if u.year == year and not missing_numbers(rec, u)), None
        )
        if current.maybe:
            ref = _undated_ref(rec, current)
        elif counted.maybe:
            words = "、".join(FIELD_WORDS[f.field][0] for f in counted.facts)
            words_en = ", ".join(FIELD_WORDS[f.field][1] for f in counted.facts)
            ref = standard_ref(
                rec,
                f"{year} 年运用率统计不全：未记{words}",
                f"{year} usage count incomplete: no {words_en}",
            )
        elif usage is None:
            ref = standard_ref(rec, f"无 {year} 年运用率统计", f"no usage count for {year}")
        else:
            rate = usage.rate
            shown = "—" if rate is None else percent(rate)
            ref = standard_ref(rec, f"{year} 年运用率 {shown}", f"{year} usage {shown}")
            if rate is not None and rate < threshold:
                low.append(
                    standard_ref(
                        rec,
                        f"{year} 年运用率 {shown}，低于 {percent(threshold)}",
                        f"{year} usage {shown}, below {percent(threshold)}",
                    )
                )
        entries.append(Entry.of(ref, current, counted))
    result.extra["low_usage"] = low
    if rate_of(result, entries) is None:
        return _with_unknown(result, "范围内没有现行的自有标准。", "No own standard is in force.")
    total = len(result.counted_for) + len(result.counted_against)
    return _with_unknown(
        result,
        f"现行自有标准 {total} 项中 {len(result.counted_for)} 项有 {year} 年运用率统计"
        f"（{span(result, percent)}）；运用率低于 {percent(threshold)} 的 {len(low)} 项。",
        f"{len(result.counted_for)} of {total} own standards in force have a {year} usage count "
        f"({span(result, percent, 'en')}); {len(low)} below {percent(threshold)}.",
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
    entries: list[Entry[RecordRef]] = []
    for rec in _own(wh, scope):
        due = at.in_force_years_known(rec, years)
        if due.no:
            continue
        evaluated = [
            e.date for e in rec.model.evaluations if e.date is not None and e.date <= as_of
        ]
        done = at.evaluated_known(rec)
        if due.maybe or done.maybe:
            ref = _undated_ref(rec, due if due.maybe else done)
        elif evaluated:
            ref = standard_ref(rec, f"{max(evaluated)} 评价", f"evaluated {max(evaluated)}")
        else:
            ref = standard_ref(
                rec,
                f"{rec.model.effective} 实施，满 {years} 年未开展实施效果评价",
                f"in force since {rec.model.effective}, no effect evaluation",
            )
        entries.append(Entry.of(ref, due, done))
    if rate_of(result, entries) is None:
        return _with_unknown(
            result,
            f"没有实施满 {years} 年的自有标准。",
            f"No own standard has been in force for {_years(years)}.",
        )
    total = len(result.counted_for) + len(result.counted_against)
    return _with_unknown(
        result,
        f"实施满 {years} 年的自有标准 {total} 项中 {len(result.counted_for)} 项开展了实施效果评价"
        f"（{span(result, percent)}）。",
        f"{len(result.counted_for)} of {total} own standards in force for {_years(years)} have "
        f"an effect evaluation ({span(result, percent, 'en')}).",
    )


@judged("standing")
def review_rate(at: AsOf, iset: IndicatorSet, indicator: Indicator, scope: Scope) -> MetricResult:
    """Indicator 17: own standards in force ≥ N years at D reviewed in [D − N years, D].

    N is ``review_period_years`` of framework.yaml (the plan: 5). A review
    recorded without its date leaves the standard open.
    """
    wh, as_of = at.wh, at.date
    result = new_result(indicator, as_of, scope, "rate")
    years = at.settings.review_period_years
    since = add_years(as_of, -years)
    entries: list[Entry[RecordRef]] = []
    for rec in _own(wh, scope):
        due = at.in_force_years_known(rec, years)
        if due.no:
            continue
        reviewed = at.reviewed_known(rec)
        last = rec.model.last_review(as_of)
        if due.maybe or reviewed.maybe:
            ref = _undated_ref(rec, due if due.maybe else reviewed)
        elif reviewed.yes:
            ref = standard_ref(rec, f"{last} 复审", f"reviewed {last}")
        else:
            seen_zh = f"上次复审 {last}" if last else "从未复审"
            seen_en = f"last reviewed {last}" if last else "never reviewed"
            ref = standard_ref(
                rec,
                f"{rec.model.effective} 实施，{since} 以来未复审（{seen_zh}）",
                f"in force since {rec.model.effective}, no review since {since} ({seen_en})",
            )
        entries.append(Entry.of(ref, due, reviewed))
    if rate_of(result, entries) is None:
        return _with_unknown(
            result,
            f"没有实施满 {years} 年的自有标准。",
            f"No own standard has been in force for {_years(years)}.",
        )
    done, overdue = len(result.counted_for), len(result.counted_against)
    total = done + overdue
    return _with_unknown(
        result,
        f"实施满 {years} 年的自有标准 {total} 项中 {done} 项在 {since} 以来复审过"
        f"（{span(result, percent)}）；逾期 {overdue} 项。",
        f"{done} of {total} own standards in force for {_years(years)} were reviewed since "
        f"{since} ({span(result, percent, 'en')}); {overdue} overdue.",
    )
