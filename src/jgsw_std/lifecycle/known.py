"""What is known: certain for, certain against, or waiting on a value nobody recorded.

One model serves `jgsw status` and `jgsw check` (DOMAIN.md, "Figures with
unknown dates"). Every question about a record on a date (is this standard in
force? was this one published in the plan period? was it reviewed in time?)
is answered with a :class:`Known`: yes, no, or maybe, and for maybe the
:class:`Fact` records whose missing value would settle it. A check reports a
gap when the answer is no (certain) or maybe (possible, at info severity,
naming what would settle it); an indicator counts the same answers.

A figure counts :class:`Entry` values (an item, a standard, a unit-year...),
each with the outcomes still open for it: counted for, counted against, or
left out of the figure. A record whose dates are missing is counted both
ways, so a figure is a :class:`Bounds` range, exact when every entry is
certain. :func:`settlers` orders the missing values by how much each would
settle, most decisive first.
"""

from __future__ import annotations

import enum
import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Generic, Literal, TypeVar

R = TypeVar("R")


class Tri(enum.Enum):
    """A yes/no answer that may be open."""

    YES = "yes"
    NO = "no"
    MAYBE = "maybe"


#: What to add to a record, in words: field -> (zh, en).
FIELD_WORDS: dict[str, tuple[str, str]] = {
    "effective": ("实施日期", "effective date"),
    "published": ("发布日期", "publication date"),
    "repealed": ("废止日期", "repeal date"),
    "date": ("日期", "date"),
    "attendees": ("参加人次", "attendance"),
    "pilot": ("试点日期", "pilot dates"),
    "pilot-level": ("试点级别（level）", "pilot level"),
    "document-kind": ("资料类型（kind）", "document kind"),
    "article-level": ("刊物级别（level）", "journal level"),
    "plan-year": ("计划年度（plan.year）", "plan year (plan.year)"),
    "feedback-response-date": ("答复日期（response.date）", "date answered (response.date)"),
    "feedback-action": ("处理方式（response.action）", "action (response.action)"),
    "established": ("建成日期", "establishment date"),
    "review-date": ("复审日期", "review date"),
    "evaluation-date": ("评价日期", "evaluation date"),
    "sent": ("报送日期", "date sent"),
    "activity-kind": ("活动类型（kind）", "activity kind"),
    "summary-year": ("所属年度（year）", "year summarized"),
    "usage-year": ("运用率统计年度（usage.year）", "usage count's year (usage.year)"),
    "usage-applying": ("实际运用单位数（usage.applying）", "units applying it (usage.applying)"),
    "usage-applicable": (
        "适用单位数（usage.applicable）",
        "units it applies to (usage.applicable)",
    ),
    "records": ("记录", "records"),
}
#: facts that leave a weight (a count's addend) unrecorded rather than an outcome open
WEIGHT_FIELDS: frozenset[str] = frozenset({"attendees"})


@dataclass(frozen=True, slots=True)
class Fact:
    """A value nobody recorded whose recording would settle an answer.

    ``key`` names the record as people know it (a standard's code, a district's
    slug with the entry), ``field`` the missing value (a key of FIELD_WORDS).
    """

    key: str
    label: str
    path: str | None
    field: str
    #: how people name the record in a sentence, when not by its key (a code)
    name: str = ""

    def text(self, lang: str) -> str:
        """``DB50/T 1016-2020 的实施日期`` / ``the effective date of DB50/T 1016-2020``."""
        zh, en = FIELD_WORDS.get(self.field, (self.field, self.field))
        who = self.name or self.key
        if lang == "en":
            return f"the {en} of {who}"
        # a space after a code (DB50/T 1016-2020 的…), none after Chinese
        return f"{who} 的{zh}" if who[-1:].isascii() else f"{who}的{zh}"


@dataclass(frozen=True, slots=True)
class Known:
    """An answer, and for an open one the facts that would settle it."""

    tri: Tri
    facts: tuple[Fact, ...] = ()

    @property
    def yes(self) -> bool:
        return self.tri is Tri.YES

    @property
    def no(self) -> bool:
        return self.tri is Tri.NO

    @property
    def maybe(self) -> bool:
        return self.tri is Tri.MAYBE

    def as_bool(self) -> bool | None:
        """True / False, or None when open (the older API's answer)."""
        return None if self.maybe else self.yes

    def __invert__(self) -> Known:
        tri = self.tri
        if tri is Tri.YES:
            return NO
        return YES if tri is Tri.NO else self


