"""The registries on a date: the pool by area, and the feedback figures part B will show."""

from __future__ import annotations

import datetime as dt

from tests.conftest import MiniFactory

from jgsw_std.lifecycle.registries import (
    answered_in_time,
    feedback_figures,
    pool_by_area,
)
from jgsw_std.metrics.registries import feedback_summary
from jgsw_std.model.feedback import Feedback


def _item(received: str, answered: str | None = None, closed: str | None = None) -> Feedback:
    data: dict[str, object] = {
        "id": "2024-0001",
        "standard": "GB/T 1-2020",
        "from": "shapingba",
        "received": received,
        "text": "x",
    }
    if answered:
        data["response"] = {"date": answered, "action": "interpretation"}
    if closed:
        data["closed"] = closed
    return Feedback.model_validate(data)


def test_answered_in_time_on_the_exact_days() -> None:
    on_time = _item("2024-03-02", "2024-04-01")  # the 30th day
    late = _item("2024-03-02", "2024-04-02")  # the 31st
    waiting = _item("2024-03-02")
    end = dt.date(2024, 12, 31)
    assert answered_in_time(on_time, end, 30) is True
    assert answered_in_time(late, end, 30) is False
    assert answered_in_time(waiting, dt.date(2024, 4, 1), 30) is None  # not due yet
    assert answered_in_time(waiting, dt.date(2024, 4, 2), 30) is False
    assert answered_in_time(late, dt.date(2024, 4, 1), 30) is None  # its answer is later


def test_feedback_figures_and_no_data() -> None:
    items = [
        _item("2024-03-02", "2024-03-12", "2024-04-01"),  # 10 days, closed
        _item("2024-03-02", "2024-04-11"),  # 40 days: late, open
        _item("2024-05-01"),  # unanswered
        _item("2025-02-01", "2025-02-03"),  # after the date: not counted
    ]
    figures = feedback_figures(items, dt.date(2024, 12, 31), 30)
    assert (figures.received, figures.answered, figures.answered_in_time) == (3, 2, 1)
    assert (figures.late, figures.closed, figures.open) == (2, 1, 2)
    assert figures.median_days == 25.0
    none = feedback_figures([], dt.date(2024, 12, 31), 30)
    assert none.received == 0 and none.median_days is None  # "no data", never 0 days


def test_pool_and_figures_by_group(mini: MiniFactory) -> None:
    expert = (
        "slug: zhang-wei\nname: 张伟\norganization: 某院\nfields: [vehicles, vehicles]\n"
        "appointed: 2022-05-20\nterm_ends: 2025-05-19\n"
    )
    item = "id: 2024-0001\nstandard: GB/T 1-2020\nfrom: shapingba\nreceived: 2024-03-02\ntext: x\n"
    wh = mini({"data/experts/zhang-wei.yaml": expert, "data/feedback/2024/2024-0001.yaml": item})
    loaded = wh.load()
    assert [r.slug for r in pool_by_area(loaded, dt.date(2025, 5, 19))["vehicles"]] == ["zhang-wei"]
    assert pool_by_area(loaded, dt.date(2025, 5, 20)) == {
        "vehicles": [],
        "logistics": [],
        "reception": [],
    }
    summary = feedback_summary(loaded, dt.date(2024, 12, 31), loaded.feedback)
    assert [(g.key, g.figures.received) for g in summary.by_unit] == [("shapingba", 1)]
    assert [(g.key, g.figures.received) for g in summary.by_year] == [("2024", 1)]


def test_no_feedback_means_no_figures(mini: MiniFactory) -> None:
    loaded = mini().load()
    summary = feedback_summary(loaded, dt.date(2024, 12, 31), loaded.feedback)
    assert not summary.has_data and summary.by_standard == summary.by_unit == ()
