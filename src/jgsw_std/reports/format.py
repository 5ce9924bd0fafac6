"""Small pieces of wording a report needs beyond what metrics.view provides.

Headline values and targets read exactly as `jgsw status` prints them
(:mod:`jgsw_std.reports.figures`); this module adds only the compact forms the
district table uses and the share of a target a progress bar fills. No figure
is computed here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jgsw_std.metrics.base import MetricResult


def number(value: float) -> str:
    """An integer without decimals, anything else with at most two."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def fraction(result: MetricResult) -> str:
    """``4/5`` for a rate with its parts, else empty."""
    if result.numerator is None or result.denominator is None:
        return ""
    return f"{number(result.numerator)}/{number(result.denominator)}"


def progress(result: MetricResult) -> float | None:
    """How far the value is toward its target, 0-1, for a progress bar; None without one.

    A bar needs a goal to measure against; a figure with no data gets no bar
    rather than an empty one that reads as zero.
    """
    if result.value is None or result.status == "no-data":
        return None
    if result.unit == "done":
        return 1.0 if result.value >= 1 else 0.0
    goal = result.target if result.target is not None else result.target_min
    if goal is None or goal <= 0:
        return None
    return max(0.0, min(1.0, result.value / goal))
