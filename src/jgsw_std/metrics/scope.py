"""Which units and which standards a figure counts: the city, a region, a district.

Units (the city file and each district file) belong to a scope by their
``region`` / ``subregion`` fields, as in force on the scope's grouping date
(DOMAIN.md, "Regrouping": the plan's ``grouping_date``, default its start;
``--grouping-as-of`` overrides it), so a district regrouped after the plan
counts where the plan counted it. Standards belong to a scope by their
``owner``, the unit that leads them: the city total counts every standard, a
region or district counts the standards its units lead. National and industry
standards, and own standards with no ``owner`` recorded, therefore count only
in the city total (docs/status.md, "Scopes").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from jgsw_std.errors import UsageError
from jgsw_std.i18n import word

if TYPE_CHECKING:
    from jgsw_std.load.warehouse import DistrictRecord, StandardRecord, Warehouse

ScopeKind = Literal["city", "region", "subregion", "district"]
REGIONS: tuple[str, ...] = ("main-urban", "northeast", "southeast")
SUBREGIONS: tuple[str, ...] = ("central", "new")


@dataclass(frozen=True)
class Scope:
    """A parsed ``--scope``: its kind and the region, subregion or district slug."""

    kind: ScopeKind
    value: str = ""
    #: whose 一区两群 grouping decides a unit's region (None: the plan's own)
    grouping: dt.date | None = None

    @property
    def key(self) -> str:
        """The canonical text: ``city``, ``region:northeast``, ``district:shapingba``."""
        return "city" if self.kind == "city" else f"{self.kind}:{self.value}"

    def on_grouping(self, day: dt.date | None) -> Scope:
        """The same scope with a unit's region read as on ``day``."""
        return replace(self, grouping=day)

    def has_unit(self, rec: DistrictRecord) -> bool:
        m = rec.model
        if self.kind == "city":
            return True
        if self.kind == "district":
            return m.slug == self.value
        region, subregion = m.grouping_at(self.grouping)
        if self.kind == "region":
            return region == self.value
        return subregion == self.value

    def units(self, wh: Warehouse) -> list[DistrictRecord]:
        """The units in scope, in file order (the city file included for ``city``)."""
        return [rec for rec in wh.districts if self.has_unit(rec)]

    def standards(self, wh: Warehouse) -> list[StandardRecord]:
        """The standards in scope: all for the city, else those led by a unit in scope."""
        if self.kind == "city":
            return list(wh.standards)
        slugs = {rec.slug for rec in self.units(wh)}
        return [rec for rec in wh.standards if rec.model.owner in slugs]

    def label(self, wh: Warehouse, lang: str) -> str:
        if self.kind == "city":
            return "Whole city" if lang == "en" else "全市"
        if self.kind in ("region", "subregion"):
            return word(f"{self.kind}.{self.value}", lang)
        rec = wh.district_by_slug.get(self.value)
        if rec is None:
            return self.value
        return (rec.model.name_en or rec.slug) if lang == "en" else rec.model.name


def parse_scope(
    text: str | Scope, wh: Warehouse | None = None, grouping: dt.date | None = None
) -> Scope:
    """``city``, ``region:R``, ``subregion:S`` or ``district:SLUG``; a bad value stops the run.

    ``region:central`` and ``region:new`` name the 主城都市区 subregions too, since
    people think of them as regions. With ``wh``, a district slug must exist.
    """
    if isinstance(text, Scope):
        return text if grouping is None else text.on_grouping(grouping)
    raw = text.strip().lower()
    if raw in ("", "city", "all"):
        return Scope("city", grouping=grouping)
    kind, _, value = raw.partition(":")
    if kind == "region" and value in SUBREGIONS:
        kind = "subregion"
    if kind == "region" and value in REGIONS:
        return Scope("region", value, grouping)
    if kind == "subregion" and value in SUBREGIONS:
        return Scope("subregion", value, grouping)
    if kind == "district" and value and (wh is None or value in wh.district_by_slug):
        return Scope("district", value, grouping)
    raise UsageError(
        "bad_scope",
        zh=f"--scope 的值 {text!r} 无法识别。",
        en=f"--scope value {text!r} is not a known scope.",
        hint_zh="可选：city、region:main-urban|northeast|southeast、"
        "subregion:central|new、district:<地区标识，如 shapingba>。",
        hint_en="Choose city, region:main-urban|northeast|southeast, "
        "subregion:central|new or district:<slug, e.g. shapingba>.",
    )
