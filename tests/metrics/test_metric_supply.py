"""Indicators 7, 8 and 9: minimums over main areas and collaboration groups."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import MiniFactory
from tests.metrics.build import END, NO_GROUPS, TWO_GROUPS, figure, keys, std, warehouse

NEW_LOCAL_CASES = [
    # vehicles: published 2022-03-01, inside the plan period -> 1
    std(
        "DB50/T 200-2022",
        level="local",
        area="vehicles",
        status="published",
        published="2022-03-01",
        effective="2022-06-01",
    ),
    # logistics: published 2020-11-01, before the plan started -> not new in the period
    std(
        "DB50/T 201-2020",
        level="local",
        area="logistics",
        status="published",
        published="2020-11-01",
        effective="2021-02-01",
    ),
    # logistics: a joint Sichuan-Chongqing standard (number 1xxxx) of 2023-06-01 -> 1, joint 1
    std(
        "DB50/T 10001-2023",
        level="local",
        area="logistics",
        joint=["sichuan"],
        status="published",
        published="2023-06-01",
        effective="2023-08-01",
    ),
    # national standards are not local standards
    std(
        "GB/T 202-2023",
        level="national",
        area="vehicles",
        status="published",
        published="2023-01-01",
        effective="2023-01-01",
    ),
    # published 2026-01-10: after D = 2025-12-31 -> ignored
    std(
        "DB50/T 203-2026",
        level="local",
        area="vehicles",
        status="published",
        published="2026-01-10",
        effective="2026-03-01",
    ),
]


def test_new_local_per_main_area_met_at_plan_end(mini: MiniFactory) -> None:
    wh = warehouse(mini, *NEW_LOCAL_CASES)
    result = figure(wh, "new_local_per_main_area", END, 1)
    # vehicles 1 (DB50/T 200), logistics 1 (DB50/T 10001) -> min 1; joint 1
    assert result.breakdown["area:vehicles"].value == 1
    assert keys(result.breakdown["area:logistics"].counted_for) == ["DB50/T 10001-2023"]
    assert result.value == 1
    assert result.figures["joint"].value == 1
    assert result.status == "met"


def test_new_local_per_main_area_behind_early(mini: MiniFactory) -> None:
    wh = warehouse(mini, *NEW_LOCAL_CASES)
    result = figure(wh, "new_local_per_main_area", dt.date(2022, 12, 31), 1)
    # vehicles 1, logistics 0 -> min 0. The line runs from 0 (nothing published in
    # the period on 2020-12-31) to 1 on 2025-12-31: 729/1825 = 0.40 expected -> behind.
    assert result.value == 0
    assert keys(result.counted_against) == ["logistics"]
    assert result.extra["expected"] == pytest.approx(729 / 1825)
    assert result.status == "behind"
    assert result.breakdown["area:vehicles"].status == "met"
    assert result.figures["joint"].value == 0  # the joint standard is of 2023


#: a joint standard of 2022, so that indicator 7's second figure is met in these cases
JOINT_VEHICLES = std(
    "DB50/T 10002-2022",
    level="local",
    area="vehicles",
    joint=["sichuan"],
    status="published",
    published="2022-01-10",
    effective="2022-03-01",
)


def test_an_undated_standard_counts_by_its_codes_year(mini: MiniFactory) -> None:
    # The code's year is the publication year: DB50/T 204-2022 was published some day
    # of 2022, inside the plan period, whatever its missing date. `check` (G502)
    # reads it the same way (the joint DB50/T 10004-2023 of the shipped data).
    wh = warehouse(
        mini,
        NEW_LOCAL_CASES[0],
        JOINT_VEHICLES,
        std("DB50/T 204-2022", level="local", area="logistics", status="published"),
    )
    result = figure(wh, "new_local_per_main_area", END, 1)
    assert keys(result.breakdown["area:logistics"].counted_for) == ["DB50/T 204-2022"]
    assert result.value == 1 and result.status == "met"


def test_an_area_with_only_undated_candidates_is_a_range(mini: MiniFactory) -> None:
    # On 2025-06-30 a standard coded 2025 may or may not be published yet: logistics
    # counts 0-1, and so does the minimum. The line expects 0.9 by then: unsettled,
    # and the standard's publication date alone settles it.
    wh = warehouse(
        mini,
        NEW_LOCAL_CASES[0],
        JOINT_VEHICLES,
        std("DB50/T 204-2025", level="local", area="logistics", status="published"),
    )
    day = dt.date(2025, 6, 30)
    result = figure(wh, "new_local_per_main_area", day, 1)
    logistics = result.breakdown["area:logistics"]
    assert (logistics.low, logistics.high) == (0, 1)
    assert keys(result.unknown) == ["logistics"]
    assert (result.low, result.high, result.value) == (0, 1, None)
    assert result.status == "unsettled"
    assert [(s.fact.key, s.fact.field, s.alone) for s in result.settle] == [
        ("DB50/T 204-2025", "published", True)
    ]
    assert "取决于日期不详的标准：后勤服务" in result.why_zh


EVALUATION_STANDARDS = [
    # vehicles: a national evaluation standard in force since 2018 -> 1
    std(
        "GB/T 300-2018",
        level="national",
        category="evaluation",
        area="vehicles",
        status="published",
        published="2018-03-01",
        effective="2018-05-01",
    ),
    # logistics: an evaluation standard repealed 2024-05-01 -> in force 2021-2024 only
    std(
        "DB50/T 301-2021",
        level="local",
        category="evaluation",
        area="logistics",
        status="repealed",
        published="2021-01-01",
        effective="2021-03-01",
        repealed="2024-05-01",
    ),
    # an operation standard does not count as an evaluation system
    std(
        "DB50/T 302-2020",
        level="local",
        category="operation",
        area="logistics",
        status="published",
        published="2020-01-01",
        effective="2020-01-01",
    ),
]


def test_evaluation_per_main_area(mini: MiniFactory) -> None:
    wh = warehouse(mini, *EVALUATION_STANDARDS)
    # 2023-12-31: vehicles 1, logistics 1 -> met
    assert figure(wh, "evaluation_per_main_area", dt.date(2023, 12, 31), 1).status == "met"
    # 2025-12-31: the logistics one was repealed -> min 0, not met
    end = figure(wh, "evaluation_per_main_area", END, 1)
    assert end.value == 0 and end.status == "not-met"
    assert keys(end.counted_against) == ["logistics"]
    assert keys(end.counted_for) == ["vehicles"]


GROUP_STANDARDS = [
    # cq-sc-logistics: published 2022-05-01 -> 1
    std(
        "T/CQJGSW 1-2022",
        level="group",
        collab_group="cq-sc-logistics",
        area="logistics",
        status="published",
        published="2022-05-01",
        effective="2022-06-01",
    ),
    # cq-sc-vehicles: published 2026-04-01 -> 0 until then
    std(
        "T/CQJGSW 2-2026",
        level="group",
        collab_group="cq-sc-vehicles",
        area="vehicles",
        status="published",
        published="2026-04-01",
        effective="2026-05-01",
    ),
]


def test_group_per_collab_group(mini: MiniFactory) -> None:
    wh = warehouse(mini, *GROUP_STANDARDS, framework=TWO_GROUPS)
    end = figure(wh, "group_per_collab_group", END, 1)
    assert end.value == 0 and end.status == "not-met"
    assert keys(end.counted_for) == ["cq-sc-logistics"]
    assert keys(end.counted_against) == ["cq-sc-vehicles"]
    assert set(end.breakdown) == {"group:cq-sc-logistics", "group:cq-sc-vehicles"}
    # After the deadline the figure is still judged against the target: now met.
    later = figure(wh, "group_per_collab_group", dt.date(2026, 6, 30), 1)
    assert later.value == 1 and later.status == "met"


def test_no_collaboration_group_registered_is_no_data(mini: MiniFactory) -> None:
    wh = warehouse(mini, *GROUP_STANDARDS, framework=NO_GROUPS)
    result = figure(wh, "group_per_collab_group", END, 1)
    assert result.status == "no-data" and result.value is None
