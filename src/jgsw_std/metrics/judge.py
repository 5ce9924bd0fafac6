"""Status of a figure: met, not met, on track, behind, unsettled, no data.

A metric module computes the raw figure for one date (a range of values, the
records behind it); :func:`judged` turns that function into the public
metric, which also says whether the figure meets its target.

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

A figure with unknown dates is a range [low, high] (lifecycle/known.py). Its
status is decided when the whole range lies on one side of the line that
matters (the target, or before the deadline the pace); otherwise it is
*unsettled* (待核实) and :attr:`MetricResult.settle` lists the missing values
that would settle it, most decisive first. A figure with no records behind it
is *no data*, whatever the date.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from jgsw_std.lifecycle.known import Bounds, settlers
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
_RANK: dict[Status, int] = {"met": 0, "on-track": 1, "unsettled": 2, "behind": 3, "not-met": 4}
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


def reaches(result: MetricResult, value: float) -> bool:
    """One value reaches the result's target: ``>= target``, or within ``[min, max]``."""
    if result.target is not None and value < result.target - _EPS:
        return False
    if result.target_min is not None and value < result.target_min - _EPS:
        return False
    return not (result.target_max is not None and value > result.target_max + _EPS)


def meets(result: MetricResult) -> bool:
    """The whole figure reaches the target (a range: every value in it)."""
    if result.low is None and result.value is None:
        return False
    bounds = _bounds_of(result)
    return bounds is not None and _surely_meets(result, bounds)


def _bounds_of(result: MetricResult) -> Bounds | None:
    if result.low is not None:
        return Bounds(
            result.low, result.high, result.low_parts, result.high_parts, result.maybe_empty
        )
    return None if result.value is None else Bounds.point(result.value)


def _surely_meets(result: MetricResult, bounds: Bounds) -> bool:
    high = bounds.high
    if result.target_max is not None and (high is None or not reaches(result, high)):
        return False
    return reaches(result, bounds.low)


def _surely_short(result: MetricResult, bounds: Bounds) -> bool:
    """No value in the range reaches the target."""
    if result.target_max is not None and bounds.low > result.target_max + _EPS:
        return True
    return bounds.high is not None and not reaches(result, min(bounds.high, _cap(result)))


def _cap(result: MetricResult) -> float:
    """The highest value that can still be in a {min, max} target (inf without a max)."""
    return result.target_max if result.target_max is not None else float("inf")


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


def status_of(
    result: MetricResult,
    bounds: Bounds | None,
    pace: Pace,
    deadline: dt.date,
    expected: float | None,
) -> Status:
    """The status a range earns: decided when the whole range is on one side."""
    if bounds is None:
        return "no-data"
    if bounds.maybe_empty:
        return "unsettled"  # it may have no value at all: neither met nor not
    if _surely_meets(result, bounds):
        return "met"
    if result.as_of >= deadline:
        return "not-met" if _surely_short(result, bounds) else "unsettled"
    if pace == "milestone":
        return "on-track"
    if pace == "standing" or expected is None:
        return "behind" if _surely_short(result, bounds) else "unsettled"
    if bounds.low >= expected - _EPS:
        return "on-track"
    if bounds.high is not None and bounds.high < expected - _EPS:
        return "behind"
    return "unsettled"


def judge(
    result: MetricResult,
    iset: IndicatorSet,
    indicator: Indicator,
    pace: Pace,
    baseline: MetricResult | Callable[[], MetricResult | None] | None,
) -> None:
    """Set ``result.status``, ``extra["expected"]`` for a cumulative pace, and ``settle``.

    ``baseline`` is the figure on the day before the plan started, or a function
    that computes it: it is needed only for a cumulative pace before the deadline.
    """
    bounds = _bounds_of(result)
    deadline = iset.deadline(indicator)
    expected: float | None = None
    if bounds is not None and pace == "cumulative" and result.as_of < deadline:
        # the pre-plan figure's certain part: what the plan started from for sure
        found = baseline() if callable(baseline) else baseline
        base = _bounds_of(found) if found is not None else None
        start = base.low if base is not None else 0.0
        goal = _goal(result)
        expected = start + (goal - start) * plan_fraction(iset, deadline, result.as_of)
    result.status = status_of(result, bounds, pace, deadline, expected)
    if expected is not None and result.status != "met":
        result.extra["expected"] = expected
    basis = result.basis
    if basis is not None and result.status == "unsettled":

        def decided(candidate: Bounds | None) -> bool:
            return status_of(result, candidate, pace, deadline, expected) not in (
                "unsettled",
                "no-data",
            )

        result.settle = settlers(basis.groups, basis.measure, decided, basis.combine)


def _combine(result: MetricResult) -> None:
    """The indicator takes the worse status of its headline and its second figures.

    A second figure with no records keeps the headline's value, but the
    indicator cannot then be called met or on track on the headline alone: it
    is unsettled (docs/status.md, "Second figures").
    """
    for figure in result.figures.values():
        if result.status == "no-data":
            return
        if figure.status == "no-data":
            if result.status in ("met", "on-track"):
                result.status = "unsettled"
            continue
        result.status = max(result.status, figure.status, key=_RANK.__getitem__)


def _pace_of(name: str, paces: dict[str, Pace], default: Pace) -> Pace:
    return paces.get(name, default)


def judged(
    pace: Pace, figure_paces: dict[str, Pace] | None = None
) -> Callable[[FigureFn], MetricFn]:
    """Make a raw figure function into a public metric that also judges its status.

    The figure for the day before the plan started is the baseline of a
    cumulative pace; it is computed only when a status depends on it.
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
            found: list[MetricResult] = []

            def baseline() -> MetricResult:
                if not found:
                    day_before = iset.plan.start - dt.timedelta(days=1)
                    found.append(figure(at.on(min(day_before, at.date)), iset, indicator, where))
                return found[0]

            def part(kind: str, key: str) -> Callable[[], MetricResult | None]:
                def find() -> MetricResult | None:
                    parts = baseline().breakdown if kind == "breakdown" else baseline().figures
                    return parts.get(key)

                return find

            judge(result, iset, indicator, pace, baseline)
            for key, sub in result.breakdown.items():
                judge(sub, iset, indicator, pace, part("breakdown", key))
            for key, fig in result.figures.items():
                judge(fig, iset, indicator, _pace_of(key, paces, pace), part("figures", key))
            _combine(result)
            return result

        return metric

    return wrap
