"""Pieces every metric family shares: record references, the plan window, unit-years."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from jgsw_std.lifecycle.state import last_full_year
from jgsw_std.metrics.base import MetricResult, RecordRef, Unit
from jgsw_std.metrics.judge import set_target
from jgsw_std.metrics.scope import Scope

if TYPE_CHECKING:
    from jgsw_std.load.warehouse import DistrictRecord, StandardRecord
    from jgsw_std.model.indicators import Indicator, IndicatorSet


def standard_ref(rec: StandardRecord, zh: str, en: str) -> RecordRef:
    return RecordRef("standard", rec.code, rec.model.title, rec.path, zh, en)


def unit_ref(rec: DistrictRecord, zh: str, en: str) -> RecordRef:
    return RecordRef("district", rec.slug, rec.model.name, rec.path, zh, en)


def unit_year_ref(rec: DistrictRecord, year: int, zh: str, en: str) -> RecordRef:
    return RecordRef(
        "unit-year", f"{rec.slug}:{year}", f"{rec.model.name} {year}", rec.path, zh, en
    )


def new_result(
    indicator: Indicator, as_of: dt.date, scope: Scope, unit: Unit, metric: str | None = None
) -> MetricResult:
    """An empty result (no data until a value is set) carrying the indicator's target."""
    result = MetricResult(
        indicator_id=indicator.id,
        metric=metric or indicator.metric,
        as_of=as_of,
        scope=scope.key,
        status="no-data",
        unit=unit,
    )
    set_target(result, indicator)
    return result


def set_rate(result: MetricResult, numerator: int, denominator: int) -> None:
    """A rate with its parts; an empty denominator leaves the value unset (no data)."""
    if denominator > 0:
        result.numerator, result.denominator = float(numerator), float(denominator)
        result.value = numerator / denominator


def set_rate_of_records(result: MetricResult) -> tuple[int, int]:
    """The rate of the standards counted for among all counted; returns (for, all)."""
    done = len(result.counted_for)
    total = done + len(result.counted_against)
    set_rate(result, done, total)
    return done, total


def plan_window(
    iset: IndicatorSet, indicator: Indicator, as_of: dt.date
) -> tuple[dt.date, dt.date]:
    """Records dated in [plan start, min(D, deadline)] count for 7, 19 and 20.

    Records after the deadline belong to the next plan, so a later D does not add them.
    """
    return iset.plan.start, min(as_of, iset.deadline(indicator))


def unit_years(iset: IndicatorSet, indicator: Indicator, as_of: dt.date) -> range:
    """Years from the plan's start year to the last full year (clipped to the deadline's)."""
    last = min(last_full_year(as_of), iset.deadline(indicator).year)
    return range(iset.plan.start.year, last + 1)


def percent(value: float) -> str:
    return f"{value * 100:.1f}%"


def why(result: MetricResult, zh: str, en: str) -> MetricResult:
    result.why_zh, result.why_en = zh, en
    return result
