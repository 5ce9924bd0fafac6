"""The registries on a date: who is in the expert pool, where each feedback item stands.

The checks (rules/experts.py, rules/feedback.py), the figures
(metrics/registries.py) and the duty calendar (app/due.py) ask these, so that
a check, a figure and a duty never disagree about what "in the pool",
"answered in time" or "a revision owed" means: F905 reports exactly the answer
duties that :func:`answer_duty` marks overdue, F906 the revision duties. Everything
here is judged on a date: a response or a closing dated later has not happened yet.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from jgsw_std.lifecycle.duties import Duty
from jgsw_std.lifecycle.state import successors
from jgsw_std.model.feedback import Feedback, Response

if TYPE_CHECKING:
    from jgsw_std.load.warehouse import ExpertRecord, FeedbackRecord, StandardRecord, Warehouse


# -- the expert pool ---------------------------------------------------------------


def pool_at(wh: Warehouse, on: dt.date) -> list[ExpertRecord]:
    """The experts in the pool on ``on`` (:meth:`Expert.in_pool`)."""
    return [rec for rec in wh.experts if rec.model.in_pool(on)]


def pool_by_area(wh: Warehouse, on: dt.date) -> dict[str, list[ExpertRecord]]:
    """Area code -> the experts in the pool on ``on`` who cover it, for every area of the
    framework (an area nobody covers maps to an empty list)."""
    out: dict[str, list[ExpertRecord]] = {area.code: [] for area in wh.framework.areas}
    for rec in pool_at(wh, on):
        for area in dict.fromkeys(rec.model.fields):
            out.setdefault(area, []).append(rec)
    return out


def short_areas(wh: Warehouse, on: dt.date) -> list[tuple[int, str, int]]:
    """Main areas with fewer experts in the pool than ``min_experts_per_area``:
    ``(index of the area in framework.yaml, area code, experts in the pool)``."""
    minimum = wh.framework.min_experts_per_area
    pool = pool_by_area(wh, on)
    return [
        (index, area.code, len(pool.get(area.code, [])))
        for index, area in enumerate(wh.framework.areas)
        if area.main and len(pool.get(area.code, [])) < minimum
    ]


def same_organization(a: str, b: str) -> bool:
    """Two organization names are the same one, spaces (also full-width) aside."""
    return "".join(a.split()) == "".join(b.split())


# -- feedback ----------------------------------------------------------------------


def response_on(item: Feedback, on: dt.date) -> Response | None:
    """The response, if it is dated on or before ``on``.

    A response without its date counts only when the loop was closed by ``on``:
    closing follows the answer (F904), so the item was answered by then.
    """
    response = item.response
    if response is None:
        return None
    if response.date is None:
        return response if item.closed is not None and item.closed <= on else None
    return response if response.date <= on else None


def undated_response(item: Feedback, on: dt.date) -> bool:
    """Received by ``on``, answered on a date nobody recorded, and not closed by then:
    whether it was answered by ``on`` (and in time) is not known."""
    response = item.response
    if response is None or response.date is not None or item.received > on:
        return False
    return item.closed is None or item.closed > on


def maybe_unanswered_late(item: Feedback, on: dt.date, days: int) -> bool:
    """Past the due day with a response whose date is not recorded: perhaps late (F905)."""
    return undated_response(item, on) and on > answer_due(item, days)


def answer_due(item: Feedback, days: int) -> dt.date:
    """The last day to answer: ``days`` after receipt."""
    return item.received + dt.timedelta(days=days)


def unanswered_late(item: Feedback, on: dt.date, days: int) -> bool:
    """Received, not answered and not closed by ``on``, and past the day it was due.

    On the due day itself the item is not late yet; the day after, it is. (An item
    received after ``on`` is not late either: its due day is later still.)
    """
    if response_on(item, on) is not None or undated_response(item, on):
        return False  # an undated answer: only perhaps late (maybe_unanswered_late)
    if item.closed is not None and item.closed <= on:
        return False
    return on > answer_due(item, days)


def is_open(item: Feedback, on: dt.date) -> bool:
    """Received by ``on`` and the loop not closed by then."""
    return item.received <= on and (item.closed is None or item.closed > on)


def revision_due(item: Feedback, on: dt.date, days: int) -> dt.date | None:
    """When the revision an answer of ``revise`` promised must be planned or published
    (``days`` after the answer), or None when no such answer is on record by ``on``."""
    response = response_on(item, on)
    if response is None or response.action != "revise" or response.date is None:
        return None
    return response.date + dt.timedelta(days=days)


def revision_maybe_owed(item: Feedback, on: dt.date, days: int) -> tuple[str, ...]:
    """The response fields whose absence leaves F906 open on ``on`` (empty: it does not).

    An answer without its action may have promised a revision; one of ``revise``
    without its date has a due day nobody can compute. Either is only possibly
    overdue, and only once the revision could be due: a dated answer's day plus
    ``days`` has passed, or (undated) the loop is not known to be young.
    """
    response = item.response
    if response is None or response.action not in (None, "revise"):
        return ()
    if response.date is not None:
        if response.date > on or on <= response.date + dt.timedelta(days=days):
            return ()
        return ("feedback-action",) if response.action is None else ()
    if item.received > on or on <= item.received + dt.timedelta(days=days):
        return ()  # answered after receipt: not due before receipt plus the period
    missing = ["feedback-response-date"]
    if response.action is None:
        missing.append("feedback-action")
    return tuple(missing)


def answered_in_time(item: Feedback, on: dt.date, days: int) -> bool | None:
    """True when answered by ``on`` within ``days`` of receipt, False when answered late
    or still unanswered past the due day, None while the answer is not due yet."""
    response = response_on(item, on)
    if response is not None:
        if response.date is None:
            # answered (the loop closed) on a day nobody recorded: the answer came before
            # the closing (F904), so in time if the loop closed by the due day; else unknown
            return True if item.closed and item.closed <= answer_due(item, days) else None
        return response.date <= answer_due(item, days)
    if undated_response(item, on) or on <= answer_due(item, days):
        return None  # an undated answer; or not due yet (also any item received after ``on``)
    return False


@dataclass(frozen=True)
class FeedbackFigures:
    """What a set of feedback items says on a date (the warehouse's own figures).

    ``median_days`` is None when nothing was answered: "no data", never 0.
    """

    received: int
    answered: int
    answered_in_time: int
    late: int  # answered late, or unanswered past the due day
    closed: int
    open: int
    median_days: float | None
    #: answers recorded without their date and not closed by the date: answered by
    #: then or not, in time or not, is not known (``answered`` is a range up to
    #: ``answered + answered_undated``; in time and late leave them out)
    answered_undated: int = 0
    #: of those, the ones past their due day: in time or late (the others: in time or
    #: not yet due), so the in-time rate is a range while any is left
    undated_past_due: int = 0
    #: answered on a day nobody recorded, the loop closed by the date but after the due
    #: day: certainly answered (in ``answered``), in time or late (not in either)
    closed_undated_past_due: int = 0

    @property
    def in_time_unknown(self) -> int:
        """The answers whose being in time (or given by the date) the records leave open."""
        return self.answered_undated + self.closed_undated_past_due


def feedback_figures(items: Iterable[Feedback], on: dt.date, days: int) -> FeedbackFigures:
    """Received, answered (in time), closed and open items, and the median days to answer."""
    received = answered = in_time = late = closed = still_open = undated = past_due = 0
    closed_open = 0
    waits: list[int] = []
    for item in items:
        if item.received > on:
            continue
        received += 1
        response = response_on(item, on)
        if undated_response(item, on):
            undated += 1
            past_due += on > answer_due(item, days)
        if response is not None:
            answered += 1
            if response.date is not None:  # the wait of an undated answer is not known
                waits.append((response.date - item.received).days)
        timely = answered_in_time(item, on, days)
        in_time += timely is True
        late += timely is False
        closed_open += timely is None and response is not None and response.date is None
        if item.closed is not None and item.closed <= on:
            closed += 1
        else:
            still_open += 1
    median = float(statistics.median(waits)) if waits else None
    return FeedbackFigures(
        received,
        answered,
        in_time,
        late,
        closed,
        still_open,
        median,
        undated,
        past_due,
        closed_open,
    )


def standard_of(wh: Warehouse, rec: FeedbackRecord) -> StandardRecord | None:
    """The standard an item is about (``rec.code`` is normalized already)."""
    return wh.standard(rec.code)


def answer_duty(wh: Warehouse, rec: FeedbackRecord, on: dt.date) -> Duty | None:
    """The answer an item is owed: due ``feedback_response_days`` after receipt, while
    it is received, unanswered and not closed by ``on``; overdue exactly when F905
    reports it (:func:`unanswered_late`). The standard's lead unit owes it."""
    item = rec.model
    if item.received > on or response_on(item, on) is not None or undated_response(item, on):
        return None  # an answer on record, dated or not, is not owed again
    if item.closed is not None and item.closed <= on:
        return None
    days = wh.framework.feedback_response_days
    standard = standard_of(wh, rec)
    owner = standard.model.owner if standard is not None else None
    late = unanswered_late(item, on, days)
    return Duty(
        "feedback-answer", answer_due(item, days), late, owner, rec.path, rec.id, item.standard
    )


def revision_duty(wh: Warehouse, rec: FeedbackRecord, on: dt.date) -> Duty | None:
    """The revision an answer of ``revise`` promised: due ``feedback_revision_days``
    after the answer, while no standard replacing this one (planned or published) is
    recorded; overdue exactly when F906 reports it. An item about a standard the
    warehouse lacks (F901) owes nothing here."""
    due = revision_due(rec.model, on, wh.framework.feedback_revision_days)
    if due is None:
        return None
    standard = standard_of(wh, rec)
    if standard is None or successors(wh, standard.model):
        return None
    return Duty(
        "feedback-revision",
        due,
        on > due,
        standard.model.owner,
        rec.path,
        rec.id,
        rec.model.standard,
    )


def feedback_duties(wh: Warehouse, on: dt.date) -> Iterator[Duty]:
    """Every answer and revision the feedback items are owed on ``on``."""
    for rec in wh.feedback:
        for duty in (answer_duty(wh, rec, on), revision_duty(wh, rec, on)):
            if duty is not None:
                yield duty


def city_unit(wh: Warehouse) -> str | None:
    """The city's own unit (the district file of kind ``city``): it keeps the pool."""
    return next((d.slug for d in wh.districts if d.model.kind == "city"), None)


def expert_term_duties(wh: Warehouse, on: dt.date) -> Iterator[Duty]:
    """Terms still running on ``on`` that end on a recorded day: renew or replace by then.

    An expert in the pool with ``term_ends`` on or after ``on`` and no ``left``
    date (leaving is decided already) owes a decision by the term's last day.
    A term that has ended is no duty any more: the expert is out of the pool,
    and E904 says whether an area is short for it. The pool is the city's, so
    the city unit keeps these duties.
    """
    owner = city_unit(wh)
    for rec in wh.experts:
        model = rec.model
        ends = model.term_ends
        if ends is None or ends < on or model.left is not None or not model.in_pool(on):
            continue
        yield Duty("expert-term", ends, False, owner, rec.path, rec.slug, model.name)
