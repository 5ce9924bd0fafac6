"""What every section builder receives: the warehouse, the date, the scope, the labels."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from jgsw_std.lifecycle.state import State

if TYPE_CHECKING:
    from jgsw_std.lifecycle.asof import AsOf
    from jgsw_std.load.warehouse import StandardRecord, Warehouse
    from jgsw_std.metrics.scope import Scope

#: Order of levels in the catalogue: the plan's own order, unknown last.
LEVEL_ORDER: tuple[str, ...] = ("national", "industry", "local", "group", "enterprise", "internal")


@dataclass
class Inputs:
    at: AsOf  # the warehouse and the date, as the checks and the indicators see them
    lang: str
    t: dict[str, str]
    scope: Scope
    standards: list[StandardRecord] = field(default_factory=list)

    @property
    def wh(self) -> Warehouse:
        return self.at.wh

    @property
    def as_of(self) -> dt.date:
        return self.at.date

    @cached_property
    def states(self) -> dict[str, State]:
        """Each in-scope standard's state on the as-of date, by file path (AsOf decides)."""
        return {rec.path: self.at.state(rec) for rec in self.standards}

    @cached_property
    def unit_names(self) -> dict[str, str]:
        en = self.lang == "en"
        return {
            d.slug: (d.model.name_en or d.model.name) if en else d.model.name
            for d in self.wh.districts
        }

    def title(self, rec: StandardRecord) -> str:
        return (rec.model.title_en or rec.model.title) if self.lang == "en" else rec.model.title

    def area_order(self) -> list[str]:
        """Framework areas in file order, then ``general``, then areas no framework names."""
        order = [a.code for a in self.wh.framework.areas]
        if "general" not in order:
            order.append("general")
        seen = set(order)
        for rec in self.standards:
            area = rec.model.area
            if area and area not in seen:
                order.append(area)
                seen.add(area)
        return order

    def area_label(self, code: str | None) -> str:
        if code is None:
            return self.t["area_unknown"]
        return self.wh.framework.area_label(code, self.lang)

    def level_label(self, level: str | None) -> str:
        return self.t[f"level.{level}"] if level else self.t["level_unknown"]
