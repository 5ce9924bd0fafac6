"""Duties as of a date: what the bureaus owe each standard and each year of the plan.

`jgsw check` (rules/duties.py, rules/units.py) reports what is overdue; `jgsw
due` lays the same duties out as a calendar (app/due.py). Both reach the
standards' duties through :attr:`AsOf.duties <jgsw_std.lifecycle.asof.AsOf.duties>`,
whose overdue tests are the indicators' own, so a standard flagged
review-overdue is exactly one that indicator 17 counts against (and
evaluation-due, indicator 16).

A duty whose due date needs a date nobody recorded is left out: a missing
effective date makes a standard "dates unknown", never overdue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, NamedTuple, get_args

from jgsw_std.lifecycle import state as lc
from jgsw_std.lifecycle.period import year_span
from jgsw_std.model.district import MEETING_KINDS, TRAINING_KINDS
from jgsw_std.model.standard import Review

if TYPE_CHECKING:
    from jgsw_std.lifecycle.asof import AsOf
    from jgsw_std.load.warehouse import DistrictRecord, StandardRecord, Warehouse
    from jgsw_std.model.indicators import Plan

DutyKind = Literal[
    "review",
    "evaluation",
    "publication",
    "meeting",
    "training",
    "summary",
    "feedback-answer",
    "feedback-revision",
    "expert-term",
]
DUTY_KINDS: tuple[DutyKind, ...] = get_args(DutyKind)

#: (zh, en) names of the duties, for the calendar and messages.
DUTY_NAMES: dict[str, tuple[str, str]] = {
    "review": ("复审", "review"),
    "evaluation": ("实施效果评价", "effect evaluation"),
    "publication": ("按计划发布", "publication as planned"),
    "meeting": ("年度部署会（推进会）", "annual deployment meeting"),
    "training": ("年度培训或宣贯", "annual training or publicity"),
    "summary": ("年度工作总结报送", "annual summary sent up"),
    "feedback-answer": ("答复反馈", "answer feedback"),
    "feedback-revision": ("按答复修订标准", "revise as the answer promised"),
    "expert-term": ("专家聘期届满", "expert's term ends"),
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
    #: standard code, "slug:year" for a district's yearly duty, a feedback item's id,
    #: an expert's slug
    key: str
    label: str  # standard title, district name, the feedback's standard, the expert's name
    basis: dt.date | None = None  # what the clock runs from: effective date, last review

    def days_left(self, as_of: dt.date) -> int:
        return (self.due - as_of).days

    def due_soon(self, as_of: dt.date, days: int) -> bool:
        """Not overdue, and due on ``as_of`` or within ``days`` after it (L602's window)."""
        return not self.overdue and 0 <= self.days_left(as_of) <= days


# -- standards ------------------------------------------------------------------


def latest_review(std_reviews: list[Review], as_of: dt.date) -> tuple[int, Review] | None:
    """The last review recorded on or before ``as_of`` (a later one in the list wins a tie)."""
    best: tuple[int, dt.date, Review] | None = None
    for index, review in enumerate(std_reviews):
        day = review.date
        if day is not None and day <= as_of and (best is None or day >= best[1]):
            best = (index, day, review)
    return None if best is None else (best[0], best[2])


def _review(at: AsOf, rec: StandardRecord) -> Duty:
    """The next review (复审) of an own standard in force: one period after the last
    review on or before the date, or after the effective date when there is none."""
    std = rec.model
    last = std.last_review(at.date)
    basis = max(last, std.effective) if last and std.effective else (last or std.effective)
    assert basis is not None  # in force implies an effective date
    due = lc.add_years(basis, at.settings.review_period_years)
    # Overdue implies a due date on or before the date (the basis is then at least a
    # period back, and add_years is monotonic), so the exact test runs only then.
    overdue = due <= at.date and at.review_overdue(rec) is True
    return Duty("review", due, overdue, std.owner, rec.path, rec.code, std.title, basis)


def _evaluation(at: AsOf, rec: StandardRecord) -> Duty | None:
    """The first effect evaluation of an own standard in force that has none yet."""
    std = rec.model
    if lc.has_evaluation(std, at.date) or std.effective is None:
        return None
    due = lc.add_years(std.effective, at.settings.evaluation_after_years)
    # as for reviews: overdue implies due <= date, so the exact test runs only then
    overdue = due <= at.date and at.evaluation_missing(rec) is True
    return Duty("evaluation", due, overdue, std.owner, rec.path, rec.code, std.title, std.effective)


def _publication(rec: StandardRecord, as_of: dt.date) -> Duty | None:
    """A standard not yet published is due by the end of its plan year."""
    plan = rec.model.plan
    if plan is None or plan.year is None:
        return None  # no plan year, no due day (L607 says it may be late)
    due = dt.date(plan.year, 12, 31)
    return Duty(
        "publication", due, due < as_of, rec.model.owner, rec.path, rec.code, rec.model.title
    )


@dataclass
class StandardDuties:
    """Every standard's dated duties on one date, computed in one pass."""

    reviews: list[tuple[StandardRecord, Duty]] = field(default_factory=list)
    evaluations: list[tuple[StandardRecord, Duty]] = field(default_factory=list)
    publications: list[tuple[StandardRecord, Duty]] = field(default_factory=list)
    #: in progress, planned for a year nobody recorded: no due day (L607: possible)
    in_progress_undated_plan: list[StandardRecord] = field(default_factory=list)
    #: own standards in force on the date, and those whose dates are missing
    own_in_force: list[StandardRecord] = field(default_factory=list)
    own_unknown: list[StandardRecord] = field(default_factory=list)

    def all(self) -> Iterator[Duty]:
        for pairs in (self.reviews, self.evaluations, self.publications):
            for _, duty in pairs:
                yield duty


def scan_standards(at: AsOf) -> StandardDuties:
    """Review, evaluation and publication duties of every standard on the date.

    Called once per date through :attr:`AsOf.duties`, which every reader shares.
    """
    out = StandardDuties()
    for rec in at.wh.standards:
        state = at.state(rec)
        if state == "in-force":
            if lc.is_own(rec):
                out.own_in_force.append(rec)
                out.reviews.append((rec, _review(at, rec)))
                evaluation = _evaluation(at, rec)
                if evaluation is not None:
                    out.evaluations.append((rec, evaluation))
        elif state == "unknown":
            if lc.is_own(rec):
                out.own_unknown.append(rec)
        elif state == "in-progress":
            plan = rec.model.plan
            if plan is not None and plan.year is None:
                out.in_progress_undated_plan.append(rec)
            publication = _publication(rec, at.date)
            if publication is not None:
                out.publications.append((rec, publication))
    return out


# -- districts ------------------------------------------------------------------


def plan_years(plan: Plan | None, as_of: dt.date, deadline: dt.date | None = None) -> list[int]:
    """The unit-years already complete on ``as_of``: plan start to the last full year.

    Capped at the deadline (default the plan's end): the yearly meeting,
    training and summary are this plan's duties; the next plan brings its own
    indicators file.
    """
    if plan is None:
        return []
    return list(year_span(plan.start, deadline or plan.end, as_of))


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
        day = activity.date
        if day is None or day > as_of:
            continue  # an undated activity fills no year it can be shown to fall in
        if activity.kind in MEETING_KINDS:
            meetings.add(day.year)
        if activity.kind in TRAINING_KINDS:
            trainings.add(day.year)
    summaries = {
        s.year for s in rec.model.summaries if s.year and s.sent is not None and s.sent <= as_of
    }
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
