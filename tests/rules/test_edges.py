"""Every date window and threshold of rules/, on each edge and one step either side.

Each check here is run with the record (or the as-of date) exactly on the
edge, a day (or a unit) before and after, so a comparison moved by one is a
failing test (bench/mutate_boundaries.py flips them one at a time).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from tests.conftest import MiniFactory
from tests.metrics.build import city, merge, shapingba, std, warehouse
from tests.rules.helpers import END, findings, messages

DAY = dt.timedelta(days=1)


def around(day: str) -> list[dt.date]:
    d = dt.date.fromisoformat(day)
    return [d - DAY, d, d + DAY]


def shifted(day: str, by: int) -> str:
    return (dt.date.fromisoformat(day) + by * DAY).isoformat()


def codes(wh: Any, code: str, as_of: dt.date = END) -> int:
    return len(findings(wh, code, as_of))


# -- D: dates in order (a day before the other date fires, the same day does not) -------


@pytest.mark.parametrize(("shift", "fires"), [(-1, True), (0, False), (1, False)])
def test_date_order_rules_on_the_day(mini: MiniFactory, shift: int, fires: bool) -> None:
    effective = "2021-03-01"
    wh = warehouse(
        mini,
        # D401: effective before published
        std(
            "DB50/T 1-2021",
            level="local",
            status="published",
            published="2021-03-01",
            effective=shifted("2021-03-01", shift),
        ),
        # D402 / D403: a review or an evaluation before the effective date
        std(
            "DB50/T 2-2021",
            level="local",
            status="published",
            published="2021-01-01",
            effective=effective,
            reviews=[{"date": shifted(effective, shift), "conclusion": "continue"}],
            evaluations=[{"date": shifted(effective, shift)}],
        ),
        # D404: repealed before published
        std(
            "DB50/T 3-2021",
            level="local",
            status="repealed",
            published="2021-03-01",
            effective="2021-03-01",
            repealed=shifted("2021-03-01", shift),
        ),
        units=merge(
            city(
                # D409: accepted before it started; a summary sent before its year
                pilots=[
                    {
                        "level": "municipal",
                        "topic": "试点",
                        "started": "2021-03-01",
                        "accepted": shifted("2021-03-01", shift),
                    }
                ],
                summaries=[{"year": 2022, "sent": shifted("2022-01-01", shift)}],
            ),
            shapingba(),
        ),
    )
    for code in ("D401", "D402", "D403", "D404"):
        assert (codes(wh, code) == 1) is fires, code
    # D409 covers both district dates: the pilot and the summary
    assert codes(wh, "D409") == (2 if fires else 0)


@pytest.mark.parametrize(("applying", "fires"), [(19, False), (20, False), (21, True)])
def test_usage_cannot_exceed_applicable(mini: MiniFactory, applying: int, fires: bool) -> None:
    wh = warehouse(
        mini,
        std(
            "DB50/T 4-2020",
            level="local",
            status="published",
            published="2020-01-01",
            effective="2020-03-01",
            usage=[{"year": 2024, "applying": applying, "applicable": 20}],
        ),
    )
    assert (codes(wh, "D410") == 1) is fires


# -- L: duties ------------------------------------------------------------------------


def own(code: str, effective: str, **extra: Any) -> dict[str, str]:
    return std(
        code, level="local", status="published", published=effective, effective=effective, **extra
    )


def test_review_due_soon_window(mini: MiniFactory) -> None:
    # effective 2021-03-01, never reviewed: due 2026-03-01, reminded from 90 days
    # before (2025-12-01); on the due day itself it is overdue (L601, 0 days late)
    wh = warehouse(mini, own("DB50/T 5-2021", "2021-03-01"))
    assert [codes(wh, "L602", d) for d in around("2025-12-01")] == [0, 1, 1]
    assert [codes(wh, "L602", d) for d in around("2026-03-01")] == [1, 0, 0]
    assert [codes(wh, "L601", d) for d in around("2026-03-01")] == [0, 1, 1]


def test_review_due_today_after_a_review(mini: MiniFactory) -> None:
    # reviewed 2021-03-01: the window [D - 5y, D] still holds that review on
    # 2026-03-01, so the review is due today (L602), overdue the day after (L601)
    wh = warehouse(
        mini,
        own(
            "DB50/T 5-2015",
            "2015-03-01",
            reviews=[{"date": "2021-03-01", "conclusion": "continue"}],
        ),
    )
    assert [codes(wh, "L602", d) for d in around("2026-03-01")] == [1, 1, 0]
    assert [codes(wh, "L601", d) for d in around("2026-03-01")] == [0, 0, 1]
    assert messages(wh, "L602", as_of=dt.date(2026, 3, 1))[0].startswith(
        "复审将于 2026-03-01 到期（今天到期"
    )


def test_evaluation_due_after_a_year(mini: MiniFactory) -> None:
    wh = warehouse(mini, own("DB50/T 6-2024", "2024-03-01"))
    assert [codes(wh, "L603", d) for d in around("2025-03-01")] == [0, 1, 1]


def test_revision_overdue_after_its_plan_year(mini: MiniFactory) -> None:
    revise = {"reviews": [{"date": "2022-05-01", "conclusion": "revise"}]}
    wh = warehouse(
        mini,
        own("DB50/T 7-2016", "2016-03-01", superseded_by="DB50/T 8-2024", **revise),
        std(
            "DB50/T 8-2024",
            level="local",
            status="drafting",
            plan={"year": 2024, "kind": "revision"},
            supersedes=["DB50/T 7-2016"],
        ),
    )
    # planned for 2024: late from 2025-01-01 (L605 on the old one, L607 on the revision)
    assert [codes(wh, "L605", d) for d in around("2025-01-01")] == [0, 1, 1]
    assert [codes(wh, "L607", d) for d in around("2025-01-01")] == [0, 1, 1]
    # the review that concluded revise counts from its own day
    assert [codes(wh, "L604", d) + codes(wh, "L605", d) for d in around("2022-05-01")] == [0, 0, 0]


def test_a_review_counts_from_its_day(mini: MiniFactory) -> None:
    # L604 (revise, no revision planned) from the review's own day
    wh = warehouse(
        mini,
        own(
            "DB50/T 9-2016", "2016-03-01", reviews=[{"date": "2022-05-01", "conclusion": "revise"}]
        ),
    )
    assert [codes(wh, "L604", d) for d in around("2022-05-01")] == [0, 1, 1]


USAGE = [
    {"year": 2024, "applying": 5, "applicable": 40},  # 12.5%: low
    {"year": 2025, "applying": 30, "applicable": 40},  # 75%
]


def test_low_usage_reads_the_last_full_year(mini: MiniFactory) -> None:
    wh = warehouse(mini, own("DB50/T 10-2020", "2020-03-01", usage=USAGE))
    # the last full year becomes 2025 on 2025-12-31: the 2025 count then clears it
    assert [codes(wh, "L608", d) for d in around("2025-12-31")] == [1, 0, 0]


def test_low_usage_picks_the_later_of_two_counts_for_a_year(mini: MiniFactory) -> None:
    twice = [
        {"year": 2025, "applying": 30, "applicable": 40},
        {"year": 2025, "applying": 5, "applicable": 40},  # the same year, recorded later
    ]
    wh = warehouse(mini, own("DB50/T 11-2020", "2020-03-01", usage=twice))
    assert messages(wh, "L608") == ["2025 年标准综合运用率 12%（5/40），低于 50%，列为清理候选"]


@pytest.mark.parametrize(("applying", "fires"), [(19, True), (20, False), (21, False)])
def test_low_usage_rate_on_the_floor(mini: MiniFactory, applying: int, fires: bool) -> None:
    wh = warehouse(
        mini,
        own(
            "DB50/T 12-2020",
            "2020-03-01",
            usage=[{"year": 2025, "applying": applying, "applicable": 40}],
        ),
    )
    assert (codes(wh, "L608") == 1) is fires  # 50% is the floor: 20/40 is not low


# -- Q703: the latest scored evaluation, on the floor -----------------------------------


@pytest.mark.parametrize(("score", "fires"), [(59, True), (60, False), (61, False)])
def test_evaluation_score_on_the_floor(mini: MiniFactory, score: int, fires: bool) -> None:
    wh = warehouse(
        mini,
        own("DB50/T 13-2020", "2020-03-01", evaluations=[{"date": "2023-05-01", "score": score}]),
    )
    assert (codes(wh, "Q703") == 1) is fires


def test_the_latest_evaluation_counts_from_its_day(mini: MiniFactory) -> None:
    wh = warehouse(
        mini,
        own(
            "DB50/T 14-2020",
            "2020-03-01",
            evaluations=[
                {"date": "2022-05-01", "score": 50},
                {"date": "2024-05-01", "score": 90},  # clears the low one from its day
                {"date": "2024-05-01", "score": 40},  # the same day, later in the list: wins
            ],
        ),
    )
    assert [codes(wh, "Q703", d) for d in around("2024-05-01")] == [1, 1, 1]
    assert messages(wh, "Q703")[0].startswith("2024-05-01 实施效果评价得分 40")


def test_a_later_better_evaluation_clears_from_its_day(mini: MiniFactory) -> None:
    clears = warehouse(
        mini,
        own(
            "DB50/T 15-2020",
            "2020-03-01",
            evaluations=[{"date": "2022-05-01", "score": 50}, {"date": "2024-05-01", "score": 90}],
        ),
    )
    assert [codes(clears, "Q703", d) for d in around("2024-05-01")] == [1, 0, 0]


# -- U801: the framework built on the as-of date ----------------------------------------


def test_framework_built_counts_from_its_day(mini: MiniFactory) -> None:
    units = merge(city(), shapingba(framework_built="2022-06-30"))
    wh = warehouse(mini, units=units)
    assert [codes(wh, "U801", d) for d in around("2022-06-30")] == [1, 0, 0]


# -- the severity override: the most specific pattern wins ------------------------------


def test_the_most_specific_override_wins(mini: MiniFactory, tmp_path: Any) -> None:
    from jgsw_std.problems import Severity
    from jgsw_std.rules.registry import CheckContext
    from jgsw_std.rules.runner import CheckOptions, run_checks

    wh = warehouse(mini, own("DB50/T 16-2024", "2024-03-01"))
    ctx = CheckContext.on(wh, END)
    for table, expected in (
        ({"L": "info", "L603": "error"}, Severity.ERROR),
        ({"L603": "error", "L": "info"}, Severity.ERROR),
        ({"L6": "error", "L": "info"}, Severity.ERROR),
        ({"L60": "info", "L6": "error"}, Severity.INFO),
    ):
        found = run_checks(wh, ctx, CheckOptions(select=["L603"], severity=table)).problems
        assert [p.severity for p in found] == [expected], json.dumps(table)
