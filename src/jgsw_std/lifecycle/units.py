"""What is known about the units' yearly duties and mechanism on a date.

Indicators 1, 3 and 15 and the checks U802-U805 ask the same questions of
every unit (the city file and each district file): which plan years had a
meeting, a training or publicity event, an annual summary sent up; which
parts of the mechanism were in place. Both read the answers here, so a
unit-year counted against an indicator is exactly a year the check reports.

An activity recorded without its date may fall in any year: it can fill at
most one missing year, so a unit with three missing years and one undated
training has two years certainly missing and one open. An activity recorded
without its kind may be the meeting or the training: a dated one leaves its
own year open for both duties (it is *pinned* to that year), an undated one
may fill any one missing year of either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from jgsw_std.lifecycle.known import Fact
from jgsw_std.model.district import MEETING_KINDS, TRAINING_KINDS, Mechanism

if TYPE_CHECKING:
    from jgsw_std.load.warehouse import DistrictRecord


@dataclass(frozen=True)
class UnitYears:
    """One unit's plan years for one yearly duty on a date."""

    done: tuple[int, ...]
    #: the certainly missing years first, the open ones last
    missing: tuple[int, ...]
    #: how many missing years the unit's undated records could still fill
    open: int = 0
    #: the facts that would settle the open years not pinned below
    facts: tuple[Fact, ...] = ()
    #: open years that one record names (a dated activity of unknown kind, a
    #: summary without its sending date): year -> the facts that settle it
    pinned: dict[int, tuple[Fact, ...]] = field(default_factory=dict)

    @property
    def certain_missing(self) -> int:
        """Missing years no undated record can account for."""
        return len(self.missing) - self.open

    def facts_for(self, year: int) -> tuple[Fact, ...]:
        """What would settle one open year: its own record's facts, else the floating ones."""
        return self.pinned.get(year) or self.facts

    @property
    def all_facts(self) -> tuple[Fact, ...]:
        """Every fact behind the open years, each once."""
        pinned = (f for facts in self.pinned.values() for f in facts)
        return tuple(dict.fromkeys((*self.facts, *pinned)))


def activity_fact(rec: DistrictRecord, index: int, field: str = "date") -> Fact:
    """The missing ``field`` (date, attendance, kind) of the unit's activity at ``index``."""
    act = rec.model.activities[index]
    when = f" {act.date}" if act.date is not None else ""
    label = f"{rec.model.name}{when}「{act.title or act.kind or '活动'}」"
    return Fact(f"{rec.slug}:activities[{index}]", label, rec.path, field, name=label)


def activity_years(
    rec: DistrictRecord, years: Iterable[int], as_of: dt.date, kinds: frozenset[str]
) -> UnitYears:
    """The years with an activity of ``kinds`` dated on or before ``as_of``.

    An activity without its kind counts neither as held nor as absent: a dated
    one pins its year open, an undated one floats like any undated activity.
    """
    held: set[int] = set()
    undated: list[Fact] = []
    pinned: dict[int, list[Fact]] = {}
    for index, act in enumerate(rec.model.activities):
        kind = act.kind
        if kind is not None and kind not in kinds:
            continue
        day = act.date
        if day is not None and day > as_of:
            continue
        if kind is None:
            facts = [activity_fact(rec, index, "activity-kind")]
            if day is None:
                undated += [activity_fact(rec, index), *facts]
            else:
                pinned.setdefault(day.year, []).extend(facts)
        elif day is None:
            undated.append(activity_fact(rec, index))
        else:
            held.add(day.year)
    return _split(years, held, undated, pinned)


def meeting_years(rec: DistrictRecord, years: Iterable[int], as_of: dt.date) -> UnitYears:
    return activity_years(rec, years, as_of, MEETING_KINDS)


def training_years(rec: DistrictRecord, years: Iterable[int], as_of: dt.date) -> UnitYears:
    return activity_years(rec, years, as_of, TRAINING_KINDS)


