"""Milestones (indicators 2, 4, 11, 18): done when evidence dated on or before D exists.

Evidence lives on the indicator in indicators.yaml. With no evidence recorded
at all the milestone is "no data" (nobody has documented it either way); with
evidence dated only after D it was not yet done on D. Milestones are
city-level facts, so every scope shows the city's milestone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jgsw_std.lifecycle.known import Bounds
from jgsw_std.metrics.base import MetricResult, RecordRef
from jgsw_std.metrics.common import new_result, set_bounds, why
from jgsw_std.metrics.judge import judged
from jgsw_std.metrics.scope import Scope

if TYPE_CHECKING:
    from jgsw_std.lifecycle.asof import AsOf
    from jgsw_std.model.indicators import Indicator, IndicatorSet


@judged("milestone")
def milestone(at: AsOf, iset: IndicatorSet, indicator: Indicator, scope: Scope) -> MetricResult:
    """A milestone: 1 when evidence dated ≤ D exists, 0 when all evidence is later."""
    as_of = at.date
    result = new_result(indicator, as_of, scope, "done")
    if not indicator.evidence:
        return why(
            result, "indicators.yaml 未记录佐证材料。", "No evidence recorded in indicators.yaml."
        )
    for ev in sorted(indicator.evidence, key=lambda e: e.date):
        ref = RecordRef(
            "evidence", ev.date.isoformat(), ev.note or "", None, ev.ref or "", ev.ref or ""
        )
        if ev.date <= as_of:
            result.counted_for.append(ref)
    set_bounds(result, Bounds.point(1.0 if result.counted_for else 0.0))
    if result.counted_for:
        first = result.counted_for[0].key
        return why(result, f"已完成（{first}）。", f"Done ({first}).")
    first_later = min(e.date for e in indicator.evidence)
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
