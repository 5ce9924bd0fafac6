"""Indicators 10, 16 and 17 on hand-built warehouses, with the date edges of the issue."""

from __future__ import annotations

import datetime as dt

import pytest

from jgsw_std.lifecycle.asof import AsOf
from tests.conftest import MiniFactory
from tests.metrics.build import END, figure, keys, std, warehouse

# Indicator 17 at D = 2025-12-31, review period 5 years: D - 5y = 2020-12-31.
REVIEW_CASES = [
    # A: effective 2020-12-31 is in force >= 5 years on 2025-12-31; never reviewed -> against
    std(
        "DB50/T 1-2020",
        level="local",
        status="published",
        published="2020-12-01",
        effective="2020-12-31",
    ),
    # B: reviewed exactly on D - 5y (2020-12-31): inside the window -> for
    std(
        "DB50/T 2-2019",
        level="local",
        status="published",
        published="2019-04-01",
        effective="2019-05-01",
        reviews=[{"date": "2020-12-31", "conclusion": "continue"}],
    ),
    # C: reviewed one day before the window (2020-12-30) -> against
    std(
        "DB50/T 3-2019",
        level="local",
        status="published",
        published="2019-04-01",
        effective="2019-05-01",
        reviews=[{"date": "2020-12-30", "conclusion": "continue"}],
    ),
    # D: effective 2021-01-01, one day short of 5 years -> not counted
    std(
        "DB50/T 4-2021",
        level="local",
        status="published",
        published="2020-12-01",
        effective="2021-01-01",
    ),
    # E: national standards are reviewed by their issuer -> not counted
    std(
        "GB/T 5-2015",
        level="national",
        status="published",
        published="2015-01-01",
        effective="2015-01-01",
    ),
    # F: effective date missing -> open: against if in force >= 5 years, else left out
    std("DB50/T 6-2018", level="local", status="published"),
    # G: its only review is dated 2026-03-01, after D -> ignored -> against
    std(
        "DB50/T 7-2015",
        level="local",
        status="published",
        published="2015-05-01",
        effective="2015-06-01",
        reviews=[{"date": "2026-03-01", "conclusion": "continue"}],
    ),
    # H: group standard reviewed 2021-06-01 -> for
    std(
        "T/CQJGSW 8-2016",
        level="group",
        status="published",
        published="2015-12-01",
        effective="2016-01-01",
        reviews=[{"date": "2021-06-01", "conclusion": "continue"}],
    ),
    # I: internal standard never reviewed -> against
    std(
        "JGSW/CQ 009-2017",
        level="internal",
        status="published",
        published="2016-12-01",
        effective="2017-01-01",
    ),
    # J: repealed 2024-01-01 -> out of force on D -> not counted
    std(
        "DB50/T 10-2015",
        level="local",
        status="repealed",
        published="2014-12-01",
        effective="2015-01-01",
        repealed="2024-01-01",
    ),
    # K: superseded by L, which takes effect 2025-06-01: out of force on D, in force before
    std(
        "DB50/T 11-2016",
        level="local",
        status="published",
        published="2015-12-01",
        effective="2016-01-01",
        superseded_by="DB50/T 12-2025",
    ),
    std(
        "DB50/T 12-2025",
        level="local",
        status="published",
        published="2025-03-01",
        effective="2025-06-01",
        supersedes=["DB50/T 11-2016"],
    ),
]


def test_review_rate_at_plan_end(mini: MiniFactory) -> None:
    wh = warehouse(mini, *REVIEW_CASES)
    result = figure(wh, "review_rate", END, 1.0)
    # for B, H; against A, C, G, I; F open (never reviewed: against, or not yet due)
    assert keys(result.counted_for) == ["DB50/T 2-2019", "T/CQJGSW 8-2016"]
    assert keys(result.counted_against) == [
        "DB50/T 1-2020",
        "DB50/T 3-2019",
        "DB50/T 7-2015",
        "JGSW/CQ 009-2017",
    ]
    assert keys(result.unknown) == ["DB50/T 6-2018"]
    # F counted against (2/7) and left out (2/6): a range, below 100% either way
    assert (result.low_parts, result.high_parts) == ((2, 7), (2, 6))
    assert result.low == pytest.approx(2 / 7) and result.high == pytest.approx(1 / 3)
    assert result.value is None and result.numerator is None
    assert result.status == "not-met"  # D is the deadline


def test_review_rate_a_year_earlier_supersession_and_window(mini: MiniFactory) -> None:
    wh = warehouse(mini, *REVIEW_CASES)
    result = figure(wh, "review_rate", dt.date(2024, 12, 31), 1.0)
    # D - 5y = 2019-12-31. A (2020-12-31) is not yet due. C's 2020-12-30 review is
    # now inside the window -> for. K is still in force (L takes effect 2025-06-01)
    # and never reviewed -> against. J was repealed 2024-01-01 -> not counted.
    assert keys(result.counted_for) == ["DB50/T 2-2019", "DB50/T 3-2019", "T/CQJGSW 8-2016"]
    assert keys(result.counted_against) == ["DB50/T 11-2016", "DB50/T 7-2015", "JGSW/CQ 009-2017"]
    assert (result.low_parts, result.high_parts) == ((3, 7), (3, 6))  # F open
    assert result.status == "behind"  # a standing duty below target before the deadline


