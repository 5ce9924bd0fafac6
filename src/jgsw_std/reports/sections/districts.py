"""Regions and districts: one row per unit, grouped by 一区两群.

Each figure in a row is the unit's own indicator result, computed by the
metrics for ``scope="district:<slug>"`` exactly as `jgsw status --scope
district:<slug>` computes it; only the plain facts no indicator counts (the
date a framework was built) are read from the record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from jgsw_std.load.warehouse import DistrictRecord
from jgsw_std.metrics.base import MetricResult
from jgsw_std.metrics.scope import Scope
from jgsw_std.model.indicators import IndicatorSet
from jgsw_std.reports import charts
from jgsw_std.reports.format import compact, fraction, number
from jgsw_std.reports.sections.base import Inputs

#: The district columns and the metric that fills each.
COLUMN_METRICS: dict[str, str] = {
    "mechanism": "mechanism",
    "meetings": "annual_meetings",
    "trainings": "annual_training",
    "attendance": "training_attendance",
    "municipal_pilots": "municipal_pilots",
    "national_pilots": "national_pilots",
    "demo_sites": "demo_sites",
    "articles": "articles",
}
#: indicator 3's second figure: summaries sent up (MetricResult.figures key)
SUMMARIES_FIGURE = "summaries"

#: ``metrics.registry.compute_all``, passed in so the section stays a pure function.
Compute = Callable[..., list[MetricResult]]


def unit_indicators(indicators: IndicatorSet) -> IndicatorSet:
    """The plan's indicators that a single unit's row shows, picked by metric name."""
    wanted = set(COLUMN_METRICS.values())
    return IndicatorSet(
        plan=indicators.plan, indicators=[i for i in indicators.indicators if i.metric in wanted]
    )


def _cell(result: MetricResult | None, inp: Inputs) -> dict[str, Any]:
    """A unit's figure: a fraction for unit-year rates, a number for counts."""
    if result is None:
        return {"text": inp.t["none"], "status": None, "sort": None, "why": ""}
    base = {
        "status": result.status,
        "why": result.why(inp.lang),
        "sort": result.low,
        "high": result.high,
        "is_range": result.is_range,
    }
    if result.low is None or result.status == "no-data":
        return {**base, "text": inp.t["ind.no-data"], "sort": None}
    if result.unit == "rate":
        return {**base, "text": fraction(result) or number(result.low)}
    if result.unit == "done":
        return {**base, "text": inp.t["done"] if result.low >= 1 else inp.t["not_done"]}
    return {**base, "text": compact(result)}


def _high(cell: dict[str, Any]) -> float | None:
    """A cell's high end for the chart's whisker: its low when it is one value."""
    if not cell.get("is_range"):
        return float(cell["sort"] or 0)
    high = cell.get("high")
    return None if high is None else float(high)


def _mechanism(result: MetricResult | None, inp: Inputs) -> dict[str, Any]:
    """Indicator 1 for one unit: complete, or the reason it is not (the metric's own note)."""
    if result is None:
        return {"text": inp.t["none"], "status": None, "sort": None, "why": ""}
    if result.value is None or result.status == "no-data":
        return {
            "text": inp.t["ind.no-data"],
            "status": result.status,
            "sort": None,
            "why": result.why(inp.lang),
        }
    complete = result.value >= 1
    notes = [ref.why(inp.lang) for ref in result.counted_against if ref.why(inp.lang)]
    text = inp.t["mechanism_complete"] if complete else (notes[0] if notes else inp.t["no"])
    return {
        "text": text,
        "status": result.status,
        "sort": result.value,
        "why": result.why(inp.lang),
    }


def _row(rec: DistrictRecord, results: list[MetricResult], inp: Inputs) -> dict[str, Any]:
    by_metric = {r.metric: r for r in results}
    cells = {
        col: _cell(by_metric.get(metric), inp)
        for col, metric in COLUMN_METRICS.items()
        if col != "mechanism"
    }
    meetings = by_metric.get("annual_meetings")
    summaries = meetings.figures.get(SUMMARIES_FIGURE) if meetings else None
    built = rec.model.framework_built
    built_text = built.isoformat() if built and built <= inp.as_of else inp.t["not_built"]
    return {
        "slug": rec.slug,
        "name": inp.unit_names.get(rec.slug, rec.slug),
        "kind": rec.model.kind,
        "mechanism": _mechanism(by_metric.get("mechanism"), inp),
        "framework_built": built_text,
        "framework_ok": bool(built and built <= inp.as_of),
        "summaries": _cell(summaries, inp),
        **cells,
    }


def _group_key(rec: DistrictRecord, grouping: dt.date | None) -> str:
    """The unit's place in 一区两群 on the scope's grouping date (DOMAIN.md, "Regrouping")."""
    if rec.model.kind == "city":
        return "city"
    region, subregion = rec.model.grouping_at(grouping)
    if region == "main-urban" and subregion:
        return f"subregion.{subregion}"
    if region:
        return f"region.{region}"
    return "none"


GROUP_ORDER = (
    "city",
    "subregion.central",
    "subregion.new",
    "region.main-urban",
    "region.northeast",
    "region.southeast",
    "none",
)


def _group_label(key: str, inp: Inputs) -> str:
    if key == "city":
        return inp.t["region.city"]
    if key == "none":
        return inp.t["region.none"]
    if key.startswith("subregion."):
        return f"{inp.t['region.main-urban']} · {inp.t[key]}"
    return inp.t[key]


def build_districts(
    units: list[DistrictRecord], indicators: IndicatorSet | None, compute: Compute, inp: Inputs
) -> dict[str, Any]:
    subset = unit_indicators(indicators) if indicators is not None else None
    rows_by_group: dict[str, list[dict[str, Any]]] = {}
    for rec in units:
        where = Scope("district", rec.slug, inp.scope.grouping)
        results = compute(inp.at, subset, where) if subset else []
        rows_by_group.setdefault(_group_key(rec, inp.scope.grouping), []).append(
            _row(rec, results, inp)
        )
    groups: list[dict[str, Any]] = [
        {"key": key, "label": _group_label(key, inp), "rows": rows_by_group[key]}
        for key in GROUP_ORDER
        if key in rows_by_group
    ]
    chart_rows: list[tuple[str, float, str, str, float | None]] = [
        (
            row["name"],
            float(row["attendance"]["sort"] or 0),
            row["attendance"]["text"],
            group["key"].split(".")[-1],
            _high(row["attendance"]),
        )
        for group in groups
        for row in group["rows"]
    ]
    return {
        "groups": groups,
        "count": sum(len(g["rows"]) for g in groups),
        # English unit names ("Wansheng Economic Development Zone") need a wider label column.
        "chart": charts.hbars(chart_rows, label_w=240 if inp.lang == "en" else 150)
        if chart_rows and subset
        else None,
    }
