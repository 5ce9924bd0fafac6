"""The due list (`jgsw due` as a page) and the "what changed" pages, one per month of git.

The duties are app/due.py's calendar rows, handed over as plain data; the
months are history/site_log.py's net change of each record over the month,
field by field as `jgsw diff` words them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from jgsw_std.history.site_log import MonthChanges
from jgsw_std.reports.site.base import Page, SiteInputs


def build_due_page(site: SiteInputs) -> Page:
    t = site.t
    groups: dict[str | None, list[dict[str, Any]]] = {}
    for duty in site.duties:
        groups.setdefault(duty["owner"], []).append(duty)
    as_of = site.inp.as_of
    until = as_of + dt.timedelta(days=site.due_days)
    context = {
        "due": {
            "intro": t["due_intro"].format(
                until=until.isoformat(), as_of=as_of.isoformat(), days=site.due_days
            ),
            "total": len(site.duties),
            "overdue": sum(1 for d in site.duties if d["overdue"]),
            "groups": [
                {
                    "owner": owner,
                    "name": site.inp.unit_names.get(owner, owner) if owner else t["no_owner"],
                    "url": site.links.unit(owner),
                    "duties": duties,
                }
                for owner, duties in groups.items()
            ],
        }
    }
    return Page("due.html", "due.html.j2", t["nav_due"], "due", context)


def _record(site: SiteInputs, diff: Any) -> dict[str, Any]:
    t, lang = site.t, site.lang
    url = None
    if diff.kind == "standard" and diff.change != "removed":
        url = site.links.standard_path(diff.path) or site.links.code(diff.key)
    elif diff.kind == "district":
        url = site.links.unit(diff.key)
    lines = [f.text(lang) for f in diff.fields]
    if diff.change == "renamed" and diff.old_path:
        lines.insert(0, f"{diff.old_path} → {diff.path}")
    return {
        "kind": diff.kind,
        "kind_label": t.get(f"record.{diff.kind}", diff.kind),
        "key": diff.key,
        "title": diff.title,
        "change": diff.change,
        "change_label": t[f"change.{diff.change}"],
        "url": url,
        "path": diff.path,
        "lines": lines,
    }


def build_change_pages(site: SiteInputs) -> list[Page]:
    """The index of months and one page per month; none without git history."""
    t = site.t
    months: list[MonthChanges] = site.history.months if site.history else []
    index_rows = [
        {
            "month": m.month,
            "url": f"changes/{m.month}.html",
            "commits": len(m.commits),
            "records": len(m.records),
        }
        for m in reversed(months)
    ]
    pages = [
        Page(
            "changes/index.html",
            "changes.html.j2",
            t["nav_changes"],
            "changes",
            {"months": index_rows, "has_history": site.history is not None},
        )
    ]
    for position, month in enumerate(months):
        before = months[position - 1].month if position else None
        after = months[position + 1].month if position + 1 < len(months) else None
        context = {
            "month": {
                "month": month.month,
                "prev": f"changes/{before}.html" if before else None,
                "next": f"changes/{after}.html" if after else None,
                "commits": [
                    {
                        "when": c.committed.strftime("%Y-%m-%d %H:%M"),
                        "author": c.author,
                        "commit": c.short,
                        "subject": c.subject,
                    }
                    for c in month.commits
                ],
                "records": [_record(site, r) for r in month.records],
            }
        }
        title = f"{t['nav_changes']} {month.month}"
        pages.append(
            Page(f"changes/{month.month}.html", "month.html.j2", title, "changes", context)
        )
    return pages
