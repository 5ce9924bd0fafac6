"""Metric name -> function, and the one entry point every view uses.

`status`, reports, `trend` and `diff` call :func:`compute_all` (or
:func:`compute_one`) and never recompute a figure themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jgsw_std.errors import DataError, UsageError
from jgsw_std.metrics import counts, duties, milestones, standards, supply, units
from jgsw_std.metrics.base import MetricResult
from jgsw_std.metrics.judge import MetricFn
from jgsw_std.metrics.scope import Scope, parse_scope

if TYPE_CHECKING:
    from jgsw_std.lifecycle.asof import AsOf
    from jgsw_std.load.warehouse import Warehouse
    from jgsw_std.model.indicators import Indicator, IndicatorSet

#: Every metric name of the data contract (model.indicators.MetricName).
REGISTRY: dict[str, MetricFn] = {
    "mechanism": units.mechanism,
    "milestone": milestones.milestone,
    "annual_meetings": units.annual_meetings,
    "coverage": standards.coverage,
    "completion": standards.completion,
    "new_local_per_main_area": supply.new_local_per_main_area,
    "evaluation_per_main_area": supply.evaluation_per_main_area,
    "group_per_collab_group": supply.group_per_collab_group,
    "usage_records": duties.usage_records,
    "municipal_pilots": counts.municipal_pilots,
    "national_pilots": counts.national_pilots,
    "demo_sites": counts.demo_sites,
    "annual_training": units.annual_training,
    "evaluation_rate": duties.evaluation_rate,
    "review_rate": duties.review_rate,
    "articles": counts.articles,
    "training_attendance": counts.training_attendance,
}


def indicators_of(wh: Warehouse, indicator_set: IndicatorSet | None) -> IndicatorSet:
    """The plan to judge against: the one given, else the warehouse's indicators.yaml."""
    if indicator_set is not None:
        return indicator_set
    if wh.indicators is None:
        raise DataError(
            "no_indicators",
            zh="标准仓没有可用的 data/indicators.yaml，无法统计指标。",
            en="The warehouse has no usable data/indicators.yaml; nothing to compute.",
            hint_zh="运行 jgsw check 查看该文件的问题，或用 --indicators 指定指标文件。",
            hint_en="Run jgsw check to see what is wrong with it, or pass --indicators.",
        )
    return wh.indicators


def compute_one(
    at: AsOf,
    indicator_set: IndicatorSet | None,
    indicator: Indicator | int,
    scope: str | Scope = "city",
) -> MetricResult:
    """One indicator's figure, status and records on ``at``'s date for ``scope``."""
    iset = indicators_of(at.wh, indicator_set)
    if isinstance(indicator, int):
        found = iset.by_id(indicator)
        if found is None:
            ids = ", ".join(str(i.id) for i in iset.indicators)
            raise UsageError(
                "bad_indicator",
                zh=f"指标 {indicator} 不在 {iset.plan.name} 中（可选：{ids}）。",
                en=f"Indicator {indicator} is not in {iset.plan.name} (choose from {ids}).",
            )
        indicator = found
    return REGISTRY[indicator.metric](
        at, iset, indicator, _grouped(parse_scope(scope, at.wh), iset)
    )


def compute_all(
    at: AsOf, indicator_set: IndicatorSet | None, scope: str | Scope = "city"
) -> list[MetricResult]:
    """Every indicator of the plan, in the plan's order, on ``at``'s date for ``scope``."""
    iset = indicators_of(at.wh, indicator_set)
    where = _grouped(parse_scope(scope, at.wh), iset)
    return [REGISTRY[ind.metric](at, iset, ind, where) for ind in iset.indicators]


def _grouped(scope: Scope, iset: IndicatorSet) -> Scope:
    """The scope read with the plan's grouping date unless one was asked for."""
    return scope if scope.grouping is not None else scope.on_grouping(iset.plan.grouping_day)
