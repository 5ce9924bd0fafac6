"""Nested fields the contract shows but does not mark required (DOMAIN.md: "Every field
not marked required may be absent"). A record that omits one used to be an S101 that
dropped the whole district or standard; now it is kept, and every figure that reads
the field counts it both ways (a range naming the field that settles it).
"""

from __future__ import annotations

import datetime as dt

from jgsw_std.reports.figures import settle_text
from tests.conftest import MiniFactory
from tests.metrics.build import (
    END,
    city,
    figure,
    merge,
    shapingba,
    std,
    wanzhou,
    warehouse,
)
from tests.rules.helpers import messages

Y2021 = dt.date(2021, 12, 31)  # the first full plan year: unit-years are 2021 only
HELD = [
    {"date": "2021-03-01", "kind": "meeting", "title": "推进会"},
    {"date": "2021-04-01", "kind": "training", "title": "培训", "attendees": 100},
]


def _kindless(day: str) -> dict[str, str]:
    """The city holds one activity of unknown kind on ``day``; 沙坪坝 both duties in 2021."""
    return merge(
        city(activities=[{"date": day, "title": "标准化活动", "attendees": 50}]),
        shapingba(activities=HELD),
    )


# -- Activity.kind --------------------------------------------------------------------


def test_activity_without_kind_leaves_its_year_open_for_meeting_and_training(
    mini: MiniFactory,
) -> None:
    wh = warehouse(mini, units=_kindless("2021-12-31"))
    assert wh.problems == []  # no S101: the district is kept
    for metric in ("annual_meetings", "annual_training"):
        result = figure(wh, metric, Y2021, 1.0)
        # 沙坪坝 2021 held; the city's 2021 has an activity that may be either
        assert (result.low_parts, result.high_parts) == ((1, 2), (2, 2)), metric
        assert result.status == "unsettled"
        assert [u.key for u in result.unknown] == ["chongqing:2021"]
        assert settle_text(result, "zh") == (
            "补上 重庆市 2021-12-31「标准化活动」的活动类型（kind）即可判定"
        )
        assert "activity kind" in settle_text(result, "en")
    # U802/U803 call the city's 2021 only possibly missing and name the field
    for code in ("U802", "U803"):
        (message,) = messages(wh, code, as_of=Y2021)
        assert "可能" in message and "活动类型（kind）" in message, message
        (english,) = messages(wh, code, as_of=Y2021, lang="en")
        assert "activity kind" in english, english


def test_the_figure_says_a_kindless_dated_activity_lacks_its_kind_not_its_date(
    mini: MiniFactory,
) -> None:
    # the activity is dated 2021-12-31; only its kind is missing, so the figure's
    # words must not call it undated
    wh = warehouse(mini, units=_kindless("2021-12-31"))
    result = figure(wh, "annual_meetings", Y2021, 1.0)
    assert "日期不详的活动" not in result.why_zh, result.why_zh
    assert "另有 1 个取决于日期或类型不详的活动" in result.why_zh, result.why_zh
    assert "undated activities" not in result.why_en, result.why_en
    assert "1 more depend on activities without a date or kind" in result.why_en


def test_activity_without_kind_after_the_date_counts_for_nothing(mini: MiniFactory) -> None:
    # the day after D: the activity had not happened yet, so 2021 is certainly missing
    wh = warehouse(mini, units=_kindless("2022-01-01"))
    result = figure(wh, "annual_meetings", Y2021, 1.0)
    assert (result.low_parts, result.high_parts, result.unknown) == ((1, 2), (1, 2), [])
    (message,) = messages(wh, "U802", as_of=Y2021)
    assert message.startswith("重庆市在 2021 年没有召开") and "可能" not in message
    # the day before D: open, as on D itself
    early = figure(warehouse(mini, units=_kindless("2021-12-30")), "annual_meetings", Y2021, 1.0)
    assert (early.low_parts, early.high_parts) == ((1, 2), (2, 2))


def test_a_recorded_meeting_settles_the_year_whatever_the_kindless_activity_was(
    mini: MiniFactory,
) -> None:
    units = merge(
        city(
            activities=[
                {"date": "2021-05-01", "title": "标准化活动"},
                {"date": "2021-06-01", "kind": "meeting", "title": "推进会"},
            ]
        ),
        shapingba(activities=HELD),
    )
    result = figure(warehouse(mini, units=units), "annual_meetings", Y2021, 1.0)
    assert (result.value, result.unknown) == (1.0, [])