def summary_years(rec: DistrictRecord, years: Iterable[int], as_of: dt.date) -> UnitYears:
    """The years whose annual summary was sent up on or before ``as_of``.

    A summary recorded without its ``sent`` date leaves its own year open.
    """
    sent: set[int] = set()
    pinned: dict[int, list[Fact]] = {}
    undated: list[Fact] = []
    for index, summary in enumerate(rec.model.summaries):
        day, year = summary.sent, summary.year
        if day is not None and day > as_of:
            continue
        if year is None:  # sent (or maybe sent) by D, for a year nobody recorded
            undated.append(summary_fact(rec, index, "summary-year"))
            if day is None:
                undated.append(summary_fact(rec, index))
        elif day is None:
            pinned.setdefault(year, []).append(summary_fact(rec, index))
        else:
            sent.add(year)
    return _split(years, sent, undated, pinned)


def summary_fact(rec: DistrictRecord, index: int, field: str = "sent") -> Fact:
    """The missing ``field`` (``sent``, its year) of the unit's annual summary at ``index``."""
    year = rec.model.summaries[index].year
    label = f"{rec.model.name} {year} 年度总结" if year else f"{rec.model.name}年度总结"
    return Fact(f"{rec.slug}:summaries[{index}]", label, rec.path, field, name=label)


def _split(
    years: Iterable[int],
    held: set[int],
    undated: list[Fact],
    pinned: dict[int, list[Fact]] | None = None,
) -> UnitYears:
    """Held years done; a pinned year open on its own facts; undated records
    (``undated`` holds their facts, one or two each) fill at most one other
    missing year each, so that many more are open."""
    wanted = list(years)
    pins = {y: tuple(dict.fromkeys(f)) for y, f in (pinned or {}).items() if y not in held}
    done = tuple(y for y in wanted if y in held)
    loose = [y for y in wanted if y not in held and y not in pins]
    records = len({f.key for f in undated})
    floating = min(records, len(loose))
    # the open years last: UnitYears counts the last `open` missing years as open
    missing = (*loose, *(y for y in wanted if y in pins))
    open_years = [y for y in wanted if y in pins]
    facts = tuple(dict.fromkeys(undated)) if floating else ()
    kept = {y: pins[y] for y in open_years}
    return UnitYears(done, missing, floating + len(open_years), facts, kept)


YearsFn = Callable[["DistrictRecord", Iterable[int], dt.date], UnitYears]


def records_activities(units: Iterable[DistrictRecord], as_of: dt.date) -> bool:
    """Whether the units record any activity by ``as_of`` (an undated one included).

    When none does, the warehouse does not keep activities yet: a year without
    a record is then not known to be a year without a meeting (indicators 3
    and 15 are "no data", and U802/U803 only possible).
    """
    return any(a.date is None or a.date <= as_of for rec in units for a in rec.model.activities)


def records_summaries(units: Iterable[DistrictRecord], as_of: dt.date) -> bool:
    """Whether any unit records an annual summary sent by ``as_of`` (see above)."""
    return any(s.sent is None or s.sent <= as_of for rec in units for s in rec.model.summaries)


def records_mechanism(units: Iterable[DistrictRecord]) -> bool:
    """Whether any unit records its mechanism (else indicator 1 is "no data")."""
    return any(rec.model.mechanism is not None for rec in units)


#: The parts of indicator 1's mechanism: field, (zh, en).
MECHANISM_PARTS: dict[str, tuple[str, str]] = {
    "leading_group": ("领导小组", "leading group"),
    "working_body": ("工作机构", "working body"),
    "staff": ("专（兼）职人员", "full- or part-time staff"),
    "budget_channel": ("稳定经费渠道", "stable budget channel"),
}


def part_date(mech: Mechanism, name: str) -> dt.date | None:
    """When a part was in place. Staff without their own date came with the working body."""
    if name != "staff":
        value: dt.date | None = getattr(mech, name)
        return value
    staff = mech.staff
    if staff is None or staff.full_time + staff.part_time == 0:
        return None
    return mech.staff_date or mech.working_body


def missing_parts(rec: DistrictRecord, as_of: dt.date) -> list[str]:
    """The parts of the mechanism not recorded as in place on ``as_of`` (U805, indicator 1)."""
    mech = rec.model.mechanism
    if mech is None:
        return list(MECHANISM_PARTS)
    return [
        name for name in MECHANISM_PARTS if (day := part_date(mech, name)) is None or day > as_of
    ]
