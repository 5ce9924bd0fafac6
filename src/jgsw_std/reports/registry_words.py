"""The words of the registries' figures, for `status`, the report and the others.

How a feedback figure, a rate of answers in time or a median reads, and why a
registry has no figures, in Chinese and English: written once, so the report
and `jgsw status` say the same thing.
"""

from __future__ import annotations

from jgsw_std.i18n import pick, word
from jgsw_std.lifecycle.registries import FeedbackFigures
from jgsw_std.metrics.registries import FeedbackSummary, PoolFigures
from jgsw_std.metrics.registry_figure import in_time_range, in_time_rate


def pool_why(pool: PoolFigures, lang: str) -> str:
    """Why the pool has no figures; "" when it has."""
    if pool.kept:
        return ""
    return pick(
        lang,
        "标准仓中没有专家库文件 data/experts/",
        "no files under data/experts/",
    )


def feedback_why(fb: FeedbackSummary, as_of: str, lang: str) -> str:
    """Why the feedback has no figures; "" when it has."""
    if fb.has_data:
        return ""
    if not fb.kept:
        return pick(
            lang,
            "标准仓中没有信息反馈文件 data/feedback/",
            "no files under data/feedback/",
        )
    return pick(
        lang,
        f"截至 {as_of} 本范围没有收到反馈的记录",
        f"no feedback recorded as received in this scope by {as_of}",
    )


def rate_text(figures: FeedbackFigures, lang: str) -> str:
    """``94.7% (18/19)``; no data while no answer was due yet."""
    rate = in_time_rate(figures)
    if figures.in_time_unknown:
        # answers on record without their date: in time or not is open, so a range
        span = in_time_range(figures)
        if span is not None and span[0] != span[1]:
            (a, b), (c, d) = span
            high = f"{c / d * 100:.1f}% ({c}/{d})"
            if not b:  # perhaps no answer was due yet: no value, or the high end
                return pick(lang, f"无数据或 {high}", f"no data or {high}")
            return f"{a / b * 100:.1f}%–{c / d * 100:.1f}% ({a}/{b}–{c}/{d})"
    if rate is None:
        return word("ind.no-data", lang)
    done, due = rate
    return f"{done / due * 100:.1f}% ({done}/{due})"  # as the indicators show a rate


def days_text(days: float | None, lang: str, unit: bool = True) -> str:
    """``14``, ``12.5`` (with ``天``/``days``); no data for a median of no answers."""
    if days is None:
        return word("ind.no-data", lang)
    shown = f"{days:.0f}" if float(days).is_integer() else f"{days:.1f}"
    if not unit:
        return shown
    return pick(lang, f"{shown} 天", f"{shown} days")


def feedback_sentence(figures: FeedbackFigures, unanswered: int, lang: str) -> str:
    """The headline of the feedback figures, in one sentence."""
    rate = rate_text(figures, lang)
    median = days_text(figures.median_days, lang)
    gap = " " if figures.median_days is not None else ""
    answered = f"{figures.answered}"
    undated_zh = undated_en = ""
    if figures.answered_undated:
        # answers on record without their date: answered by then or not is not known
        n = figures.answered_undated
        answered = f"{figures.answered}-{figures.answered + n}"
        undated_zh = f"（其中 {n} 条答复未记答复日期 response.date，按时与否待定）"
        undated_en = f" ({n} answered on no recorded date: add response.date to settle)"
    return pick(
        lang,
        f"收到 {figures.received} 条，已答复 {answered} 条{undated_zh}，按时答复率 {rate}，"
        f"逾期未答复 {unanswered} 条，已闭环 {figures.closed} 条，未闭环 {figures.open} 条，"
        f"答复用时中位数{gap}{median}",
        f"{figures.received} received, {answered} answered{undated_en}, answered in time {rate}, "
        f"{unanswered} unanswered past the limit, {figures.closed} closed, "
        f"{figures.open} still open, median time to answer {median}",
    )