def test_undated_activity_without_kind_may_fill_one_missing_year(mini: MiniFactory) -> None:
    units = merge(city(activities=[{"title": "活动"}]), shapingba(activities=HELD))
    wh = warehouse(mini, units=units)
    assert wh.problems == []
    result = figure(wh, "annual_meetings", dt.date(2022, 12, 31), 1.0)
    # 4 unit-years: 沙坪坝 2021 held, 2022 not; the city's two missing, one may be filled
    assert (result.low_parts, result.high_parts) == ((1, 4), (2, 4))
    # with one year only, that year is open, and both missing fields are named
    one_year = figure(wh, "annual_meetings", Y2021, 1.0)
    assert (one_year.low_parts, one_year.high_parts) == ((1, 2), (2, 2))
    fields = sorted({s.fact.field for s in one_year.settle})
    assert fields == ["activity-kind", "date"]
    messages_ = messages(wh, "U802", as_of=dt.date(2022, 12, 31))
    assert any("日期或类型不详的活动至多补上其中 1 个年度" in m for m in messages_), messages_


def test_activity_without_kind_counts_both_ways_in_training_attendance(
    mini: MiniFactory,
) -> None:
    wh = warehouse(mini, units=_kindless("2021-01-01"))
    result = figure(wh, "training_attendance", END, 120)
    # 沙坪坝's training (100) for certain; the city's 50 only if it was a training
    assert (result.low, result.high) == (100, 150)
    assert "活动类型（kind）" in settle_text(result, "zh")
    assert any("类型不详" in u.note for u in result.unknown)
    # the day before the plan starts, the kindless activity is outside the period
    before = figure(warehouse(mini, units=_kindless("2020-12-31")), "training_attendance", END, 120)
    assert (before.low, before.high) == (100, 100)


# -- Summary.year -----------------------------------------------------------------------


def _yearless_summary() -> dict[str, str]:
    return merge(
        city(summaries=[{"sent": "2022-01-10"}]),
        shapingba(summaries=[{"year": 2021, "sent": "2022-01-05"}]),
    )


def test_summary_without_year_may_be_any_one_missing_years(mini: MiniFactory) -> None:
    wh = warehouse(mini, units=_yearless_summary())
    assert wh.problems == []
    second = figure(wh, "annual_meetings", dt.date(2022, 12, 31), 1.0).figures["summaries"]
    # 4 unit-years: 沙坪坝 2021 sent, 2022 not; the city's summary fills 2021 or 2022 or neither
    assert (second.low_parts, second.high_parts) == ((1, 4), (2, 4))
    assert [u.note for u in second.unknown] == ["2022 年度总结未见；有未记年度的总结"]
    found = messages(wh, "U804", as_of=dt.date(2022, 12, 31))
    assert any("未记年度的总结至多补上其中 1 个年度" in m for m in found), found


def test_summary_without_year_counts_only_once_sent(mini: MiniFactory) -> None:
    wh = warehouse(mini, units=_yearless_summary())
    # the day before the city's summary went up: 2021 is missing for certain
    before = figure(wh, "annual_meetings", dt.date(2022, 1, 9), 1.0).figures["summaries"]
    assert (before.low_parts, before.high_parts, before.unknown) == ((1, 2), (1, 2), [])
    on_the_day = figure(wh, "annual_meetings", dt.date(2022, 1, 10), 1.0).figures["summaries"]
    assert (on_the_day.low_parts, on_the_day.high_parts) == ((1, 2), (2, 2))
    assert settle_text(on_the_day, "zh") == "补上 重庆市年度总结的所属年度（year）即可判定"
    assert (
        settle_text(on_the_day, "en") == "record the year summarized of 重庆市年度总结 to settle it"
    )


# -- Usage.year / applying / applicable -----------------------------------------------

IN_FORCE_2020 = {"status": "published", "published": "2020-01-01", "effective": "2020-03-01"}


def _usage(code: str, *entries: dict[str, int]) -> dict[str, str]:
    return std(code, level="local", usage=list(entries), **IN_FORCE_2020)


COUNTED = _usage("DB50/T 60-2020", {"year": 2024, "applying": 40, "applicable": 42})
NO_APPLYING = _usage("DB50/T 61-2020", {"year": 2024, "applicable": 42})
NO_YEAR = _usage("DB50/T 62-2020", {"applying": 10, "applicable": 20})


