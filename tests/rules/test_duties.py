"""Family L: lifecycle duties as of a date, each firing in one warehouse and quiet in another.

Every standard file here has the same first lines, so positions read the same:
1 code, 2 title, 3 level, 4 area, 5 items, 6 status, 7 published, 8 effective,
then the lists (reviews, evaluations, usage) from line 9.
"""

from __future__ import annotations

import datetime as dt

from jgsw_std.problems import Severity
from jgsw_std.rules.registry import CheckContext
from jgsw_std.rules.runner import CheckOptions, run_checks
from tests.conftest import MiniFactory
from tests.rules.helpers import END, findings, messages


def own(code: str, effective: str | None, tail: str = "", level: str = "local") -> dict[str, str]:
    """An own standard in force from ``effective`` (published a month earlier)."""
    slug = code.lower().replace("/", "-").replace(" ", "-")
    dates = (
        f"published: {effective[:5]}01-01\neffective: {effective}\n"
        if effective
        else "published: null\neffective: null\n"
    )
    text = (
        f"code: {code}\ntitle: 测试标准{slug}\nlevel: {level}\narea: vehicles\n"
        f"items: [vehicles.quota]\nstatus: published\n{dates}{tail}"
    )
    return {f"data/standards/vehicles/{slug}.yaml": text}


def path(code: str) -> str:
    return f"data/standards/vehicles/{code.lower().replace('/', '-').replace(' ', '-')}.yaml"


def test_l601_review_overdue_at_the_edges(mini: MiniFactory) -> None:
    wh = mini(
        {
            # in force >= 5 years on 2025-12-31 and never reviewed
            **own("DB50/T 1-2020", "2020-12-31"),
            # reviewed one day before the window [2020-12-31, 2025-12-31]
            **own(
                "DB50/T 3-2019",
                "2019-05-01",
                "reviews:\n  - {date: 2020-12-30, conclusion: continue}\n",
            ),
            # its only review is dated after the as-of date: ignored
            **own(
                "T/CQHQ 7-2018",
                "2018-03-01",
                "reviews:\n  - {date: 2026-03-01, conclusion: continue}\n",
                level="group",
            ),
        }
    ).load()
    assert findings(wh, "L601") == [
        (path("DB50/T 1-2020"), 8, 12, "L601"),
        (path("DB50/T 3-2019"), 9, 1, "L601"),
        (path("T/CQHQ 7-2018"), 9, 1, "L601"),
    ]
    assert messages(wh, "L601")[0] == (
        "实施已满 5 年，近 5 年内没有复审（自 2020-12-31 实施以来从未复审），"
        "复审应于 2025-12-31 前完成，已逾期 0 天"
    )
    assert "last reviewed 2020-12-30" in messages(wh, "L601", lang="en")[1]


def test_l601_quiet_inside_the_window_national_and_possible_when_undated(
    mini: MiniFactory,
) -> None:
    wh = mini(
        {
            # reviewed exactly on D - 5 years: inside the window
            **own(
                "DB50/T 2-2019",
                "2019-05-01",
                "reviews:\n  - {date: 2020-12-31, conclusion: continue}\n",
            ),
            # one day short of 5 years in force
            **own("DB50/T 4-2021", "2021-01-01"),
            # reviewed by its issuer, not by the bureaus
            **own("GB/T 5-2015", "2015-01-01", level="national"),
            # no effective date: possibly overdue (info), naming the missing date
            **own("DB50/T 6-2018", None),
        }
    ).load()
    assert [f[0] for f in findings(wh, "L601")] == [path("DB50/T 6-2018")]
    assert messages(wh, "L601") == [
        "可能已逾期复审（实施满 5 年且近 5 年内没有复审）：取决于 DB50/T 6-2018 的实施日期"
    ]
    ctx = CheckContext.on(wh, END)
    (problem,) = run_checks(wh, ctx, CheckOptions(select=["L601"])).problems
    assert problem.severity == Severity.INFO and problem.args["possible"]
    # an override can turn it off, not up to a warning
    raised = run_checks(wh, ctx, CheckOptions(select=["L601"], severity={"L601": "error"}))
    assert [p.severity for p in raised.problems] == [Severity.INFO]
    off = run_checks(wh, ctx, CheckOptions(select=["L601"], severity={"L601": "off"}))
    assert off.problems == []


