"""资料库 on the site: the listing of data/materials/ and one page per material.

A material (policy, research, training, case) belongs to no standard, so a
search for its title cannot lead to a standard's page: each material has its
own small page, indexed by the search like a standard's (its searched header:
title, kind, tags and areas), and the listing links them all. Documents of a
standard stay on the standard's page, where the search already finds them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from jgsw_std.model.codes import code_slug
from jgsw_std.reports.sections.catalogue import web_link
from jgsw_std.reports.site.framework import catalogue_link

if TYPE_CHECKING:
    from jgsw_std.load.warehouse import MaterialRecord
    from jgsw_std.reports.site.base import Page, SiteInputs


def material_path(rec: MaterialRecord) -> str:
    """The material's page; its slug is a file-name-safe word (checked by the schema)."""
    return f"materials/{code_slug(rec.slug) or 'material'}.html"


def _row(site: SiteInputs, rec: MaterialRecord) -> dict[str, Any]:
    t, fw = site.t, site.wh.framework
    doc = rec.model
    areas = [{"label": site.inp.area_label(a), "url": catalogue_link(area=a)} for a in doc.areas]
    kind = t[f"material.{doc.kind}"] if doc.kind else ""
    # what the search finds besides the title: tags, and kind and areas in both languages
    words = [*doc.tags, kind, *(fw.area_label(a, lang) for a in doc.areas for lang in ("zh", "en"))]
    return {
        "slug": rec.slug,
        "url": material_path(rec),
        "title": doc.shown_title,
        "kind": kind,
        "date": doc.date.isoformat() if doc.date else "",
        "areas": areas,
        "tags": list(doc.tags),
        "web": web_link(doc.url),
        "path": doc.path or "",
        "source": doc.source or "",
        "words": list(dict.fromkeys(w for w in words if w)),
    }


def build_material_pages(site: SiteInputs) -> list[Page]:
    """The listing and one page per material (none when the warehouse keeps none)."""
    from jgsw_std.reports.site.base import Page

    t = site.t
    # newest first; undated last
    records = sorted(site.wh.materials, key=lambda r: r.slug)
    records.sort(key=lambda r: r.model.date or dt.date.min, reverse=True)
    rows = [_row(site, rec) for rec in records]
    pages = [
        Page(
            "materials/index.html",
            "materials.html.j2",
            t["nav_materials"],
            "materials",
            {"materials": rows},
        )
    ]
    seen: set[str] = set()
    for row in rows:
        if row["url"] in seen:  # two files with one slug (an error check reports): one page
            continue
        seen.add(row["url"])
        searched = {
            "code": t["material_code"],
            "title": row["title"],
            "tokens": "",
            "search_text": " ".join(row["words"]),
            # a material has no status, level or owner: only the year filters it
            "filters": {"year": row["date"][:4]},
            "status_meta": row["kind"],
            "area_meta": "、".join(a["label"] for a in row["areas"]),
        }
        pages.append(
            Page(
                row["url"],
                "material.html.j2",
                row["title"],
                "materials",
                {"material": row, "searched": searched},
                indexed=True,
                searched=searched,
            )
        )
    return pages
