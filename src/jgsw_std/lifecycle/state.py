"""Where one standard stands on a date: in force, upcoming, superseded, repealed.

These are the primitive answers; the rest of jgsw asks them through
:class:`~jgsw_std.lifecycle.asof.AsOf`, which keeps each standard's state for
the run, so that `jgsw status` and `jgsw check` agree. A standard whose dates
are not recorded is "unknown", never silently "not in force".
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

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


def state_at(wh: Warehouse, rec: StandardRecord, as_of: dt.date) -> State:
    """The standard's state on ``as_of`` (DOMAIN.md, "In force at D").

    In force: status published, effective on or before the date, not repealed
    on or before it, not superseded by a standard already effective then.
    """
    std = rec.model
    status = std.lifecycle
    if status in IN_PROGRESS:
        return "in-progress"
    if std.repealed is not None and std.repealed <= as_of:
        return "repealed"
    if std.effective is None:
        if status == "repealed" and std.repealed is None:
            return "repealed"
        return "unknown"
    if std.published is not None and std.published > as_of:
        return "in-progress"  # not yet published on that date
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
    return any(start <= r.date <= as_of for r in std.reviews)


def has_evaluation(std: Standard, as_of: dt.date) -> bool:
    """At least one effect evaluation dated on or before ``as_of``."""
    return any(e.date <= as_of for e in std.evaluations)