YES = Known(Tri.YES)
NO = Known(Tri.NO)


def known(value: bool) -> Known:
    return YES if value else NO


def maybe(*facts: Fact) -> Known:
    return Known(Tri.MAYBE, _unique(facts))


def _unique(facts: Iterable[Fact]) -> tuple[Fact, ...]:
    return tuple(dict.fromkeys(facts))


# any_of, all_of and both are asked some 100,000 times by a 10,000-standard
# check: they read ``tri`` directly rather than through the properties.


def any_of(answers: Iterable[Known]) -> Known:
    """Yes when one is yes; no when all are no; else maybe, waiting on the open ones."""
    open_facts: list[Fact] = []
    open_ = False
    for answer in answers:
        tri = answer.tri
        if tri is Tri.YES:
            return YES
        if tri is Tri.MAYBE:
            open_ = True
            open_facts.extend(answer.facts)
    return maybe(*open_facts) if open_ else NO


def all_of(answers: Iterable[Known]) -> Known:
    """Yes when all are yes; no when one is no; else maybe, waiting on the open ones.

    The mirror of :func:`any_of` (``~any_of(~a for a in answers)``).
    """
    open_facts: list[Fact] = []
    open_ = False
    for answer in answers:
        tri = answer.tri
        if tri is Tri.NO:
            return NO
        if tri is Tri.MAYBE:
            open_ = True
            open_facts.extend(answer.facts)
    return maybe(*open_facts) if open_ else YES


def both(first: Known, second: Known) -> Known:
    """``all_of((first, second))``, without building a sequence."""
    one, two = first.tri, second.tri
    if one is Tri.NO or two is Tri.NO:
        return NO
    if one is Tri.YES:
        return YES if two is Tri.YES else maybe(*second.facts)
    if two is Tri.YES:
        return maybe(*first.facts)
    return maybe(*first.facts, *second.facts)


# -- counting -----------------------------------------------------------------------


class Outcome(enum.Flag):
    """How an entry counts in a figure; an open entry has more than one."""

    FOR = enum.auto()
    AGAINST = enum.auto()
    OUT = enum.auto()  # not part of the figure (a rate's denominator, a count)


def outcome(counted: Known, good: Known) -> Outcome:
    """The outcomes of an entry that is counted when ``counted`` and for when ``good``."""
    if counted.no:
        return Outcome.OUT
    inside = Outcome(0)
    if not good.no:
        inside |= Outcome.FOR
    if not good.yes:
        inside |= Outcome.AGAINST
    return inside | Outcome.OUT if counted.maybe else inside


def certain(flags: Outcome) -> bool:
    return flags in (Outcome.FOR, Outcome.AGAINST, Outcome.OUT)


# slots: the figures of a 50,000-standard report hold some 250,000 entries at once
@dataclass(frozen=True, slots=True)
class Entry(Generic[R]):
    """One thing a figure counts (an item, a standard, a unit-year, a training).

    ``weight`` is what it adds to a count when counted for (a training's
    attendance); None when nobody recorded it (the count has no upper bound).
    ``facts`` are the missing values that keep it open.
    """

    ref: R
    outcome: Outcome
    facts: tuple[Fact, ...] = ()
    weight: float | None = 1.0

    @property
    def certain(self) -> bool:
        return certain(self.outcome) and self.weight is not None

    @staticmethod
    def of(ref: R, counted: Known, good: Known, weight: float | None = 1.0) -> Entry[R]:
        """An entry from two answers: is it part of the figure, and does it count for?"""
        flags = outcome(counted, good)
        facts: tuple[Fact, ...] = ()
        if not certain(flags):
            facts = _unique((*counted.facts, *(() if counted.no else good.facts)))
        return Entry(ref, flags, facts, weight)


@dataclass(frozen=True, slots=True)
class Bounds:
    """A figure as a range: every unknown counted against (low) and for (high).

    ``high`` is None when the figure has no upper bound (a count with an
    unrecorded attendance). Rates keep their parts at each end.
    """

    low: float
    high: float | None
    low_parts: tuple[int, int] | None = None
    high_parts: tuple[int, int] | None = None
    #: a rate whose every entry may yet fall out of it: it may have no value at all
    maybe_empty: bool = False

    @property
    def exact(self) -> bool:
        return (
            self.high is not None
            and not self.maybe_empty
            and math.isclose(self.low, self.high, abs_tol=1e-12)
        )

    @staticmethod
    def point(value: float, parts: tuple[int, int] | None = None) -> Bounds:
        return Bounds(value, value, parts, parts)


