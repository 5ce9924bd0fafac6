"""One named number of the registries as trend and diff compare it, and the feedback
in-time rate it is most often made of (see metrics/registries.py for the figures)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from jgsw_std.lifecycle.registries import FeedbackFigures

FigureUnit = Literal["count", "rate", "days"]


def in_time_rate(figures: FeedbackFigures) -> tuple[int, int] | None:
    """(answered in time, answers due by now): the items whose answer was due or
    given; None when none was (not yet due is neither in time nor late)."""
    due = figures.answered_in_time + figures.late
    return (figures.answered_in_time, due) if due else None


def in_time_range(figures: FeedbackFigures) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The in-time rate's parts with every undated answer counted late (or left out while
    not yet due) and counted in time; None when no answer can be due. The low end's
    denominator is 0 when no answer need be due at all (the rate may have no value).
    An undated answer whose loop closed after its due day is late or in time, and due."""
    past, early = figures.undated_past_due, figures.answered_undated - figures.undated_past_due
    past += figures.closed_undated_past_due
    done, due = figures.answered_in_time, figures.answered_in_time + figures.late
    low = (done, due + past)
    high = (done + past + early, due + past + early)
    if not high[1]:
        return None
    return low, high


@dataclass(frozen=True)
class Figure:
    """One named number of the registries, for trend and diff: one value, a range, or
    no data (``value`` and ``low`` both None).

    A range is carried as the indicators carry theirs (:class:`MetricResult`): the
    unknowns counted against (``low``) and for (``high``), a rate's parts at each end,
    ``value`` only when both ends meet. A figure the records fix has no range at all
    (``low`` None), so its views read exactly as before ranges existed.
    """

    key: str  # experts.in_pool, experts.area.vehicles, feedback.received, ...
    label_zh: str
    label_en: str
    unit: FigureUnit
    value: float | None
    #: a rate's parts (numerator, denominator) when the records fix them; else None
    parts: tuple[int, int] | None = None
    low: float | None = None
    high: float | None = None
    low_parts: tuple[int, int] | None = None
    high_parts: tuple[int, int] | None = None
    #: a rate whose every entry may yet fall out of it: no value at all, or ``low``
    maybe_empty: bool = False

    @property
    def has_data(self) -> bool:
        return self.value is not None or self.low is not None

    @property
    def is_range(self) -> bool:
        """The records leave the figure (or a rate's parts) open: see ``low``/``high``."""
        return self.low is not None

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_zh


def count_figure(key: str, zh: str, en: str, low: int, unknown: int) -> Figure:
    """A count with ``unknown`` entries that may or may not belong to it: a range
    ``low``-``low + unknown``, or the one value ``low`` when nothing is open."""
    if not unknown:
        return Figure(key, zh, en, "count", low)
    return Figure(key, zh, en, "count", None, low=low, high=low + unknown)


def in_time_figure(key: str, zh: str, en: str, figures: FeedbackFigures) -> Figure:
    """The in-time rate: one value from the dated answers, or with undated answers on
    record the range of :func:`in_time_range` (no data while none was due or given)."""
    rate = in_time_rate(figures)
    span = in_time_range(figures) if figures.in_time_unknown else None
    if span is None:
        return Figure(key, zh, en, "rate", rate[0] / rate[1] if rate else None, rate)
    low_parts, high_parts = span
    maybe_empty = not low_parts[1]
    if maybe_empty:  # perhaps nothing was due: no value, or every value is the high end's
        low_parts = high_parts
    low, high = low_parts[0] / low_parts[1], high_parts[0] / high_parts[1]
    # one value when both ends meet (2/2 and 3/3 are both 100%), its parts still open
    value = low if low == high and not maybe_empty else None
    return Figure(key, zh, en, "rate", value, None, low, high, low_parts, high_parts, maybe_empty)


#: (key, zh, en, unit) of the feedback figures, in the order every view lists them
FEEDBACK_FIGURES: tuple[tuple[str, str, str, FigureUnit], ...] = (
    ("feedback.received", "收到反馈", "feedback received", "count"),
    ("feedback.answered", "已答复", "answered", "count"),
    ("feedback.in_time_rate", "按时答复率", "answered in time", "rate"),
    ("feedback.unanswered_late", "逾期未答复", "unanswered past the limit", "count"),
    ("feedback.closed", "已闭环", "closed", "count"),
    ("feedback.open", "未闭环", "still open", "count"),
    ("feedback.median_days", "答复用时中位数（天）", "median days to answer", "days"),
)
