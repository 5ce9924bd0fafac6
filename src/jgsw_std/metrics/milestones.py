"""Milestones (indicators 2, 4, 11, 18): done when evidence dated on or before D exists.

Evidence lives on the indicator in indicators.yaml. With no evidence recorded
at all the milestone is "no data" (nobody has documented it either way); with
evidence dated only after D it was not yet done on D. Milestones are
city-level facts, so every scope shows the city's milestone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jgsw_std.lifecycle.known import Bounds, Entry, Fact, Outcome
from jgsw_std.metrics.base import MetricResult, RecordRef
from jgsw_std.metrics.common import count_of, new_result, set_bounds, why
from jgsw_std.metrics.judge import judged
from jgsw_std.metrics.scope import Scope

if TYPE_CHECKING:
    from jgsw_std.lifecycle.asof import AsOf
    from jgsw_std.model.indicators import Evidence, Indicator, IndicatorSet


@judged("milestone")
def milestone(at: AsOf, iset: IndicatorSet, indicator: Indicator, scope: Scope) -> MetricResult:
    """A milestone: 1 when evidence dated ≤ D exists, 0 when all evidence is later.

    Evidence recorded without its date (DOMAIN.md: a record with missing dates is
    neither counted nor ignored) makes the milestone 0-1 until its date is added.
    """
    as_of = at.date
    result = new_result(indicator, as_of, scope, "done")
    if not indicator.evidence:
        return why(
            result, "indicators.yaml 未记录佐证材料。", "No evidence recorded in indicators.yaml."
        )
    dated = [e for e in indicator.evidence if e.date is not None]
    for ev in sorted(dated, key=lambda e: e.date or as_of):
        assert ev.date is not None
        ref = RecordRef(
            "evidence", ev.date.isoformat(), ev.note or "", None, ev.ref or "", ev.ref or ""
        )
        if ev.date <= as_of:
            result.counted_for.append(ref)
    if result.counted_for:
        set_bounds(result, Bounds.point(1.0))
        first = result.counted_for[0].key
        return why(result, f"已完成（{first}）。", f"Done ({first}).")
    undated = [e for e in indicator.evidence if e.date is None]
    if undated:
        return _undated(result, indicator, undated)
    set_bounds(result, Bounds.point(0.0))
    first_later = min(e.date for e in dated if e.date is not None)
    result.counted_against.append(
        RecordRef(
            "evidence",
            f"indicator-{indicator.id}",
            indicator.text,
            None,
            f"截至 {as_of} 尚无佐证；佐证日期为 {first_later}",
            f"no evidence by {as_of}; the evidence is dated {first_later}",
        )
    )
    return why(
        result,
        f"截至 {as_of} 尚未完成（{first_later} 完成）。",
        f"Not done by {as_of} (done {first_later}).",
    )


def _undated(result: MetricResult, indicator: Indicator, undated: list[Evidence]) -> MetricResult:
    """Done or not on D, depending on the date of evidence recorded without one."""
    entries: list[Entry[RecordRef]] = []
    for index, ev in enumerate(undated):
        label = ev.note or ev.ref or f"indicator {indicator.id}"
        key = f"indicator-{indicator.id}:evidence[{index}]"
        ref = RecordRef("evidence", key, label, None, "佐证日期不详", "evidence not dated")
        # names the file and the indicator the same way in both languages
        name = f"indicators.yaml #{indicator.id}「{label}」"
        fact = Fact(key, name, "data/indicators.yaml", "date", name=name)
        entries.append(Entry(ref, Outcome.FOR | Outcome.OUT, (fact,)))
    count_of(result, entries)
    # done is 0 or 1 however many undated pieces of evidence there are
    set_bounds(result, Bounds(0.0, 1.0))
    return why(
        result,
        f"有 {len(undated)} 项佐证未记日期，无法判定截至 {result.as_of} 是否已完成。",
        f"{len(undated)} piece(s) of evidence lack a date: done by {result.as_of} or not.",
    )
