"""The home page (indicators now and at the plan's end, the trend, the warehouse's own
figures) and the search page.

Indicator rows are the report summary's (reports/sections/summary.py) for
the two dates; the trend is the report's trend section; the counts come
from the catalogue rows and the report's framework table and duties, so the
home page and the pages it links to cannot disagree.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from jgsw_std.reports.sections.base import LEVEL_ORDER
from jgsw_std.reports.site.base import Page, SiteInputs
from jgsw_std.reports.site.catalogue import STATES


def _indicators(site: SiteInputs, final: dict[str, Any] | None) -> list[dict[str, Any]]:
    today = site.report["summary"]
    later = {}
    if final is not None and final.get("available"):
        later = {row["id"]: row for g in final["groups"] for row in g["rows"]}
    out = []
    for group in today.get("groups", []):
        for row in group["rows"]:
            end = later.get(row["id"])
            out.append(
                {
                    "id": row["id"],
                    "group": group["label"],
                    "name": row["name"],
                    "text": row["text"],
                    "target_text": row["target_text"],
                    "today": _cell(row),
                    "final": _cell(end) if end else None,
                }
            )
    return out


def _cell(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "value_text": row["value_text"],
        "status": row["status"],
        "status_label": row["status_label"],
        "why": row["why"],
    }


def _figures(site: SiteInputs, rows: list[dict[str, Any]]) -> dict[str, Any]:
    t = site.t
    matrix = site.report["matrix"]
    duties = site.report["duties"] or {}
    states = Counter(r["state"] for r in rows)
    levels = Counter(r["level"] for r in rows)
    areas = Counter(r["area"] for r in rows)
    facts = [
        {"label": t["fig_standards"], "value": len(rows), "url": "catalogue.html"},
        {
            "label": t["fig_districts"],
            "value": len(site.wh.districts),
            "url": "districts/index.html",
        },
        {"label": t["fig_items"], "value": matrix["item_count"], "url": "matrix.html"},
        {"label": t["fig_gaps"], "value": matrix["gap_count"], "url": "matrix.html#items"},
        {"label": t["fig_duties"], "value": duties.get("total", 0), "url": None},
        {"label": t["fig_due"], "value": len(site.duties), "url": "due.html"},
    ]
    history = site.history
    if history is not None and history.head is not None:
        commits = sum(len(m.commits) for m in history.months)
        facts.append({"label": t["fig_commits"], "value": commits, "url": "changes/index.html"})
        head = history.head
        facts.append(
            {
                "label": t["fig_last_change"],
                "value": head.committed.date().isoformat(),
                "url": "changes/index.html",
                "note": head.subject,
                "date": True,
            }
        )
    return {
        "facts": facts,
        "states": [
            {
                "key": s,
                "label": t[f"state.{s}"],
                "count": states[s],
                "url": f"catalogue.html?state={s}",
            }
            for s in STATES
            if states[s]
        ],
        "levels": [
            {
                "key": lv,
                "label": site.inp.level_label(lv),
                "count": levels[lv],
                "url": f"catalogue.html?level={lv}",
            }
            for lv in [*LEVEL_ORDER, *sorted(set(levels) - set(LEVEL_ORDER))]
            if levels[lv]
        ],
        "areas": [
            {
                "key": a,
                "label": site.inp.area_label(a),
                "count": areas[a],
                "url": f"catalogue.html?area={a}",
            }
            for a in site.inp.area_order()
            if areas[a]
        ],
    }


def build_home(
    site: SiteInputs,
    rows: list[dict[str, Any]],
    final: dict[str, Any] | None,
    registries: dict[str, Any] | None = None,
) -> Page:
    """The home page; ``registries`` is reports/site/figures.py's table (None: not computed)."""
    t = site.t
    cover = site.report["cover"]
    context = {
        "home": {
            "plan": cover["plan"],
            "plan_document": cover["plan_document"],
            "today_label": t["home_today"].format(date=site.inp.as_of.isoformat()),
            "final_label": t["home_final"].format(date=site.final_date.isoformat())
            if site.final_date and final is not None
            else "",
            "indicators": _indicators(site, final),
            "summary": site.report["summary"],
            "trend": site.report["trend"],
            "figures": _figures(site, rows),
            "registries": registries,
            "version": cover["version"],
            "checks_text": cover["checks_text"],
            "generated": t["generated"].format(at=site.generated_at, generator=site.generator),
        }
    }
    return Page("index.html", "home.html.j2", t["site_title"], "home", context)


def build_search_page(site: SiteInputs) -> Page:
    return Page("search.html", "search.html.j2", site.t["nav_search"], "search", {})
