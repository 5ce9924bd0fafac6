"""Indicators 1, 3 and 15: the units' mechanism and their unit-years."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import MiniFactory
from tests.metrics.build import END, city, figure, keys, merge, shapingba, wanzhou, warehouse

MECHANISMS = merge(
    # complete since 2020-01-01 (budget channel last)
    city(
        mechanism={
            "leading_group": "2019-01-01",
            "working_body": "2019-01-01",
            "staff": {"full_time": 1, "part_time": 2},
            "budget_channel": "2020-01-01",
        }
    ),
    # complete from 2022-03-01, when its staff were assigned
    shapingba(
        mechanism={
            "leading_group": "2019-04-01",
            "working_body": "2019-04-01",
            "staff": {"full_time": 0, "part_time": 2},
            "staff_date": "2022-03-01",
            "budget_channel": "2021-01-01",
        }
    ),
    # no staff and no budget channel: never complete
    wanzhou(
        mechanism={
            "leading_group": "2020-01-01",
            "working_body": "2020-01-01",
            "staff": {"full_time": 0, "part_time": 0},
        }
    ),
)


def test_mechanism_at_plan_end(mini: MiniFactory) -> None:
    wh = warehouse(mini, units=MECHANISMS)
    result = figure(wh, "mechanism", END, 1.0)
    # chongqing and shapingba complete, wanzhou not -> 2/3
    assert keys(result.counted_for) == ["chongqing", "shapingba"]
    assert keys(result.counted_against) == ["wanzhou"]
    assert "专（兼）职人员、稳定经费渠道" in result.counted_against[0].note
    assert result.value == pytest.approx(2 / 3) and result.status == "not-met"


def test_mechanism_behind_the_straight_line(mini: MiniFactory) -> None:
    wh = warehouse(mini, units=MECHANISMS)
    result = figure(wh, "mechanism", dt.date(2021, 6, 30), 1.0)
    # Only the city is complete (shapingba's staff come in 2022) -> 1/3.
    # Baseline on 2020-12-31: also 1/3. Line: 1/3 + (1 - 1/3) * 180/1825 = 0.399.
    assert result.value == pytest.approx(1 / 3)
    assert result.extra["expected"] == pytest.approx(1 / 3 + (2 / 3) * 180 / 1825)
    assert result.status == "behind"


def test_mechanism_by_region(mini: MiniFactory) -> None:
    wh = warehouse(mini, units=MECHANISMS)
    # main-urban holds shapingba only (the city file has no region)
    main = figure(wh, "mechanism", END, 1.0, scope="region:main-urban")
    assert (main.numerator, main.denominator, main.status) == (1, 1, "met")
    northeast = figure(wh, "mechanism", END, 1.0, scope="region:northeast")
    assert (northeast.numerator, northeast.denominator) == (0, 1)
    district = figure(wh, "mechanism", END, 1.0, scope="district:chongqing")
    assert district.scope == "district:chongqing" and district.value == 1


def test_mechanism_never_recorded_is_no_data(mini: MiniFactory) -> None:
    wh = warehouse(mini, units=merge(city(), shapingba(), wanzhou()))
    result = figure(wh, "mechanism", END, 1.0)
    assert result.status == "no-data" and result.value is None


ACTIVITIES = merge(
    city(
        activities=[
            {"date": "2021-03-01", "kind": "meeting", "title": "2021年推进会"},
            {"date": "2022-03-01", "kind": "meeting", "title": "2022年推进会"},
            {"date": "2023-03-01", "kind": "meeting", "title": "2023年推进会"},
        ],
        summaries=[
            {"year": 2021, "sent": "2022-01-10"},
            {"year": 2022, "sent": "2023-01-10"},
            {"year": 2023, "sent": "2024-01-10"},
        ],
    ),
    shapingba(
        activities=[
            {"date": "2021-05-01", "kind": "meeting", "title": "部署会"},
            {"date": "2022-06-01", "kind": "training", "title": "标准化培训", "attendees": 40},
            {"date": "2024-03-01", "kind": "meeting", "title": "2024年推进会"},
        ],
        summaries=[{"year": 2021, "sent": "2022-02-01"}],
    ),
    wanzhou(
        activities=[
            {"date": "2023-10-14", "kind": "publicity", "title": "世界标准日宣贯"},
            {"date": "2023-11-01", "kind": "exchange", "title": "川渝交流"},
        ]
    ),
)


def test_annual_meetings_and_summaries(mini: MiniFactory) -> None:
    wh = warehouse(mini, units=ACTIVITIES)
    result = figure(wh, "annual_meetings", dt.date(2023, 12, 31), 1.0)
    # unit-years 3 units x 2021-2023 = 9. Meetings: chongqing 3, shapingba 2021 -> 4/9.
    # (shapingba's 2024 meeting is after D and in no counted year.)
    assert (result.numerator, result.denominator) == (4, 9)
    assert "wanzhou:2021" in keys(result.counted_against)
    # Summaries sent by D: chongqing 2021, 2022 (its 2023 summary goes up 2024-01-10);
    # shapingba 2021 -> 3/9.
    summaries = result.figures["summaries"]
    assert (summaries.numerator, summaries.denominator) == (3, 9)
    assert "chongqing:2023" in keys(summaries.counted_against)
    assert result.status == "behind" and summaries.status == "behind"


def test_annual_training_counts_training_and_publicity(mini: MiniFactory) -> None:
    wh = warehouse(mini, units=ACTIVITIES)
    result = figure(wh, "annual_training", dt.date(2023, 12, 31), 1.0)
    # shapingba 2022 (training), wanzhou 2023 (publicity) -> 2/9; the exchange and
    # the meetings do not count.
    assert keys(result.counted_for) == ["shapingba:2022", "wanzhou:2023"]
    assert result.value == pytest.approx(2 / 9)
    # 30 June: the last full year is the year before, so 2023 is not yet counted
    mid = figure(wh, "annual_training", dt.date(2023, 6, 30), 1.0)
    assert (mid.numerator, mid.denominator) == (1, 6)


def test_unit_years_without_any_activity_are_no_data(mini: MiniFactory) -> None:
    wh = warehouse(mini, units=merge(city(), shapingba(), wanzhou()))
    for metric in ("annual_meetings", "annual_training"):
        result = figure(wh, metric, END, 1.0)
        assert result.status == "no-data" and result.value is None, metric


def test_no_full_year_yet_is_no_data(mini: MiniFactory) -> None:
    wh = warehouse(mini, units=ACTIVITIES)
    # On 2021-06-30 the last full year is 2020, before the plan: no unit-year exists.
    result = figure(wh, "annual_meetings", dt.date(2021, 6, 30), 1.0)
    assert result.status == "no-data" and result.denominator is None


def test_meetings_met_but_no_summary_recorded_keeps_the_headline(mini: MiniFactory) -> None:
    # Every unit met every year of 2021-2022, but no summary was recorded
    # anywhere: the second figure has nothing behind it ("no data"). The headline
    # keeps its value (100%), but indicator 3 cannot be called met on it alone
    # (target 1.0 for both figures): unsettled (docs/status.md, "Second figures").
    units = merge(
        *(
            unit(
                activities=[
                    {"date": f"{y}-03-01", "kind": "meeting", "title": "部署会"}
                    for y in (2021, 2022)
                ]
            )
            for unit in (city, shapingba, wanzhou)
        )
    )
    wh = warehouse(mini, units=units)
    result = figure(wh, "annual_meetings", dt.date(2022, 12, 31), 1.0)
    assert result.value == pytest.approx(1.0)
    assert (result.numerator, result.denominator) == (6, 6)
    assert result.figures["summaries"].status == "no-data"
    assert result.figures["summaries"].value is None
    assert result.status == "unsettled"
    document = result.to_dict()
    assert document["value"] == 1.0 and document["figures"]["summaries"]["value"] is None
