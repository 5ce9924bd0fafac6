"""The registries' sheets (专家库, 资料库, 信息反馈): which sheet holds what, and its cells.

`jgsw export` writes these sheets (app/export_registries.py) with the columns
of edit/sheet_layout.py; `jgsw import` finds them again here, by their names
or, for a sheet a bureau made itself, by their headers, and reads each cell
into a value of the data contract (edit/registry_import.py plans the files).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from jgsw_std.edit.cells import (
    CellError,
    Readers,
    lookup,
    read_code,
    read_date,
    read_list,
    read_text,
)
from jgsw_std.edit.sheet_layout import (
    EXPERT_COLUMNS,
    FEEDBACK_COLUMNS,
    LABELS,
    MATERIAL_COLUMNS,
    SHEET_EXPERTS,
    SHEET_FEEDBACK,
    SHEET_INDICATORS,
    SHEET_MATERIALS,
    SHEET_STANDARDS,
    STANDARD_COLUMNS,
    Column,
    Sheet,
)
from jgsw_std.load.warehouse import Kind, Warehouse
from jgsw_std.model.expert import Expert
from jgsw_std.model.feedback import FEEDBACK_ID, Feedback
from jgsw_std.model.material import Material

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ID = re.compile(FEEDBACK_ID)


@dataclass(frozen=True)
class Layout:
    """One registry's sheet: its columns, key, required fields and files."""

    kind: Kind
    names: tuple[str, str]  # sheet names, zh and en
    columns: tuple[Column, ...]
    key: str  # slug or id
    required: tuple[str, ...]  # columns a new record must fill
    model: type[BaseModel]
    folder: str

    def rel(self, ident: str) -> str:
        if self.kind == "feedback":
            return f"data/feedback/{ident[:4]}/{ident}.yaml"
        return f"data/{self.folder}/{ident}.yaml"


LAYOUTS: tuple[Layout, ...] = (
    Layout(
        "expert",
        SHEET_EXPERTS,
        EXPERT_COLUMNS,
        "slug",
        ("slug", "name", "organization", "appointed"),
        Expert,
        "experts",
    ),
    Layout(
        "material",
        SHEET_MATERIALS,
        MATERIAL_COLUMNS,
        "slug",
        ("slug", "title"),
        Material,
        "materials",
    ),
    Layout(
        "feedback",
        SHEET_FEEDBACK,
        FEEDBACK_COLUMNS,
        "id",
        ("standard", "from", "received", "text"),
        Feedback,
        "feedback",
    ),
)


def header_names(columns: tuple[Column, ...]) -> dict[str, Column]:
    """Every name a header may have (key, Chinese, English; any case) -> its column."""
    out: dict[str, Column] = {}
    for column in columns:
        for name in (column.key, column.zh, column.en):
            out[name.strip().lower()] = column
    return out


def classify(sheet: Sheet) -> Layout | str | None:
    """What a sheet holds: a registry's Layout, "standards", or None (the indicators).

    By the sheet's name first (as `jgsw export` writes it); a sheet named otherwise
    (a bureau's own "Sheet1") by whichever layout knows most of its headers, the
    standards table winning a tie.
    """
    if sheet.name in SHEET_STANDARDS:
        return "standards"
    if sheet.name in SHEET_INDICATORS:
        return None
    for layout in LAYOUTS:
        if sheet.name in layout.names:
            return layout
    headers = {
        t.lower() for t in (read_text(c) for c in (sheet.rows[0] if sheet.rows else [])) if t
    }
    best: Layout | str = "standards"
    score = len(headers & set(header_names(STANDARD_COLUMNS)))
    for layout in LAYOUTS:
        mine = len(headers & set(header_names(layout.columns)))
        if mine > score:
            best, score = layout, mine
    return best


# -- reading cells ---------------------------------------------------------------------


def _enum(group: str, what_zh: str, what_en: str) -> Callable[[Any], str | None]:
    table: dict[str, str] = {}
    for code, (zh, en) in LABELS[group].items():
        table.update({code: code, zh: code, en: code, en.lower(): code})
    return lookup(table, what_zh, what_en)


