"""The range cases of issue 13: a record with unknown dates is counted both ways.

Each case is worked by hand on the mini framework (two main areas, four main
items: vehicles.quota, vehicles.disposal, logistics.property,
logistics.catering) and checked in the figure, its wording, and `check`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from jgsw_std.reports.figures import settle_text, value_text, verdict_text
from tests.conftest import CliRunner, MiniFactory
from tests.metrics.build import END, city, figure, keys, merge, shapingba, std, warehouse
from tests.rules.helpers import findings, messages

FW = "data/framework.yaml"
IN_FORCE = {"status": "published", "published": "2019-01-01", "effective": "2019-03-01"}


def covered(code: str, area: str, item: str, **extra: Any) -> dict[str, str]:
    return std(code, level="national", area=area, items=[item], **{**IN_FORCE, **extra})


THREE_COVERED = [
    covered("GB/T 1-2019", "vehicles", "vehicles.quota"),
    covered("GB/T 2-2019", "vehicles", "vehicles.disposal"),
    covered("GB/T 3-2019", "logistics", "logistics.property"),
]
UNDATED_CATERING = std(
    "DB50/T 9-2020",
    level="local",
    area="logistics",
    items=["logistics.catering"],
    status="published",
)


def test_undated_standard_on_an_uncovered_item_lies_across_the_target(
    mini: MiniFactory,
) -> None:
    # 3 of 4 items covered; the 4th only by an undated standard: 75%-100% against 90%
    wh = warehouse(mini, *THREE_COVERED, UNDATED_CATERING)
    result = figure(wh, "coverage", END, 0.9)
    assert (result.low_parts, result.high_parts) == ((3, 4), (4, 4))
    assert result.value is None and result.status == "unsettled"
    assert keys(result.unknown) == ["logistics.catering"]
    assert value_text(result, "zh") == "75%–100% (3–4/4)"
    assert verdict_text(result, "zh") == "待核实（75%–100%）"
    assert settle_text(result, "zh") == "补上 DB50/T 9-2020 的实施日期即可判定"
    assert settle_text(result, "en") == "record the effective date of DB50/T 9-2020 to settle it"
    # check says the same thing: a possible gap, not a certain one, naming the date
    # (line 17 is logistics.catering; 22, reception.meeting, is not a main item)
    assert findings(wh, "G501") == [(FW, 17, 9, "G501"), (FW, 22, 9, "G501")]
    assert "可能没有现行标准（缺标）：取决于 DB50/T 9-2020 的实施日期" in messages(wh, "G501")[0]


def test_undated_standard_on_a_covered_item_collapses_the_range(mini: MiniFactory) -> None:
    # the same undated standard, on an item already covered: nothing is open
    catering = covered("GB/T 4-2019", "logistics", "logistics.catering")
    wh = warehouse(mini, *THREE_COVERED, catering, UNDATED_CATERING)
    result = figure(wh, "coverage", END, 0.9)
    assert result.value == 1.0 and (result.low, result.high) == (1.0, 1.0)
    assert result.unknown == [] and result.status == "met"
    assert verdict_text(result, "zh") == "已达标"
    assert findings(wh, "G501") == [(FW, 22, 9, "G501")]  # only the non-main reception


def test_a_decided_range_says_which_end_decides(mini: MiniFactory) -> None:
    # 1 of 4 covered, catering open: 25%-50%, at most 50%: not met whatever the date
    wh = warehouse(mini, THREE_COVERED[0], UNDATED_CATERING)
    result = figure(wh, "coverage", END, 0.9)
    assert result.status == "not-met" and verdict_text(result, "zh") == "未达标（至多 50%）"
    assert settle_text(result, "zh") == ""  # decided: nothing to settle
    # and a met one: 92% target on 12 of 13 with one open -> at least 92.3%
    assert verdict_text(result, "en") == "not met (at most 50%)"


REVIEWED = std(
    "DB50/T 20-2015",
    level="local",
    status="published",
    published="2015-01-01",
    effective="2015-03-01",
    reviews=[{"date": "2022-05-01", "conclusion": "continue"}],
)
UNDATED_REVIEW = std(
    "DB50/T 21-2015",
    level="local",
    status="published",
    published="2015-01-01",
    effective="2015-03-01",
    reviews=[{"conclusion": "continue", "note": "复审过，日期待查"}],
)


def test_undated_review_makes_the_review_rate_a_range(mini: MiniFactory) -> None:
    # both in force 10 years; one reviewed 2022, the other reviewed at an unrecorded
    # date (inside the last 5 years or not): 1/2 to 2/2 against 100%
    wh = warehouse(mini, REVIEWED, UNDATED_REVIEW)
    result = figure(wh, "review_rate", END, 1.0)
    assert (result.low_parts, result.high_parts) == ((1, 2), (2, 2))
    assert result.status == "unsettled"
    assert keys(result.unknown) == ["DB50/T 21-2015"]
    assert result.unknown[0].note == "复审日期不详"
    assert settle_text(result, "zh") == "补上 DB50/T 21-2015 的复审日期即可判定"
    # L601 calls it possibly overdue (info), not overdue
    (message,) = messages(wh, "L601")
    assert message.startswith("可能已逾期复审") and "DB50/T 21-2015 的复审日期" in message


def test_undated_training_makes_the_attendance_a_range(mini: MiniFactory) -> None:
    units = merge(
        city(
            activities=[
                {"date": "2022-06-01", "kind": "training", "title": "培训一", "attendees": 2000},
                # held, with a head count, but when is not recorded: inside the plan or not
                {"kind": "training", "title": "日期不详的培训", "attendees": 4000},
            ]
        ),
        shapingba(),
    )
    wh = warehouse(mini, units=units)
    result = figure(wh, "training_attendance", END, 5000)
    assert (result.low, result.high) == (2000, 6000) and result.status == "unsettled"
    assert value_text(result, "zh") == "2,000–6,000"
    assert settle_text(result, "zh") == "补上 重庆市「日期不详的培训」的日期即可判定"


def test_unknown_attendance_leaves_the_count_without_an_upper_bound(mini: MiniFactory) -> None:
    def with_trainings(*attendees: int | None) -> Any:
        acts = []
        for index, count in enumerate(attendees):
            act: dict[str, Any] = {
                "date": f"202{index + 1}-06-01",
                "kind": "training",
                "title": f"培训{index}",
            }
            if count is not None:
                act["attendees"] = count
            acts.append(act)
        return merge(city(activities=acts), shapingba())

    below = figure(
        warehouse(mini, units=with_trainings(2000, None)), "training_attendance", END, 5000
    )
    assert (below.low, below.high, below.status) == (2000, None, "unsettled")
    assert (
        value_text(below, "zh") == "≥2,000" and verdict_text(below, "zh") == "待核实（至少 2,000）"
    )
    # at least 6,000 whatever the missing number is: met, decided
    above = figure(
        warehouse(mini, units=with_trainings(6000, None)), "training_attendance", END, 5000
    )
    assert (above.low, above.high, above.status) == (6000, None, "met")
    assert verdict_text(above, "zh") == "已达标（至少 6,000）"


def test_undated_meeting_fills_at_most_one_year(mini: MiniFactory) -> None:
    # shapingba met in 2021 only and records one undated meeting: of its missing years
    # 2022-2024 one may be the undated meeting's, two are missing for certain.
    units = merge(
        city(
            activities=[
                {"date": f"{y}-03-01", "kind": "meeting", "title": "会"} for y in range(2021, 2025)
            ]
        ),
        shapingba(
            activities=[
                {"date": "2021-03-01", "kind": "meeting", "title": "会"},
                {"kind": "meeting", "title": "日期不详的会"},
            ]
        ),
    )
    wh = warehouse(mini, units=units)
    result = figure(wh, "annual_meetings", dt.date(2024, 12, 31), 1.0)
    # 8 unit-years: city 4 held; shapingba 1 held, 2 missing, 1 open -> 5/8 to 6/8
    assert (result.low_parts, result.high_parts) == ((5, 8), (6, 8))
    assert len(result.counted_against) == 2 and len(result.unknown) == 1
    # U802 reports shapingba for certain (two years cannot be filled), naming the open one
    (message,) = messages(wh, "U802", as_of=dt.date(2024, 12, 31))
    assert "2022-2024" in message and "至多补上其中 1 个年度" in message


def test_status_text_shows_the_range_and_what_settles_it(mini: MiniFactory, cli: CliRunner) -> None:
    wh = warehouse(mini, *THREE_COVERED, UNDATED_CATERING)
    result = cli("status", "--root", str(wh.root), "--as-of", "2025-12-31", "-i", "5", "--explain")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "75%–100% (3–4/4)" in out and "待核实（75%–100%）" in out
    assert "补上 DB50/T 9-2020 的实施日期即可判定" in out
    explained = out.split("[5]", 1)[1]
    assert "logistics.catering" in explained
    assert "1. DB50/T 9-2020 的实施日期（单独即可判定）" in explained