def test_usage_count_without_applying_leaves_the_standard_open(mini: MiniFactory) -> None:
    wh = warehouse(mini, COUNTED, NO_APPLYING)
    assert wh.problems == []  # no S101: the standard is kept
    for day in (dt.date(2024, 12, 31), dt.date(2025, 1, 1)):  # last full year 2024 both days
        result = figure(wh, "usage_records", day, 1.0)
        assert (result.low_parts, result.high_parts) == ((1, 2), (2, 2)), day
        assert [u.key for u in result.unknown] == ["DB50/T 61-2020"]
        assert (
            result.unknown[0].note == "2024 年运用率统计不全：未记实际运用单位数（usage.applying）"
        )
        assert result.extra["low_usage"] == []  # its rate is not known to be low
    result = figure(wh, "usage_records", dt.date(2024, 12, 31), 1.0)
    assert settle_text(result, "zh") == (
        "补上 DB50/T 61-2020 的实际运用单位数（usage.applying）即可判定"
    )
    assert "units applying it (usage.applying)" in settle_text(result, "en")
    (l609,) = messages(wh, "L609", as_of=dt.date(2024, 12, 31))
    assert l609 == (
        "现行标准的 2024 年标准综合运用率统计可能缺少或不全："
        "取决于 DB50/T 61-2020 的实际运用单位数（usage.applying）"
    )
    (l608,) = messages(wh, "L608", as_of=dt.date(2024, 12, 31))
    assert l608 == (
        "2024 年标准综合运用率不详，可能低于 50%：补上 "
        "DB50/T 61-2020 的实际运用单位数（usage.applying）即可判定"
    )
    # the day before, the last full year is 2023: neither has a count, both certain
    before = figure(wh, "usage_records", dt.date(2024, 12, 30), 1.0)
    assert (before.low_parts, before.high_parts, before.unknown) == ((0, 2), (0, 2), [])
    certain = messages(wh, "L609", as_of=dt.date(2024, 12, 30))
    assert len(certain) == 2 and not any("可能" in m for m in certain)
    assert messages(wh, "L608", as_of=dt.date(2024, 12, 30)) == []


def test_usage_count_without_applicable_has_no_rate(mini: MiniFactory) -> None:
    wh = warehouse(mini, _usage("DB50/T 63-2020", {"year": 2024, "applying": 3}))
    assert wh.problems == []
    result = figure(wh, "usage_records", dt.date(2024, 12, 31), 1.0)
    assert (result.low_parts, result.high_parts) == ((0, 1), (1, 1))
    assert "适用单位数（usage.applicable）" in settle_text(result, "zh")
    (l608,) = messages(wh, "L608", as_of=dt.date(2024, 12, 31), lang="en")
    assert "may be below 50%" in l608 and "usage.applicable" in l608


def test_usage_count_without_year_may_be_the_last_full_years(mini: MiniFactory) -> None:
    wh = warehouse(mini, COUNTED, NO_YEAR)
    assert wh.problems == []
    result = figure(wh, "usage_records", dt.date(2024, 12, 31), 1.0)
    assert (result.low_parts, result.high_parts) == ((1, 2), (2, 2))
    assert settle_text(result, "zh") == "补上 DB50/T 62-2020 的运用率统计年度（usage.year）即可判定"
    (l609,) = messages(wh, "L609", as_of=dt.date(2024, 12, 31))
    assert "可能" in l609 and "usage.year" in l609
    # a count without its year cannot be the latest one L608 judges
    assert messages(wh, "L608", as_of=dt.date(2024, 12, 31)) == []


# -- Pilot.level -------------------------------------------------------------------------


def _pilots(started: str = "2019-06-01") -> dict[str, str]:
    """沙坪坝: a pilot of unknown level accepted 2021-11-30; 万州: a municipal one."""
    unleveled = {"topic": "试点A", "started": started, "accepted": "2021-11-30"}
    municipal = {"level": "municipal", "topic": "试点B", "accepted": "2021-06-01"}
    return merge(city(), shapingba(pilots=[unleveled]), wanzhou(pilots=[municipal]))


def test_pilot_without_level_may_count_as_municipal(mini: MiniFactory) -> None:
    wh = warehouse(mini, units=_pilots())
    assert wh.problems == []  # no S101: the district is kept
    on_the_day = figure(wh, "municipal_pilots", dt.date(2021, 11, 30), 2)
    # 万州 for certain; 沙坪坝's accepted pilot counts only if it is the municipal one
    assert (on_the_day.low, on_the_day.high) == (1, 2)
    assert [u.note for u in on_the_day.unknown] == ["有未记级别（level）的试点"]
    result = figure(wh, "municipal_pilots", END, 2)
    assert (result.low, result.high) == (1, 2) and result.status == "unsettled"
    assert settle_text(result, "zh") == "补上 沙坪坝区「试点A」的试点级别（level）即可判定"
    assert settle_text(result, "en") == "record the pilot level of 沙坪坝区「试点A」 to settle it"
    # the day before its acceptance it had begun but was not accepted: certainly not counted
    before = figure(wh, "municipal_pilots", dt.date(2021, 11, 29), 2)
    assert (before.low, before.high, before.unknown) == (1, 1, [])


