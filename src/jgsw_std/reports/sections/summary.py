"""The indicators: how many are met, on track, behind, not met or without data, then each.

Every figure is a :class:`MetricResult` exactly as `jgsw status` computes it
for the same date and scope, worded by the same functions (metrics.view);
this module only orders them.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from jgsw_std.metrics.base import STATUSES, MetricResult
from jgsw_std.model.indicators import GROUPS, IndicatorSet
from jgsw_std.reports import charts
from jgsw_std.reports.figures import (
    expected_text,
    indicator_label,
    settle_text,
    target_text,
    value_text,
    verdict_text,
)
from jgsw_std.reports.format import fraction, progress_band
from jgsw_std.reports.sections.base import Inputs


def _figure(key: str, result: MetricResult, inp: Inputs) -> dict[str, Any]:
    """A second figure (e.g. summaries sent for indicator 3) with its own status."""
    return {
        "key": key,
        "label": inp.t.get(f"figure.{key}", key),
        "metric": result.metric,
        "status": result.status,
        "status_label": inp.t[f"ind.{result.status}"],
        "value": result.value,
        "low": result.low,
        "high": result.high,
        "is_range": result.is_range,
        "value_text": value_text(result, inp.lang),
        "verdict_text": verdict_text(result, inp.lang),
        "target_text": target_text(result, inp.lang),
        "why": result.why(inp.lang),
    }


def indicator_row(result: MetricResult, indicators: IndicatorSet, inp: Inputs) -> dict[str, Any]:
    indicator = indicators.by_id(result.indicator_id)
    text = name = ""
    if indicator is not None:
        text = (indicator.text_en or indicator.text) if inp.lang == "en" else indicator.text
        name = indicator_label(indicator, inp.lang)
    band = progress_band(result)
    return {
        "id": result.indicator_id,
        "metric": result.metric,
        "group": indicator.group if indicator else None,
        "name": name,
        "text": text,
        "status": result.status,
        "status_label": inp.t[f"ind.{result.status}"],
        "unit": result.unit,
        "value": result.value,
        # a range: every unknown counted against (low) and for (high); high None = unbounded
        "low": result.low,
        "high": result.high,
        "is_range": result.is_range,
        "numerator": result.numerator,
        "denominator": result.denominator,
        "fraction": fraction(result),
        "target": result.target,
        "target_min": result.target_min,
        "target_max": result.target_max,
        "value_text": value_text(result, inp.lang),
        "target_text": target_text(result, inp.lang),
        "expected_text": expected_text(result, inp.lang),
        "verdict_text": verdict_text(result, inp.lang),
        "settle_text": settle_text(result, inp.lang),
        "unknown": [
            {"key": r.key, "label": r.label, "note": r.why(inp.lang)} for r in result.unknown
        ],
        "why": result.why(inp.lang),
        "progress": None if band is None else band[0],
        "progress_pct": None if band is None else round(band[0] * 100, 1),
        # the part of the bar the unknowns may still fill (a band from low to high)
        "progress_band_pct": None
        if band is None or band[1] <= band[0]
        else round((band[1] - band[0]) * 100, 1),
        "figures": [_figure(k, f, inp) for k, f in result.figures.items()],
    }


def build_summary(
    results: list[MetricResult], indicators: IndicatorSet | None, inp: Inputs
) -> dict[str, Any]:
    if indicators is None:
        return {"available": False, "total": 0, "counts": [], "groups": [], "chart": None}
    tally = Counter(r.status for r in results)
    counts: list[dict[str, Any]] = [
        {"status": s, "label": inp.t[f"ind.{s}"], "count": tally.get(s, 0)} for s in STATUSES
    ]
    rows = [indicator_row(r, indicators, inp) for r in results]
    groups: list[dict[str, Any]] = []
    for group in GROUPS:
        members = sorted((r for r in rows if r["group"] == group), key=lambda r: r["id"])
        if members:
            groups.append({"code": group, "label": inp.t[f"group.{group}"], "rows": members})
    orphans = [r for r in rows if r["group"] not in GROUPS]
    if orphans:  # a result whose indicator the file no longer names: still shown
        groups.append({"code": None, "label": inp.t["none"], "rows": orphans})
    return {
        "available": True,
        "total": len(results),
        "total_text": inp.t["indicator_count"].format(total=len(results)),
        "counts": counts,
        "groups": groups,
        "chart": charts.status_bar([(c["status"], c["label"], c["count"]) for c in counts]),
    }
