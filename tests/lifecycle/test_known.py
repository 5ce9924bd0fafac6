"""The model of what is known: three-valued answers, ranges, and what settles them.

The bounds of a rate are checked against every way the open entries can fall
(brute force over small random sets), so the greedy formula in known.py is
exact, not merely plausible.
"""

from __future__ import annotations

import itertools
import random

import pytest

from jgsw_std.lifecycle.known import (
    NO,
    YES,
    Bounds,
    Entry,
    Fact,
    Outcome,
    all_of,
    any_of,
    both,
    count_bounds,
    maybe,
    min_bounds,
    outcome,
    rate_bounds,
    settlers,
)

F, A, X = Outcome.FOR, Outcome.AGAINST, Outcome.OUT  # X: left out of the figure
FLAGS = [F, A, X, F | A, F | X, A | X, F | A | X]


def fact(key: str, field: str = "effective") -> Fact:
    return Fact(key, key, None, field)


def test_three_valued_logic() -> None:
    x, y = fact("X"), fact("Y")
    assert any_of([NO, maybe(x), YES]) == YES
    assert any_of([NO, NO]) == NO and any_of([]) == NO
    assert any_of([maybe(x), NO, maybe(y)]) == maybe(x, y)
    assert all_of([YES, maybe(x)]) == maybe(x)
    assert all_of([YES, NO, maybe(x)]) == NO
    assert all_of([]) == YES
    assert ~YES == NO and ~NO == YES and ~maybe(x) == maybe(x)
    assert maybe(x, x).facts == (x,)


def test_all_of_and_both_are_any_of_mirrored() -> None:
    # all_of and both have their own loops (for speed): each must answer exactly
    # what ~any_of(~a ...) answers, facts and their order included, for every
    # sequence of up to three answers (an open one with one fact, two, or one
    # repeated)
    x, y, z = fact("X"), fact("Y"), fact("Z")
    answers = [YES, NO, maybe(x), maybe(y, z), maybe(x, y), maybe(z, x)]
    for size in range(4):
        for seq in itertools.product(answers, repeat=size):
            mirrored = ~any_of(~a for a in seq)
            assert all_of(seq) == mirrored, seq
            if size == 2:
                assert both(*seq) == mirrored, seq


def test_outcome_of_two_answers() -> None:
    x = fact("X")
    assert outcome(NO, YES) == X
    assert outcome(YES, YES) == F and outcome(YES, NO) == A
    assert outcome(YES, maybe(x)) == F | A
    assert outcome(maybe(x), NO) == A | X
    assert outcome(maybe(x), maybe(x)) == F | A | X
    entry = Entry.of("r", maybe(x), NO)
    assert entry.facts == (x,) and not entry.certain
    assert Entry.of("r", YES, YES).facts == ()


def _brute(flags: list[Outcome]) -> tuple[float, float, bool] | None:
    """Lowest and highest rate over every assignment, and whether one is empty."""
    values: list[float] = []
    empty = False
    choices = [[o for o in (F, A, X) if o in flag] for flag in flags]
    for pick in itertools.product(*choices):
        n = sum(1 for o in pick if o == F)
        d = sum(1 for o in pick if o != X)
        if d:
            values.append(n / d)
        else:
            empty = True
    if not values:
        return None
    return min(values), max(values), empty


@pytest.mark.parametrize("seed", range(60))
def test_rate_bounds_are_exact(seed: int) -> None:
    rng = random.Random(seed)
    flags = [rng.choice(FLAGS) for _ in range(rng.randint(0, 7))]
    found = rate_bounds([Entry(i, flag) for i, flag in enumerate(flags)])
    expected = _brute(flags)
    if expected is None:
        assert found is None
        return
    assert found is not None
    low, high, empty = expected
    assert found.low == pytest.approx(low) and found.high == pytest.approx(high)
    assert found.maybe_empty == empty
    assert found.low_parts is not None and found.high_parts is not None
    assert found.low_parts[0] / found.low_parts[1] == pytest.approx(low)
    assert found.high_parts[0] / found.high_parts[1] == pytest.approx(high)


