"""Every date window of lifecycle/, with the as-of date on each end and one day either side.

A window test earns its place by failing when the window's edge moves by a
day (bench/mutate_boundaries.py flips each comparison and runs these).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from tests.conftest import MiniFactory
from tests.metrics.build import city, merge, shapingba, std, warehouse

from jgsw_std.lifecycle.asof import AsOf
from jgsw_std.lifecycle.duties import district_duties, latest_review, year_record
from jgsw_std.lifecycle.known import Tri
from jgsw_std.lifecycle.state import (
    has_evaluation,
    published_in,
    reviewed_within,
    state_at,
)
from jgsw_std.lifecycle.units import (
    missing_parts,
    records_activities,
    records_summaries,
    summary_years,
    training_years,
)
from jgsw_std.load.warehouse import StandardRecord, Warehouse
from jgsw_std.model.standard import Review, Standard

DAY = dt.timedelta(days=1)


def around(day: str) -> tuple[dt.date, dt.date, dt.date]:
    """The day before, the day, the day after."""
    d = dt.date.fromisoformat(day)
    return d - DAY, d, d + DAY


def rec_of(wh: Warehouse, code: str) -> StandardRecord:
    found = wh.standard(code)
    assert found is not None
    return found


def states(wh: Warehouse, code: str, day: str) -> list[str]:
    rec = rec_of(wh, code)
    return [state_at(wh, rec, d) for d in around(day)]


def test_the_repeal_date(mini: MiniFactory) -> None:
    wh = warehouse(
        mini,
        std(
            "DB50/T 1-2015",
            level="local",
            status="repealed",
            published="2015-01-01",
            effective="2015-03-01",
            repealed="2024-01-01",
        ),
    )
    # in force the day before; repealed on the repeal date and after
    assert states(wh, "DB50/T 1-2015", "2024-01-01") == ["in-force", "repealed", "repealed"]


def test_the_effective_date(mini: MiniFactory) -> None:
    wh = warehouse(
        mini,
        std(
            "DB50/T 2-2020",
            level="local",
            status="published",
            published="2020-01-01",
            effective="2020-03-01",
        ),
    )
    assert states(wh, "DB50/T 2-2020", "2020-03-01") == ["upcoming", "in-force", "in-force"]


def test_the_publication_date_and_the_codes_year(mini: MiniFactory) -> None:
    wh = warehouse(
        mini,
        # published on a known day, effective date missing
        std("DB50/T 3-2020", level="local", status="published", published="2020-06-01"),
        # nothing dated: published some day of 2022, by its code
        std("DB50/T 4-2022", level="local", status="published"),
    )
    assert states(wh, "DB50/T 3-2020", "2020-06-01") == ["in-progress", "unknown", "unknown"]
    assert states(wh, "DB50/T 4-2022", "2022-01-01") == ["in-progress", "unknown", "unknown"]


def test_the_successors_effective_date(mini: MiniFactory) -> None:
    wh = warehouse(
        mini,
        std(
            "DB50/T 5-2015",
            level="local",
            status="published",
            published="2015-01-01",
            effective="2015-03-01",
            superseded_by="DB50/T 6-2024",
        ),
        std(
            "DB50/T 6-2024",
            level="local",
            status="published",
            published="2024-05-01",
            effective="2024-07-01",
        ),
        # a successor published 2024-05-01 without its effective date
        std(
            "DB50/T 7-2015",
            level="local",
            status="published",
            published="2015-01-01",
            effective="2015-03-01",
            superseded_by="DB50/T 8-2024",
        ),
        std("DB50/T 8-2024", level="local", status="published", published="2024-05-01"),
    )
    assert states(wh, "DB50/T 5-2015", "2024-07-01") == ["in-force", "superseded", "superseded"]
    # replaced or not waits on the successor's missing date once it is published
    assert states(wh, "DB50/T 7-2015", "2024-05-01") == ["in-force", "unknown", "unknown"]


def _published(code: str, **fields: Any) -> StandardRecord:
    from jgsw_std.model.codes import parse_code

    model = Standard.model_validate(
        {"code": code, "title": "测试", "status": "published", **fields}
    )
    return StandardRecord(model, "x.yaml", parse_code(code))


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2020-12-31", Tri.NO),  # the day before the window
        ("2021-01-01", Tri.YES),  # its first day
        ("2021-01-02", Tri.YES),
        ("2025-12-30", Tri.YES),
        ("2025-12-31", Tri.YES),  # its last day
        ("2026-01-01", Tri.NO),  # the day after
    ],
)
def test_published_in_a_window(published: str, expected: Tri) -> None:
    rec = _published("DB50/T 9-2020", published=published)
    answer = published_in(rec, dt.date(2021, 1, 1), dt.date(2025, 12, 31))
    assert answer.tri is expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # code year 2023, no date: the window holds the whole year, misses it, or cuts it
        ("2023-01-01", "2023-12-31", Tri.YES),
        ("2023-01-02", "2023-12-31", Tri.MAYBE),
        ("2023-01-01", "2023-12-30", Tri.MAYBE),
        ("2024-01-01", "2025-12-31", Tri.NO),  # the year ends the day before the window
        ("2022-12-31", "2024-01-01", Tri.YES),
        ("2021-01-01", "2022-12-31", Tri.NO),  # the window ends the day before the year
    ],
)
def test_published_in_by_the_codes_year(start: str, end: str, expected: Tri) -> None:
    rec = _published("DB50/T 10-2023")
    answer = published_in(rec, dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    assert answer.tri is expected


def test_a_known_effective_date_bounds_an_unknown_publication() -> None:
    # published some day of 2023 but in force from 2023-03-01: published by then
    rec = _published("DB50/T 11-2023", effective="2023-03-01")
    assert published_in(rec, dt.date(2023, 1, 1), dt.date(2023, 3, 1)).tri is Tri.YES
    assert published_in(rec, dt.date(2023, 1, 1), dt.date(2023, 2, 28)).tri is Tri.MAYBE


def test_reviewed_within_both_ends() -> None:
    def reviewed(day: str, on: str) -> bool:
        std_ = Standard.model_validate(
            {
                "code": "DB50/T 12-2015",
                "title": "t",
                "reviews": [{"date": day, "conclusion": "continue"}],
            }
        )
        return reviewed_within(std_, dt.date.fromisoformat(on), 5)

    # window [2020-12-31, 2025-12-31]
    assert [reviewed(str(d), "2025-12-31") for d in around("2020-12-31")] == [False, True, True]
    assert [reviewed(str(d), "2025-12-31") for d in around("2025-12-31")] == [True, True, False]


def test_an_evaluation_counts_from_its_day() -> None:
    std_ = Standard.model_validate(
        {"code": "DB50/T 13-2020", "title": "t", "evaluations": [{"date": "2023-05-01"}]}
    )
    assert [has_evaluation(std_, d) for d in around("2023-05-01")] == [False, True, True]


def test_in_force_for_years_both_ways(mini: MiniFactory) -> None:
    wh = warehouse(
        mini,
        std(
            "DB50/T 14-2020",
            level="local",
            status="published",
            published="2020-12-01",
            effective="2020-12-31",
        ),
        std("DB50/T 15-2021", level="local", status="published"),  # undated, coded 2021
    )
    dated, undated = rec_of(wh, "DB50/T 14-2020"), rec_of(wh, "DB50/T 15-2021")
    # effective 2020-12-31: in force >= 5 years from 2025-12-31 on
    assert [AsOf(wh, d).in_force_years_known(dated, 5).as_bool() for d in around("2025-12-31")] == [
        False,
        True,
        True,
    ]
    # published at the earliest on 2021-01-01: cannot be 5 years in force before 2026-01-01
    assert [AsOf(wh, d).in_force_years_known(undated, 5).tri for d in around("2026-01-01")] == [
        Tri.NO,
        Tri.MAYBE,
        Tri.MAYBE,
    ]


def test_the_latest_review_on_or_before_a_date() -> None:
    reviews = [
        Review.model_validate({"date": "2022-05-01", "conclusion": "continue"}),
        Review.model_validate({"date": "2023-05-01", "conclusion": "revise"}),
        Review.model_validate({"date": "2023-05-01", "conclusion": "repeal"}),  # same day, later
        Review.model_validate({"conclusion": "continue"}),  # undated: never the latest
    ]
    picks = [latest_review(reviews, d) for d in around("2023-05-01")]
    assert [p[1].conclusion if p else None for p in picks] == ["continue", "repeal", "repeal"]
    assert latest_review(reviews, dt.date(2022, 4, 30)) is None


UNIT = merge(
    city(
        activities=[
            {"date": "2023-12-31", "kind": "meeting", "title": "年末会"},
            {"date": "2022-12-31", "kind": "training", "title": "年末培训"},
        ],
        summaries=[{"year": 2022, "sent": "2023-01-10"}],
        mechanism={
            "leading_group": "2021-03-01",
            "working_body": "2021-03-01",
            "staff": {"full_time": 1},
            "budget_channel": "2021-06-30",
        },
    ),
    shapingba(),
)


def test_unit_records_count_from_their_day(mini: MiniFactory) -> None:
    wh = warehouse(mini, units=UNIT)
    rec = wh.district_by_slug["chongqing"]
    years = [2022]
    # the 2022 training on 2022-12-31 counts as of that day, not the day before
    assert [training_years(rec, years, d).done for d in around("2022-12-31")] == [
        (),
        (2022,),
        (2022,),
    ]
    assert [year_record(rec, d).meetings for d in around("2023-12-31")] == [
        frozenset(),
        frozenset({2023}),
        frozenset({2023}),
    ]
    # the summary sent 2023-01-10
    assert [summary_years(rec, years, d).done for d in around("2023-01-10")] == [
        (),
        (2022,),
        (2022,),
    ]
    assert [year_record(rec, d).summaries for d in around("2023-01-10")] == [
        frozenset(),
        frozenset({2022}),
        frozenset({2022}),
    ]
    assert [records_summaries([rec], d) for d in around("2023-01-10")] == [False, True, True]
    assert [records_activities([rec], d) for d in around("2022-12-31")] == [False, True, True]
    # a mechanism part dated on the as-of date is in place that day (budget 2021-06-30)
    assert [missing_parts(rec, d) for d in around("2021-06-30")] == [["budget_channel"], [], []]


def test_the_due_calendar_runs_inside_the_plan_years(mini: MiniFactory) -> None:
    wh = warehouse(mini, units=UNIT)
    rec = wh.district_by_slug["shapingba"]
    assert wh.indicators is not None
    plan = wh.indicators.plan  # 2021-01-01 to 2025-12-31

    def kinds(day: dt.date) -> list[str]:
        return sorted(d.kind for d in district_duties(rec, day, plan))

    everything = ["meeting", "summary", "training"]
    assert [kinds(d) for d in around("2021-01-01")] == [[], everything, everything]
    assert [kinds(d) for d in around("2025-12-31")] == [everything, everything, []]
