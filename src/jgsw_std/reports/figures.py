"""How a figure reads to a person: labels, values, targets, pace.

Plain text only (no colour, no markup), and only characters a GBK console can
show, so every view (the `status` table, reports, CI logs) can use them.
"""

from __future__ import annotations

from collections.abc import Callable

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


def _show(result: MetricResult) -> Callable[[float], str]:
    return _rate if result.unit == "rate" else _count


def _parts(result: MetricResult) -> str:
    """`` (2/18)`` or `` (2–3/18)``: a rate's parts, when it has them."""
    lo, hi = result.low_parts, result.high_parts
    if result.unit != "rate" or lo is None or hi is None:
        return ""
    if lo == hi:
        return f" ({lo[0]}/{lo[1]})"
    if lo[1] == hi[1]:
        return f" ({lo[0]}–{hi[0]}/{lo[1]})"
    return f" ({lo[0]}/{lo[1]}–{hi[0]}/{hi[1]})"


def _span(result: MetricResult, low: float, high: float | None) -> str:
    show = _show(result)
    if high is None:
        return f"≥{show(low)}"
    if high == low:  # equal fractions divide to the same float
        return show(low)
    return f"{show(low)}–{show(high)}"


def value_text(result: MetricResult, lang: str) -> str:
    """``71.4% (30/42)``, ``7,232``, ``已完成``; a range ``11.1%–16.7% (2–3/18)``,
    ``≥7,232`` without an upper bound; ``-`` when there is no value."""
    if result.unit == "done" and result.value is not None:
        return word("view.done" if result.value >= 1 else "view.not-done", lang)
    low, high = result.low, result.high
    if low is None:
        if result.value is None:
            return "-"  # the status column says "no data"
        low = high = result.value
    text = _span(result, low, high) + _parts(result)
    if not _parts(result) and result.numerator is not None and result.denominator is not None:
        text += f" ({result.numerator:.0f}/{result.denominator:.0f})"
    if result.maybe_empty:
        text += " (or no data)" if lang == "en" else "（或无数据）"
    return text


def verdict_text(result: MetricResult, lang: str) -> str:
    """The status with the end of the range that decides it: ``未达标（至多 16.7%）``,
    ``已达标（至少 92%）``, ``待核实（11.1%–16.7%）``; the plain word for one value."""
    label = word(f"ind.{result.status}", lang)
    if not result.is_range or result.low is None:
        return label
    show = _show(result)
    lo, hi = result.low, result.high
    if result.status in ("met", "on-track"):
        bound = f"{word('view.at-least', lang)} {show(lo)}"
    elif result.status in ("not-met", "behind") and hi is not None:
        bound = f"{word('view.at-most', lang)} {show(hi)}"
    else:
        bound = _span(result, lo, hi)
        if hi is None:
            bound = f"{word('view.at-least', lang)} {show(lo)}"
        if result.maybe_empty:
            bound += ", or nothing to count" if lang == "en" else "，或无可计入的记录"
    return f"{label} ({bound})" if lang == "en" else f"{label}（{bound}）"


#: How many missing values a one-line note names before "and N more".
SETTLE_SHOWN = 3


def settle_text(result: MetricResult, lang: str) -> str:
    """What would settle an unsettled figure, most decisive first:
    ``补上 DB50/T 1016-2020 的实施日期即可判定``; empty when nothing is open."""
    if not result.settle or result.status != "unsettled":
        return ""
    first = result.settle[0]
    if first.alone:
        what = first.fact.text(lang)
        return f"record {what} to settle it" if lang == "en" else f"补上 {what}即可判定"
    shown = [s.fact.text(lang) for s in result.settle[:SETTLE_SHOWN]]
    more = len(result.settle) - len(shown)
    if lang == "en":
        tail = f" and {more} more" if more else ""
        return "to settle it, record (most decisive first): " + "; ".join(shown) + tail
    tail = f" 等 {len(result.settle)} 项" if more else ""
    return "待补（影响最大的在前）：" + "、".join(shown) + tail


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
        f"{word(f'figure.{key}', lang)} {value_text(fig, lang)} {verdict_text(fig, lang)}"
        for key, fig in result.figures.items()
    ]


def range_lines(result: MetricResult, lang: str) -> list[str]:
    """For a range: the deciding end (``未达标（至多 16.7%）``) and what would settle it."""
    if not result.is_range or result.low is None:
        return []
    return [line for line in (verdict_text(result, lang), settle_text(result, lang)) if line]
