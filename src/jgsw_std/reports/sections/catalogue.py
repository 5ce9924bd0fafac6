"""标准目录: the standards by area and level with their state on the as-of date.

The catalogue is what the plan asks the bureaus to publish periodically: the
published standards with 现行 / 即将实施 / 废止 / 被代替. Standards still being
written (or published only after the as-of date) are listed apart, with their
stage and plan year, because they are not yet part of the published list.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from urllib.parse import quote, urlsplit

from jgsw_std.load.attachments import path_escape, posix_rel
from jgsw_std.load.warehouse import StandardRecord
from jgsw_std.model.material import Document
from jgsw_std.model.standard import IN_PROGRESS
from jgsw_std.reports.sections.base import LEVEL_ORDER, Inputs

#: States in the order the catalogue counts them.
STATE_ORDER: tuple[str, ...] = ("in-force", "upcoming", "superseded", "repealed", "unknown")


def _date(value: Any) -> str:
    return value.isoformat() if value is not None else ""


#: Characters a link keeps as they are: a URL's own delimiters and escapes. Anything
#: else (spaces, brackets, quotes, parentheses, non-ASCII) is percent-encoded, so a
#: link survives Markdown and HTML alike.
_URL_SAFE = ":/?#@!$&'*+,;=%~"


def web_link(url: str | None) -> str | None:
    """An http(s) address with a host, percent-encoded where it must be; None for
    anything else (M904 reports it): a report never links ``file:`` or ``javascript:``."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url.strip(), safe=_URL_SAFE)


def document_row(doc: Document, inp: Inputs) -> dict[str, Any]:
    """A document of a standard as the catalogue shows it.

    ``path`` is the file's path from the warehouse root (None when it would
    leave the root: M903), ``href`` the same percent-encoded for a link; the
    writer prefixes it with ``cover.files_base``, the way from the report's own
    folder back to the root, and links it only when the report lies inside the
    warehouse (docs/report.md, "Documents").
    """
    path = posix_rel(doc.path) if doc.path and path_escape(doc.path) is None else None
    return {
        "kind": doc.kind,
        "title": doc.title or inp.t[f"doc.{doc.kind}"],
        "url": web_link(doc.url),
        "path": path,
        "href": quote(path, safe="/") if path else None,
    }


def _row(inp: Inputs, rec: StandardRecord) -> dict[str, Any]:
    std = rec.model
    state = inp.states[rec.path]
    level = rec.parsed.level
    return {
        "code": rec.code,
        "title": inp.title(rec),
        "level": level,
        "level_label": inp.level_label(level),
        "category": std.category,
        "category_label": inp.wh.framework.category_label(std.category, inp.lang)
        if std.category
        else "",
        "state": state,
        "state_label": inp.t[f"state.{state}"],
        "published": _date(std.published),
        "effective": _date(std.effective),
        "repealed": _date(std.repealed),
        "replaced_by": std.superseded_by or "",
        "replaces": list(std.supersedes),
        "owner": inp.unit_names.get(std.owner, std.owner) if std.owner else "",
        "path": rec.path,
        "documents": [document_row(d, inp) for d in std.documents] if std.documents else [],
    }


def _pipeline_row(inp: Inputs, rec: StandardRecord) -> dict[str, Any]:
    std = rec.model
    stage_key = f"status.{std.lifecycle}" if std.lifecycle in IN_PROGRESS else "state.in-progress"
    level = rec.parsed.level
    return {
        "code": rec.code,
        "title": inp.title(rec),
        "area_label": inp.area_label(std.area),
        "level_label": inp.level_label(level),
        "stage": std.lifecycle,
        "stage_label": inp.t[stage_key],
        "plan_year": std.plan.year if std.plan else None,
        "plan_kind_label": inp.t[f"plan_kind.{std.plan.kind}"]
        if std.plan and std.plan.kind
        else "",
        "owner": inp.unit_names.get(std.owner, std.owner) if std.owner else "",
        "path": rec.path,
    }


def build_catalogue(inp: Inputs) -> dict[str, Any]:
    grouped: dict[str | None, dict[str, list[StandardRecord]]] = defaultdict(
        lambda: defaultdict(list)
    )
    pipeline: list[StandardRecord] = []
    for rec in inp.standards:
        if inp.states[rec.path] == "in-progress":
            pipeline.append(rec)
        else:
            grouped[rec.model.area][rec.parsed.level].append(rec)

    areas: list[dict[str, Any]] = []
    order: list[str | None] = [*inp.area_order(), None]
    for area in order:
        levels = grouped.get(area)
        if not levels:
            continue
        level_keys = [lv for lv in LEVEL_ORDER if lv in levels]
        level_keys += sorted(lv for lv in levels if lv not in LEVEL_ORDER)
        blocks: list[dict[str, Any]] = []
        for level in level_keys:
            recs = sorted(levels[level], key=lambda r: r.code)
            blocks.append(
                {
                    "level": level,
                    "label": inp.level_label(level),
                    "count": len(recs),
                    "rows": [_row(inp, r) for r in recs],
                }
            )
        areas.append(
            {
                "code": area,
                "label": inp.area_label(area),
                "count": sum(b["count"] for b in blocks),
                "levels": blocks,
            }
        )

    state_counts: dict[str, int] = defaultdict(int)
    for rec in inp.standards:
        state_counts[inp.states[rec.path]] += 1
    listed = sum(a["count"] for a in areas)
    pipeline.sort(key=lambda r: (((r.model.plan and r.model.plan.year) or 9999), r.code))
    return {
        "total": listed,
        "total_text": inp.t["catalogue_total"].format(total=listed),
        # documents kept as files in the warehouse: a note says where they are
        "local_documents": any(d.path for rec in inp.standards for d in rec.model.documents),
        "states": [
            {"state": s, "label": inp.t[f"state.{s}"], "count": state_counts.get(s, 0)}
            for s in STATE_ORDER
        ],
        "areas": areas,
        "pipeline": [_pipeline_row(inp, r) for r in pipeline],
    }
