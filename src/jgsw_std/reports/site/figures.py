"""The home page's table of the warehouse's own figures: the expert pool and the feedback loop.

The figures are :func:`jgsw_std.metrics.registries.registry_figures`' flat
list, the very one `trend` and `diff` compare, on the site's date and at the
plan's end, so the home page, `jgsw status` and the report agree. None of them
is a range: each counts records (experts, items, days), which the data
contract keeps exact; a figure with no data says so and why, never 0.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jgsw_std.i18n import word
from jgsw_std.reports.registry_words import days_text, feedback_why, pool_why

if TYPE_CHECKING:
    from jgsw_std.metrics.registries import RegistryFigures
    from jgsw_std.metrics.registry_figure import Figure


def figure_text(fig: Figure, lang: str) -> str:
    """``12``, ``94.7% (18/19)``, ``14 天``; no data when there is none."""
    if fig.value is None:
        return word("ind.no-data", lang)
    if fig.unit == "rate" and fig.parts is not None:
        done, due = fig.parts
        return f"{done / due * 100:.1f}% ({done}/{due})"
    if fig.unit == "days":
        return days_text(fig.value, lang, unit=False)  # the label says 天 / days
    return f"{fig.value:.0f}"


def _short(fig: Figure, figures: RegistryFigures) -> bool:
    """A figure that is a gap: main areas short of experts, an area short, items late."""
    if fig.value is None or not fig.value:
        return False
    if fig.key in ("experts.short_areas", "feedback.unanswered_late"):
        return True
    if fig.key.startswith("experts.area."):
        code = fig.key.removeprefix("experts.area.")
        return any(a.code == code and a.short for a in figures.pool.areas)
    return False


def _cell(fig: Figure | None, figures: RegistryFigures | None, lang: str) -> dict[str, Any]:
    if fig is None or figures is None:
        return {"text": "", "short": False}
    return {"text": figure_text(fig, lang), "short": _short(fig, figures)}


def registry_rows(
    today: RegistryFigures, final: RegistryFigures | None, lang: str
) -> dict[str, Any]:
    """One row per figure (today's order, then any only the plan's end has), and why
    a registry has no figures."""
    now = {f.key: f for f in today.flat()}
    later = {f.key: f for f in final.flat()} if final is not None else {}
    keys = [*now, *(k for k in later if k not in now)]
    rows = []
    for key in keys:
        shown = now.get(key) or later[key]
        rows.append(
            {
                "key": key,
                "label": shown.label(lang),
                "area": key.startswith("experts.area."),
                "today": _cell(now.get(key), today, lang),
                "final": _cell(later.get(key), final, lang) if final is not None else None,
            }
        )
    as_of = today.as_of.isoformat()
    why = [w for w in (pool_why(today.pool, lang), feedback_why(today.feedback, as_of, lang)) if w]
    return {"rows": rows, "why": why, "has_final": final is not None}
