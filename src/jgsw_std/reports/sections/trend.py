"""Trend of the indicators over time: one row per year end, one column per indicator.

The figures are the trend use case's (:func:`jgsw_std.app.trend.compute_trend`,
what `jgsw trend` prints): each year's values read from the commit current at that
year's end. This module only lays them out and draws the rates as lines.
Without history (no git, no commits, a shallow clone) the section is left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jgsw_std.metrics.base import MetricResult
from jgsw_std.reports import charts
from jgsw_std.reports.figures import value_text
from jgsw_std.reports.sections.base import Inputs

if TYPE_CHECKING:
    from jgsw_std.history.trend import Trend, TrendPoint, TrendValue

#: Lines on one chart stay readable up to about this many.
MAX_LINES = 6


def _result(value: TrendValue, point: TrendPoint, scope: str) -> MetricResult:
    """The point's figure in the shape metrics.view words, so it reads as `status` prints it."""
    return MetricResult(
        indicator_id=value.indicator_id,
        metric=value.metric,
        as_of=point.end,
        scope=scope,
        status=value.status,  # type: ignore[arg-type]  # one of base.STATUSES, as computed
        value=value.value,
        numerator=value.numerator,
        denominator=value.denominator,
        low=value.low,
        high=value.high,
        low_parts=value.low_parts,
        high_parts=value.high_parts,
        unit=value.unit,  # type: ignore[arg-type]
        target=value.target,
        target_min=value.target_min,
        target_max=value.target_max,
    )


def build_trend(trend: Trend | None, inp: Inputs) -> dict[str, Any] | None:
    """The section's data (one row per indicator, one column per period), or None."""
    if trend is None or not trend.points:
        return None
    periods = [
        {"period": p.period, "end": p.end.isoformat(), "commit": (p.commit or "")[:10]}
        for p in trend.points
    ]
    rows = []
    for row in trend.rows:
        cells: list[dict[str, Any]] = []
        for point in trend.points:
            value = point.values.get(row.indicator_id)
            if value is None:
                cells.append({"status": None, "value": None, "low": None, "text": inp.t["none"]})
                continue
            wording = value_text(_result(value, point, trend.scope), inp.lang)
            cells.append(
                {"status": value.status, "value": value.value, "low": value.low, "text": wording}
            )
        rows.append({"id": row.indicator_id, "label": row.label(inp.lang), "cells": cells})
    return {"periods": periods, "rows": rows, "chart": _chart(trend, inp)}


def _chart(trend: Trend, inp: Inputs) -> dict[str, Any] | None:
    """Lines for the rate indicators that have a value somewhere (at most MAX_LINES)."""
    series: list[tuple[str, list[charts.Point]]] = []
    for row in trend.rows:
        values: list[charts.Point] = []
        for point in trend.points:
            value = point.values.get(row.indicator_id)
            if value is None or value.unit != "rate" or value.low is None:
                values.append(None)
            elif value.high is not None and value.high != value.low:
                values.append((value.low, value.high))  # a range: drawn as a band
            else:
                values.append(value.low)
        if any(v is not None for v in values):
            series.append((f"{row.indicator_id} {row.label(inp.lang)}", values))
    if not series or len(trend.points) < 2:
        return None
    return charts.line_chart([p.period for p in trend.points], series[:MAX_LINES])
