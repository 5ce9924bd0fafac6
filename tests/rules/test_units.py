"""Family U: districts' framework, yearly work and mechanism, as of a date."""

from __future__ import annotations

import datetime as dt

from tests.conftest import MiniFactory
from tests.rules.helpers import findings, messages

SPB = "data/districts/shapingba.yaml"

PARTIAL = """\
slug: shapingba
name: 沙坪坝区
kind: district
region: main-urban
mechanism:
  leading_group: 2019-04-01
  working_body: 2019-04-01
  staff: {full_time: 0, part_time: 0}
activities:
  - {date: 2021-03-15, kind: meeting, title: 部署会}
  - {date: 2022-03-15, kind: meeting, title: 部署会}
  - {date: 2024-06-10, kind: training, title: 标准化培训, attendees: 20}
  - {date: 2025-10-14, kind: exchange, title: 交流}
  - {date: 2026-01-15, kind: meeting, title: 部署会}
summaries:
  - {year: 2021, sent: 2022-01-10}
  - {year: 2022, sent: 2023-01-10}
  - {year: 2024, sent: 2025-01-10}
  - {year: 2025, sent: 2026-01-10}
"""

COMPLETE = """\
slug: shapingba
name: 沙坪坝区
kind: district
region: main-urban
mechanism:
  leading_group: 2019-04-01
  working_body: 2019-04-01
  staff: {full_time: 1, part_time: 2}
  budget_channel: 2020-01-01
framework_built: 2020-12-31
activities:
  - {date: 2021-03-15, kind: meeting, title: 部署会}
  - {date: 2021-10-14, kind: publicity, title: 世界标准日宣传}
  - {date: 2022-03-15, kind: meeting, title: 部署会}
  - {date: 2022-06-10, kind: training, title: 培训, attendees: 30}
  - {date: 2023-03-15, kind: meeting, title: 部署会}
  - {date: 2023-06-10, kind: training, title: 培训, attendees: 30}
  - {date: 2024-03-15, kind: meeting, title: 部署会}
  - {date: 2024-06-10, kind: training, title: 培训, attendees: 30}
  - {date: 2025-03-15, kind: meeting, title: 部署会}
  - {date: 2025-06-10, kind: training, title: 培训, attendees: 30}
summaries:
  - {year: 2021, sent: 2021-12-20}
  - {year: 2022, sent: 2022-12-20}
  - {year: 2023, sent: 2023-12-20}
  - {year: 2024, sent: 2024-12-20}
  - {year: 2025, sent: 2025-12-20}
"""

CITY = "slug: chongqing\nname: 重庆市\nkind: city\n"


def units(shapingba: str) -> dict[str, str]:
    return {SPB: shapingba, "data/districts/chongqing.yaml": CITY}


def test_u801_district_without_framework(mini: MiniFactory) -> None:
    wh = mini(districts=units(PARTIAL)).load()
    assert findings(wh, "U801") == [(SPB, 1, 7, "U801")]  # the city is not asked
    assert messages(wh, "U801") == ["沙坪坝区尚未记录标准体系框架搭建完成（framework_built）"]
    later = COMPLETE.replace("framework_built: 2020-12-31", "framework_built: 2026-03-01")
    wh = mini(districts=units(later)).load()
    assert findings(wh, "U801") == [(SPB, 10, 18, "U801")]


def test_u801_quiet(mini: MiniFactory) -> None:
    assert findings(mini(districts=units(COMPLETE)).load(), "U801") == []


def test_u802_years_without_meeting(mini: MiniFactory) -> None:
    wh = mini(districts=units(PARTIAL)).load()
    # the 2026 meeting is after the as-of date; the city recorded none at all
    assert findings(wh, "U802") == [
        ("data/districts/chongqing.yaml", 1, 7, "U802"),
        (SPB, 9, 1, "U802"),
    ]
    assert (
        messages(wh, "U802")[1] == "沙坪坝区在 2023-2025 年没有召开标准化工作部署会（推进会）的记录"
    )
    assert messages(wh, "U802", lang="en")[1] == (
        "沙坪坝区 has no standardization meeting on record in 2023-2025"
    )
    # as of mid-2023 only 2021 and 2022 are complete years: nothing missing
    assert findings(wh, "U802", as_of=dt.date(2023, 6, 30)) == [
        ("data/districts/chongqing.yaml", 1, 7, "U802")
    ]


def test_u803_years_without_training_or_publicity(mini: MiniFactory) -> None:
    wh = mini(districts=units(PARTIAL)).load()
    assert (SPB, 9, 1, "U803") in findings(wh, "U803")
    assert messages(wh, "U803")[1] == "沙坪坝区在 2021-2023、2025 年没有标准化培训或宣贯活动的记录"


def test_u804_years_without_summary(mini: MiniFactory) -> None:
    wh = mini(districts=units(PARTIAL)).load()
    assert (SPB, 15, 1, "U804") in findings(wh, "U804")
    # 2023 was never sent; 2025's was sent after the as-of date
    assert messages(wh, "U804")[1] == "沙坪坝区没有 2023、2025 年度标准化工作总结的报送记录"


def test_u805_mechanism_incomplete(mini: MiniFactory) -> None:
    wh = mini(districts=units(PARTIAL)).load()
    assert findings(wh, "U805") == [
        ("data/districts/chongqing.yaml", 1, 7, "U805"),
        (SPB, 5, 1, "U805"),
    ]
    assert (
        messages(wh, "U805")[1]
        == "沙坪坝区的标准化工作机制不完整：缺少专（兼）职人员、稳定经费渠道"
    )


def test_u_family_quiet_for_a_complete_unit(mini: MiniFactory) -> None:
    wh = mini(districts={SPB: COMPLETE}).load()
    for code in ("U801", "U802", "U803", "U804", "U805"):
        assert findings(wh, code) == [], code


def test_u_years_stop_at_the_plan_end(mini: MiniFactory) -> None:
    wh = mini(districts={SPB: COMPLETE}).load()
    # 2026 is outside the 2021-2025 plan: no 2026 meeting is asked for
    assert findings(wh, "U802", as_of=dt.date(2027, 6, 1)) == []