Measure = Literal["rate", "count"]
_SIDES = (Outcome.FOR, Outcome.AGAINST, Outcome.OUT)


class Tally:
    """The sums a figure's bounds come from, cheap to adjust for a what-if."""

    def __init__(self, measure: Measure) -> None:
        self.measure = measure
        self.flags: Counter[Outcome] = Counter()  # rates: entries by open outcomes
        self.low = 0.0  # counts: weight certainly counted for
        self.high = 0.0  # counts: weight possibly counted for (known weights)
        self.open = 0  # counts: entries possibly for with no weight recorded

    def add(self, entry: Entry[object], sign: int = 1) -> None:
        if self.measure == "rate":
            self.flags[entry.outcome] += sign
            return
        if Outcome.FOR not in entry.outcome:
            return
        if entry.weight is None:
            self.open += sign
            return
        self.high += sign * entry.weight
        if entry.outcome == Outcome.FOR:
            self.low += sign * entry.weight

    def copy(self) -> Tally:
        out = Tally(self.measure)
        out.flags = Counter(self.flags)
        out.low, out.high, out.open = self.low, self.high, self.open
        return out

    def bounds(self) -> Bounds | None:
        """The range; None for a rate no entry can be part of (no data)."""
        if self.measure == "count":
            return Bounds(self.low, None if self.open else self.high)
        return _rate_bounds(self.flags)


def _rate_bounds(flags: Mapping[Outcome, int]) -> Bounds | None:
    """The exact lowest and highest rate over every way the open entries can fall.

    Each open entry takes, independently, its worst outcome for the low end
    (against, else out, else for) and its best for the high end (for, else
    out, else against): counting an entry for never lowers a rate, against
    never raises it, and leaving it out lies between.
    """
    low_for = low_all = high_for = high_all = can_be_in = 0
    surely_in = False
    for flag, count in flags.items():
        if not count:  # a what-if leaves emptied keys behind
            continue
        if flag != Outcome.OUT:
            can_be_in += count
        surely_in = surely_in or Outcome.OUT not in flag
        low = _pick(flag, Outcome.AGAINST)
        high = _pick(flag, Outcome.FOR)
        if low != Outcome.OUT:
            low_all += count
            low_for += count if low == Outcome.FOR else 0
        if high != Outcome.OUT:
            high_all += count
            high_for += count if high == Outcome.FOR else 0
    if can_be_in == 0:
        return None
    # With nothing able to count against, every value the figure can take is 1
    # (the high end's parts); with nothing able to count for, every value is 0.
    if not low_all:
        low_for, low_all = high_for, high_all
    if not high_all:
        high_for, high_all = low_for, low_all
    low_parts, high_parts = (low_for, low_all), (high_for, high_all)
    return Bounds(
        low_parts[0] / low_parts[1],
        high_parts[0] / high_parts[1],
        low_parts,
        high_parts,
        maybe_empty=not surely_in,
    )


#: the outcome an open entry takes when pushed to one side, in order of preference
_PREFERENCE: dict[Outcome, tuple[Outcome, Outcome, Outcome]] = {
    Outcome.FOR: (Outcome.FOR, Outcome.OUT, Outcome.AGAINST),
    Outcome.AGAINST: (Outcome.AGAINST, Outcome.OUT, Outcome.FOR),
    Outcome.OUT: (Outcome.OUT, Outcome.AGAINST, Outcome.FOR),
}


def _pick(flags: Outcome, side: Outcome) -> Outcome:
    """The outcome among ``flags`` closest to ``side``."""
    return next(o for o in _PREFERENCE[side] if o in flags)


def tally(entries: Iterable[Entry[R]], measure: Measure) -> Tally:
    out = Tally(measure)
    for entry in entries:
        out.add(entry)  # type: ignore[arg-type]
    return out


def rate_bounds(entries: Iterable[Entry[R]]) -> Bounds | None:
    return tally(entries, "rate").bounds()


def count_bounds(entries: Iterable[Entry[R]]) -> Bounds:
    found = tally(entries, "count").bounds()
    assert found is not None  # a count always has a value
    return found


