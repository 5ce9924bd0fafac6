"""The due use case: every duty falling due within some days of a date, by owner district.

For a bureau's monthly planning: what falls due in the window, what has just
become overdue, and how much has been overdue for long (counted, listed on
request), by kind of duty and by unit. The standards' duties are
:attr:`AsOf.duties <jgsw_std.lifecycle.asof.AsOf.duties>`, the very ones
`jgsw check` judges; the units' yearly work is the current year's meeting,
training and summary still to do; the feedback items' answers and promised
revisions and the experts' terms come from lifecycle/registries.py, whose
overdue ones are exactly what F905 and F906 report. A review due with feedback
still open on its standard lists those items (F907).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from jgsw_std.errors import UsageError
from jgsw_std.lifecycle.asof import AsOf
from jgsw_std.lifecycle.duties import DUTY_KINDS, Duty, DutySettings, district_duties
from jgsw_std.lifecycle.registries import expert_term_duties, feedback_duties, is_open
from jgsw_std.load.warehouse import Warehouse
from jgsw_std.progress import SILENT, Progress

#: Where a duty stands on the as-of date (see :func:`standing`).
Standing = Literal["due", "newly-overdue", "long-overdue"]
STANDINGS: tuple[Standing, ...] = ("due", "newly-overdue", "long-overdue")


@dataclass
class DueRequest:
    root: Path | None = None
    as_of: dt.date = field(default_factory=dt.date.today)
    days: int = 90
    owners: list[str] = field(default_factory=list)
    include_overdue: bool = True
    #: overdue since this day is "newly overdue"; default: as_of minus ``days``
    since: dt.date | None = None
    #: list the long-overdue duties too (they are counted in any case)
    show_all: bool = False
    #: list at most this many duties (0: all); the summary counts every one
    limit: int = 0


@dataclass
class OwnerDuties:
    owner: str | None  # slug, None for standards that name no owner
    name: str  # the district's name ("" when unknown)
    duties: list[Duty] = field(default_factory=list)


@dataclass
class Section:
    """The duties of one standing, by owner; ``listed`` False: only counted."""

    standing: Standing
    groups: list[OwnerDuties]
    listed: bool = True

    @property
    def total(self) -> int:
        return sum(len(g.duties) for g in self.groups)


@dataclass
class Calendar:
    """Every duty of the window and before it, by standing and owner, earliest first.

    A duty is *due* when its date is in [as_of, as_of + days] (today included:
    a duty due today is not late yet), *newly overdue* when it is in [since,
    as_of), and *long overdue* before ``since``; ``since`` defaults to as_of
    minus ``days``, so "newly" means "overdue within one window's length".
    """

    as_of: dt.date
    days: int
    since: dt.date
    sections: list[Section]
    #: every duty counted, by owner (all standings together), in calendar order
    groups: list[OwnerDuties]
    include_overdue: bool = True
    limit: int = 0
    #: standard code -> ids of the feedback items still open on it (for its review)
    open_feedback: dict[str, list[str]] = field(default_factory=dict)

    def open_on(self, duty: Duty) -> list[str]:
        """The open feedback items to take into a review; [] for other duties."""
        return self.open_feedback.get(duty.key, []) if duty.kind == "review" else []

    @property
    def until(self) -> dt.date:
        return self.as_of + dt.timedelta(days=self.days)

    def section(self, standing: Standing) -> Section:
        return next(s for s in self.sections if s.standing == standing)

    @property
    def total(self) -> int:
        return sum(s.total for s in self.sections)

    @property
    def overdue(self) -> int:
        """Duties whose date has passed (a duty due today is not overdue)."""
        return sum(s.total for s in self.sections if s.standing != "due")

    def counts_by_kind(self) -> dict[str, Counter[str]]:
        """kind -> standing -> number of duties, in DUTY_KINDS order."""
        out: dict[str, Counter[str]] = {}
        for section in self.sections:
            for group in section.groups:
                for duty in group.duties:
                    out.setdefault(duty.kind, Counter())[section.standing] += 1
        return {k: out[k] for k in DUTY_KINDS if k in out}

    def counts_by_owner(self) -> list[tuple[OwnerDuties, Counter[str]]]:
        """(owner, standing -> number) for every owner with a duty, in owner order."""
        return [
            (group, Counter(standing(d, self.as_of, self.since) for d in group.duties))
            for group in self.groups
        ]


def standing(duty: Duty, as_of: dt.date, since: dt.date) -> Standing:
    """Due (on or after as_of), newly overdue (since to the day before), long overdue."""
    if duty.due >= as_of:
        return "due"
    return "newly-overdue" if duty.due >= since else "long-overdue"


def _duty_order(duty: Duty) -> tuple[dt.date, int, str]:
    return (duty.due, DUTY_KINDS.index(duty.kind), duty.key)


def _owner_order(wh: Warehouse, owner: str | None) -> tuple[int, str]:
    if owner is None:
        return (2, "")
    rec = wh.district_by_slug.get(owner)
    return (0 if rec is not None and rec.model.kind == "city" else 1, owner)


def _by_owner(wh: Warehouse, duties: list[Duty]) -> list[OwnerDuties]:
    by_owner: dict[str | None, OwnerDuties] = {}
    for duty in duties:
        group = by_owner.get(duty.owner)
        if group is None:
            district = wh.district_by_slug.get(duty.owner) if duty.owner else None
            group = OwnerDuties(duty.owner, district.model.name if district else "")
            by_owner[duty.owner] = group
        group.duties.append(duty)
    groups = sorted(by_owner.values(), key=lambda g: _owner_order(wh, g.owner))
    for group in groups:
        group.duties.sort(key=_duty_order)
    return groups


def due_calendar(
    at: AsOf,
    days: int = 90,
    owners: Iterable[str] = (),
    include_overdue: bool = True,
    since: dt.date | None = None,
    show_all: bool = False,
    limit: int = 0,
) -> Calendar:
    """Every duty due on or before the date plus ``days``, by standing and owner.

    Overdue duties are counted (and the newly overdue listed) unless
    ``include_overdue`` is False: they still have to be done, and a month's
    plan starts with them. The long overdue are listed only with ``show_all``.
    """
    wh, as_of = at.wh, at.date
    until = as_of + dt.timedelta(days=days)
    start = since if since is not None else as_of - dt.timedelta(days=days)
    wanted = set(owners)
    found = list(at.duties.all())
    plan = wh.indicators.plan if wh.indicators is not None else None
    for drec in wh.districts:
        found.extend(district_duties(drec, as_of, plan))
    found.extend(feedback_duties(wh, as_of))
    found.extend(expert_term_duties(wh, as_of))
    kept: dict[Standing, list[Duty]] = {s: [] for s in STANDINGS}
    for duty in found:
        if duty.due > until or (wanted and duty.owner not in wanted):
            continue
        where = standing(duty, as_of, start)
        if where != "due" and not include_overdue:
            continue
        kept[where].append(duty)
    sections = [
        Section(s, _by_owner(wh, kept[s]), listed=s != "long-overdue" or show_all)
        for s in STANDINGS
    ]
    every = [d for s in STANDINGS for d in kept[s]]
    return Calendar(
        as_of,
        days,
        start,
        sections,
        _by_owner(wh, every),
        include_overdue,
        limit,
        _open_feedback(at, {d.key for d in every if d.kind == "review"}),
    )


def _open_feedback(at: AsOf, codes: set[str]) -> dict[str, list[str]]:
    """Code -> open feedback items, for the standards whose review the calendar lists."""
    out: dict[str, list[str]] = {}
    for rec in at.wh.feedback:
        if rec.code in codes and is_open(rec.model, at.date):
            out.setdefault(rec.code, []).append(rec.id)
    return out


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
            hint_zh="--district 写地区文件的 slug，如 shapingba；市级为 chongqing。",
            hint_en="--district takes a district file's slug, e.g. shapingba; the city is "
            "chongqing.",
        )
    if request.since is not None and request.since > request.as_of:
        raise UsageError(
            "bad_since",
            zh=f"--since {request.since} 晚于统计日期 {request.as_of}。",
            en=f"--since {request.since} is after the as-of date {request.as_of}.",
            hint_zh="--since 是“新近逾期”的起点，应早于统计日期。",
            hint_en="--since starts the newly overdue period; it must not be after --as-of.",
        )
    _, thresholds, _, _ = settings_for(wh)
    at = AsOf(wh, request.as_of, DutySettings.of(wh, thresholds))
    return due_calendar(
        at,
        request.days,
        request.owners,
        request.include_overdue,
        since=request.since,
        show_all=request.show_all,
        limit=request.limit,
    )
