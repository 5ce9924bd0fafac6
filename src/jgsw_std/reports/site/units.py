"""The districts: an index (the report's district table, each unit a link) and one page per
unit with its figures, records, the standards it leads and its duties due.

A unit's figures are the report's district row, computed by the metrics for
``district:<slug>`` as `jgsw status --scope district:<slug>` computes them.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from jgsw_std.load.warehouse import DistrictRecord
from jgsw_std.reports.site.base import Page, SiteInputs

#: The figures of a unit's row, in the report's column order, with their labels.
FIGURES = (
    ("meetings", "col_meetings"),
    ("summaries", "col_summaries"),
    ("trainings", "col_trainings"),
    ("attendance", "col_attendance"),
    ("municipal_pilots", "col_municipal_pilots"),
    ("national_pilots", "col_national_pilots"),
    ("demo_sites", "col_demo_sites"),
    ("articles", "col_articles"),
)


def _date(value: Any) -> str:
    return value.isoformat() if value is not None else ""


def _records(site: SiteInputs, rec: DistrictRecord) -> dict[str, Any]:
    t, m = site.t, rec.model
    mech = m.mechanism
    mechanism = []
    if mech is not None:
        staff = mech.staff
        mechanism = [
            {"label": t["mech.leading_group"], "text": _date(mech.leading_group)},
            {"label": t["mech.working_body"], "text": _date(mech.working_body)},
            {
                "label": t["mech.staff"],
                "text": f"{staff.full_time} / {staff.part_time}" if staff else "",
            },
            {"label": t["mech.budget_channel"], "text": _date(mech.budget_channel)},
        ]
    return {
        "mechanism": [x for x in mechanism if x["text"]],
        "activities": [
            {
                "date": a.date.isoformat() if a.date else t["ev_undated"],
                "kind": t.get(f"activity.{a.kind}", a.kind) if a.kind else "",
                "title": a.title,
                # a training's attendance not recorded: counted as a range, shown as missing
                "attendees": a.attendees
                if a.attendees is not None or a.kind not in ("training", None)
                else t["attendees_missing"],
                "future": a.date is not None and a.date > site.inp.as_of,
            }
            # newest first, undated last
            for a in sorted(
                m.activities,
                key=lambda a: (a.date is not None, a.date or dt.date.min),
                reverse=True,
            )
        ],
        "pilots": [
            {
                "level": t[f"pilot.{p.level}"] if p.level else "",
                "topic": p.topic,
                "started": _date(p.started),
                "applied": _date(p.applied),
                "accepted": _date(p.accepted),
            }
            for p in m.pilots
        ],
        "demo_sites": [{"name": s.name, "established": _date(s.established)} for s in m.demo_sites],
        "summaries": [
            {"year": s.year or "", "sent": _date(s.sent)}
            # a summary without its year last
            for s in sorted(m.summaries, key=lambda s: s.year or 0, reverse=True)
        ],
        "articles": [
            {
                "date": _date(a.date),
                "title": a.title,
                "journal": a.journal,
                "level": t[f"article.{a.level}"] if a.level else "",
            }
            # undated articles last: when they appeared is not known
            for a in sorted(m.articles, key=lambda a: a.date or dt.date.min, reverse=True)
        ],
    }


def _region(site: SiteInputs, rec: DistrictRecord) -> str:
    m, t = rec.model, site.t
    if m.kind == "city":
        return t["region.city"]
    parts = [t[f"region.{m.region}"]] if m.region else []
    if m.subregion:
        parts.append(t[f"subregion.{m.subregion}"])
    return " · ".join(parts)


def build_district_pages(site: SiteInputs) -> list[Page]:
    t = site.t
    districts = copy.deepcopy(site.report["districts"])
    rows = {row["slug"]: row for g in districts["groups"] for row in g["rows"]}
    for group in districts["groups"]:
        for row in group["rows"]:
            row["url"] = site.links.unit(row["slug"])
    led: dict[str, list[dict[str, Any]]] = {}
    for std in sorted(site.wh.standards, key=lambda r: r.code):
        if std.model.owner:
            led.setdefault(std.model.owner, []).append(
                site.ref(std.code) | {"url": site.links.standard(std)}
            )
    index = Page(
        "districts/index.html",
        "districts.html.j2",
        t["nav_districts"],
        "districts",
        {
            "districts": districts,
            "intro": t["districts_intro"].format(as_of=site.inp.as_of.isoformat()),
        },
    )
    pages = [index]
    for rec in site.wh.districts:
        row = rows.get(rec.slug)
        unit = {
            "slug": rec.slug,
            "name": site.inp.unit_names.get(rec.slug, rec.slug),
            "region": _region(site, rec),
            "kind": rec.model.kind,
            "path": rec.path,
            "row": row,
            "figures": [
                {"label": t[label], **row[key]} for key, label in FIGURES if row is not None
            ],
            "led": led.get(rec.slug, []),
            "duties": site.duties_by_owner.get(rec.slug, []),
            **_records(site, rec),
        }
        pages.append(
            Page(
                site.links.unit(rec.slug) or "",
                "district.html.j2",
                unit["name"],
                "districts",
                {"unit": unit},
            )
        )
    return pages
