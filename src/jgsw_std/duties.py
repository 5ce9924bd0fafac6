"""Duties as of a date: what the bureaus owe each standard and each year of the plan.

Two commands read this module. `jgsw check` (rules/duties.py, rules/units.py)
reports what is overdue; `jgsw due` lays the same duties out as a calendar of
what falls due in the next days, grouped by owner district. Both answer "is
it in force, for how long, reviewed when" through :mod:`jgsw_std.lifecycle`,
the helpers the indicators use, so a standard flagged review-overdue is exactly
one that indicator 17 counts against (and evaluation-due, indicator 16).

A duty whose due date needs a date nobody recorded is left out: a missing
effective date makes a standard "dates unknown", never overdue.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, NamedTuple

from jgsw_std import lifecycle as lc
from jgsw_std.model.district import MEETING_KINDS, TRAINING_KINDS
from jgsw_std.model.standard import Review

if TYPE_CHECKING:
    from jgsw_std.load.warehouse import DistrictRecord, StandardRecord, Warehouse
    from jgsw_std.model.indicators import Plan

DutyKind = Literal["review", "evaluation", "publication", "meeting", "training", "summary"]
DUTY_KINDS: tuple[DutyKind, ...] = (
    "review",
    "evaluation",
    "publication",
    "meeting",
    "training",
    "summary",
)

#: (zh, en) names of the duties, for the calendar and messages.
DUTY_NAMES: dict[str, tuple[str, str]] = {
    "review": ("复审", "review"),
    "evaluation": ("实施效果评价", "effect evaluation"),
    "publication": ("按计划发布", "publication as planned"),
    "meeting": ("年度部署会（推进会）", "annual deployment meeting"),
    "training": ("年度培训或宣贯", "annual training or publicity"),
    "summary": ("年度工作总结报送", "annual summary sent up"),
}


@dataclass(frozen=True)
class DutySettings:
    """The plan's rule settings (framework.yaml); the reminder window and the usage
    floor may be overridden for the checker, the periods indicators use may not."""

    review_period_years: int = 5
    evaluation_after_years: int = 1
    review_due_days: int = 90
    low_usage_rate: float = 0.5

    @classmethod
    def of(cls, wh: Warehouse, thresholds: Mapping[str, float] | None = None) -> DutySettings:
        """framework.yaml's settings, then `check.thresholds` for the checker-only ones."""
        fw = wh.framework
        over = thresholds or {}
        return cls(
            review_period_years=fw.review_period_years,
            evaluation_after_years=fw.evaluation_after_years,
            review_due_days=int(over.get("review_due_days", fw.review_due_days)),
            low_usage_rate=float(over.get("low_usage_rate", fw.low_usage_rate)),
        )


class Duty(NamedTuple):
    """One thing a unit owes by a date: review a standard, hold the year's meeting...

    A named tuple rather than a dataclass: a scan builds one per standard in
    force, and tuples are several times cheaper to make.
    """

    kind: DutyKind
    due: dt.date
    overdue: bool  # the check reports it; for standards, exactly the indicator's "against"
    owner: str | None  # district slug; None when the standard names no owner
    path: str
    key: str  # standard code, or "slug:year" for a district's yearly duty
    label: str  # standard title or district name
    basis: dt.date | None = None  # what the clock runs from: effective date, last review

    def days_left(self, as_of: dt.date) -> int:
        return (self.due - as_of).days


# -- standards ------------------------------------------------------------------


def latest_review(std_reviews: list[Review], as_of: dt.date) -> tuple[int, Review] | None:
    """The last review recorded on or before ``as_of`` (a later one in the list wins a tie)."""
    best: tuple[int, Review] | None = None
    for index, review in enumerate(std_reviews):
        if review.date <= as_of and (best is None or review.date >= best[1].date):
            best = (index, review)
    return best


def review_duty(
    wh: Warehouse, rec: StandardRecord, as_of: dt.date, settings: DutySettings
) -> Duty | None:
    """The next review (复审) of an own standard in force on ``as_of``, or None.

    Overdue is :func:`lifecycle.review_overdue`, indicator 17's definition; the
    due date is the period after the last review on or before ``as_of`` (or after
    the effective date when there is none).
    """
    if not lc.is_own(rec) or lc.state_at(wh, rec, as_of) != "in-force":
        return None
    return _review(wh, rec, as_of, settings)