def test_l602_review_due_within_the_window(mini: MiniFactory) -> None:
    wh = mini(
        {
            **own(
                "DB50/T 2-2019",
                "2019-05-01",
                "reviews:\n  - {date: 2020-12-31, conclusion: continue}\n",
            ),
            **own("DB50/T 4-2021", "2021-01-01"),
            # due 2026-03-31: 90 days after 2025-12-31
            **own("DB50/T 8-2021", "2021-03-31"),
            # due 2026-04-01: 91 days, outside the default window
            **own("DB50/T 9-2021", "2021-04-01"),
        }
    ).load()
    assert findings(wh, "L602") == [
        (path("DB50/T 2-2019"), 9, 1, "L602"),
        (path("DB50/T 4-2021"), 8, 12, "L602"),
        (path("DB50/T 8-2021"), 8, 12, "L602"),
    ]
    assert messages(wh, "L602")[0] == "复审将于 2025-12-31 到期（今天到期；上次复审 2020-12-31）"
    assert messages(wh, "L602")[1] == "复审将于 2026-01-01 到期（还有 1 天；2021-01-01 实施）"
    assert messages(wh, "L602", lang="en")[1] == (
        "the review falls due on 2026-01-01 (in 1 day; effective 2021-01-01)"
    )
    wider = findings(wh, "L602", thresholds={"review_due_days": 91})
    assert (path("DB50/T 9-2021"), 8, 12, "L602") in wider


def test_l602_quiet_when_overdue_or_far(mini: MiniFactory) -> None:
    wh = mini({**own("DB50/T 1-2020", "2020-12-31"), **own("DB50/T 4-2023", "2023-01-01")}).load()
    assert findings(wh, "L602") == []  # the first is L601, the second due in 2028


def test_l603_evaluation_due(mini: MiniFactory) -> None:
    wh = mini(
        {
            # in force a full year on 2025-12-31, never evaluated
            **own("DB50/T 1-2024", "2024-12-31"),
            # its evaluation is dated after the as-of date
            **own(
                "JGSW/SPB 2-2023",
                "2023-02-01",
                "evaluations:\n  - {date: 2026-01-05, method: DB50/T 1053-2020, score: 90}\n",
                level="internal",
            ),
        }
    ).load()
    assert findings(wh, "L603") == [
        (path("DB50/T 1-2024"), 8, 12, "L603"),
        (path("JGSW/SPB 2-2023"), 8, 12, "L603"),
    ]
    assert messages(wh, "L603")[0] == "实施已满 1 年（2024-12-31 起），尚无实施效果评价记录"


def test_l603_quiet(mini: MiniFactory) -> None:
    wh = mini(
        {
            **own("DB50/T 1-2025", "2025-01-01"),  # one day short of a year
            **own(
                "DB50/T 2-2023",
                "2023-02-01",
                "evaluations:\n  - {date: 2024-06-01, method: DB50/T 1053-2020, score: 90}\n",
            ),
            **own("Q/CQHQ 0003-2020", "2020-02-01", level="enterprise"),  # not an own standard
        }
    ).load()
    assert findings(wh, "L603") == []


REVISE = "reviews:\n  - {date: 2024-05-01, conclusion: revise}\n"


def planned(code: str, year: int, supersedes: str, status: str = "drafting") -> dict[str, str]:
    slug = code.lower().replace("/", "-").replace(" ", "-")
    return {
        f"data/standards/vehicles/{slug}.yaml": (
            f"code: {code}\ntitle: 修订{slug}\nlevel: local\narea: vehicles\n"
            f"items: [vehicles.quota]\nstatus: {status}\nplan: {{year: {year}, kind: revision}}\n"
            f"supersedes: [{supersedes}]\n"
        )
    }


def test_l604_revise_without_a_revision(mini: MiniFactory) -> None:
    wh = mini({**own("DB50/T 1-2018", "2018-03-01", REVISE)}).load()
    assert findings(wh, "L604") == [(path("DB50/T 1-2018"), 10, 5, "L604")]
    assert messages(wh, "L604") == ["2024-05-01 复审结论为修订，但标准仓中没有它的修订项目"]
    # before the review the duty did not exist
    assert findings(wh, "L604", as_of=dt.date(2024, 4, 30)) == []


def test_l604_quiet_when_revision_planned_or_later_review(mini: MiniFactory) -> None:
    wh = mini(
        {
            **own("DB50/T 1-2018", "2018-03-01", REVISE),
            **planned("DB50/T 1-2026", 2026, "DB50/T 1-2018"),
            **own(
                "DB50/T 2-2018",
                "2018-03-01",
                REVISE + "  - {date: 2025-06-01, conclusion: continue}\n",
            ),
        }
    ).load()
    assert findings(wh, "L604") == []


def test_l605_revision_past_its_plan_year(mini: MiniFactory) -> None:
    wh = mini(
        {
            **own("DB50/T 1-2018", "2018-03-01", REVISE),
            **planned("DB50/T 1-2024", 2024, "DB50/T 1-2018"),
        }
    ).load()
    assert findings(wh, "L605") == [(path("DB50/T 1-2018"), 10, 5, "L605")]
    assert messages(wh, "L605") == [
        "2024-05-01 复审结论为修订；修订项目 DB50/T 1-2024 计划 2024 年发布，至 2025-12-31 仍未发布"
    ]