class RegistryCells:
    """The readers of one warehouse for every registry column."""

    def __init__(self, wh: Warehouse) -> None:
        readers = Readers(wh)
        units = {rec.slug: rec.slug for rec in wh.districts}
        units.update({rec.model.name: rec.slug for rec in wh.districts})
        self.units = units
        self.area = readers.area
        self.material_kind = _enum("material_kind", "资料类型", "material kind")
        self.feedback_kind = _enum("feedback_kind", "反馈类型", "feedback kind")
        self.action = _enum("action", "处理方式", "action")

    def unit(self, value: Any) -> str | None:
        text = read_text(value)
        if text is None:
            return None
        found = self.units.get(text)
        if found is not None:
            return found
        if _SLUG.match(text):  # not a district of this warehouse: check says so (F902)
            return text
        raise CellError(f"未知的单位 {text}", f"unknown unit {text!r}")

    def areas(self, value: Any) -> list[str]:
        return [a for a in (self.area(part) for part in read_list(value)) if a is not None]

    def read(self, key: str, value: Any) -> Any:
        if key in ("slug",):
            return _slug(value)
        if key == "id":
            return _ident(value)
        if key in ("appointed", "term_ends", "left", "date", "received", "closed"):
            return read_date(value)
        if key == "response_date":
            return read_date(value)
        if key in ("fields", "areas"):
            return self.areas(value)
        if key in ("specialties", "tags"):
            return read_list(value)
        if key == "standard":
            return read_code(value)
        if key in ("from", "response_by"):
            return self.unit(value)
        if key == "response_action":
            return self.action(value)
        if key == "sha256":
            text = read_text(value)
            return text.lower() if text else None
        return read_text(value)


def _slug(value: Any) -> str | None:
    text = read_text(value)
    if text is not None and not _SLUG.match(text):
        raise CellError(
            f"{text} 不是有效标识（小写字母、数字、连字符）",
            f"{text!r} is not an identifier (lower-case letters, digits, dashes)",
        )
    return text


def _ident(value: Any) -> str | None:
    text = read_text(value)
    if text is not None and not _ID.match(text):
        raise CellError(
            f"编号 {text} 应写成 年份-四位序号（如 2024-0012）",
            f"id {text!r} should be <year>-NNNN (e.g. 2024-0012)",
        )
    return text


# -- the records as the sheet sees them ---------------------------------------------------


def flat_values(layout: Layout, model: Any) -> dict[str, Any]:
    """A record's values under the sheet's column keys."""
    if layout.kind == "expert":
        contact = model.contact
        return {
            "slug": model.slug,
            "name": model.name,
            "organization": model.organization,
            "fields": list(model.fields),
            "specialties": list(model.specialties),
            "title": model.title,
            "appointed": model.appointed,
            "term_ends": model.term_ends,
            "left": model.left,
            "phone": contact.phone if contact else None,
            "email": contact.email if contact else None,
            "source": model.source,
        }
    if layout.kind == "material":
        return {
            key: (list(getattr(model, key)) if key in ("areas", "tags") else getattr(model, key))
            for key in ("slug", "title", "kind", "date", "areas", "tags", "path", "url", "sha256")
        } | {"source": model.source}
    response = model.response
    return {
        "id": model.id,
        "standard": model.standard,
        "from": model.from_,
        "received": model.received,
        "kind": model.kind,
        "clause": model.clause,
        "text": model.text,
        "response_date": response.date if response else None,
        "response_by": response.by if response else None,
        "response_action": response.action if response else None,
        "response_text": response.text if response else None,
        "closed": model.closed,
        "source": model.source,
    }


def same_value(old: Any, new: Any) -> bool:
    if isinstance(old, list) or isinstance(new, list):
        return list(old or []) == list(new or [])
    return bool(old == new)


GROUPS = {
    "phone": ("contact", "phone"),
    "email": ("contact", "email"),
    "response_date": ("response", "date"),
    "response_by": ("response", "by"),
    "response_action": ("response", "action"),
    "response_text": ("response", "text"),
}
_GROUP_ORDER = {"contact": ("phone", "email"), "response": ("date", "by", "action", "text")}


def file_values(flat: dict[str, Any]) -> dict[str, Any]:
    """Column values as the file's top-level keys: contact and response become mappings."""
    out: dict[str, Any] = {}
    groups: dict[str, dict[str, Any]] = {}
    for key, value in flat.items():
        if key in GROUPS:
            group, sub = GROUPS[key]
            groups.setdefault(group, {})[sub] = value
        else:
            out[key] = value
    for group, values in groups.items():
        kept = {k: values[k] for k in _GROUP_ORDER[group] if values.get(k) is not None}
        out[group] = kept or None
    return out