def min_bounds(parts: Sequence[Bounds | None]) -> Bounds | None:
    """The smallest of several figures (indicators 7, 8, 9): both ends take the minimum."""
    real = [b for b in parts if b is not None]
    if not real:
        return None
    highs = [b.high for b in real if b.high is not None]
    empty = any(b.maybe_empty for b in real)
    return Bounds(min(b.low for b in real), min(highs) if highs else None, maybe_empty=empty)


# -- what would settle a figure ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Settler:
    """A missing value and what recording it would do to a figure.

    ``alone``: recording it settles the figure's status whatever it turns out
    to be. ``reach``: how much of the range it spans (entries, or weight;
    infinite for an unrecorded attendance), for ordering.
    """

    fact: Fact
    alone: bool
    reach: float


Combine = Callable[[Sequence["Bounds | None"]], "Bounds | None"]
Decided = Callable[["Bounds | None"], bool]


def first_or_none(parts: Sequence[Bounds | None]) -> Bounds | None:
    return parts[0] if parts else None


def _resolve(entry: Entry[R], fact: Fact, side: Outcome) -> Entry[R]:
    """The entry once ``fact`` is recorded and pushes it to ``side``.

    An entry still open on other facts stays open: how they combine (any one
    for, or all of them) is the figure's business, so a what-if never claims
    more than one fact can tell.
    """
    rest = tuple(f for f in entry.facts if f != fact)
    if rest:
        return entry
    if fact.field in WEIGHT_FIELDS:
        return replace(entry, weight=0.0, facts=())  # any number; see _weight_alone
    return replace(entry, outcome=_pick(entry.outcome, side), facts=())


def settlers(
    groups: Mapping[str, Sequence[Entry[R]]],
    measure: Measure,
    decided: Decided,
    combine: Combine = first_or_none,
) -> list[Settler]:
    """Every fact behind the open entries, most decisive first.

    ``groups`` are the figure's parts (one for a plain rate or count, one per
    area for a minimum), ``combine`` makes the figure from their bounds and
    ``decided`` says whether a range settles the status. A fact is *alone*
    when every way it can fall leaves a range that ``decided`` accepts. The
    work is linear in the entries: each what-if adjusts a copy of the sums.
    """
    keys = list(groups)
    tallies = {key: tally(groups[key], measure) for key in keys}
    touched: dict[Fact, list[tuple[str, Entry[R]]]] = {}
    for key in keys:
        for entry in groups[key]:
            for fact in entry.facts:
                touched.setdefault(fact, []).append((key, entry))
    out: list[Settler] = []
    for fact, where in touched.items():
        reach = 0.0
        for _, entry in where:
            if entry.weight is None:
                reach = math.inf
            else:
                reach += entry.weight if measure == "count" else 1.0
        if fact.field in WEIGHT_FIELDS:
            alone = _weight_alone(keys, tallies, where, combine)
        else:
            alone = all(
                decided(_what_if(keys, tallies, where, fact, side, combine)) for side in _SIDES
            )
        out.append(Settler(fact, alone, reach))
    out.sort(key=lambda s: (not s.alone, -s.reach, s.fact.key, s.fact.field))
    return out


def _what_if(
    keys: list[str],
    tallies: Mapping[str, Tally],
    where: list[tuple[str, Entry[R]]],
    fact: Fact,
    side: Outcome,
    combine: Combine,
) -> Bounds | None:
    changed: dict[str, Tally] = {}
    for key, entry in where:
        adjusted = changed.get(key) or tallies[key].copy()
        adjusted.add(entry, -1)  # type: ignore[arg-type]
        adjusted.add(_resolve(entry, fact, side), 1)  # type: ignore[arg-type]
        changed[key] = adjusted
    return combine([(changed.get(k) or tallies[k]).bounds() for k in keys])


def _weight_alone(
    keys: list[str],
    tallies: Mapping[str, Tally],
    where: list[tuple[str, Entry[R]]],
    combine: Combine,
) -> bool:
    """An unrecorded attendance settles a count alone only when the rest is exact:
    whatever the number, the total is then one value."""
    changed: dict[str, Tally] = {}
    for key, entry in where:
        adjusted = changed.get(key) or tallies[key].copy()
        adjusted.add(entry, -1)  # type: ignore[arg-type]
        changed[key] = adjusted
    rest = combine([(changed.get(k) or tallies[k]).bounds() for k in keys])
    alone = all(e.outcome == Outcome.FOR and len(e.facts) == 1 for _, e in where)
    return alone and rest is not None and rest.exact
