"""Where one standard stands on a date: in force, upcoming, superseded, repealed.

These are the primitive answers; the rest of jgsw asks them through
:class:`~jgsw_std.lifecycle.asof.AsOf`, which keeps each standard's state for
the run, so that `jgsw status` and `jgsw check` agree. A standard whose dates
are not recorded is "unknown", never silently "not in force".
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from jgsw_std.lifecycle.known import NO, YES, Fact, Known, known, maybe
from jgsw_std.model.standard import IN_PROGRESS, OWN_LEVELS, Standard

if TYPE_CHECKING:
    from jgsw_std.load.warehouse import StandardRecord, Warehouse

State = Literal["in-force", "upcoming", "superseded", "repealed", "in-progress", "unknown"]


def add_years(day: dt.date, years: int) -> dt.date:
    """``day`` moved by whole years; 29 February becomes 28 February when needed."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def last_full_year(as_of: dt.date) -> int:
    """The as-of year when it is 31 December, else the year before."""
    return as_of.year if (as_of.month, as_of.day) == (12, 31) else as_of.year - 1


def is_own(rec: StandardRecord) -> bool:
    """Local, group and internal standards: the ones the bureaus issue and maintain."""
    return rec.parsed.level in OWN_LEVELS  # the level the code states


def successors(wh: Warehouse, std: Standard) -> list[StandardRecord]:
    """The standards that replace this one, from either side of the link.

    The new standard's ``supersedes`` and the old one's ``superseded_by`` say
    the same thing; data that records only one side still counts (R311 asks
    for the other side).
    """
    found: list[StandardRecord] = []
    if std.superseded_by is not None:
        named = wh.standard(std.superseded_by)
        if named is not None and named.model is not std:
            found.append(named)
    for rec in wh.replaced_by.get(std.code, ()):
        if rec.model is not std and all(rec is not f for f in found):
            found.append(rec)
    return found


def successor_effective(wh: Warehouse, std: Standard) -> dt.date | None:
    """The earliest effective date among the standards that replace this one."""
    dates = [r.model.effective for r in successors(wh, std) if r.model.effective is not None]
    return min(dates) if dates else None


def fact(rec: StandardRecord, field: str) -> Fact:
    """The missing ``field`` of a standard, as the value that would settle an answer."""
    return Fact(rec.code, rec.model.title, rec.path, field)


def earliest_publication(rec: StandardRecord) -> dt.date | None:
    """The earliest day a published standard can have been published.

    Its date when recorded; otherwise 1 January of the year in its code, which
    is the publication year (DOMAIN.md, "Standard codes"). None for a standard
    not published.
    """
    std = rec.model
    if std.lifecycle not in ("published", "repealed"):
        return None
    if std.published is not None:
        return std.published
    return dt.date(rec.parsed.year, 1, 1)


def latest_publication(rec: StandardRecord) -> dt.date | None:
    """The latest day it can have been published: its date, else the end of its code's
    year (or its effective date, if earlier: a standard takes effect once published)."""
    std = rec.model
    if std.lifecycle not in ("published", "repealed"):
        return None
    if std.published is not None:
        return std.published
    last = dt.date(rec.parsed.year, 12, 31)
    return min(last, std.effective) if std.effective is not None else last


def published_in(rec: StandardRecord, start: dt.date, end: dt.date) -> Known:
    """Published within [start, end]; from the code's year when the date is missing.

    A published standard with no date was published some day of the year its
    code states, so a window that holds that whole year (or misses it) settles
    the question; otherwise it waits on the publication date.
    """
    first, last = earliest_publication(rec), latest_publication(rec)
    if first is None or last is None:
        return NO  # still in the pipeline: not published at all
    if last < start or first > end:
        return NO
    if start <= first and last <= end:
        return YES
    return maybe(fact(rec, "published"))


def state_at(wh: Warehouse, rec: StandardRecord, as_of: dt.date) -> State:
    """The standard's state on ``as_of`` (DOMAIN.md, "In force at D").

    In force: status published, effective on or before the date, not repealed
    on or before it, not superseded by a standard already effective then. A
    published standard whose code's year is after the date was not yet
    published then, whatever dates are missing.
    """
    std = rec.model
    status = std.lifecycle
    if status in IN_PROGRESS:
        return "in-progress"
    if std.repealed is not None and std.repealed <= as_of:
        return "repealed"
    first = earliest_publication(rec)
    if first is not None and first > as_of:
        return "in-progress"  # not yet published on that date
    if std.effective is None:
        if status == "repealed" and std.repealed is None:
            return "repealed"
        return "unknown"
    if std.effective > as_of:
        return "upcoming"
    if status == "repealed" and std.repealed is None:
        return "unknown"  # repealed, but since when? in force or not depends on it
    replaced = successor_effective(wh, std)
    if replaced is not None and replaced <= as_of:
        return "superseded"
    if replaced is None and _successor_undated(wh, std, as_of):
        return "unknown"  # replaced or not depends on a date nobody recorded
    return "in-force"


def unknown_facts(wh: Warehouse, rec: StandardRecord, as_of: dt.date) -> tuple[Fact, ...]:
    """Why a standard's state on ``as_of`` is unknown: the values that would settle it."""
    std = rec.model
    if std.effective is None:
        return (fact(rec, "effective"),)
    if std.lifecycle == "repealed" and std.repealed is None:
        return (fact(rec, "repealed"),)
    found = [
        fact(successor, "effective")
        for successor in successors(wh, std)
        if successor.model.effective is None and successor.model.lifecycle not in IN_PROGRESS
    ]
    return tuple(found) or (fact(rec, "effective"),)


def in_force_known(wh: Warehouse, rec: StandardRecord, state: State, as_of: dt.date) -> Known:
    """In force on ``as_of`` as a :class:`Known`, from its state on that date."""
    if state == "unknown":
        return maybe(*unknown_facts(wh, rec, as_of))
    return known(state == "in-force")


def _successor_undated(wh: Warehouse, std: Standard, as_of: dt.date) -> bool:
    """A replacing standard is published by ``as_of`` but its effective date is missing."""
    for successor in successors(wh, std):
        new = successor.model
        if new.effective is not None or new.lifecycle in IN_PROGRESS:
            continue
        # published after as_of: it cannot have taken effect yet, so the old one still holds
        if new.published is None or new.published <= as_of:
            return True
    return False


def reviewed_within(std: Standard, as_of: dt.date, years: int) -> bool:
    """A review dated in [as_of − years, as_of]; any review restarts the clock."""
    start = add_years(as_of, -years)
    return any(r.date is not None and start <= r.date <= as_of for r in std.reviews)


def reviewed_within_known(rec: StandardRecord, as_of: dt.date, years: int) -> Known:
    """As :func:`reviewed_within`; a review recorded without its date leaves it open."""
    if reviewed_within(rec.model, as_of, years):
        return YES
    if any(r.date is None for r in rec.model.reviews):
        return maybe(Fact(rec.code, rec.model.title, rec.path, "review-date"))
    return NO


def has_evaluation(std: Standard, as_of: dt.date) -> bool:
    """At least one effect evaluation dated on or before ``as_of``."""
    return any(e.date is not None and e.date <= as_of for e in std.evaluations)


def evaluated_known(rec: StandardRecord, as_of: dt.date) -> Known:
    """As :func:`has_evaluation`; an evaluation recorded without its date leaves it open."""
    if has_evaluation(rec.model, as_of):
        return YES
    if any(e.date is None for e in rec.model.evaluations):
        return maybe(Fact(rec.code, rec.model.title, rec.path, "evaluation-date"))
    return NO
