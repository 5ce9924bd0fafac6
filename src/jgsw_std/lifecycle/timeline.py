"""A standard's state on every date at once, as steps: the answer a search index keeps.

:func:`~jgsw_std.lifecycle.state.state_at` compares the date with the
standard's own dates (published, effective, repealed) and its successors'
(effective, published), each as ``x <= date`` or ``x > date``. Between two of
those dates nothing it reads can change, so the state on any date is the
state on the last of them at or before it. The steps are computed by calling
``state_at`` itself on each of those dates, so they cannot disagree with it.
"""

from __future__ import annotations

import bisect
import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jgsw_std.lifecycle.state import State
    from jgsw_std.load.warehouse import StandardRecord, Warehouse

#: Before every date a record can hold (model dates start in 1900).
DAWN = dt.date(1, 1, 1)

Steps = tuple[tuple[dt.date, "State"], ...]


def _turning_points(wh: Warehouse, rec: StandardRecord) -> set[dt.date]:
    from jgsw_std.lifecycle.state import successors

    std = rec.model
    days = {d for d in (std.published, std.effective, std.repealed) if d is not None}
    for successor in successors(wh, std):
        new = successor.model
        days.update(d for d in (new.effective, new.published) if d is not None)
    return days


def state_steps(wh: Warehouse, rec: StandardRecord) -> Steps:
    """``((from, state), ...)``, oldest first: the state from each date until the next."""
    from jgsw_std.lifecycle.state import state_at

    steps: list[tuple[dt.date, State]] = []
    for day in [DAWN, *sorted(_turning_points(wh, rec))]:
        state = state_at(wh, rec, day)
        if not steps or steps[-1][1] != state:
            steps.append((day, state))
    return tuple(steps)


def state_on(steps: Steps, day: dt.date) -> State:
    """The state the steps give for ``day``."""
    index = bisect.bisect_right([start for start, _ in steps], day) - 1
    return steps[max(index, 0)][1]
