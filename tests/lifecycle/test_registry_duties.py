"""Feedback and expert-term duties in the calendar of `jgsw due`, on their exact days.

An answer is due `feedback_response_days` after receipt (F905 from the day
after), a promised revision `feedback_revision_days` after an answer of
`revise` (F906 from the day after), an expert's term on its last day. Each is
tested on the day, and one day either side, through ``due_calendar`` (the
standing: due, newly overdue) and against the checks that report the same.
"""

from __future__ import annotations

import datetime as dt

import pytest
from tests.conftest import MiniFactory
from tests.rules.helpers import findings

from jgsw_std.app.due import Calendar, due_calendar, standing
from jgsw_std.lifecycle.asof import AsOf
from jgsw_std.lifecycle.duties import Duty
from jgsw_std.lifecycle.registries import (
    answered_in_time,
    feedback_figures,
    is_open,
    unanswered_late,
)
from jgsw_std.load.warehouse import Warehouse
from jgsw_std.model.feedback import Feedback

STD = "data/standards/vehicles/db50-t-7-2020.yaml"
ITEM = "data/feedback/2024/2024-0001.yaml"
STANDARD = (
    "code: DB50/T 7-2020\ntitle: 测试标准\nlevel: local\narea: vehicles\nowner: shapingba\n"
    "items: [vehicles.quota]\nstatus: published\npublished: 2022-01-01\neffective: 2022-02-01\n"
)
REVISION = {
    "data/standards/vehicles/db50-t-7-2026.yaml": (
        "code: DB50/T 7-2026\ntitle: 测试标准（修订）\nlevel: local\narea: vehicles\n"
        "items: [vehicles.quota]\nstatus: planned\nplan: {year: 2026, kind: revision}\n"
        "supersedes: [DB50/T 7-2020]\n"
    )
}


def _item(tail: str = "") -> dict[str, str]:
    """Received 2024-03-02: the answer is due 2024-04-01 (30 days)."""
    return {
        ITEM: "id: 2024-0001\nstandard: DB50/T 7-2020\nfrom: wanzhou\nreceived: 2024-03-02\n"
        f"text: 条款难以执行。\n{tail}"
    }


def _revise(day: str) -> str:
    return f"response: {{date: {day}, by: shapingba, action: revise, text: 纳入修订。}}\n"


def _calendar(wh: Warehouse, day: dt.date, days: int = 30) -> Calendar:
    return due_calendar(AsOf(wh, day), days)


def _duties(wh: Warehouse, day: dt.date, kind: str, days: int = 30) -> list[Duty]:
    return [d for g in _calendar(wh, day, days).groups for d in g.duties if d.kind == kind]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2024, 3, 1), None),  # not received yet
        (dt.date(2024, 3, 2), ("due", 30)),  # received: due in 30 days
        (dt.date(2024, 3, 31), ("due", 1)),
        (dt.date(2024, 4, 1), ("due", 0)),  # the last day to answer: due today, not late
        (dt.date(2024, 4, 2), ("newly-overdue", -1)),  # the day after: F905
    ],
)
def test_answer_duty_on_its_days(
    mini: MiniFactory, day: dt.date, expected: tuple[str, int] | None
) -> None:
    wh = mini({STD: STANDARD, **_item()}).load()
    duties = _duties(wh, day, "feedback-answer")
    if expected is None:
        assert duties == []
    else:
        (duty,) = duties
        assert duty.due == dt.date(2024, 4, 1)
        assert (standing(duty, day, day - dt.timedelta(days=30)), duty.days_left(day)) == expected
        # owed by the standard's lead unit, not by the unit that raised it
        assert (duty.owner, duty.key, duty.label, duty.path) == (
            "shapingba",
            "2024-0001",
            "DB50/T 7-2020",
            ITEM,
        )
    # check reports exactly the overdue one
    late = bool(duties) and duties[0].overdue
    assert findings(wh, "F905", as_of=day) == ([(ITEM, 4, 11, "F905")] if late else [])


def test_answer_duty_goes_with_the_answer_or_the_closing(mini: MiniFactory) -> None:
    wh = mini({STD: STANDARD, **_item(_revise("2024-04-10"))}).load()
    assert [d.overdue for d in _duties(wh, dt.date(2024, 4, 9), "feedback-answer")] == [True]
    assert _duties(wh, dt.date(2024, 4, 10), "feedback-answer") == []  # answered that day
    wh = mini({STD: STANDARD, **_item("closed: 2024-03-20\n")}).load()
    assert _duties(wh, dt.date(2024, 3, 19), "feedback-answer") != []
    assert _duties(wh, dt.date(2024, 3, 20), "feedback-answer") == []


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2024, 4, 9), None),  # the answer is not given yet
        (dt.date(2024, 4, 10), ("due", 365)),  # answered "revise": due 365 days on
        (dt.date(2025, 4, 9), ("due", 1)),
        (dt.date(2025, 4, 10), ("due", 0)),  # the last day
        (dt.date(2025, 4, 11), ("newly-overdue", -1)),  # F906 from the day after
    ],
)
def test_revision_duty_on_its_days(
    mini: MiniFactory, day: dt.date, expected: tuple[str, int] | None
) -> None:
    wh = mini({STD: STANDARD, **_item(_revise("2024-04-10"))}).load()
    duties = _duties(wh, day, "feedback-revision", days=400)
    if expected is None:
        assert duties == []
    else:
        (duty,) = duties
        assert duty.due == dt.date(2025, 4, 10) and duty.owner == "shapingba"
        assert (standing(duty, day, day - dt.timedelta(days=30)), duty.days_left(day)) == expected
    late = bool(duties) and duties[0].overdue
    assert findings(wh, "F906", as_of=day) == ([(ITEM, 6, 53, "F906")] if late else [])


