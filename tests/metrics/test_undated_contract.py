"""Records whose dates the contract lets be absent (DOMAIN.md: "Every field not marked
required may be absent"; "Figures with unknown dates": such a record "is neither
counted nor ignored"). An evaluation, an article or a summary without its date, or a
review without its conclusion, used to be a schema error that dropped the whole
standard or district from every figure.
"""

from __future__ import annotations

import datetime as dt

from jgsw_std.reports.figures import settle_text
from tests.conftest import MiniFactory
from tests.metrics.build import END, city, figure, keys, merge, shapingba, std, warehouse
from tests.rules.helpers import messages

IN_FORCE = {"status": "published", "published": "2022-01-01", "effective": "2022-03-01"}
EVALUATED = std(
    "DB50/T 30-2022",
    level="local",
    evaluations=[{"date": "2023-05-01", "method": "DB50/T 1053-2020", "score": 90}],
    **IN_FORCE,
)
UNDATED_EVALUATION = std(
    "DB50/T 31-2022",
    level="local",
    evaluations=[{"method": "DB50/T 1053-2020", "score": 88}],
    **IN_FORCE,
)
NOT_EVALUATED = std("DB50/T 32-2022", level="local", **IN_FORCE)


def test_undated_evaluation_makes_the_evaluation_rate_a_range(mini: MiniFactory) -> None:
    wh = warehouse(mini, EVALUATED, UNDATED_EVALUATION, NOT_EVALUATED)
    assert wh.problems == []
    result = figure(wh, "evaluation_rate", END, 0.5)
    # one evaluated, one not, one evaluated on a date nobody recorded: 1/3 to 2/3
    assert (result.low_parts, result.high_parts) == ((1, 3), (2, 3))
    assert result.status == "unsettled"
    assert keys(result.unknown) == ["DB50/T 31-2022"]
    assert result.unknown[0].note == "评价日期不详"
    assert settle_text(result, "zh") == "补上 DB50/T 31-2022 的评价日期即可判定"
    # L603: certain for the unevaluated one, only possible for the undated one
    found = messages(wh, "L603")
    assert len(found) == 2
    assert any(m.startswith("实施已满 1 年") for m in found)
    assert any("可能" in m and "DB50/T 31-2022 的评价日期" in m for m in found)


def test_an_undated_evaluation_does_not_settle_the_rate_before_the_standard_applies(
    mini: MiniFactory,
) -> None:
    # before the standard has been in force a year it is not counted at all
    wh = warehouse(mini, UNDATED_EVALUATION)
    result = figure(wh, "evaluation_rate", dt.date(2023, 2, 28), 0.3)
    assert result.status == "no-data" and result.unknown == []
    on_the_day = figure(wh, "evaluation_rate", dt.date(2023, 3, 1), 0.3)
    assert (on_the_day.low_parts, on_the_day.high_parts) == ((0, 1), (1, 1))


def test_review_without_conclusion_still_counts_as_a_review(mini: MiniFactory) -> None:
    reviewed = std(
        "DB50/T 33-2015",
        level="local",
        status="published",
        published="2015-01-01",
        effective="2015-03-01",
        reviews=[{"date": "2022-05-01"}],
    )
    wh = warehouse(mini, reviewed)
    assert wh.problems == []
    result = figure(wh, "review_rate", END, 1.0)
    assert (result.value, result.status) == (1.0, "met")


ARTICLES = [
    {"title": "一", "journal": "刊", "level": "provincial", "date": "2022-05-01"},
    {"title": "日期不详", "journal": "刊", "level": "national"},
]


def test_undated_article_makes_the_article_count_a_range(mini: MiniFactory) -> None:
    wh = warehouse(mini, units=merge(city(articles=ARTICLES), shapingba()))
    assert wh.problems == []
    result = figure(wh, "articles", END, 2)
    assert (result.low, result.high) == (1, 2) and result.status == "unsettled"
    assert "日期" in settle_text(result, "zh")


def test_summary_without_its_sending_date_leaves_that_unit_year_open(mini: MiniFactory) -> None:
    meetings = [{"date": f"{y}-03-01", "kind": "meeting", "title": "会"} for y in range(2021, 2026)]
    summaries = [{"year": y, "sent": f"{y + 1}-01-10"} for y in range(2021, 2024)]
    units = merge(
        city(activities=meetings, summaries=[*summaries, {"year": 2024}]),
        shapingba(
            activities=meetings, summaries=[*summaries, {"year": 2024, "sent": "2024-12-31"}]
        ),
    )
    wh = warehouse(mini, units=units)
    assert wh.problems == []
    result = figure(wh, "annual_meetings", dt.date(2024, 12, 31), 1.0)
    assert result.value == 1.0  # the headline: every unit-year held its meeting
    second = result.figures["summaries"]
    # 8 unit-years (2021-2024 x 2): 2021-2023 sent by both; shapingba's 2024 summary went
    # up on D itself; the city's 2024 one is recorded without its date
    assert (second.low_parts, second.high_parts) == ((7, 8), (8, 8))
    assert second.status == "unsettled"
    assert [u.key for u in second.unknown] == ["chongqing:2024"]
    assert settle_text(second, "zh") == "补上 重庆市 2024 年度总结的报送日期即可判定"
    # U804 calls the city's 2024 only possibly missing, naming the date that settles it
    (message,) = messages(wh, "U804", as_of=dt.date(2024, 12, 31))
    assert "可能" in message and "重庆市 2024 年度总结的报送日期" in message
    # a year missing for certain makes U804 certain, and it says which year is open
    on_2025 = messages(wh, "U804", as_of=dt.date(2025, 12, 31))
    assert any(
        m.startswith("重庆市没有 2024-2025 年度") and "其中 2024 年度的总结未记报送日期" in m
        for m in on_2025
    ), on_2025
    # the day before, 2024 is not yet a full year: 2021-2023 only, all sent, decided
    before = figure(wh, "annual_meetings", dt.date(2024, 12, 30), 1.0).figures["summaries"]
    assert (before.low_parts, before.high_parts, before.unknown) == ((6, 6), (6, 6), [])


def test_undated_evidence_leaves_the_milestone_open(mini: MiniFactory) -> None:
    wh = warehouse(mini)
    undated = [{"note": "技术委员会已成立，文件日期待查"}]
    result = figure(wh, "milestone", END, evidence=undated)
    assert (result.low, result.high, result.value) == (0.0, 1.0, None)
    assert result.status == "unsettled"
    assert (
        settle_text(result, "zh")
        == "补上 indicators.yaml #99「技术委员会已成立，文件日期待查」的日期即可判定"
    )
    # dated evidence on or before D decides it whatever the undated one says
    both = [*undated, {"date": "2022-05-20", "note": "成立"}]
    assert figure(wh, "milestone", dt.date(2022, 5, 20), evidence=both).status == "met"
    # the day before that dated evidence, the undated one keeps it open
    before = figure(wh, "milestone", dt.date(2022, 5, 19), evidence=both)
    assert (before.low, before.high) == (0.0, 1.0)
