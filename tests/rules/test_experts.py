"""Family E: the expert pool, judged on the review's date and on the as-of date."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import MINI_FRAMEWORK, MiniFactory
from tests.rules.helpers import findings, messages

STD = "data/standards/vehicles/db50-t-7-2020.yaml"
ZHANG = """\
slug: zhang-wei
name: 张伟
organization: 重庆市标准化研究院
fields: [vehicles]
appointed: 2022-05-20
term_ends: 2025-05-19
"""
LI = """\
slug: li-na
name: 李娜
organization: 重庆市机关事务管理局
fields: [vehicles, logistics]
appointed: 2021-01-01
left: 2024-06-30
"""
EXPERTS = {"data/experts/zhang-wei.yaml": ZHANG, "data/experts/li-na.yaml": LI}


def standard(reviews: str, drafters: str = "") -> dict[str, str]:
    """A standard in force from 2020; its review list from line 9."""
    text = (
        "code: DB50/T 7-2020\ntitle: 测试标准\nlevel: local\narea: vehicles\n"
        f"{drafters or 'drafters: [重庆市节能中心]'}\nstatus: published\n"
        f"published: 2020-01-01\neffective: 2020-02-01\n{reviews}"
    )
    return {STD: text}


def review(day: str, *slugs: str) -> str:
    return f"reviews:\n  - {{date: {day}, conclusion: continue, experts: [{', '.join(slugs)}]}}\n"


def test_e901_unknown_expert_with_a_suggestion(mini: MiniFactory) -> None:
    wh = mini({**EXPERTS, **standard(review("2024-01-10", "li-na", "zhang-we"))}).load()
    assert findings(wh, "E901") == [(STD, 10, 63, "E901")]
    assert messages(wh, "E901") == [
        "复审（2024-01-10）列出的专家 zhang-we 不在专家库中；是不是 zhang-wei？"
    ]


def test_e901_quiet_for_known_experts_and_for_a_broken_expert_file(mini: MiniFactory) -> None:
    broken = {"data/experts/wang-fang.yaml": "slug: wang-fang\nname: 王芳\n"}  # no organization
    wh = mini({**EXPERTS, **broken, **standard(review("2024-01-10", "li-na", "wang-fang"))}).load()
    assert findings(wh, "E901") == []


def test_e901_in_a_warehouse_without_experts(mini: MiniFactory) -> None:
    wh = mini(standard(review("2024-01-10", "li-na"))).load()
    assert findings(wh, "E901") == [(STD, 10, 56, "E901")]


@pytest.mark.parametrize(
    ("day", "slug", "outside"),
    [
        ("2022-05-19", "zhang-wei", True),  # the day before appointed
        ("2022-05-20", "zhang-wei", False),  # appointed that day
        ("2025-05-19", "zhang-wei", False),  # the term's last day
        ("2025-05-20", "zhang-wei", True),  # the day after the term
        ("2024-06-30", "li-na", False),  # the day recorded as left
        ("2024-07-01", "li-na", True),  # the day after
    ],
)
def test_e902_pool_window_on_its_exact_days(
    mini: MiniFactory, day: str, slug: str, outside: bool
) -> None:
    wh = mini({**EXPERTS, **standard(review(day, slug))}).load()
    expected = [(STD, 10, 56, "E902")] if outside else []
    assert findings(wh, "E902") == expected


def test_e902_says_why_and_ignores_reviews_after_the_as_of_date(mini: MiniFactory) -> None:
    wh = mini({**EXPERTS, **standard(review("2025-05-20", "zhang-wei"))}).load()
    assert messages(wh, "E902") == [
        "复审（2025-05-20）列出的专家 张伟（zhang-wei）当日不在专家库内：聘期已于 2025-05-19 届满"
    ]
    assert "left the pool" not in messages(wh, "E902", lang="en")[0]
    assert findings(wh, "E902", as_of=dt.date(2025, 5, 19)) == []
    # a review dated on the as-of date itself is judged
    assert findings(wh, "E902", as_of=dt.date(2025, 5, 20)) == [(STD, 10, 56, "E902")]


@pytest.mark.parametrize(
    ("expert", "day", "why"),
    [
        # appointed on the review day but recorded as left before it (E905 says so too):
        # the reason is the leaving, not the appointment
        (
            "appointed: 2022-05-20\nleft: 2022-05-01\n",
            "2022-05-20",
            "已于 2022-05-01 出库",
        ),
        # the term ended before the day recorded as left, the review on that day:
        # the reason is the term, not the leaving
        (
            "appointed: 2021-01-01\nterm_ends: 2024-01-31\nleft: 2024-03-01\n",
            "2024-03-01",
            "聘期已于 2024-01-31 届满",
        ),
        ("appointed: 2022-05-20\n", "2022-05-19", "2022-05-20 才入库"),
        ("appointed: 2021-01-01\nleft: 2024-06-30\n", "2024-07-01", "已于 2024-06-30 出库"),
    ],
)
def test_e902_names_the_reason_on_the_edge_days(
    mini: MiniFactory, expert: str, day: str, why: str
) -> None:
    wang = (
        f"slug: wang-fang\nname: 王芳\norganization: 重庆市节能中心\nfields: [vehicles]\n{expert}"
    )
    wh = mini({"data/experts/wang-fang.yaml": wang, **standard(review(day, "wang-fang"))}).load()
    assert messages(wh, "E902") == [
        f"复审（{day}）列出的专家 王芳（wang-fang）当日不在专家库内：{why}"
    ]


def test_e903_reviewer_from_the_drafting_organization(mini: MiniFactory) -> None:
    drafters = "drafters: [重庆市 机关事务管理局, 重庆市节能中心]"  # spaces do not matter
    wh = mini({**EXPERTS, **standard(review("2024-01-10", "zhang-wei", "li-na"), drafters)}).load()
    assert findings(wh, "E903") == [(STD, 10, 67, "E903")]
    assert "重庆市机关事务管理局" in messages(wh, "E903")[0]
    evaluation = "evaluations:\n  - {date: 2023-01-10, score: 90, experts: [li-na]}\n"
    wh = mini({**EXPERTS, **standard(evaluation, drafters)}).load()
    assert findings(wh, "E903") == [(STD, 10, 45, "E903")]
    assert "实施效果评价" in messages(wh, "E903")[0]
    wh = mini({**EXPERTS, **standard(review("2024-01-10", "zhang-wei", "li-na"))}).load()
    assert findings(wh, "E903") == []


ONE = MINI_FRAMEWORK.replace(
    "low_usage_rate: 0.5\n", "low_usage_rate: 0.5\nmin_experts_per_area: 1\n"
)


@pytest.mark.parametrize(
    ("as_of", "short"),
    [
        (dt.date(2020, 12, 31), ["vehicles", "logistics"]),  # the day before anyone joined
        (dt.date(2021, 1, 1), []),  # li-na joins and covers both
        (dt.date(2022, 5, 19), []),  # zhang-wei not yet in; li-na still covers both
        (dt.date(2024, 6, 30), []),  # li-na's last day: both areas covered
        (dt.date(2024, 7, 1), ["logistics"]),  # li-na gone; zhang-wei covers vehicles
        (dt.date(2025, 5, 19), ["logistics"]),  # zhang-wei's last day
        (dt.date(2025, 5, 20), ["vehicles", "logistics"]),  # nobody left
    ],
)
def test_e904_main_area_short_of_experts_on_the_as_of_date(
    mini: MiniFactory, as_of: dt.date, short: list[str]
) -> None:
    wh = mini(EXPERTS, framework=ONE).load()
    lines = {"vehicles": (6, 11), "logistics": (12, 11)}  # `- code: ...` in framework.yaml
    expected = [("data/framework.yaml", *lines[a], "E904") for a in short]
    assert findings(wh, "E904", as_of=as_of) == expected


def test_e904_default_minimum(mini: MiniFactory) -> None:
    wh = mini(EXPERTS).load()
    assert messages(wh, "E904", as_of=dt.date(2023, 1, 1)) == [
        "主干业务领域 公务用车 在 2023-01-01 只有 2 名在库专家，少于 3 名",
        "主干业务领域 后勤服务 在 2023-01-01 只有 1 名在库专家，少于 3 名",
    ]


def test_e904_quiet_in_a_warehouse_without_a_pool(mini: MiniFactory) -> None:
    assert findings(mini().load(), "E904") == []


def test_e905_dates_before_appointed(mini: MiniFactory) -> None:
    bad = ZHANG.replace("term_ends: 2025-05-19", "term_ends: 2022-05-19\nleft: 2022-05-20")
    wh = mini({"data/experts/zhang-wei.yaml": bad}).load()
    assert findings(wh, "E905") == [("data/experts/zhang-wei.yaml", 6, 12, "E905")]
    assert messages(wh, "E905", lang="en") == [
        "the term end 2022-05-19 is before the date the expert joined the pool, 2022-05-20"
    ]


def test_e906_unknown_field(mini: MiniFactory) -> None:
    bad = ZHANG.replace("fields: [vehicles]", "fields: [general, vehicle]")
    wh = mini({"data/experts/zhang-wei.yaml": bad}).load()
    assert findings(wh, "E906") == [("data/experts/zhang-wei.yaml", 4, 19, "E906")]
