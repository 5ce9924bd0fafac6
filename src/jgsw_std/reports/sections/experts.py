"""专家库: the expert pool by area on the as-of date, the main-area minimum, who is short.

The figures are :func:`jgsw_std.metrics.registries.registry_figures`' (the
areas E904 reports are the ones marked short). Experts appear by name only,
never with a contact. A warehouse without data/experts/ has no such section.
"""

from __future__ import annotations

from typing import Any

from jgsw_std.metrics.registries import RegistryFigures
from jgsw_std.reports.sections.base import Inputs


def build_experts(fig: RegistryFigures, inp: Inputs) -> dict[str, Any] | None:
    """The section's data, or None when the warehouse keeps no pool (no section)."""
    pool = fig.pool
    if not pool.kept:
        return None
    t = inp.t
    short = [
        t["experts_area_count"].format(area=a.label(inp.lang), count=a.count) for a in pool.short
    ]
    rows = []
    for area in pool.areas:
        status = ("not-met" if area.short else "met") if area.main else None
        rows.append(
            {
                "code": area.code,
                "label": area.label(inp.lang),
                "main": area.main,
                "count": area.count,
                "status": status,
                "status_label": t["experts_short"] if area.short else (
                    t["experts_enough"] if area.main else ""
                ),
                "lack": pool.minimum - area.count if area.short else 0,
                "experts": [name for _, name in area.experts],
            }
        )  # fmt: skip
    return {
        "in_pool": pool.in_pool,
        "minimum": pool.minimum,
        "lead": t["experts_lead"].format(
            as_of=fig.as_of.isoformat(), count=pool.in_pool, minimum=pool.minimum
        ),
        "short": [a.code for a in pool.short],
        "short_text": t["experts_short_text"].format(
            minimum=pool.minimum, areas=t["enum"].join(short)
        )
        if short
        else t["experts_all_enough"].format(minimum=pool.minimum),
        "rows": rows,
    }
