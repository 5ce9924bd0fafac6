"""How a figure reads to a person: labels, values, targets, pace.

Plain text only (no colour, no markup), and only characters a GBK console can
show, so every view (the `status` table, reports, CI logs) can use them.
"""

from __future__ import annotations

from jgsw_std.i18n import word
from jgsw_std.metrics.base import MetricResult
from jgsw_std.model.indicators import Indicator

_CLIP = 26


def indicator_label(indicator: Indicator, lang: str) -> str:
    """A short name: the metric's, or for a milestone the plan's own (clipped) words."""
    if indicator.metric != "milestone":
        return word(f"metric.{indicator.metric}", lang)
    text = (indicator.text_en or indicator.text) if lang == "en" else indicator.text
    text = text.rstrip("。.")
    limit = _CLIP * 2 if lang == "en" else _CLIP
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _count(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _rate(value: float) -> str:
    percent = value * 100
    return f"{percent:.0f}%" if abs(percent - round(percent)) < 1e-9 else f"{percent:.1f}%"


def value_text(result: MetricResult, lang: str) -> str:
    """``71.4% (30/42)``, ``7,232``, ``已完成``; ``-`` when there is no value."""
    if result.value is None:
        return "-"  # the status column says "no data"
    if result.unit == "done":
        return word("view.done" if result.value >= 1 else "view.not-done", lang)
    if result.unit == "count":
        return _count(result.value)
    text = _rate(result.value)
    if result.numerator is not None and result.denominator is not None:
        text += f" ({result.numerator:.0f}/{result.denominator:.0f})"
    return text


def target_text(result: MetricResult, lang: str) -> str:
    """``≥90%``, ``≥5``, ``1-2``, ``完成`` (a milestone)."""
    if result.unit == "done":
        return word("view.target-done", lang)
    show = _rate if result.unit == "rate" else _count
    if result.target is not None:
        return f"≥{show(result.target)}"
    low, high = result.target_min, result.target_max
    if low is not None and high is not None:
        return f"{show(low)}-{show(high)}"
    if low is not None:
        return f"≥{show(low)}"
    if high is not None:
        return f"≤{show(high)}"
    return "-"


def expected_text(result: MetricResult, lang: str) -> str:
    """``按进度应达 67.6%`` when a cumulative pace set an expected value, else empty."""
    expected = result.extra.get("expected")
    if expected is None:
        return ""
    show = _rate(expected) if result.unit == "rate" else f"{expected:,.1f}"
    return f"{word('view.expected', lang)} {show}"


def figure_lines(result: MetricResult, lang: str) -> list[str]:
    """One line per second figure: ``年度总结报送 76.2% (160/210) 未达标``."""
    return [
        f"{word(f'figure.{key}', lang)} {value_text(fig, lang)} {word(f'ind.{fig.status}', lang)}"
        for key, fig in result.figures.items()
    ]
