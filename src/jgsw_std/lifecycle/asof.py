"""AsOf: where every standard stands on one date, built once per run and asked by all.

`check` (the L, G and Q rules), the indicators (10, 16, 17 and the coverage
and supply figures), `due` and the report all ask the same questions: is this
standard in force on the date, for how long, is its review overdue or due
soon, is an evaluation due, which year is the last full one. They ask one
AsOf, which answers each from the primitives of :mod:`.state` and
:mod:`.duties` and remembers the answers for the run, so the same judgement
is never written (or computed) twice and `check` and `status` cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from jgsw_std.lifecycle import state as st
from jgsw_std.lifecycle.duties import DutySettings, StandardDuties, scan_standards
from jgsw_std.lifecycle.known import NO, Known, any_of, both, known, maybe

if TYPE_CHECKING:
    from jgsw_std.load.warehouse import StandardRecord, Warehouse

T = TypeVar("T")


class AsOf:
    """One warehouse judged on one date with one set of duty settings."""

    def __init__(self, wh: Warehouse, date: dt.date, settings: DutySettings | None = None) -> None:
        self.wh = wh
        self.date = date
        self.settings = settings if settings is not None else DutySettings.of(wh)
        self._memo: dict[str, Any] = {}
        self._siblings: dict[dt.date, AsOf] = {date: self}

    def __repr__(self) -> str:
        return f"AsOf({self.date}, {len(self.wh.standards)} standards)"

    def on(self, date: dt.date) -> AsOf:
        """The same warehouse and settings judged on another date (kept for the run)."""
        found = self._siblings.get(date)
        if found is None:
            found = AsOf(self.wh, date, self.settings)
            found._siblings = self._siblings
            self._siblings[date] = found
        return found

    @cached_property
    def states(self) -> dict[str, st.State]:
        """Every standard's state on the date, by file path (:func:`state.state_at`)."""
        return {rec.path: st.state_at(self.wh, rec, self.date) for rec in self.wh.standards}

    def state(self, rec: StandardRecord) -> st.State:
        found = self.states.get(rec.path)
        return found if found is not None else st.state_at(self.wh, rec, self.date)

    def in_force(self, rec: StandardRecord) -> bool | None:
        """True / False, or None when the dates needed to tell are missing."""
        return self.in_force_known(rec).as_bool()

    def in_force_known(self, rec: StandardRecord) -> Known:
        """In force on the date; open ones name the dates that would settle them."""
        return st.in_force_known(self.wh, rec, self.state(rec), self.date)

    def in_force_years_known(self, rec: StandardRecord, years: int) -> Known:
        """In force on the date and effective on or before the date minus ``years``.

        A standard effective 2020-12-31 is in force ≥ 5 years on 2025-12-31. With
        the effective date missing, a standard first published less than ``years``
        ago (by its code's year) cannot have been in force that long.
        """
        current = self.in_force_known(rec)
        if current.no:
            return NO
        since = st.add_years(self.date, -years)
        effective = rec.model.effective
        if effective is not None:
            return both(current, known(effective <= since))
        first = st.earliest_publication(rec)
        if first is not None and first > since:
            return NO
        return current if current.maybe else maybe(st.fact(rec, "effective"))

    def review_overdue(self, rec: StandardRecord) -> bool | None:
        return self.review_overdue_known(rec).as_bool()

    def review_overdue_known(self, rec: StandardRecord) -> Known:
        """An own standard in force for the review period with no review within it.

        Exactly the standards indicator 17 counts against and L601 reports (maybe:
        indicator 17's open entries, L601's possible findings). No for national,
        industry and enterprise standards (their issuers review them).
        """
        if not st.is_own(rec):
            return NO
        years = self.settings.review_period_years
        due = self.in_force_years_known(rec, years)
        if due.no:
            return NO
        return both(due, ~self.reviewed_known(rec))

    def evaluated_known(self, rec: StandardRecord) -> Known:
        """Evaluated on or before the date (indicator 16's "for"); open when undated."""
        return st.evaluated_known(rec, self.date)

    def reviewed_known(self, rec: StandardRecord) -> Known:
        """Reviewed within the review period up to the date (indicator 17's "for")."""
        return st.reviewed_within_known(rec, self.date, self.settings.review_period_years)

    def evaluation_missing(self, rec: StandardRecord) -> bool | None:
        return self.evaluation_missing_known(rec).as_bool()

    def evaluation_missing_known(self, rec: StandardRecord) -> Known:
        """An own standard in force for `evaluation_after_years` with no effect evaluation yet.

        Exactly the standards indicator 16 counts against and L603 reports.
        """
        if not st.is_own(rec):
            return NO
        due = self.in_force_years_known(rec, self.settings.evaluation_after_years)
        if due.no:
            return NO
        return both(due, ~st.evaluated_known(rec, self.date))

    @cached_property
    def item_cover(self) -> dict[str, Known]:
        """Each business item a standard lists: covered by a standard in force on the date.

        Yes when one is in force, maybe when some are undated (naming them), no
        when none can be. Items no standard lists are absent (not covered). G501
        and indicator 5 both read this, so a gap and a hole are the same thing.
        """
        answers: dict[str, list[Known]] = {}
        for rec in self.wh.standards:
            if not rec.items:
                continue
            answer = self.in_force_known(rec)
            for item in rec.items:
                answers.setdefault(item, []).append(answer)
        return {item: any_of(found) for item, found in answers.items()}

    def covered(self, item: str) -> Known:
        return self.item_cover.get(item, NO)

    @cached_property
    def last_full_year(self) -> int:
        """The date's year when it is 31 December, else the year before."""
        return st.last_full_year(self.date)

    @cached_property
    def duties(self) -> StandardDuties:
        """Review, evaluation and publication duties of every standard, in one pass."""
        return scan_standards(self)

    def memo(self, key: str, build: Callable[[], T]) -> T:
        """A value several checks share for this date, built by the first that asks."""
        if key not in self._memo:
            self._memo[key] = build()
        value: T = self._memo[key]
        return value
