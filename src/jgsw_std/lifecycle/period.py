"""The plan period a figure counts, for the indicators and the checks alike.

DOMAIN.md, "Plan period": records dated from the plan's start to min(D, the
deadline) count for 7, 19 and 20, and unit-years (3, 15) stop at the
deadline's year. After its deadline a plan is judged on its own period; the
next plan has its own indicators file.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from jgsw_std.lifecycle.state import last_full_year

if TYPE_CHECKING:
    from jgsw_std.model.indicators import IndicatorSet


def deadline_of(iset: IndicatorSet, metric: str) -> dt.date:
    """The deadline of the plan's indicator computed by ``metric`` (else the plan's end)."""
    for indicator in iset.indicators:
        if indicator.metric == metric:
            return iset.deadline(indicator)
    return iset.plan.end


def window(start: dt.date, deadline: dt.date, as_of: dt.date) -> tuple[dt.date, dt.date]:
    """[plan start, min(D, deadline)]: the days whose records count."""
    return start, min(as_of, deadline)


def year_span(start: dt.date, deadline: dt.date, as_of: dt.date) -> range:
    """The plan's complete years on ``as_of``: its start year to the last full year,
    capped at the deadline's year."""
    last = min(last_full_year(as_of), deadline.year)
    return range(start.year, last + 1)
