"""体系明细表: standards in force by category × area, and each business item's standards.

"In force" is :func:`jgsw_std.lifecycle.state.state_at`, the one definition that
indicator 5 (coverage) and the gap rule G501 also use, and items are read the
way they read them: an item with a standard in force is covered, an item whose
only standards lack the dates to tell is unknown (neither covered nor a gap),
and any other item is a gap (缺标), the item they count against.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from jgsw_std.load.warehouse import StandardRecord
from jgsw_std.metrics.standards import item_codes
from jgsw_std.reports.sections.base import Inputs

#: Standards listed per business item; the catalogue lists them all.
ITEM_LIST_LIMIT = 12


def _heat(count: int) -> str:
    """A CSS class by count, so the counts table reads as a heat map in colour and print."""
    if count == 0:
        return "h0"
    if count <= 2:
        return "h1"
    if count <= 5:
        return "h2"
    return "h3"


def build_matrix(inp: Inputs) -> dict[str, Any]:
    fw = inp.wh.framework
    in_force = [rec for rec in inp.standards if inp.states[rec.path] == "in-force"]
    categories: list[dict[str, Any]] = [
        {"code": c.code, "label": c.label(inp.lang)} for c in fw.categories
    ]
    known = {c["code"] for c in categories}
    if any(rec.model.category not in known for rec in in_force):
        categories.append({"code": None, "label": inp.t["unclassified"]})

    counts: dict[tuple[str | None, str | None], int] = defaultdict(int)
    by_item: dict[str, list[StandardRecord]] = defaultdict(list)
    for rec in in_force:
        category = rec.model.category if rec.model.category in known else None
        counts[(rec.model.area, category)] += 1
        for item in item_codes(rec):
            by_item[item].append(rec)
    undated: dict[str, list[StandardRecord]] = defaultdict(list)
    for rec in inp.standards:
        if inp.states[rec.path] == "unknown":
            for item in item_codes(rec):
                undated[item].append(rec)

    main = {a.code for a in fw.areas if a.main}
    areas_present = {rec.model.area for rec in in_force}
    rows: list[dict[str, Any]] = []
    for area in inp.area_order():
        if area not in fw.area_by_code and area not in areas_present:
            continue  # e.g. "general" with nothing in it
        cells = [counts[(area, c["code"])] for c in categories]
        rows.append(
            {
                "code": area,
                "label": inp.area_label(area),
                "main": area in main,
                "cells": [{"count": n, "heat": _heat(n)} for n in cells],
                "total": sum(cells),
            }
        )
    if None in areas_present:
        cells = [counts[(None, c["code"])] for c in categories]
        rows.append(
            {
                "code": None,
                "label": inp.t["area_unknown"],
                "main": False,
                "cells": [{"count": n, "heat": _heat(n)} for n in cells],
                "total": sum(cells),
            }
        )
    totals = [sum(r["cells"][i]["count"] for r in rows) for i in range(len(categories))]

    item_rows: list[dict[str, Any]] = []
    for fw_area in fw.areas:
        for fw_item in fw_area.items:
            code = fw_area.item_code(fw_item)
            recs = sorted(by_item.get(code, []), key=lambda r: r.code)
            unsure = [] if recs else sorted(undated.get(code, []), key=lambda r: r.code)
            state = "covered" if recs else ("unknown" if unsure else "gap")
            item_rows.append(
                {
                    "area": fw_area.code,
                    "area_label": fw_area.label(inp.lang),
                    "main": fw_area.main,
                    "code": code,
                    "label": fw_item.label(inp.lang),
                    "count": len(recs),
                    "state": state,
                    "gap": state == "gap",
                    "undated": [{"code": r.code, "title": inp.title(r)} for r in unsure],
                    "standards": [
                        {"code": r.code, "title": inp.title(r)} for r in recs[:ITEM_LIST_LIMIT]
                    ],
                    "more": max(0, len(recs) - ITEM_LIST_LIMIT),
                    "more_text": inp.t["more_rows"].format(count=len(recs) - ITEM_LIST_LIMIT)
                    if len(recs) > ITEM_LIST_LIMIT
                    else "",
                }
            )
    gaps = sum(1 for row in item_rows if row["gap"])
    open_ = sum(1 for row in item_rows if row["state"] == "unknown")
    gaps_text = inp.t["gaps_text"].format(gaps=gaps, items=len(item_rows))
    if open_:  # possible gaps, as G501 reports them (info)
        gaps_text += inp.t["open_items_text"].format(open=open_)
    return {
        "categories": categories,
        "rows": rows,
        "totals": totals,
        "total": sum(totals),
        "business_items": item_rows,
        "gap_count": gaps,
        "item_count": len(item_rows),
        "open_count": open_,
        "gaps_text": gaps_text,
        "scoped": inp.scope.kind != "city",
    }