def test_review_against_is_exactly_what_lifecycle_flags_overdue(mini: MiniFactory) -> None:
    wh = warehouse(mini, *REVIEW_CASES)
    for day in (dt.date(2024, 12, 31), END):
        result = figure(wh, "review_rate", day, 1.0)
        at = AsOf(wh, day)
        overdue = sorted(r.code for r in wh.standards if at.review_overdue_known(r).yes)
        maybe = sorted(r.code for r in wh.standards if at.review_overdue_known(r).maybe)
        assert keys(result.counted_against) == overdue
        assert keys(result.unknown) == maybe == ["DB50/T 6-2018"]
        assert result.low_parts is not None
        assert result.low_parts[1] - result.low_parts[0] == len(overdue) + len(maybe)


def test_review_leap_day(mini: MiniFactory) -> None:
    # D = 2024-02-29; 29 February minus 5 years is 2019-02-28.
    wh = warehouse(
        mini,
        # effective 2019-02-28: in force >= 5 years; reviewed on 2019-02-28 (window start) -> for
        std(
            "DB50/T 21-2019",
            level="local",
            status="published",
            published="2019-02-01",
            effective="2019-02-28",
            reviews=[{"date": "2019-02-28", "conclusion": "continue"}],
        ),
        # effective 2019-03-01: one day short -> not counted
        std(
            "DB50/T 22-2019",
            level="local",
            status="published",
            published="2019-02-01",
            effective="2019-03-01",
        ),
        # reviewed 2019-02-27, the day before the window -> against
        std(
            "DB50/T 23-2018",
            level="local",
            status="published",
            published="2018-01-01",
            effective="2018-01-01",
            reviews=[{"date": "2019-02-27", "conclusion": "continue"}],
        ),
    )
    result = figure(wh, "review_rate", dt.date(2024, 2, 29), 1.0)
    assert keys(result.counted_for) == ["DB50/T 21-2019"]
    assert keys(result.counted_against) == ["DB50/T 23-2018"]


EVALUATION_CASES = [
    # D = 2025-12-31, 1 year: D - 1y = 2024-12-31.
    # A: effective 2024-12-31 (exactly one year), evaluated 2025-06-30 -> for
    std(
        "DB50/T 31-2024",
        level="local",
        status="published",
        published="2024-12-01",
        effective="2024-12-31",
        evaluations=[{"date": "2025-06-30", "score": 90}],
    ),
    # B: effective 2025-01-01, not yet a year -> not counted, evaluation or not
    std(
        "DB50/T 32-2024",
        level="local",
        status="published",
        published="2024-12-01",
        effective="2025-01-01",
        evaluations=[{"date": "2025-10-01"}],
    ),
    # C: its only evaluation is dated after D -> ignored -> against
    std(
        "DB50/T 33-2019",
        level="local",
        status="published",
        published="2019-12-01",
        effective="2020-01-01",
        evaluations=[{"date": "2026-01-15"}],
    ),
    # D: never evaluated -> against
    std(
        "DB50/T 34-2022",
        level="local",
        status="published",
        published="2022-02-01",
        effective="2022-03-01",
    ),
    # E: national -> not counted; F: no effective date -> open (never evaluated)
    std(
        "GB/T 35-2010",
        level="national",
        status="published",
        published="2010-01-01",
        effective="2010-01-01",
    ),
    std("DB50/T 36-2021", level="local", status="published"),
]


def test_evaluation_rate_at_plan_end(mini: MiniFactory) -> None:
    wh = warehouse(mini, *EVALUATION_CASES)
    result = figure(wh, "evaluation_rate", END, 0.3)
    # for A; against C, D; F open: against (1/4 = 25%) or not yet due (1/3 = 33.3%).
    # The range lies across 30%: unsettled, and F's effective date alone settles it.
    assert keys(result.counted_for) == ["DB50/T 31-2024"]
    assert keys(result.counted_against) == ["DB50/T 33-2019", "DB50/T 34-2022"]
    assert keys(result.unknown) == ["DB50/T 36-2021"]
    assert (result.low_parts, result.high_parts) == ((1, 4), (1, 3))
    assert result.status == "unsettled"
    assert [(s.fact.key, s.fact.field, s.alone) for s in result.settle] == [
        ("DB50/T 36-2021", "effective", True)
    ]
    missing = sorted(r.code for r in wh.standards if AsOf(wh, END).evaluation_missing(r))
    assert keys(result.counted_against) == missing


