"""Reading one cell of the standards sheet back into a value of the data contract.

Each reader takes the raw cell (text, number, date) and returns the field's
value or raises :class:`CellError` with the reason in both languages; the
importer adds the sheet, row and column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from jgsw_std.edit.quoting import normalize_date
from jgsw_std.edit.sheet_layout import unguard_formula
from jgsw_std.i18n import WORDS
from jgsw_std.load.warehouse import Warehouse
from jgsw_std.model.codes import CodeError, parse_code
from jgsw_std.model.framework import GENERAL_AREA

_SPLIT = re.compile(r"[；;\n]+")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class CellError(Exception):
    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (dt.datetime, dt.date)):
        value = value.date().isoformat() if isinstance(value, dt.datetime) else value.isoformat()
    text = unguard_formula(str(value)).strip() if isinstance(value, str) else str(value).strip()
    return text or None


def _parts(value: Any) -> list[str]:
    text = _text(value)
    return [p.strip() for p in _SPLIT.split(text) if p.strip()] if text else []


def _lookup(table: dict[str, str], what_zh: str, what_en: str) -> Callable[[Any], str | None]:
    def read(value: Any) -> str | None:
        text = _text(value)
        if text is None:
            return None
        found = table.get(text) or table.get(text.lower())
        if found is None:
            raise CellError(f"未知的{what_zh} {text}", f"unknown {what_en} {text!r}")
        return found

    return read


def _words(prefix: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, (zh, en) in WORDS.items():
        if key.startswith(prefix + "."):
            code = key.split(".", 1)[1]
            out.update({code: code, zh: code, en: code, en.lower(): code})
    return out


def read_date(value: Any) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    iso = normalize_date(text)
    if iso is None:
        raise CellError(
            f"日期 {text} 无效（写成 YYYY-MM-DD）", f"invalid date {text!r} (write YYYY-MM-DD)"
        )
    return dt.date.fromisoformat(iso)


def read_year(value: Any) -> int | None:
    text = _text(value)
    if text is None:
        return None
    if not re.fullmatch(r"\d{4}", text):
        raise CellError(f"年度 {text} 无效（写成四位数字）", f"invalid year {text!r} (four digits)")
    return int(text)


def read_code(value: Any) -> str | None:
    text = _text(value)
    if text is None:
        return None
    try:
        return parse_code(text).code
    except CodeError as exc:
        raise CellError(
            f"标准编号 {text} 无法识别：{exc}", f"cannot read the code {text!r}: {exc}"
        ) from None


def read_codes(value: Any) -> list[str]:
    out = [read_code(part) for part in _parts(value)]
    return [c for c in out if c is not None]


def read_slugs(value: Any) -> list[str]:
    parts = _parts(value)
    for part in parts:
        if not _SLUG.match(part):
            raise CellError(
                f"{part} 不是有效标识（小写字母、数字、连字符）",
                f"{part!r} is not an identifier (lower-case letters, digits, dashes)",
            )
    return parts


class Readers:
    """The cell readers of one warehouse (its framework's names and its districts)."""

    def __init__(self, wh: Warehouse) -> None:
        fw = wh.framework
        areas = {
            GENERAL_AREA: GENERAL_AREA,
            "通用": GENERAL_AREA,
            fw.area_label(GENERAL_AREA, "zh"): GENERAL_AREA,
            fw.area_label(GENERAL_AREA, "en"): GENERAL_AREA,
        }
        for area in fw.areas:
            areas.update({area.code: area.code, area.name: area.code})
            if area.name_en:
                areas[area.name_en] = area.code
        categories = {"general": "general", "operation": "operation", "evaluation": "evaluation"}
        for cat in fw.categories:
            categories.update({cat.code: cat.code, cat.name: cat.code})
            if cat.name_en:
                categories[cat.name_en] = cat.code
        groups: dict[str, str] = {}
        for group in fw.collab_groups:
            groups.update({group.code: group.code, group.name: group.code})
        owners: dict[str, str] = {}
        for rec in wh.districts:
            owners.update({rec.slug: rec.slug, rec.model.name: rec.slug})
        self.framework = fw
        self.area = _lookup(areas, "业务方面", "area")
        self.category = _lookup(categories, "体系大类", "category")
        self.level = _lookup(_words("level"), "标准层级", "level")
        self.status = _lookup(_words("status"), "状态", "status")
        self.owner = _lookup(owners, "牵头单位", "lead unit")
        self.collab_group = _lookup(groups, "协作组", "collaboration group")
        self.plan_kind = _lookup(
            {"new": "new", "revision": "revision", "制定": "new", "修订": "revision"},
            "制修订类型",
            "formulation kind",
        )

    def items(self, value: Any, area: str | None) -> list[str]:
        """Item codes or names; a name is looked up in the row's area first."""
        fw = self.framework
        out: list[str] = []
        for part in _parts(value):
            if part in fw.item_names:
                out.append(part)
                continue
            local = [
                a.item_code(i)
                for a in fw.areas
                if a.code == area
                for i in a.items
                if part in (i.name, i.name_en)
            ]
            anywhere = [c for c, i in fw.item_names.items() if part in (i.name, i.name_en)]
            found = local or anywhere
            if len(found) != 1:
                reason_zh = "有多个同名业务事项，请写代码" if found else "framework.yaml 中没有"
                reason_en = (
                    "several items have this name; write the code"
                    if found
                    else "not in framework.yaml"
                )
                raise CellError(
                    f"业务事项 {part}：{reason_zh}", f"business item {part!r}: {reason_en}"
                )
            out.append(found[0])
        return out


def read_text(value: Any) -> str | None:
    return _text(value)


def read_list(value: Any) -> list[str]:
    """Several values in one cell, separated by ；, ; or line breaks."""
    return _parts(value)


def lookup(table: dict[str, str], what_zh: str, what_en: str) -> Callable[[Any], str | None]:
    """A reader that maps the words of ``table`` (codes, names) to codes, else refuses."""
    return _lookup(table, what_zh, what_en)
