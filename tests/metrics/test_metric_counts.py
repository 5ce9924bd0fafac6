"""Indicators 12, 13, 14, 19, 20 (counts) and the milestones 2, 4, 11, 18."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import MiniFactory
from tests.metrics.build import END, city, figure, keys, merge, shapingba, unit, wanzhou, warehouse

UNITS = merge(
    city(
        pilots=[
            {"level": "national", "topic": "国家级标准化试点", "applied": "2022-03-01"},
            {"level": "national", "topic": "日期不详的试点"},  # no date -> unknown
        ],
        demo_sites=[
            {"name": "市级示范点", "established": "2023-05-01"},
            {"name": "日期不详示范点"},  # -> unknown
        ],
        articles=[
            {"title": "甲", "journal": "中国机关后勤", "level": "national", "date": "2022-05-01"},
            {"title": "乙", "journal": "某刊", "level": "provincial", "date": "2020-06-01"},
            {"title": "丙", "journal": "某刊", "level": "provincial", "date": "2026-02-01"},
        ],
        activities=[
            {"date": "2020-06-01", "kind": "training", "title": "规划前培训", "attendees": 999},
            {"date": "2021-06-01", "kind": "training", "title": "培训一", "attendees": 300},
            {"date": "2022-10-14", "kind": "publicity", "title": "宣贯", "attendees": 50},
            {"date": "2024-05-01", "kind": "training", "title": "培训二", "attendees": 200},
            {"date": "2025-05-01", "kind": "training", "title": "人数不详的培训"},
        ],
    ),
    shapingba(
        pilots=[
            {
                "level": "municipal",
                "topic": "市级试点",
                "started": "2019-06-01",
                "accepted": "2021-11-30",
            }
        ],
        demo_sites=[{"name": "沙坪坝示范点", "established": "2024-06-01"}],
    ),
    # accepted only in 2026: started, not accepted, on 2025-12-31
    wanzhou(
        pilots=[
            {
                "level": "municipal",
                "topic": "市级试点",
                "started": "2021-03-01",
                "accepted": "2026-03-01",
            }
        ]
    ),
    # recorded without dates, like the shipped data -> unknown
    unit(
        "bishan",
        "璧山区",
        kind="district",
        region="main-urban",
        subregion="new",
        pilots=[{"level": "municipal", "topic": "市级试点"}],
    ),
)


def test_municipal_pilots(mini: MiniFactory) -> None:
    wh = warehouse(mini, units=UNITS)
    end = figure(wh, "municipal_pilots", END, 5)
    # accepted by D: shapingba -> 1; wanzhou started but not accepted; bishan undated
    assert keys(end.counted_for) == ["shapingba:municipal"]
    assert keys(end.counted_against) == ["wanzhou:municipal"]
    assert keys(end.unknown) == ["bishan:municipal"]
    # bishan's undated pilot is counted both ways: 1-2, below 5 either way
    assert (end.low, end.high, end.value) == (1, 2, None) and end.status == "not-met"
    assert end.settle == []  # decided: nothing to settle (unknown names the open record)
    # 2021-06-30: shapingba is accepted only on 2021-11-30 and wanzhou not at all, so
    # both count 0 (a recorded fact); bishan may be 0 or 1 while the line expects
    # 0.49: the range lies across the pace -> unsettled, waiting on bishan's dates
    early = figure(wh, "municipal_pilots", dt.date(2021, 6, 30), 5)
    assert (early.low, early.high) == (0, 1) and early.status == "unsettled"
    assert [s.fact.key for s in early.settle] == ["bishan:municipal"]
    assert early.settle[0].alone


def test_national_pilots_range_target(mini: MiniFactory) -> None:
    wh = warehouse(mini, units=UNITS)
    end = figure(wh, "national_pilots", END, {"min": 1, "max": 2})
    # the dated one, and the undated one counted both ways: 1-2, within 1-2 either way
    assert (end.low, end.high) == (1, 2) and end.status == "met"
    assert len(end.unknown) == 1
    # before the application (2022-03-01) only the undated one may count: 0-1
    early = figure(wh, "national_pilots", dt.date(2021, 12, 31), {"min": 1, "max": 2})
    assert (early.low, early.high) == (0, 1) and early.status == "unsettled"
    # three applications would be outside 1-2: a range 2-3 is unsettled
    three = merge(
        UNITS,
        wanzhou(pilots=[{"level": "national", "topic": "另一试点", "applied": "2023-01-01"}]),
    )
    over = figure(warehouse(mini, units=three), "national_pilots", END, {"min": 1, "max": 2})
    assert (over.low, over.high, over.status) == (2, 3, "unsettled")


def test_demo_sites_and_scope(mini: MiniFactory) -> None:
    wh = warehouse(mini, units=UNITS)
    end = figure(wh, "demo_sites", END, 5)
    # 2023 and 2024, and one undated counted both ways: 2-3, below 5 either way
    assert (end.low, end.high) == (2, 3) and end.status == "not-met"
    assert len(end.unknown) == 1
    # 2023-12-31: the shapingba site (2024-06-01) is future-dated and ignored
    mid = figure(wh, "demo_sites", dt.date(2023, 12, 31), 5)
    assert (mid.low, mid.high) == (1, 2)
    district = figure(wh, "demo_sites", END, 5, scope="district:shapingba")
    assert district.value == 1


def test_articles_in_the_plan_period(mini: MiniFactory) -> None:
    wh = warehouse(mini, units=UNITS)
    # only 甲 (2022): 乙 is before the plan, 丙 after D
    end = figure(wh, "articles", END, 5)
    assert end.value == 1 and end.status == "not-met"
    # in 2027 the 2026 article belongs to the next plan, not this one
    assert figure(wh, "articles", dt.date(2027, 1, 1), 5).value == 1
    assert figure(wh, "articles", END, 5, scope="region:northeast").status == "no-data"


def test_training_attendance(mini: MiniFactory) -> None:
    wh = warehouse(mini, units=UNITS)
    end = figure(wh, "training_attendance", END, 5000)
    # 300 (2021) + 200 (2024); 2020 is before the plan, publicity is not training,
    # and the 2025 training without a head count has no upper bound: at least 500
    assert (end.low, end.high, end.value) == (500, None, None)
    assert end.status == "unsettled"
    assert len(end.unknown) == 1
    assert [(s.fact.field, s.alone) for s in end.settle] == [("attendees", True)]
    # as of 2023-12-31 the 2024 training is in the future -> 300
    assert figure(wh, "training_attendance", dt.date(2023, 12, 31), 5000).value == 300


EVIDENCE = [{"date": "2022-05-20", "note": "成立技术委员会", "ref": "渝机管发〔2022〕1号"}]


def test_milestone(mini: MiniFactory) -> None:
    wh = warehouse(mini)
    before = figure(wh, "milestone", dt.date(2022, 5, 19), evidence=EVIDENCE)
    assert before.value == 0 and before.status == "on-track"  # can still be done in time
    on_the_day = figure(wh, "milestone", dt.date(2022, 5, 20), evidence=EVIDENCE)
    assert on_the_day.value == 1 and on_the_day.status == "met"
    assert keys(on_the_day.counted_for) == ["2022-05-20"]
    late = [{"date": "2026-03-01", "note": "迟到的佐证"}]
    assert figure(wh, "milestone", END, evidence=late).status == "not-met"
    # nothing documented either way: no data, not "not met"
    assert figure(wh, "milestone", END).status == "no-data"


@pytest.mark.parametrize("metric", ["articles", "demo_sites", "training_attendance"])
def test_counts_with_nothing_recorded_are_no_data(mini: MiniFactory, metric: str) -> None:
    wh = warehouse(mini)
    result = figure(wh, metric, END, 5)
    assert result.status == "no-data" and result.value is None
