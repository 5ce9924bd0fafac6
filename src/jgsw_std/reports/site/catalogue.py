"""标准目录: every standard in one table, filterable by area, category, level, status,
lead unit and year, with the catalogue's downloads.

The states are the report catalogue's (lifecycle/state.py through the run's
AsOf); the table is flat, in framework order, so that a filter or a sort
works across areas. Each row carries its filter values as data attributes;
the page's script reads them (and the same names from the address, so the
framework table can link to "these standards").
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from jgsw_std.reports.sections.base import LEVEL_ORDER
from jgsw_std.reports.sections.catalogue import STATE_ORDER
from jgsw_std.reports.site.base import Page, SiteInputs

#: The catalogue's filters, in the order of their controls: (key, label).
FILTERS = (
    ("area", "col_area"),
    ("category", "col_category"),
    ("level", "col_level"),
    ("state", "col_state"),
    ("owner", "col_owner"),
    ("year", "col_year"),
)
STATES = (*STATE_ORDER[:-1], "in-progress", "unknown")

DOWNLOADS = (
    ("downloads/catalogue.xlsx", "Excel (xlsx)"),
    ("downloads/catalogue.csv", "CSV"),
    ("downloads/catalogue.json", "JSON"),
)


def catalogue_rows(site: SiteInputs) -> list[dict[str, Any]]:
    inp, fw = site.inp, site.wh.framework
    areas = inp.area_order()
    cats = fw.category_codes
    records = sorted(
        site.wh.standards,
        key=lambda r: (
            areas.index(r.model.area) if r.model.area in areas else len(areas),
            cats.index(r.model.category) if r.model.category in cats else len(cats),
            r.code,
        ),
    )
    rows = []
    for rec in records:
        std = rec.model
        state = inp.at.state(rec)
        rows.append(
            {
                "code": rec.code,
                "url": site.links.standard(rec),
                "title": inp.title(rec),
                "area": std.area or "",
                "area_label": inp.area_label(std.area) if std.area else "",
                "category": std.category or "",
                "category_label": fw.category_label(std.category, inp.lang) if std.category else "",
                "level": rec.parsed.level,
                "level_label": inp.level_label(rec.parsed.level),
                "state": state,
                "state_label": site.t[f"state.{state}"],
                "owner": std.owner or "",
                "owner_label": inp.unit_names.get(std.owner, std.owner) if std.owner else "",
                "year": rec.parsed.year,
                "effective": std.effective.isoformat() if std.effective else "",
                "items": " ".join(rec.items),
            }
        )
    return rows


def _options(rows: list[dict[str, Any]], site: SiteInputs) -> list[dict[str, Any]]:
    """Each filter's choices with their counts, in a meaningful order."""
    t = site.t
    out = []
    for key, label in FILTERS:
        counts = Counter(str(r[key]) for r in rows if r[key] != "")
        labels = {str(r[key]): str(r.get(f"{key}_label", r[key])) for r in rows}
        if key == "area":
            order = [a for a in site.inp.area_order() if a in counts]
        elif key == "category":
            order = [c for c in site.wh.framework.category_codes if c in counts]
        elif key == "level":
            order = [lv for lv in LEVEL_ORDER if lv in counts]
        elif key == "state":
            order = [s for s in STATES if s in counts]
        elif key == "year":
            order = sorted(counts, reverse=True)
        else:
            order = sorted(counts, key=lambda v: labels[v])
        order += sorted(v for v in counts if v not in order)
        out.append(
            {
                "key": key,
                "label": t[label],
                "options": [{"value": v, "label": labels[v], "count": counts[v]} for v in order],
            }
        )
    return out


#: The order of a row's values on the catalogue page (the template unpacks them by name).
ROW_FIELDS = (
    "code", "url", "title", "area", "area_label", "category", "category_label", "level",
    "level_label", "state", "state_label", "owner", "owner_label", "year", "effective", "items",
)  # fmt: skip


def build_catalogue_page(site: SiteInputs, rows: list[dict[str, Any]]) -> Page:
    t = site.t
    item_names = {
        code: item.label(site.lang) for code, item in site.wh.framework.item_names.items()
    }
    context = {
        "catalogue": {
            "intro": t["catalogue_intro"].format(as_of=site.inp.as_of.isoformat()),
            # lists, not dicts: the template unpacks each row into names, which is several
            # times faster than looking up 16 keys in each of 10,000 rows
            "rows": [[row[key] for key in ROW_FIELDS] for row in rows],
            "filters": _options(rows, site),
            "items": item_names,
            "downloads": [{"url": url, "label": label} for url, label in DOWNLOADS],
            "total": len(rows),
        }
    }
    return Page("catalogue.html", "catalogue.html.j2", t["nav_catalogue"], "catalogue", context)