def test_l605_quiet_while_the_plan_year_runs(mini: MiniFactory) -> None:
    wh = mini(
        {
            **own("DB50/T 1-2018", "2018-03-01", REVISE),
            **planned("DB50/T 1-2025", 2025, "DB50/T 1-2018"),
        }
    ).load()
    assert findings(wh, "L605") == []


def test_l606_repeal_concluded_but_still_in_force(mini: MiniFactory) -> None:
    tail = "reviews:\n  - {date: 2025-03-01, conclusion: repeal}\n"
    wh = mini({**own("DB50/T 1-2015", "2015-03-01", tail)}).load()
    assert findings(wh, "L606") == [(path("DB50/T 1-2015"), 10, 5, "L606")]


def test_l606_quiet_once_repealed(mini: MiniFactory) -> None:
    text = (
        "code: DB50/T 1-2015\ntitle: 旧规范\nlevel: local\narea: vehicles\n"
        "items: [vehicles.quota]\nstatus: repealed\npublished: 2015-01-01\n"
        "effective: 2015-03-01\nrepealed: 2025-06-01\n"
        "reviews:\n  - {date: 2025-03-01, conclusion: repeal}\n"
    )
    wh = mini({"data/standards/vehicles/db50-t-1-2015.yaml": text}).load()
    assert findings(wh, "L606") == []


def test_l607_planned_past_its_year(mini: MiniFactory) -> None:
    wh = mini({**planned("DB50/T 5-2024", 2024, "DB50/T 4-2018", status="consultation")}).load()
    assert findings(wh, "L607") == [("data/standards/vehicles/db50-t-5-2024.yaml", 6, 9, "L607")]
    assert messages(wh, "L607", lang="en") == [
        "planned for 2024 and still not published on 2025-12-31"
    ]


def test_l607_quiet_in_its_year_or_published(mini: MiniFactory) -> None:
    wh = mini(
        {
            **planned("DB50/T 5-2025", 2025, "DB50/T 4-2018"),
            **own("DB50/T 6-2024", "2024-06-01", "plan: {year: 2024, kind: new}\n"),
        }
    ).load()
    assert findings(wh, "L607") == []
    # as of a date before its publication, a published standard was still in the pipeline
    assert findings(wh, "L607", as_of=dt.date(2025, 1, 1)) == []


USAGE = "usage:\n  - {year: 2024, applying: 10, applicable: 40}\n  - {year: 2025, applying: 5, applicable: 40}\n"


def test_l608_low_usage_in_the_latest_full_year(mini: MiniFactory) -> None:
    wh = mini({**own("DB50/T 1-2020", "2020-03-01", USAGE)}).load()
    assert findings(wh, "L608") == [(path("DB50/T 1-2020"), 11, 5, "L608")]
    assert messages(wh, "L608") == ["2025 年标准综合运用率 12%（5/40），低于 50%，列为清理候选"]
    # on 30 December the 2025 count is not final yet: 2024 is the latest full year
    assert findings(wh, "L608", as_of=dt.date(2025, 12, 30)) == [
        (path("DB50/T 1-2020"), 10, 5, "L608")
    ]


def test_l608_quiet_above_the_rate(mini: MiniFactory) -> None:
    wh = mini({**own("DB50/T 1-2020", "2020-03-01", USAGE)}).load()
    assert findings(wh, "L608", thresholds={"low_usage_rate": 0.1}) == []


def test_l609_no_usage_record_for_the_last_full_year(mini: MiniFactory) -> None:
    only_2024 = "usage:\n  - {year: 2024, applying: 30, applicable: 40}\n"
    wh = mini(
        {
            **own("DB50/T 1-2020", "2020-03-01", only_2024),
            **own("DB50/T 2-2020", "2020-03-01"),
        }
    ).load()
    assert findings(wh, "L609") == [
        (path("DB50/T 1-2020"), 9, 1, "L609"),
        (path("DB50/T 2-2020"), 1, 7, "L609"),
    ]
    assert findings(wh, "L609", as_of=dt.date(2025, 12, 30)) == [
        (path("DB50/T 2-2020"), 1, 7, "L609")
    ]


def test_l609_quiet_with_a_record_possible_without_dates(mini: MiniFactory) -> None:
    wh = mini(
        {
            **own("DB50/T 1-2020", "2020-03-01", USAGE),
            **own("DB50/T 2-2020", None),
            **own("GB/T 3-2020", "2020-03-01", level="national"),
        }
    ).load()
    assert [f[0] for f in findings(wh, "L609")] == [path("DB50/T 2-2020")]
    assert messages(wh, "L609") == [
        "缺少 2025 年的标准综合运用率统计，可能是现行标准：取决于 DB50/T 2-2020 的实施日期"
    ]
