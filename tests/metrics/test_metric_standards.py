"""Indicators 5 (coverage) and 6 (completion), and the lifecycle edges they rest on."""

from __future__ import annotations

import datetime as dt

import pytest

from jgsw_std.lifecycle.asof import AsOf
from tests.conftest import MiniFactory
from tests.metrics.build import END, figure, keys, std, warehouse

# The mini framework's main areas: vehicles (quota, disposal), logistics (property,
# catering) -> 4 items. reception is not a main area.
COVERAGE_CASES = [
    # a national standard fills vehicles.quota as well as a local one would
    std(
        "GB/T 100-2019",
        level="national",
        area="vehicles",
        items=["vehicles.quota"],
        status="published",
        published="2019-01-01",
        effective="2019-01-01",
    ),
    # property: the 2020 standard until the 2024 revision takes effect on 2024-07-01
    std(
        "DB50/T 101-2020",
        level="local",
        area="logistics",
        items=["logistics.property"],
        status="published",
        published="2020-05-01",
        effective="2020-06-01",
        superseded_by="DB50/T 102-2024",
    ),
    std(
        "DB50/T 102-2024",
        level="local",
        area="logistics",
        items=["logistics.property"],
        status="published",
        published="2024-05-01",
        effective="2024-07-01",
        supersedes=["DB50/T 101-2020"],
    ),
    # catering: only an undated standard -> the item is open, counted both ways
    std(
        "DB50/T 103-2021",
        level="local",
        area="logistics",
        items=["logistics.catering"],
        status="published",
    ),
    # disposal: takes effect only in 2026 -> a hole on 2025-12-31
    std(
        "DB50/T 104-2025",
        level="local",
        area="vehicles",
        items=["vehicles.disposal"],
        status="published",
        published="2025-11-01",
        effective="2026-03-01",
    ),
    # not a main area: never counted
    std(
        "DB50/T 105-2020",
        level="local",
        area="reception",
        items=["reception.meeting"],
        status="published",
        published="2020-01-01",
        effective="2020-01-01",
    ),
]


def test_coverage_counts_items_of_main_areas(mini: MiniFactory) -> None:
    wh = warehouse(mini, *COVERAGE_CASES)
    result = figure(wh, "coverage", END, 0.9)
    # for quota, property; against disposal; catering open -> 2/4 to 3/4, below 90%
    assert keys(result.counted_for) == ["logistics.property", "vehicles.quota"]
    assert keys(result.counted_against) == ["vehicles.disposal"]
    assert keys(result.unknown) == ["logistics.catering"]
    assert (result.low_parts, result.high_parts) == ((2, 4), (3, 4))
    assert result.value is None and result.status == "not-met"
    # by area: vehicles 1/2; logistics 1/2 to 2/2 across the target -> unsettled,
    # and DB50/T 103-2021's effective date alone settles it
    assert result.breakdown["area:vehicles"].value == pytest.approx(0.5)
    assert result.breakdown["area:vehicles"].status == "not-met"
    logistics = result.breakdown["area:logistics"]
    assert (logistics.low, logistics.high) == (0.5, 1.0)
    assert logistics.status == "unsettled"
    assert [(s.fact.key, s.alone) for s in logistics.settle] == [("DB50/T 103-2021", True)]
    assert "area:reception" not in result.breakdown


def test_coverage_follows_the_revision(mini: MiniFactory) -> None:
    wh = warehouse(mini, *COVERAGE_CASES)
    # the day before the revision takes effect, property is covered by the old one
    before = figure(wh, "coverage", dt.date(2024, 6, 30), 0.9)
    notes = {r.key: r.note for r in before.counted_for}
    assert notes["logistics.property"] == "现行：DB50/T 101-2020"
    after = figure(wh, "coverage", dt.date(2024, 7, 1), 0.9)
    notes = {r.key: r.note for r in after.counted_for}
    assert notes["logistics.property"] == "现行：DB50/T 102-2024"


def test_coverage_with_only_undated_standards_is_a_range(mini: MiniFactory) -> None:
    # The shipped data's situation: standards recorded without dates. The items are
    # records too: three certainly have no standard, the fourth may. 0-25%: at most
    # 25%, not met, whatever the missing date says.
    wh = warehouse(mini, COVERAGE_CASES[3])
    result = figure(wh, "coverage", END, 0.9)
    assert (result.low, result.high) == (0, 0.25) and result.status == "not-met"
    assert keys(result.unknown) == ["logistics.catering"]
    assert result.settle == []