def _review(wh: Warehouse, rec: StandardRecord, as_of: dt.date, settings: DutySettings) -> Duty:
    years = settings.review_period_years
    std = rec.model
    last = std.last_review(as_of)
    basis = max(last, std.effective) if last and std.effective else (last or std.effective)
    assert basis is not None  # in force implies an effective date
    due = lc.add_years(basis, years)
    # Overdue implies a due date on or before as_of (the basis is then at least a
    # period back, and add_years is monotonic), so the exact test runs only then.
    overdue = due <= as_of and lc.review_overdue(wh, rec, as_of, years) is True
    return Duty("review", due, overdue, std.owner, rec.path, rec.code, std.title, basis)


def evaluation_duty(
    wh: Warehouse, rec: StandardRecord, as_of: dt.date, settings: DutySettings
) -> Duty | None:
    """The first effect evaluation of an own standard in force that has none yet, or None.

    Overdue is :func:`lifecycle.evaluation_missing`, indicator 16's definition.
    """
    if not lc.is_own(rec) or lc.state_at(wh, rec, as_of) != "in-force":
        return None
    return _evaluation(wh, rec, as_of, settings)


def _evaluation(
    wh: Warehouse, rec: StandardRecord, as_of: dt.date, settings: DutySettings
) -> Duty | None:
    std = rec.model
    if lc.has_evaluation(std, as_of) or std.effective is None:
        return None
    years = settings.evaluation_after_years
    due = lc.add_years(std.effective, years)
    # as for reviews: overdue implies due <= as_of, so the exact test runs only then
    overdue = due <= as_of and lc.evaluation_missing(wh, rec, as_of, years) is True
    return Duty("evaluation", due, overdue, std.owner, rec.path, rec.code, std.title, std.effective)


def publication_duty(wh: Warehouse, rec: StandardRecord, as_of: dt.date) -> Duty | None:
    """A standard not yet published on ``as_of`` is due by the end of its plan year."""
    if rec.model.plan is None or lc.state_at(wh, rec, as_of) != "in-progress":
        return None
    return _publication(rec, as_of)


def _publication(rec: StandardRecord, as_of: dt.date) -> Duty | None:
    plan = rec.model.plan
    if plan is None:
        return None
    due = dt.date(plan.year, 12, 31)
    return Duty(
        "publication",
        due,
        due < as_of,
        rec.model.owner,
        rec.path,
        rec.code,
        rec.model.title,
    )


@dataclass
class StandardDuties:
    """Every standard's dated duties on one date, computed in one pass."""

    reviews: list[tuple[StandardRecord, Duty]] = field(default_factory=list)
    evaluations: list[tuple[StandardRecord, Duty]] = field(default_factory=list)
    publications: list[tuple[StandardRecord, Duty]] = field(default_factory=list)
    #: own standards in force on the date, and those whose dates are missing
    own_in_force: list[StandardRecord] = field(default_factory=list)
    own_unknown: list[StandardRecord] = field(default_factory=list)

    def all(self) -> Iterator[Duty]:
        for pairs in (self.reviews, self.evaluations, self.publications):
            for _, duty in pairs:
                yield duty


def states_at(wh: Warehouse, as_of: dt.date) -> dict[str, lc.State]:
    """Every standard's state on ``as_of`` (:func:`lifecycle.state_at`), by file path.

    Most rules of families G, L and Q ask it; one lookup per standard serves
    them all (cached for the last warehouse and date asked about).
    """
    global _LAST_STATES
    cached = _LAST_STATES
    if cached is not None and cached[0]() is wh and cached[1] == as_of:
        return cached[2]
    states = {rec.path: lc.state_at(wh, rec, as_of) for rec in wh.standards}
    _LAST_STATES = (weakref.ref(wh), as_of, states)
    return states


_LAST_STATES: tuple[weakref.ref[Warehouse], dt.date, dict[str, lc.State]] | None = None