def test_revision_duty_ends_when_a_revision_is_planned(mini: MiniFactory) -> None:
    files = {STD: STANDARD, **_item(_revise("2024-04-10"))}
    day = dt.date(2025, 4, 11)
    assert len(_duties(mini(files).load(), day, "feedback-revision")) == 1
    wh = mini({**files, **REVISION}).load()
    assert _duties(wh, day, "feedback-revision") == []
    assert findings(wh, "F906", as_of=day) == []
    other = _item("response: {date: 2024-04-10, by: shapingba, action: no-change}\n")
    assert _duties(mini({STD: STANDARD, **other}).load(), day, "feedback-revision") == []


EXPERT = "data/experts/li-hua.yaml"


def _expert(tail: str = "") -> dict[str, str]:
    return {
        EXPERT: "slug: li-hua\nname: 李华\norganization: 某研究院\nfields: [vehicles]\n"
        f"appointed: 2021-03-01\nterm_ends: 2026-02-28\n{tail}"
    }


@pytest.mark.parametrize(
    ("day", "days", "listed"),
    [
        (dt.date(2025, 12, 1), 88, False),  # the window ends 2026-02-27, the day before
        (dt.date(2025, 12, 1), 89, True),  # the window ends on the term's last day
        (dt.date(2026, 2, 27), 0, False),  # the day before, a window of today only
        (dt.date(2026, 2, 28), 0, True),  # the last day of the term: due today
        (dt.date(2026, 3, 1), 90, False),  # the term has ended: out of the pool, no duty
    ],
)
def test_expert_term_within_the_window(
    mini: MiniFactory, day: dt.date, days: int, listed: bool
) -> None:
    wh = mini(_expert()).load()
    duties = _duties(wh, day, "expert-term", days=days)
    assert [(d.due, d.owner, d.key, d.label, d.overdue) for d in duties] == (
        [(dt.date(2026, 2, 28), "chongqing", "li-hua", "李华", False)] if listed else []
    )


def test_expert_leaving_or_without_a_term_owes_no_renewal(mini: MiniFactory) -> None:
    day = dt.date(2026, 1, 1)
    assert _duties(mini(_expert("left: 2026-01-31\n")).load(), day, "expert-term", 90) == []
    open_ended = _expert()[EXPERT].replace("term_ends: 2026-02-28\n", "")
    assert _duties(mini({EXPERT: open_ended}).load(), day, "expert-term", 3650) == []
    # appointed later than the date: not in the pool yet, nothing to renew
    later = _expert()[EXPERT].replace("2021-03-01", "2026-01-02")
    assert _duties(mini({EXPERT: later}).load(), day, "expert-term", 90) == []


def test_a_review_due_lists_the_feedback_still_open(mini: MiniFactory) -> None:
    """The standard's review falls due 2027-02-01; the item open on it goes with it."""
    wh = mini({STD: STANDARD, **_item(_revise("2024-04-10"))}).load()
    calendar = _calendar(wh, dt.date(2027, 1, 15), 30)
    (review,) = [d for g in calendar.groups for d in g.duties if d.kind == "review"]
    assert calendar.open_on(review) == ["2024-0001"]
    closed = mini({STD: STANDARD, **_item(_revise("2024-04-10") + "closed: 2026-12-01\n")})
    calendar = _calendar(closed.load(), dt.date(2027, 1, 15), 30)
    (review,) = [d for g in calendar.groups for d in g.duties if d.kind == "review"]
    assert calendar.open_on(review) == []


def _feedback(received: str, answered: str | None = None, closed: str | None = None) -> Feedback:
    data: dict[str, object] = {
        "id": "2024-0001",
        "standard": "DB50/T 7-2020",
        "from": "wanzhou",
        "received": received,
        "text": "x",
    }
    if answered:
        data["response"] = {"date": answered, "action": "interpretation"}
    if closed:
        data["closed"] = closed
    return Feedback.model_validate(data)


D = dt.date


def test_open_and_late_on_the_exact_days() -> None:
    """Open from the day received to the day before closing; late from the day after the
    answer was due, until answered or closed (closed without an answer is F904's)."""
    item = _feedback("2024-03-02", closed="2024-04-10")
    assert [is_open(item, day) for day in (D(2024, 3, 1), D(2024, 3, 2))] == [False, True]
    assert [is_open(item, day) for day in (D(2024, 4, 9), D(2024, 4, 10))] == [True, False]
    late = [unanswered_late(item, day, 30) for day in (D(2024, 4, 1), D(2024, 4, 2))]
    assert late == [False, True]
    assert [unanswered_late(item, day, 30) for day in (D(2024, 4, 9), D(2024, 4, 10))] == [
        True,
        False,
    ]
    assert unanswered_late(_feedback("2024-03-02"), D(2024, 3, 1), 30) is False


def test_figures_count_items_from_the_day_received_to_the_day_closed() -> None:
    items = [_feedback("2024-03-02", "2024-03-05", "2024-03-10")]
    before, received = (feedback_figures(items, day, 30) for day in (D(2024, 3, 1), D(2024, 3, 2)))
    assert (before.received, received.received, received.open) == (0, 1, 1)
    assert answered_in_time(items[0], D(2024, 3, 2), 30) is None  # not due, not answered yet
    day_before, closing = (
        feedback_figures(items, day, 30) for day in (D(2024, 3, 9), D(2024, 3, 10))
    )
    assert (day_before.closed, day_before.open) == (0, 1)
    assert (closing.closed, closing.open) == (1, 0)