COMPLETION_CASES = [
    # P1: planned 2023, published 2023-05-01 -> for
    std(
        "DB50/T 201-2023",
        level="local",
        plan={"year": 2023, "kind": "new"},
        status="published",
        published="2023-05-01",
        effective="2023-06-01",
    ),
    # P2: planned 2025, still drafting -> against once 2025 is counted
    std(
        "DB50/T 202-2025", level="local", plan={"year": 2025, "kind": "revision"}, status="drafting"
    ),
    # P3: planned 2024, published only on 2026-02-01 -> against on 2025-12-31
    std(
        "DB50/T 203-2026",
        level="local",
        plan={"year": 2024, "kind": "new"},
        status="published",
        published="2026-02-01",
        effective="2026-03-01",
    ),
    # P4: planned 2026 -> not yet counted
    std("DB50/T 204-2026", level="local", plan={"year": 2026, "kind": "new"}, status="planned"),
    # P5: planned 2022, published but no date recorded: its code says 2022 -> for
    std("DB50/T 205-2022", level="local", plan={"year": 2022, "kind": "new"}, status="published"),
    # P6: no plan entry -> not part of the plan
    std(
        "DB50/T 206-2021",
        level="local",
        status="published",
        published="2021-01-01",
        effective="2021-01-01",
    ),
]


def test_completion(mini: MiniFactory) -> None:
    wh = warehouse(mini, *COMPLETION_CASES)
    end = figure(wh, "completion", END, 0.95)
    # planned <= 2025: P1, P5 for; P2, P3 against -> 2/4
    assert keys(end.counted_for) == ["DB50/T 201-2023", "DB50/T 205-2022"]
    assert keys(end.counted_against) == ["DB50/T 202-2025", "DB50/T 203-2026"]
    assert end.unknown == []
    assert end.value == pytest.approx(2 / 4) and end.status == "not-met"
    # 2024-12-31: planned <= 2024: P1, P5 for, P3 against (P2 is due in 2025) -> 2/3
    mid = figure(wh, "completion", dt.date(2024, 12, 31), 0.95)
    assert (mid.numerator, mid.denominator) == (2, 3)
    assert mid.status == "behind"
    # 2022-06-30: P5 was published some day of 2022 -> open; P1 not yet due
    early = figure(wh, "completion", dt.date(2022, 6, 30), 0.95)
    assert keys(early.unknown) == ["DB50/T 205-2022"] and (early.low, early.high) == (0, 1)


def test_completion_with_nothing_planned_is_no_data(mini: MiniFactory) -> None:
    wh = warehouse(mini, COMPLETION_CASES[5])
    assert figure(wh, "completion", END, 0.95).status == "no-data"


def test_in_force_edges(mini: MiniFactory) -> None:
    wh = warehouse(
        mini,
        *COVERAGE_CASES,
        std(
            "DB50/T 110-2020",
            level="local",
            status="published",
            published="2020-12-01",
            effective="2020-12-31",
        ),
    )
    boundary = wh.standard("DB50/T 110-2020")
    old, new = wh.standard("DB50/T 101-2020"), wh.standard("DB50/T 102-2024")
    assert boundary and old and new
    # effective 2020-12-31 is in force >= 5 years on 2025-12-31, not on 2025-12-30
    assert AsOf(wh, END).in_force_years_known(boundary, 5).as_bool() is True
    assert AsOf(wh, dt.date(2025, 12, 30)).in_force_years_known(boundary, 5).as_bool() is False
    # a revision keeps the old standard in force until the new one takes effect
    assert AsOf(wh, dt.date(2024, 6, 30)).state(old) == "in-force"
    assert AsOf(wh, dt.date(2024, 6, 30)).state(new) == "upcoming"
    assert AsOf(wh, dt.date(2024, 7, 1)).state(old) == "superseded"
    assert AsOf(wh, dt.date(2024, 7, 1)).state(new) == "in-force"


def test_successor_without_effective_date_makes_the_old_one_unknown(mini: MiniFactory) -> None:
    wh = warehouse(
        mini,
        std(
            "DB50/T 120-2018",
            level="local",
            status="published",
            published="2018-01-01",
            effective="2018-01-01",
            superseded_by="DB50/T 121-2024",
        ),
        std("DB50/T 121-2024", level="local", status="published", published="2024-05-01"),
    )
    old = wh.standard("DB50/T 120-2018")
    assert old
    # before the successor was published, the old one surely held
    assert AsOf(wh, dt.date(2024, 4, 30)).state(old) == "in-force"
    # after, whether it still holds depends on the successor's missing effective date
    assert AsOf(wh, END).state(old) == "unknown"
    review = figure(wh, "review_rate", END, 1.0)
    # the successor, published in 2024, cannot be 5 years in force: only the old one is open
    assert keys(review.unknown) == ["DB50/T 120-2018"]
    assert [(s.fact.key, s.fact.field) for s in review.settle] == [("DB50/T 121-2024", "effective")]


def test_repealed_without_a_repeal_date_is_unknown_once_in_force(mini: MiniFactory) -> None:
    wh = warehouse(
        mini,
        std(
            "DB50/T 130-2019",
            level="local",
            status="repealed",
            published="2019-01-01",
            effective="2019-03-01",
        ),
    )
    rec = wh.standard("DB50/T 130-2019")
    assert rec
    assert AsOf(wh, dt.date(2019, 2, 1)).state(rec) == "upcoming"
    # repealed at some unrecorded date: on any later day it may or may not hold
    assert AsOf(wh, END).state(rec) == "unknown"
    assert keys(figure(wh, "review_rate", END, 1.0).unknown) == ["DB50/T 130-2019"]
