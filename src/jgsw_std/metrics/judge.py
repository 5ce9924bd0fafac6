"""Status of a figure: met, not met, on track, behind, no data.

A metric module computes the raw figure for one date (value, numerator,
denominator, the records behind it); :func:`judged` turns that function into
the public metric, which also says whether the figure meets its target.

How the straight-line pace applies (before the indicator's deadline):

- ``cumulative`` figures grow as work gets done (counts, coverage, the share of
  units with a mechanism, the share of standards evaluated). The expected value
  on D runs in a straight line from the figure the day before the plan started
  to the target on the deadline; at or above it is *on track*, below is *behind*.
- ``standing`` figures are duties each year or each standard must meet as it
  goes (a meeting every year, a review every 5 years, the plan's standards
  published in their year). Nothing is "early" about them: below the target is
  *behind* before the deadline and *not met* after it.
- ``milestone`` figures are done or not: not done before the deadline is *on
  track* (it can still be done in time), not done after it is *not met*.

A figure that meets its target is *met* even before the deadline. A figure with
no value is *no data*, whatever the date.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from jgsw_std.metrics.base import MetricResult, Status
from jgsw_std.metrics.scope import Scope, parse_scope
from jgsw_std.model.indicators import Range

if TYPE_CHECKING:
    from jgsw_std.lifecycle.asof import AsOf
    from jgsw_std.model.indicators import Indicator, IndicatorSet

Pace = Literal["cumulative", "standing", "milestone"]
FigureFn = Callable[["AsOf", "IndicatorSet", "Indicator", Scope], MetricResult]
MetricFn = Callable[["AsOf", "IndicatorSet", "Indicator", "str | Scope"], MetricResult]

#: worse is later; a figure without data never makes the indicator look better
_RANK: dict[Status, int] = {"met": 0, "on-track": 1, "behind": 2, "not-met": 3}
_EPS = 1e-9


def set_target(result: MetricResult, indicator: Indicator) -> None:
    """Copy the indicator's target onto the result (a number, or min and max)."""
    target = indicator.target
    if isinstance(target, Range):
        result.target_min, result.target_max = target.min, target.max
    elif target is not None:
        result.target = float(target)
    elif result.unit == "done":
        result.target = 1.0


def meets(result: MetricResult) -> bool:
    """The value reaches the target: ``>= target``, or within ``[min, max]``."""
    value = result.value
    if value is None:
        return False
    if result.target is not None and value < result.target - _EPS:
        return False
    if result.target_min is not None and value < result.target_min - _EPS:
        return False
    return not (result.target_max is not None and value > result.target_max + _EPS)


def _goal(result: MetricResult) -> float:
    """The level the pace line runs to: the target, or the lower end of a range."""
    if result.target is not None:
        return result.target
    return result.target_min if result.target_min is not None else 0.0


def plan_fraction(iset: IndicatorSet, deadline: dt.date, as_of: dt.date) -> float:
    """How far D is along the plan, 0 at the start and 1 at the deadline."""
    span = (deadline - iset.plan.start).days
    if span <= 0:
        return 1.0
    return min(1.0, max(0.0, (as_of - iset.plan.start).days / span))


def judge(
    result: MetricResult,
    iset: IndicatorSet,
    indicator: Indicator,
    pace: Pace,
    baseline: MetricResult | None,
) -> None:
    """Set ``result.status`` (and ``extra["expected"]`` for a cumulative pace)."""
    if result.value is None:
        result.status = "no-data"
        return
    deadline = iset.deadline(indicator)
    ok = meets(result)
    if ok:
        result.status = "met"
    elif result.as_of >= deadline:
        result.status = "not-met"
    elif pace == "milestone":
        result.status = "on-track"
    elif pace == "standing":
        result.status = "behind"
    else:
        start = baseline.value if baseline is not None and baseline.value is not None else 0.0
        goal = _goal(result)
        expected = start + (goal - start) * plan_fraction(iset, deadline, result.as_of)
        result.extra["expected"] = expected
        result.status = "on-track" if result.value >= expected - _EPS else "behind"
    # An unknown group could still pull a minimum down: never claim success on it.
    # No data means no value, so the known part moves to extra for those who ask.
    if result.extra.get("incomplete") and result.status in ("met", "on-track"):
        result.status = "no-data"
        result.extra["known_value"], result.value = result.value, None
        result.extra.pop("expected", None)


def _combine(result: MetricResult) -> None:
    """The indicator takes the worse status of its headline and its second figures.

    A second figure with no records cannot be counted as met: the indicator is
    then "no data" too, its headline kept aside as for incomplete minimums.
    """
    for figure in result.figures.values():
        if result.status == "no-data":
            return
        if figure.status == "no-data":
            if result.status in ("met", "on-track"):
                result.status = "no-data"
                result.extra["known_value"], result.value = result.value, None
                result.extra.pop("expected", None)
            continue
        if _RANK[figure.status] > _RANK[result.status]:
            result.status = figure.status


def _pace_of(name: str, paces: dict[str, Pace], default: Pace) -> Pace:
    return paces.get(name, default)


def judged(
    pace: Pace, figure_paces: dict[str, Pace] | None = None
) -> Callable[[FigureFn], MetricFn]:
    """Make a raw figure function into a public metric that also judges its status.

    The figure for the day before the plan started is the baseline of a
    cumulative pace; it is computed only when the status depends on it.
    """
    paces = figure_paces or {}

    def wrap(figure: FigureFn) -> MetricFn:
        @functools.wraps(figure)
        def metric(
            at: AsOf,
            iset: IndicatorSet,
            indicator: Indicator,
            scope: str | Scope = "city",
        ) -> MetricResult:
            where = parse_scope(scope, at.wh)
            result = figure(at, iset, indicator, where)
            baseline: MetricResult | None = None
            needs_base = pace == "cumulative" or any(p == "cumulative" for p in paces.values())
            if needs_base and at.date < iset.deadline(indicator):
                day_before = iset.plan.start - dt.timedelta(days=1)
                baseline = figure(at.on(min(day_before, at.date)), iset, indicator, where)
            judge(result, iset, indicator, pace, baseline)
            for key, sub in result.breakdown.items():
                base_sub = baseline.breakdown.get(key) if baseline else None
                judge(sub, iset, indicator, pace, base_sub)
            for key, fig in result.figures.items():
                base_fig = baseline.figures.get(key) if baseline else None
                judge(fig, iset, indicator, _pace_of(key, paces, pace), base_fig)
            _combine(result)
            return result

        return metric

    return wrap
