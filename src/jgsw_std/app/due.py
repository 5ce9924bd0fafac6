"""The due use case: every duty falling due within some days of a date, by owner district.

For a bureau's monthly planning. The standards' duties are
:attr:`AsOf.duties <jgsw_std.lifecycle.asof.AsOf.duties>`, the very ones
`jgsw check` judges; the units' yearly work is the current year's meeting,
training and summary still to do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from jgsw_std.errors import UsageError
from jgsw_std.lifecycle.asof import AsOf
from jgsw_std.lifecycle.duties import DUTY_KINDS, Duty, DutySettings, district_duties
from jgsw_std.load.warehouse import Warehouse
from jgsw_std.progress import SILENT, Progress


@dataclass
class DueRequest:
    root: Path | None = None
    as_of: dt.date = field(default_factory=dt.date.today)
    days: int = 90
    owners: list[str] = field(default_factory=list)
    include_overdue: bool = True


@dataclass
class OwnerDuties:
    owner: str | None  # slug, None for standards that name no owner
    name: str  # the district's name ("" when unknown)
    duties: list[Duty] = field(default_factory=list)


@dataclass
class Calendar:
    as_of: dt.date
    days: int
    groups: list[OwnerDuties]

    @property
    def until(self) -> dt.date:
        return self.as_of + dt.timedelta(days=self.days)

    @property
    def total(self) -> int:
        return sum(len(g.duties) for g in self.groups)

    @property
    def overdue(self) -> int:
        return sum(1 for g in self.groups for d in g.duties if d.overdue)


def _owner_order(wh: Warehouse, owner: str | None) -> tuple[int, str]:
    if owner is None:
        return (2, "")
    rec = wh.district_by_slug.get(owner)
    return (0 if rec is not None and rec.model.kind == "city" else 1, owner)


def due_calendar(
    at: AsOf, days: int = 90, owners: Iterable[str] = (), include_overdue: bool = True
) -> Calendar:
    """Every duty due on or before the date plus ``days``, grouped by owner, earliest first.

    Overdue duties are included (flagged) unless ``include_overdue`` is False:
    they still have to be done, and a month's plan starts with them.
    """
    wh, as_of = at.wh, at.date
    until = as_of + dt.timedelta(days=days)
    wanted = set(owners)
    found = list(at.duties.all())
    plan = wh.indicators.plan if wh.indicators is not None else None
    for drec in wh.districts:
        found.extend(district_duties(drec, as_of, plan))
    by_owner: dict[str | None, OwnerDuties] = {}
    for duty in found:
        if duty.due > until or (wanted and duty.owner not in wanted):
            continue
        if not include_overdue and duty.due < as_of:
            continue
        group = by_owner.get(duty.owner)
        if group is None:
            district = wh.district_by_slug.get(duty.owner) if duty.owner else None
            group = OwnerDuties(duty.owner, district.model.name if district else "")
            by_owner[duty.owner] = group
        group.duties.append(duty)
    groups = sorted(by_owner.values(), key=lambda g: _owner_order(wh, g.owner))
    for group in groups:
        group.duties.sort(key=lambda d: (d.due, DUTY_KINDS.index(d.kind), d.key))
    return Calendar(as_of, days, groups)


def run_due(request: DueRequest, progress: Progress = SILENT) -> Calendar:
    """Open the warehouse and lay out its duties; an unknown owner stops the run."""
    from jgsw_std.app.check import settings_for
    from jgsw_std.app.open import open_warehouse

    with progress.step("读取标准仓", "reading the warehouse"):
        wh = open_warehouse(request.root)
    unknown = [slug for slug in request.owners if slug not in wh.district_by_slug]
    if unknown:
        raise UsageError(
            "unknown_owner",
            zh=f"data/districts/ 中没有 {'、'.join(unknown)}。",
            en=f"no district {', '.join(unknown)} in data/districts/.",
            hint_zh="--owner 写地区文件的 slug，如 shapingba；市级为 chongqing。",
            hint_en="--owner takes a district file's slug, e.g. shapingba; the city is chongqing.",
        )
    _, thresholds, _, _ = settings_for(wh)
    at = AsOf(wh, request.as_of, DutySettings.of(wh, thresholds))
    return due_calendar(at, request.days, request.owners, request.include_overdue)
