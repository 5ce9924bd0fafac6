"""Every date window of metrics/, with the as-of date (or the record's date) on each end
and one day either side, and the edges of the status rules.

The plan period is [2021-01-01, 2025-12-31] (tests/metrics/build.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from jgsw_std.metrics.base import MetricResult
from jgsw_std.metrics.judge import _EPS, meets, plan_fraction, reaches
from tests.conftest import MiniFactory
from tests.metrics.build import END, city, figure, keys, merge, plan, shapingba, std, warehouse

DAY = dt.timedelta(days=1)


def around(day: str) -> list[dt.date]:
    d = dt.date.fromisoformat(day)
    return [d - DAY, d, d + DAY]


def low(result: MetricResult) -> float | None:
    return result.low


# -- the plan's first and last day: articles, trainings, new local standards ------------


@pytest.mark.parametrize(
    ("day", "counted"),
    [
        ("2020-12-31", False),
        ("2021-01-01", True),  # the plan's first day
        ("2021-01-02", True),
        ("2025-12-30", True),
        ("2025-12-31", True),  # its last day
        ("2026-01-01", False),
    ],
)
def test_articles_and_trainings_on_the_plans_edges(
    mini: MiniFactory, day: str, counted: bool
) -> None:
    units = merge(
        city(
            articles=[{"title": "文", "journal": "刊", "level": "provincial", "date": day}],
            activities=[{"date": day, "kind": "training", "title": "培训", "attendees": 100}],
        ),
        shapingba(),
    )
    wh = warehouse(mini, units=units)
    as_of = dt.date(2026, 6, 30)  # after the plan: its window stops at 2025-12-31
    articles = figure(wh, "articles", as_of, 5)
    attendance = figure(wh, "training_attendance", as_of, 5000)
    assert (articles.low == 1) is counted and (attendance.low == 100) is counted
    assert articles.extra["period"]["clipped"] is True


def test_the_window_follows_the_as_of_date(mini: MiniFactory) -> None:
    units = merge(
        city(
            activities=[
                {"date": "2024-05-01", "kind": "training", "title": "培训", "attendees": 100}
            ]
        ),
        shapingba(),
    )
    wh = warehouse(mini, units=units)
    lows = [figure(wh, "training_attendance", d, 5000).low for d in around("2024-05-01")]
    assert lows == [None, 100, 100]  # before it: nothing in the window yet -> no data


@pytest.mark.parametrize(
    ("published", "counted"),
    [("2020-12-31", False), ("2021-01-01", True), ("2025-12-31", True), ("2026-01-01", False)],
)
def test_new_local_standards_on_the_plans_edges(
    mini: MiniFactory, published: str, counted: bool
) -> None:
    wh = warehouse(
        mini,
        std(
            "DB50/T 300-2021",
            level="local",
            area="vehicles",
            status="published",
            published=published,
            effective=published,
        ),
    )
    result = figure(wh, "new_local_per_main_area", dt.date(2026, 6, 30), 1)
    assert (result.breakdown["area:vehicles"].low == 1) is counted


def test_the_plan_period_note(mini: MiniFactory) -> None:
    wh = warehouse(mini)
    clipped = [figure(wh, "articles", d, 5).extra["period"]["clipped"] for d in around(str(END))]
    assert clipped == [False, False, True]
    # unit-years stop at the deadline's year: clipped once a later year is complete
    years = [
        figure(wh, "annual_training", d, 1.0).extra["period"]["clipped"]
        for d in around("2026-12-31")
    ]
    assert years == [False, True, True]


# -- records dated on the as-of date ----------------------------------------------------


def test_a_mechanism_part_dated_on_the_as_of_date_is_in_place(mini: MiniFactory) -> None:
    units = merge(
        city(
            mechanism={
                "leading_group": "2021-03-01",
                "working_body": "2021-03-01",
                "staff": {"full_time": 1},
                "budget_channel": "2022-06-30",
            }
        ),
        shapingba(mechanism={"leading_group": "2021-03-01"}),
    )
    wh = warehouse(mini, units=units)
    lows = [figure(wh, "mechanism", d, 1.0).low for d in around("2022-06-30")]
    assert lows == [0.0, 0.5, 0.5]


def test_pilots_and_sites_count_from_their_day(mini: MiniFactory) -> None:
    units = merge(
        city(
            pilots=[{"level": "national", "topic": "国家级试点", "applied": "2022-03-01"}],
            demo_sites=[{"name": "示范点", "established": "2023-05-01"}],
        ),
        shapingba(
            pilots=[
                {
                    "level": "municipal",
                    "topic": "市级试点",
                    "started": "2019-06-01",
                    "accepted": "2021-11-30",
                }
            ]
        ),
        {
            "data/districts/wanzhou.yaml": '{"slug": "wanzhou", "name": "万州区", "kind": "district", '
            '"region": "northeast", "pilots": [{"level": "municipal", "topic": "市级试点", '
            '"started": "2022-03-01"}]}'
        },
    )
    wh = warehouse(mini, units=units)
    accepted = [figure(wh, "municipal_pilots", d, 5) for d in around("2021-11-30")]
    assert [keys(r.counted_for) for r in accepted] == [
        [],
        ["shapingba:municipal"],
        ["shapingba:municipal"],
    ]
    # wanzhou began on 2022-03-01: counted against from that day, absent before
    begun = [figure(wh, "municipal_pilots", d, 5) for d in around("2022-03-01")]
    assert [keys(r.counted_against) for r in begun] == [
        [],
        ["wanzhou:municipal"],
        ["wanzhou:municipal"],
    ]
    assert [
        low(figure(wh, "national_pilots", d, {"min": 1, "max": 2})) for d in around("2022-03-01")
    ] == [
        None,
        1,
        1,
    ]
    assert [low(figure(wh, "demo_sites", d, 5)) for d in around("2023-05-01")] == [None, 1, 1]


def test_evaluations_and_usage_edges(mini: MiniFactory) -> None:
    wh = warehouse(
        mini,
        std(
            "DB50/T 310-2020",
            level="local",
            status="published",
            published="2020-01-01",
            effective="2020-03-01",
            evaluations=[{"date": "2023-05-01"}],
            # exactly at the 50% floor: not low; one below it: low
            usage=[{"year": 2025, "applying": 10, "applicable": 20}],
        ),
        std(
            "DB50/T 311-2020",
            level="local",
            status="published",
            published="2020-01-01",
            effective="2020-03-01",
            usage=[{"year": 2025, "applying": 99, "applicable": 200}],
        ),
    )
    rates = [figure(wh, "evaluation_rate", d, 0.3).low for d in around("2023-05-01")]
    assert rates == [0.0, 0.5, 0.5]
    usage = figure(wh, "usage_records", END, 1.0)
    assert keys(usage.extra["low_usage"]) == ["DB50/T 311-2020"]


def test_completion_counts_the_plans_of_the_as_of_year(mini: MiniFactory) -> None:
    wh = warehouse(
        mini,
        std(
            "DB50/T 320-2024", level="local", plan={"year": 2024, "kind": "new"}, status="drafting"
        ),
    )
    # planned for 2024: counted from 2024-01-01 (D's year), not on 2023-12-31
    counted = [figure(wh, "completion", d, 0.95).low for d in around("2024-01-01")]
    assert counted == [None, 0.0, 0.0]


# -- the status rules -----------------------------------------------------------------


def _with(value: float, **target: Any) -> MetricResult:
    return MetricResult(
        1, "x", END, "city", "no-data", value=value, low=value, high=value, **target
    )


def test_targets_are_reached_on_the_mark_within_the_tolerance() -> None:
    at = _with(0.9, target=0.9)
    assert reaches(at, 0.9) and reaches(at, 0.9 - _EPS) and not reaches(at, 0.9 - 2 * _EPS)
    band = _with(2, target_min=1, target_max=2)
    assert reaches(band, 1) and reaches(band, 2) and reaches(band, 1 - _EPS)
    assert reaches(band, 2 + _EPS) and not reaches(band, 2 + 2 * _EPS)
    assert not reaches(band, 1 - 2 * _EPS)
    assert meets(band)


def test_a_range_above_the_maximum_is_not_met() -> None:
    over = MetricResult(13, "x", END, "city", "no-data", low=3, high=4, target_min=1, target_max=2)
    from jgsw_std.metrics.judge import _bounds_of, _surely_short

    bounds = _bounds_of(over)
    assert bounds is not None and _surely_short(over, bounds)
    edge = MetricResult(
        13, "x", END, "city", "no-data", low=2 + _EPS, high=4, target_min=1, target_max=2
    )
    edge_bounds = _bounds_of(edge)
    assert edge_bounds is not None and not _surely_short(edge, edge_bounds)


def test_the_deadline_and_the_pace_line() -> None:
    iset = plan("coverage", 0.9)
    ind = iset.indicators[0]
    from jgsw_std.metrics.judge import judge

    def status(value: float, day: dt.date, pace: str = "standing") -> tuple[str, Any]:
        result = _with(value, target=0.9)
        result.as_of = day
        judge(result, iset, ind, pace, None)  # type: ignore[arg-type]
        return result.status, result.extra.get("expected")

    # below target: behind before the deadline, not met on it and after
    assert [status(0.5, d)[0] for d in around(str(END))] == ["behind", "not-met", "not-met"]
    # the pace line: expected exists only before the deadline
    assert status(0.1, END - DAY, "cumulative")[1] is not None
    assert status(0.1, END, "cumulative")[1] is None
    # on the line (within the tolerance) is on track; below it is behind
    mid = dt.date(2023, 7, 2)
    expected = status(0.0, mid, "cumulative")[1]
    assert status(expected, mid, "cumulative")[0] == "on-track"
    assert status(expected - _EPS, mid, "cumulative")[0] == "on-track"
    assert status(expected - 2 * _EPS, mid, "cumulative")[0] == "behind"
    # a range is behind only when its high end is below the line
    for high, verdict in ((expected - _EPS, "unsettled"), (expected - 2 * _EPS, "behind")):
        result = MetricResult(1, "x", mid, "city", "no-data", low=0.0, high=high, target=0.9)
        judge(result, iset, ind, "cumulative", None)
        assert result.status == verdict


def test_a_plan_that_ends_the_day_it_starts_is_all_done() -> None:
    one_day = plan("coverage", 0.9, start="2025-12-31", end="2025-12-31")
    assert plan_fraction(one_day, END, END) == 1.0
    two_days = plan("coverage", 0.9, start="2025-12-30", end="2025-12-31")
    assert plan_fraction(two_days, END, dt.date(2025, 12, 30)) == 0.0
