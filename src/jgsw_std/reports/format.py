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
    """``4/5`` for a rate with its parts, ``3–4/5`` for a range, else empty."""
    lo, hi = result.low_parts, result.high_parts
    if result.is_range and lo is not None and hi is not None:
        if lo[1] == hi[1]:
            return f"{lo[0]}–{hi[0]}/{lo[1]}"
        return f"{lo[0]}/{lo[1]}–{hi[0]}/{hi[1]}"
    if result.numerator is None or result.denominator is None:
        return ""
    return f"{number(result.numerator)}/{number(result.denominator)}"


def compact(result: MetricResult) -> str:
    """A count or a range in few characters: ``12``, ``12–15``, ``≥12``."""
    if result.low is None:
        return ""
    if result.high is None:
        return f"≥{number(result.low)}"
    if not result.is_range:
        return number(result.low)
    return f"{number(result.low)}–{number(result.high)}"


def progress(result: MetricResult) -> float | None:
    """How far the value is toward its target, 0-1, for a progress bar; None without one.

    A bar needs a goal to measure against; a figure with no data gets no bar
    rather than an empty one that reads as zero.
    """
    band = progress_band(result)
    return None if band is None else band[0]


def progress_band(result: MetricResult) -> tuple[float, float] | None:
    """How far the range reaches toward the target, 0-1 at each end (equal for one
    value, 1 for an unbounded high end); None without a goal or without data."""
    low = result.low if result.low is not None else result.value
    if low is None or result.status == "no-data":
        return None
    high = result.high if result.low is not None else result.value
    if result.unit == "done":
        done = 1.0 if low >= 1 else 0.0
        return done, done
    goal = result.target if result.target is not None else result.target_min
    if goal is None or goal <= 0:
        return None

    def share(value: float | None) -> float:
        return 1.0 if value is None else max(0.0, min(1.0, value / goal))

    return share(low), share(high)