def test_six_of_seven_with_an_undated_seventh_is_a_range() -> None:
    # The example: 6 covered, 1 whose only standard is undated -> 6/7 to 7/7,
    # never 6/6 = 100%.
    entries = [Entry(i, F) for i in range(6)] + [Entry(6, F | A, (fact("X"),))]
    bounds = rate_bounds(entries)
    assert bounds == Bounds(6 / 7, 1.0, (6, 7), (7, 7))
    assert not bounds.exact


def test_counts_and_minimums() -> None:
    x = fact("X")
    entries = [Entry("a", F, weight=300.0), Entry("b", F | X, (x,), weight=200.0)]
    assert count_bounds(entries) == Bounds(300.0, 500.0)
    unbounded = [*entries, Entry("c", F, (fact("C", "attendees"),), weight=None)]
    assert count_bounds(unbounded) == Bounds(300.0, None)
    assert count_bounds([Entry("d", A), Entry("e", X)]) == Bounds(0.0, 0.0)
    assert min_bounds([Bounds(1, 3), Bounds(2, None), None]) == Bounds(1, 3)
    assert min_bounds([Bounds(2, None)]) == Bounds(2, None)
    assert min_bounds([None]) is None


def _decided_by(target: float) -> object:
    def decided(bounds: Bounds | None) -> bool:
        if bounds is None or bounds.maybe_empty:
            return False
        return bounds.low >= target or (bounds.high is not None and bounds.high < target)

    return decided


def test_settlers_most_decisive_first() -> None:
    x, y, z = fact("X"), fact("Y"), fact("Z")
    # 8 covered, 1 hole; X and Y each may cover one more item; Z covers two at once.
    entries = (
        [Entry(i, F) for i in range(8)]
        + [Entry(8, A)]
        + [Entry(9, F | A, (x,)), Entry(10, F | A, (y,))]
        + [Entry(11, F | A, (z,)), Entry(12, F | A, (z,))]
    )
    found = settlers({"all": entries}, "rate", _decided_by(0.9))  # type: ignore[arg-type]
    assert [s.fact.key for s in found] == ["Z", "X", "Y"]  # Z spans two items
    assert [s.reach for s in found] == [2.0, 1.0, 1.0]
    assert not any(s.alone for s in found)  # 8-13 of 13: no one date settles 90%
    # with only X open, X alone settles it
    single = [Entry(i, F) for i in range(8)] + [Entry(8, A), Entry(9, F | A, (x,))]
    (only,) = settlers({"all": single}, "rate", _decided_by(0.9))  # type: ignore[arg-type]
    assert only.fact == x and only.alone


def test_an_unrecorded_attendance_settles_alone_only_when_the_rest_is_exact() -> None:
    head = fact("T", "attendees")
    exact_rest = [Entry("a", F, weight=300.0), Entry("t", F, (head,), weight=None)]
    (alone,) = settlers({"all": exact_rest}, "count", _decided_by(5000))  # type: ignore[arg-type]
    assert alone.alone and alone.reach == float("inf")
    other = fact("U")
    open_rest = [*exact_rest, Entry("u", F | X, (other,), weight=100.0)]
    found = settlers({"all": open_rest}, "count", _decided_by(5000))  # type: ignore[arg-type]
    assert [s.fact.key for s in found] == ["T", "U"] and not any(s.alone for s in found)


def test_fact_wording() -> None:
    assert fact("DB50/T 1016-2020").text("zh") == "DB50/T 1016-2020 的实施日期"
    assert fact("DB50/T 1016-2020").text("en") == "the effective date of DB50/T 1016-2020"
    named = Fact(
        "chongqing:activities[0]", "重庆市「培训」", None, "attendees", name="重庆市「培训」"
    )
    assert named.text("zh") == "重庆市「培训」的参加人次"
