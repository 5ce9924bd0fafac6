"""Family F: feedback answered in time, its promise kept, the loop closed; on exact days."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import MiniFactory
from tests.rules.helpers import findings, messages

STD = "data/standards/vehicles/db50-t-7-2020.yaml"
ITEM = "data/feedback/2024/2024-0001.yaml"
#: an own standard in force since 2020-02-01: its review falls due on 2025-02-01
STANDARD = {
    STD: (
        "code: DB50/T 7-2020\ntitle: 测试标准\nlevel: local\narea: vehicles\n"
        "items: [vehicles.quota]\nstatus: published\npublished: 2020-01-01\n"
        "effective: 2020-02-01\n"
    )
}


def item(
    tail: str = "", head: str = "standard: DB50/T 7-2020\nfrom: shapingba\n"
) -> dict[str, str]:
    """Feedback 2024-0001 received 2024-03-02 (line 4); ``tail`` from line 6."""
    return {ITEM: f"id: 2024-0001\n{head}received: 2024-03-02\ntext: 条款难以执行。\n{tail}"}


def response(day: str, action: str = "interpretation", by: str = "chongqing") -> str:
    return f"response: {{date: {day}, by: {by}, action: {action}, text: 已答复。}}\n"


def test_clean_items_are_quiet(mini: MiniFactory) -> None:
    wh = mini({**STANDARD, **item(response("2024-03-20") + "closed: 2024-04-01\n")}).load()
    for code in ("F901", "F902", "F903", "F904", "F905", "F906", "F907", "N201", "N206"):
        assert findings(wh, code) == [], code


def test_f901_unknown_standard(mini: MiniFactory) -> None:
    wh = mini({**STANDARD, **item(head="standard: DB50/T 71-2020\nfrom: shapingba\n")}).load()
    assert findings(wh, "F901") == [(ITEM, 2, 11, "F901")]
    assert messages(wh, "F901") == [
        "反馈所涉标准 DB50/T 71-2020 不在标准仓中；是不是 DB50/T 7-2020？"
    ]


def test_f902_unknown_units(mini: MiniFactory) -> None:
    wh = mini(
        {
            **STANDARD,
            **item(
                response("2024-03-20", by="chongqin"),
                head="standard: DB50/T 7-2020\nfrom: atlantis\n",
            ),
        }
    ).load()
    assert findings(wh, "F902") == [(ITEM, 3, 7, "F902"), (ITEM, 6, 34, "F902")]


def test_f903_response_before_receipt(mini: MiniFactory) -> None:
    wh = mini({**STANDARD, **item(response("2024-03-01"))}).load()
    assert findings(wh, "F903") == [(ITEM, 6, 18, "F903")]
    wh = mini({**STANDARD, **item(response("2024-03-02"))}).load()  # the same day is fine
    assert findings(wh, "F903") == []


def test_f904_closed_before_the_response_or_without_one(mini: MiniFactory) -> None:
    wh = mini({**STANDARD, **item(response("2024-03-20") + "closed: 2024-03-19\n")}).load()
    assert findings(wh, "F904") == [(ITEM, 7, 9, "F904")]
    assert messages(wh, "F904") == ["闭环日期 2024-03-19 早于答复日期 2024-03-20"]
    wh = mini({**STANDARD, **item(response("2024-03-20") + "closed: 2024-03-20\n")}).load()
    assert findings(wh, "F904") == []
    wh = mini({**STANDARD, **item("closed: 2024-03-20\n")}).load()
    assert findings(wh, "F904") == [(ITEM, 6, 9, "F904")]
    assert messages(wh, "F904", lang="en") == ["closed on 2024-03-20 with no response on record"]


@pytest.mark.parametrize(
    ("as_of", "late"),
    [
        (dt.date(2024, 3, 1), False),  # not yet received
        (dt.date(2024, 4, 1), False),  # received + 30 days: the last day to answer
        (dt.date(2024, 4, 2), True),  # the day after
        (dt.date(2024, 4, 4), True),  # the response is dated 2024-04-05: not yet given
        (dt.date(2024, 4, 5), False),  # answered (late, but answered)
    ],
)
def test_f905_unanswered_past_the_response_days(
    mini: MiniFactory, as_of: dt.date, late: bool
) -> None:
    wh = mini({**STANDARD, **item(response("2024-04-05"))}).load()
    assert findings(wh, "F905", as_of=as_of) == ([(ITEM, 4, 11, "F905")] if late else [])


def test_f905_message_setting_and_closed_items(mini: MiniFactory) -> None:
    wh = mini({**STANDARD, **item()}).load()
    assert messages(wh, "F905", as_of=dt.date(2024, 4, 2)) == [
        "2024-03-02 收到的反馈至 2024-04-02 仍未答复，已超过 30 天的答复期限（2024-04-01）"
    ]


def test_f905_follows_feedback_response_days(mini: MiniFactory) -> None:
    from tests.conftest import MINI_FRAMEWORK

    framework = MINI_FRAMEWORK + "feedback_response_days: 10\n"
    wh = mini({**STANDARD, **item()}, framework=framework).load()
    assert findings(wh, "F905", as_of=dt.date(2024, 3, 12)) == []
    assert findings(wh, "F905", as_of=dt.date(2024, 3, 13)) == [(ITEM, 4, 11, "F905")]


def test_f905_quiet_once_closed(mini: MiniFactory) -> None:
    wh = mini({**STANDARD, **item("closed: 2024-03-20\n")}).load()
    assert findings(wh, "F905", as_of=dt.date(2024, 4, 2)) == []


REVISION = {
    "data/standards/vehicles/db50-t-7-2025.yaml": (
        "code: DB50/T 7-2025\ntitle: 测试标准（修订）\nlevel: local\narea: vehicles\n"
        "items: [vehicles.quota]\nstatus: drafting\nplan: {year: 2025, kind: revision}\n"
        "supersedes: [DB50/T 7-2020]\n"
    )
}


@pytest.mark.parametrize(
    ("as_of", "late"),
    [
        (dt.date(2024, 3, 19), False),  # not yet answered
        (dt.date(2025, 3, 20), False),  # answer + 365 days: the last day
        (dt.date(2025, 3, 21), True),  # the day after
    ],
)
def test_f906_revise_with_no_revision(mini: MiniFactory, as_of: dt.date, late: bool) -> None:
    wh = mini({**STANDARD, **item(response("2024-03-20", action="revise"))}).load()
    assert findings(wh, "F906", as_of=as_of) == ([(ITEM, 6, 53, "F906")] if late else [])


def test_f906_quiet_once_a_revision_is_planned_or_for_other_answers(mini: MiniFactory) -> None:
    later = dt.date(2025, 6, 1)
    wh = mini({**STANDARD, **REVISION, **item(response("2024-03-20", action="revise"))}).load()
    assert findings(wh, "F906", as_of=later) == []
    wh = mini({**STANDARD, **item(response("2024-03-20", action="no-change"))}).load()
    assert findings(wh, "F906", as_of=later) == []


@pytest.mark.parametrize(
    ("as_of", "listed"),
    [
        (dt.date(2024, 11, 2), False),  # 91 days before the review falls due
        (dt.date(2024, 11, 3), True),  # 90 days before: due soon
        (dt.date(2025, 2, 1), True),  # due that day (due, not yet overdue)
        (dt.date(2025, 3, 1), True),  # overdue
        (dt.date(2025, 3, 31), True),  # the day before the item is closed
        (dt.date(2025, 4, 1), False),  # closed that day
    ],
)
def test_f907_open_feedback_listed_with_the_review(
    mini: MiniFactory, as_of: dt.date, listed: bool
) -> None:
    wh = mini(
        {**STANDARD, **item(response("2024-03-20", action="revise") + "closed: 2025-04-01\n")}
    ).load()
    assert findings(wh, "F907", as_of=as_of) == ([(STD, 8, 12, "F907")] if listed else [])


def test_f907_message(mini: MiniFactory) -> None:
    wh = mini({**STANDARD, **item()}).load()
    assert messages(wh, "F907", as_of=dt.date(2025, 3, 1)) == [
        "复审已于 2025-02-01 到期，尚有 1 条反馈未闭环：2024-0001；复审时一并研究"
    ]


def test_n201_and_n206_name_feedback_by_id_and_year(mini: MiniFactory) -> None:
    moved = "data/feedback/2023/2024-0002.yaml"
    text = item()[ITEM].replace("2024-0001", "2024-0002")
    wh = mini({**STANDARD, ITEM: text, moved: text}).load()
    assert findings(wh, "N201") == [(ITEM, 1, 5, "N201")]
    assert findings(wh, "N206") == [(moved, 1, 5, "N206")]
    assert messages(wh, "N206") == ["反馈编号 2024-0002 属于 2024 年，却放在 data/feedback/2023/"]