def scan_standards(wh: Warehouse, as_of: dt.date, settings: DutySettings) -> StandardDuties:
    """Review, evaluation and publication duties of every standard on ``as_of``.

    One state lookup per standard (several rules and the calendar read the
    result, which is cached for the last warehouse and date asked about).
    """
    global _LAST_SCAN
    cached = _LAST_SCAN
    if cached is not None and cached[0]() is wh and cached[1] == (as_of, settings):
        return cached[2]
    out = StandardDuties()
    states = states_at(wh, as_of)
    for rec in wh.standards:
        state = states[rec.path]
        if state == "in-force":
            if lc.is_own(rec):
                out.own_in_force.append(rec)
                out.reviews.append((rec, _review(wh, rec, as_of, settings)))
                evaluation = _evaluation(wh, rec, as_of, settings)
                if evaluation is not None:
                    out.evaluations.append((rec, evaluation))
        elif state == "unknown":
            if lc.is_own(rec):
                out.own_unknown.append(rec)
        elif state == "in-progress":
            publication = _publication(rec, as_of)
            if publication is not None:
                out.publications.append((rec, publication))
    _LAST_SCAN = (weakref.ref(wh), (as_of, settings), out)
    return out


_ScanKey = tuple[dt.date, DutySettings]
_LAST_SCAN: tuple[weakref.ref[Warehouse], _ScanKey, StandardDuties] | None = None


# -- districts ------------------------------------------------------------------


def plan_years(plan: Plan | None, as_of: dt.date) -> list[int]:
    """The unit-years already complete on ``as_of``: plan start to the last full year.

    Capped at the plan's end: the yearly meeting, training and summary are this
    plan's duties; the next plan brings its own indicators file.
    """
    if plan is None:
        return []
    last = min(lc.last_full_year(as_of), plan.end.year)
    return list(range(plan.start.year, last + 1))


@dataclass(frozen=True)
class YearRecord:
    """What a unit recorded for each year, counting only records dated on or before as_of."""

    meetings: frozenset[int]
    trainings: frozenset[int]  # model.district.TRAINING_KINDS
    summaries: frozenset[int]


def year_record(rec: DistrictRecord, as_of: dt.date) -> YearRecord:
    meetings: set[int] = set()
    trainings: set[int] = set()
    for activity in rec.model.activities:
        if activity.date > as_of:
            continue
        if activity.kind in MEETING_KINDS:
            meetings.add(activity.date.year)
        if activity.kind in TRAINING_KINDS:
            trainings.add(activity.date.year)
    summaries = {s.year for s in rec.model.summaries if s.sent <= as_of}
    return YearRecord(frozenset(meetings), frozenset(trainings), frozenset(summaries))


def district_duties(rec: DistrictRecord, as_of: dt.date, plan: Plan | None) -> Iterator[Duty]:
    """The current year's meeting, training and summary not yet recorded, due 31 December.

    Past years are the checker's (rules/units.py): a missed 2023 meeting cannot
    be planned any more, so the calendar shows only what can still be done.
    """
    if plan is None or not plan.start.year <= as_of.year <= plan.end.year:
        return
    year = as_of.year
    done = year_record(rec, as_of)
    due = dt.date(year, 12, 31)
    pending: tuple[tuple[DutyKind, frozenset[int]], ...] = (
        ("meeting", done.meetings),
        ("training", done.trainings),
        ("summary", done.summaries),
    )
    for kind, years in pending:
        if year not in years:
            yield Duty(kind, due, False, rec.slug, rec.path, f"{rec.slug}:{year}", rec.model.name)


# -- the calendar ---------------------------------------------------------------


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
    wh: Warehouse,
    as_of: dt.date,
    days: int = 90,
    settings: DutySettings | None = None,
    owners: Iterable[str] = (),
    include_overdue: bool = True,
) -> Calendar:
    """Every duty due on or before ``as_of + days``, grouped by owner, earliest first.

    Overdue duties are included (flagged) unless ``include_overdue`` is False:
    they still have to be done, and a month's plan starts with them.
    """
    settings = settings or DutySettings.of(wh)
    until = as_of + dt.timedelta(days=days)
    wanted = set(owners)
    found = list(scan_standards(wh, as_of, settings).all())
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
