"""Trend of the indicators over time: one row per period end, one column per indicator.

The points are what history's trend computes (the indicator results read from
the commit current at each period's end); this module only lays them out and
draws the rates as lines. Without history there are no points and the
section is left out of the report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from jgsw_std.metrics.base import MetricResult
from jgsw_std.metrics.view import indicator_label, value_text
from jgsw_std.model.indicators import IndicatorSet
from jgsw_std.reports import charts
from jgsw_std.reports.sections.base import Inputs

#: Lines on one chart stay readable up to about this many.
MAX_LINES = 6


@dataclass
class TrendPoint:
    """The indicators at one period end, as recorded by one commit."""

    period: str  # "2023", "2023-Q4", "2023-12"
    commit: str | None
    results: list[MetricResult] = field(default_factory=list)


def build_trend(
    points: Sequence[TrendPoint], indicators: IndicatorSet, inp: Inputs
) -> dict[str, Any] | None:
    """The section's data, or None when there is no history to show."""
    if not points:
        return None
    ids = [i.id for i in indicators.indicators]
    columns = []
    for indicator in indicators.indicators:
        columns.append(
            {
                "id": indicator.id,
                "label": f"{indicator.id}",
                "text": indicator_label(indicator, inp.lang),
            }
        )
    rows = []
    for point in points:
        by_id = {r.indicator_id: r for r in point.results}
        cells = []
        for ident in ids:
            result = by_id.get(ident)
            cells.append(
                {
                    "status": result.status if result else None,
                    "value": result.value if result else None,
                    "text": value_text(result, inp.lang) if result else inp.t["none"],
                }
            )
        rows.append({"period": point.period, "commit": (point.commit or "")[:10], "cells": cells})
    return {"columns": columns, "rows": rows, "chart": _chart(points, indicators, inp)}


def _chart(
    points: Sequence[TrendPoint], indicators: IndicatorSet, inp: Inputs
) -> dict[str, Any] | None:
    """Lines for the rate indicators that have a value at some point (at most MAX_LINES)."""
    series: list[tuple[str, list[float | None]]] = []
    for indicator in indicators.indicators:
        values: list[float | None] = []
        rate = False
        for point in points:
            result = next((r for r in point.results if r.indicator_id == indicator.id), None)
            if result is not None and result.unit == "rate":
                rate = True
            values.append(result.value if result is not None and result.unit == "rate" else None)
        if rate and any(v is not None for v in values):
            series.append((f"{indicator.id} {indicator_label(indicator, inp.lang)}", values))
    if not series or len(points) < 2:
        return None
    return charts.line_chart([p.period for p in points], series[:MAX_LINES])
