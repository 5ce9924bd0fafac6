"""Pieces every metric family shares: record references, the plan window, unit-years."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from jgsw_std.lifecycle import period
from jgsw_std.lifecycle.known import (
    Bounds,
    Combine,
    Entry,
    Measure,
    Outcome,
    first_or_none,
    tally,
)
from jgsw_std.lifecycle.state import last_full_year
from jgsw_std.metrics.base import Basis, MetricResult, RecordRef, Unit
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


def set_bounds(result: MetricResult, bounds: Bounds | None) -> None:
    """The figure's range; one value (with a rate's parts) when both ends meet."""
    if bounds is None:
        return
    result.low, result.high = bounds.low, bounds.high
    result.low_parts, result.high_parts = bounds.low_parts, bounds.high_parts
    result.maybe_empty = bounds.maybe_empty
    if bounds.exact:
        result.value = bounds.low
        # the parts only when the records fix them too (0/3 and 0/7 are both 0%)
        if bounds.low_parts is not None and bounds.low_parts == bounds.high_parts:
            result.numerator, result.denominator = map(float, bounds.low_parts)


def file_refs(result: MetricResult, entries: list[Entry[RecordRef]]) -> None:
    """Certain entries go to counted for / against, open ones to unknown."""
    for entry in entries:
        if not entry.certain:
            result.unknown.append(entry.ref)
        elif entry.outcome == Outcome.FOR:
            result.counted_for.append(entry.ref)
        elif entry.outcome == Outcome.AGAINST:
            result.counted_against.append(entry.ref)


def count_entries(
    result: MetricResult,
    groups: dict[str, list[Entry[RecordRef]]],
    measure: Measure,
    combine: Combine = first_or_none,
    *,
    refs: bool = True,
) -> Bounds | None:
    """Set the figure from its entries: the range, the records lists and the basis."""
    result.basis = Basis(groups, measure, combine)
    if refs:
        for entries in groups.values():
            file_refs(result, entries)
    bounds = combine([tally(entries, measure).bounds() for entries in groups.values()])
    set_bounds(result, bounds)
    return bounds


def rate_of(result: MetricResult, entries: list[Entry[RecordRef]]) -> Bounds | None:
    """A rate over one list of entries (the common case)."""
    return count_entries(result, {"all": entries}, "rate")


def count_of(result: MetricResult, entries: list[Entry[RecordRef]]) -> Bounds:
    """A count over one list of entries; a count always has a value (0 when nothing counts)."""
    bounds = count_entries(result, {"all": entries}, "count")
    assert bounds is not None
    return bounds


def plan_window(
    iset: IndicatorSet, indicator: Indicator, as_of: dt.date, result: MetricResult | None = None
) -> tuple[dt.date, dt.date]:
    """Records dated in [plan start, min(D, deadline)] count for 7, 19 and 20.

    Records after the deadline belong to the next plan, so a later D does not
    add them. With ``result``, the window is noted on it (``extra["period"]``)
    for `--explain` and the JSON.
    """
    deadline = iset.deadline(indicator)
    start, end = period.window(iset.plan.start, deadline, as_of)
    if result is not None:
        note_period(result, start, end, as_of > deadline)
    return start, end


def unit_years(
    iset: IndicatorSet, indicator: Indicator, as_of: dt.date, result: MetricResult | None = None
) -> range:
    """Years from the plan's start year to the last full year (clipped to the deadline's)."""
    deadline = iset.deadline(indicator)
    years = period.year_span(iset.plan.start, deadline, as_of)
    if result is not None and years:
        clipped = last_full_year(as_of) > deadline.year
        note_period(result, dt.date(years[0], 1, 1), dt.date(years[-1], 12, 31), clipped)
    return years


def note_period(result: MetricResult, start: dt.date, end: dt.date, clipped: bool) -> None:
    """The plan period a figure counts (DOMAIN.md, "Plan period"), and whether D is past it."""
    result.extra["period"] = {"start": start, "end": end, "clipped": clipped}


def percent(value: float) -> str:
    return f"{value * 100:.1f}%"


def span(result: MetricResult, show: Callable[[float], str], lang: str = "zh") -> str:
    """The figure in a sentence: ``11.1%``, or ``11.1%–16.7%``, ``至少 12``."""
    low, high = result.low, result.high
    if low is None:
        return "—"
    if high is None:
        return f"at least {show(low)}" if lang == "en" else f"至少 {show(low)}"
    if high == low:  # equal fractions divide to the same float
        return show(low)
    return f"{show(low)}–{show(high)}"


def parts_span(result: MetricResult) -> str:
    """``2/18`` or ``2–3/18`` or ``2/18–3/19``: a rate's parts at each end."""
    lo, hi = result.low_parts, result.high_parts
    if lo is None or hi is None:
        return ""
    if lo == hi:
        return f"{lo[0]}/{lo[1]}"
    if lo[1] == hi[1]:
        return f"{lo[0]}–{hi[0]}/{lo[1]}"
    return f"{lo[0]}/{lo[1]}–{hi[0]}/{hi[1]}"


def why(result: MetricResult, zh: str, en: str) -> MetricResult:
    result.why_zh, result.why_en = zh, en
    return result
