"""The registries' tables for `jgsw export`: 专家库, 资料库 and 信息反馈, one row per record.

Bureaus collect feedback in spreadsheets, so these sheets go both ways: the
columns are those of edit/sheet_layout.py, which `jgsw import` reads back
(names people know, such as 公务用车 or 沙坪坝区, as well as the codes). An
expert's contact is personal data: its columns are left out unless the person
exporting asks for them (``include_private``).
"""

from __future__ import annotations

from typing import Any

from jgsw_std.edit.sheet_layout import (
    EXPERT_COLUMNS,
    FEEDBACK_COLUMNS,
    MATERIAL_COLUMNS,
    SEP,
    SHEET_EXPERTS,
    SHEET_FEEDBACK,
    SHEET_MATERIALS,
    Column,
    Table,
    label,
    sheet_name,
)
from jgsw_std.lifecycle.asof import AsOf
from jgsw_std.lifecycle.registries import (
    is_open,
    response_on,
    unanswered_late,
    undated_response,
)
from jgsw_std.load.warehouse import Kind, Warehouse
from jgsw_std.model.feedback import Feedback

#: --table names of the registries, and the file kind each one needs
REGISTRY_TABLES: dict[str, Kind] = {
    "experts": "expert",
    "materials": "material",
    "feedback": "feedback",
}


def district_name(wh: Warehouse, slug: str | None) -> str | None:
    """The district's name (as the standards table shows owners), else the slug."""
    if slug is None:
        return None
    rec = wh.district_by_slug.get(slug)
    return rec.model.name if rec else slug


def _joined(values: list[str]) -> str | None:
    return SEP.join(values) if values else None


#: The "language" of machine formats (json): every value as the data contract's code.
CODES = "codes"


def _areas(wh: Warehouse, codes: list[str], lang: str) -> str | None:
    if lang == CODES:
        return _joined(codes)
    return _joined([wh.framework.area_label(code, lang) for code in codes])


def _yes(value: bool, lang: str) -> str:
    if lang in ("en", CODES):
        return "yes" if value else "no"
    return "是" if value else "否"


def _label(group: str, code: str | None, lang: str) -> str | None:
    return code if lang == CODES else label(group, code, lang)


def _unit(wh: Warehouse, slug: str | None, lang: str) -> str | None:
    return slug if lang == CODES else district_name(wh, slug)


def expert_rows(at: AsOf, lang: str) -> list[dict[str, Any]]:
    """One row per expert, by slug; the contact in its own (private) columns."""
    wh = at.wh
    rows = []
    for rec in sorted(wh.experts, key=lambda r: r.slug):
        m = rec.model
        rows.append(
            {
                "slug": m.slug,
                "name": m.name,
                "organization": m.organization,
                "fields": _areas(wh, m.fields, lang),
                "specialties": _joined(m.specialties),
                "title": m.title,
                "appointed": m.appointed,
                "term_ends": m.term_ends,
                "left": m.left,
                "phone": m.contact.phone if m.contact else None,
                "email": m.contact.email if m.contact else None,
                "source": m.source,
                "in_pool": _yes(m.in_pool(at.date), lang),
                "record": rec.path,
            }
        )
    return rows


def material_rows(at: AsOf, lang: str) -> list[dict[str, Any]]:
    """One row per material, by slug."""
    wh = at.wh
    rows = []
    for rec in sorted(wh.materials, key=lambda r: r.slug):
        m = rec.model
        rows.append(
            {
                "slug": m.slug,
                "title": m.title,
                "kind": _label("material_kind", m.kind, lang),
                "date": m.date,
                "areas": _areas(wh, m.areas, lang),
                "tags": _joined(m.tags),
                "path": m.path,
                "url": m.url,
                "sha256": m.sha256,
                "source": m.source,
                "record": rec.path,
            }
        )
    return rows


_STATES = {
    "not-yet": ("尚未收到", "not yet received"),
    "late": ("逾期未答复", "unanswered, late"),
    "waiting": ("待答复", "awaiting an answer"),
    "answered": ("已答复", "answered"),
    "closed": ("已闭环", "closed"),
}


def feedback_state(at: AsOf, item: Feedback) -> str:
    """Where a feedback item stands on the date: not-yet, late, waiting, answered, closed."""
    days = at.wh.framework.feedback_response_days
    if item.received > at.date:
        return "not-yet"
    if not is_open(item, at.date):
        return "closed"
    # an answer on record without its date: answered (when is for F905 to say)
    if response_on(item, at.date) is not None or undated_response(item, at.date):
        return "answered"
    return "late" if unanswered_late(item, at.date, days) else "waiting"


def feedback_rows(at: AsOf, lang: str) -> list[dict[str, Any]]:
    """One row per feedback item, by id; the response spread over four columns."""
    wh = at.wh
    rows = []
    for rec in sorted(wh.feedback, key=lambda r: r.id):
        m = rec.model
        response = m.response
        state = feedback_state(at, m)
        zh, en = _STATES[state]
        rows.append(
            {
                "id": m.id,
                "standard": m.standard,
                "from": _unit(wh, m.from_, lang),
                "received": m.received,
                "kind": _label("feedback_kind", m.kind, lang),
                "clause": m.clause,
                "text": m.text,
                "response_date": response.date if response else None,
                "response_by": _unit(wh, response.by, lang) if response else None,
                "response_action": _label("action", response.action, lang) if response else None,
                "response_text": response.text if response else None,
                "closed": m.closed,
                "source": m.source,
                "state": state if lang == CODES else (en if lang == "en" else zh),
                "record": rec.path,
            }
        )
    return rows


def _public(columns: tuple[Column, ...], include_private: bool) -> tuple[Column, ...]:
    return columns if include_private else tuple(c for c in columns if not c.private)


def registry_tables(
    at: AsOf, lang: str, table: str, include_private: bool = False, codes: bool = False
) -> list[Table]:
    """The registry tables asked for: one by name, or with ``all`` each registry the
    warehouse keeps (an older warehouse's export is unchanged). With ``codes`` every
    value is the data contract's code (machine formats); sheet names follow ``lang``."""
    wh = at.wh
    values = CODES if codes else lang
    wanted = [
        name
        for name, kind in REGISTRY_TABLES.items()
        if table == name or (table == "all" and wh.keeps(kind))
    ]
    out: list[Table] = []
    for name in wanted:
        if name == "experts":
            columns = _public(EXPERT_COLUMNS, include_private)
            rows = expert_rows(at, values)
            if not include_private:
                rows = [{k: v for k, v in r.items() if k not in ("phone", "email")} for r in rows]
            out.append(Table(sheet_name(SHEET_EXPERTS, lang), columns, rows, "experts"))
        elif name == "materials":
            rows = material_rows(at, values)
            out.append(Table(sheet_name(SHEET_MATERIALS, lang), MATERIAL_COLUMNS, rows, name))
        else:
            rows = feedback_rows(at, values)
            out.append(Table(sheet_name(SHEET_FEEDBACK, lang), FEEDBACK_COLUMNS, rows, name))
    return out
