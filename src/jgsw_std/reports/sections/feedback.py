"""信息反馈: the feedback figures of the scope, by year, unit and standard, and the open items.

The figures are :func:`jgsw_std.metrics.registries.registry_figures`' for the
report's scope (the items its units raised); the open items are those
received by the as-of date and not closed, the unanswered-late among them
exactly F905's. A scope with no feedback received by the date has no section.
"""

from __future__ import annotations

from typing import Any

from jgsw_std.lifecycle.registries import FeedbackFigures
from jgsw_std.metrics.registries import FeedbackGroup, RegistryFigures
from jgsw_std.metrics.registry_figure import in_time_rate
from jgsw_std.reports.registry_words import days_text, feedback_sentence, rate_text
from jgsw_std.reports.sections.base import Inputs


def _figures(f: FeedbackFigures, lang: str) -> dict[str, Any]:
    rate = in_time_rate(f)
    return {
        "received": f.received,
        "answered": f.answered,
        "in_time": rate_text(f, lang),
        # for sorting: the share answered in time, -1 while no answer was due
        "in_time_sort": round(rate[0] / rate[1], 6) if rate else -1,
        "late": f.late,
        "closed": f.closed,
        "open": f.open,
        "median": days_text(f.median_days, lang, unit=False),
        "median_sort": f.median_days if f.median_days is not None else -1,
    }


def _rows(groups: tuple[FeedbackGroup, ...], inp: Inputs, name: str) -> list[dict[str, Any]]:
    rows = []
    for group in groups:
        if not group.figures.received:
            continue
        label = group.label(inp.lang)
        if name == "unit":
            label = inp.unit_names.get(group.key, label)
        rows.append({"key": group.key, "label": label, **_figures(group.figures, inp.lang)})
    return rows


def build_feedback(fig: RegistryFigures, inp: Inputs) -> dict[str, Any] | None:
    """The section's data, or None when nothing in scope was received by the date."""
    fb = fig.feedback
    if not fb.has_data:
        return None
    t = inp.t
    states = {
        "unanswered": t["fb_state.unanswered"],
        "unanswered-late": t["fb_state.unanswered-late"],
        "answered": t["fb_state.answered"],
    }
    return {
        "lead": t["feedback_lead"].format(
            scope=inp.scope.label(inp.wh, inp.lang), days=fb.response_days
        ),
        "sentence": feedback_sentence(fb.total, len(fb.unanswered_late), inp.lang),
        "total": _figures(fb.total, inp.lang),
        "unanswered_late": list(fb.unanswered_late),
        "revision_overdue": list(fb.revision_overdue),
        "by_year": _rows(fb.by_year, inp, "year"),
        "by_unit": _rows(fb.by_unit, inp, "unit"),
        "by_standard": _rows(fb.by_standard, inp, "standard"),
        "open": [
            {
                "id": item.id,
                "standard": item.standard,
                "title": item.title,
                "unit": inp.unit_names.get(item.unit, item.unit),
                "received": item.received.isoformat(),
                "answer_due": item.answer_due.isoformat(),
                "answered": item.answered.isoformat() if item.answered else "",
                "state": item.state,
                "state_label": states[item.state],
                "path": item.path,
            }
            for item in fb.open_items
        ],
    }