def test_evaluation_rate_behind_the_straight_line(mini: MiniFactory) -> None:
    wh = warehouse(mini, *EVALUATION_CASES)
    result = figure(wh, "evaluation_rate", dt.date(2025, 6, 30), 0.3)
    # D - 1y = 2024-06-30: A is not yet due; C and D are, neither evaluated by D -> 0/2.
    # Baseline (2020-12-31): nothing in force a year -> no data -> 0. The line reaches
    # 0.3 on 2025-12-31: 0.3 * 1641 / 1825 days = 0.2698 expected; 0 is behind.
    # F (undated) is 0/3 or 0/2: the value is 0 either way, the parts are not fixed
    assert (result.low_parts, result.high_parts) == ((0, 3), (0, 2))
    assert result.value == 0 and result.numerator is None
    assert result.extra["expected"] == pytest.approx(0.3 * 1641 / 1825)
    assert result.status == "behind"


def test_evaluation_leap_day(mini: MiniFactory) -> None:
    # Effective 2024-02-29: on 2025-02-28, D - 1y = 2024-02-28 -> not yet a year;
    # on 2025-03-01, D - 1y = 2024-03-01 -> a year; never evaluated -> against.
    wh = warehouse(
        mini,
        std(
            "DB50/T 41-2024",
            level="local",
            status="published",
            published="2024-02-01",
            effective="2024-02-29",
        ),
    )
    assert figure(wh, "evaluation_rate", dt.date(2025, 2, 28), 0.3).status == "no-data"
    later = figure(wh, "evaluation_rate", dt.date(2025, 3, 1), 0.3)
    assert keys(later.counted_against) == ["DB50/T 41-2024"]


def test_only_undated_standards_may_leave_nothing_to_count(mini: MiniFactory) -> None:
    # Only an undated own standard (coded 2021) and a national one: the figure is 0%
    # if the undated one is due, and has nothing to count if not. Never 0% or met:
    # unsettled, "0%, or nothing to count".
    wh = warehouse(mini, EVALUATION_CASES[4], EVALUATION_CASES[5])
    for metric, target in (("evaluation_rate", 0.3), ("usage_records", 1.0)):
        result = figure(wh, metric, END, target)
        assert result.status == "unsettled" and result.value is None, metric
        assert result.maybe_empty and (result.low, result.high) == (0, 0), metric
        assert keys(result.unknown) == ["DB50/T 36-2021"]
    # published in 2021 (its code's year), it cannot have been in force 5 years on
    # 2025-12-31: nothing can count for the review rate -> no data
    review = figure(wh, "review_rate", END, 1.0)
    assert review.status == "no-data" and review.low is None and review.unknown == []


USAGE_CASES = [
    # A: counted for 2025 (30/40 = 75%)
    std(
        "DB50/T 51-2019",
        level="local",
        status="published",
        published="2019-12-01",
        effective="2020-01-01",
        usage=[{"year": 2025, "applying": 30, "applicable": 40}],
    ),
    # B: counted only for 2024 (10/40 = 25%, low)
    std(
        "DB50/T 52-2020",
        level="local",
        status="published",
        published="2020-12-01",
        effective="2021-01-01",
        usage=[{"year": 2024, "applying": 10, "applicable": 40}],
    ),
    # C: counted for 2025 (5/20 = 25%, low)
    std(
        "DB50/T 53-2021",
        level="local",
        status="published",
        published="2021-12-01",
        effective="2022-01-01",
        usage=[{"year": 2025, "applying": 5, "applicable": 20}],
    ),
    # D: national -> not counted; E: still drafting -> not in force; F: undated -> open
    std(
        "GB/T 54-2015",
        level="national",
        status="published",
        published="2015-01-01",
        effective="2015-01-01",
    ),
    std("DB50/T 55-2026", level="local", status="drafting"),
    std("DB50/T 56-2021", level="local", status="published"),
]


def test_usage_records_last_full_year(mini: MiniFactory) -> None:
    wh = warehouse(mini, *USAGE_CASES)
    # 2025-12-31 is a 31 December: the last full year is 2025 -> for A, C; against B
    end = figure(wh, "usage_records", END, 1.0)
    assert keys(end.counted_for) == ["DB50/T 51-2019", "DB50/T 53-2021"]
    assert keys(end.counted_against) == ["DB50/T 52-2020"]
    assert keys(end.extra["low_usage"]) == ["DB50/T 53-2021"]  # 25% < 50%
    # F may be in force (no usage count: against) or not: 2/4 to 2/3
    assert (end.low_parts, end.high_parts) == ((2, 4), (2, 3)) and end.status == "not-met"
    # 2025-06-30: the last full year is 2024 -> for B only
    mid = figure(wh, "usage_records", dt.date(2025, 6, 30), 1.0)
    assert keys(mid.counted_for) == ["DB50/T 52-2020"]
    assert keys(mid.extra["low_usage"]) == ["DB50/T 52-2020"]
    assert (mid.low_parts, mid.high_parts) == ((1, 4), (1, 3)) and mid.status == "behind"