def test_pilot_without_level_may_count_as_a_national_application(mini: MiniFactory) -> None:
    wh = warehouse(mini, units=_pilots(started="2021-01-01"))
    on_the_day = figure(wh, "national_pilots", dt.date(2021, 1, 1), 1)
    assert (on_the_day.low, on_the_day.high) == (0, 1)
    result = figure(wh, "national_pilots", END, 1)
    assert (result.low, result.high) == (0, 1) and result.status == "unsettled"
    assert settle_text(result, "zh") == "补上 沙坪坝区「试点A」的试点级别（level）即可判定"
    # the day before it began, it cannot have been applied for, whatever its level
    before = figure(wh, "national_pilots", dt.date(2020, 12, 31), 1)
    assert before.status == "no-data" and before.unknown == []


def test_pilot_without_level_or_dates_names_both(mini: MiniFactory) -> None:
    units = merge(city(), shapingba(pilots=[{"topic": "试点C"}]))
    wh = warehouse(mini, units=units)
    assert wh.problems == []
    for metric in ("municipal_pilots", "national_pilots"):
        result = figure(wh, metric, END, 1)
        assert (result.low, result.high) == (0, 1), metric
        fields = sorted(s.fact.field for s in result.settle)
        assert fields == ["pilot", "pilot-level"], metric


# -- Article.level -----------------------------------------------------------------------


def test_article_without_level_is_counted_both_ways(mini: MiniFactory) -> None:
    def units(day: str) -> dict[str, str]:
        articles = [
            {"title": "一", "journal": "刊", "level": "provincial", "date": "2022-05-01"},
            {"title": "级别不详", "journal": "某刊", "date": day},
        ]
        return merge(city(articles=articles), shapingba())

    wh = warehouse(mini, units=units("2021-01-01"))
    assert wh.problems == []  # no S101: the district is kept
    result = figure(wh, "articles", END, 2)
    assert (result.low, result.high) == (1, 2) and result.status == "unsettled"
    assert settle_text(result, "zh") == "补上 重庆市「级别不详」的刊物级别（level）即可判定"
    assert [u.note for u in result.unknown] == ["2021-01-01《某刊》，刊物级别不详"]
    # the day before the plan period it counts for nothing, whatever its level
    before = figure(warehouse(mini, units=units("2020-12-31")), "articles", END, 2)
    assert (before.low, before.high, before.unknown) == (1, 1, [])


# -- PlanEntry.year / kind ---------------------------------------------------------------


def test_plan_without_year_leaves_completion_open(mini: MiniFactory) -> None:
    done = std("DB50/T 70-2022", plan={"year": 2022, "kind": "new"}, **IN_FORCE_2020)
    drafting = std("DB50/T 71-2024", status="drafting", plan={"kind": "revision"})
    wh = warehouse(mini, done, drafting)
    assert wh.problems == []  # no S101: the standard is kept
    result = figure(wh, "completion", dt.date(2024, 12, 31), 0.95)
    # the drafting one is late if its plan year was 2024 or earlier, not counted if later
    assert (result.low_parts, result.high_parts) == ((1, 2), (1, 1))
    assert result.unknown[0].note == "计划年度不详"
    assert settle_text(result, "zh") == "补上 DB50/T 71-2024 的计划年度（plan.year）即可判定"
    # L607: possible, naming plan.year; a dated plan past its year stays certain
    (message,) = messages(wh, "L607", as_of=dt.date(2024, 12, 31))
    assert message == "尚未发布，可能已过计划年度：取决于 DB50/T 71-2024 的计划年度（plan.year）"
    assert wh.standard("DB50/T 71-2024").model.plan.kind == "revision"  # type: ignore[union-attr]


def test_plan_without_kind_is_not_taken_for_new(mini: MiniFactory) -> None:
    wh = warehouse(mini, std("DB50/T 72-2024", status="drafting", plan={"year": 2026}))
    assert wh.problems == []
    plan = wh.standard("DB50/T 72-2024").model.plan  # type: ignore[union-attr]
    assert plan is not None and (plan.year, plan.kind) == (2026, None)
    # its year is recorded: L607 waits for the day after 31 December 2026
    assert messages(wh, "L607", as_of=dt.date(2026, 12, 31)) == []
    (late,) = messages(wh, "L607", as_of=dt.date(2027, 1, 1))
    assert late.startswith("计划 2026 年发布")
