"""Family G: framework gaps, each with a warehouse where it fires and one where it does not.

The mini framework (tests/conftest.py) puts its areas and items on these lines:
vehicles (main) line 6, items vehicles.quota 10 and vehicles.disposal 11;
logistics (main) line 12, items logistics.property 16 and logistics.catering 17;
reception line 18, item reception.meeting 22; collaboration group line 24.
"""

from __future__ import annotations

import datetime as dt

from jgsw_std.load.warehouse import Warehouse
from jgsw_std.rules.registry import CheckContext
from jgsw_std.rules.runner import CheckOptions, run_checks
from tests.conftest import MiniFactory
from tests.rules.helpers import END, findings, messages

FW = "data/framework.yaml"


def std(code: str, body: str, area: str = "vehicles") -> dict[str, str | bytes]:
    """A standard file: ``code`` on line 1, then ``body``, then its area unless body has one."""
    slug = code.lower().replace("/", "-").replace(" ", "-")
    tail = "" if "area:" in body else f"area: {area}\n"
    return {f"data/standards/{area}/{slug}.yaml": f"code: {code}\n{body}{tail}"}


IN_FORCE = "status: published\npublished: 2020-01-01\neffective: 2020-03-01\n"


def test_g501_items_without_a_standard_in_force(mini: MiniFactory) -> None:
    wh = mini(
        {
            **std("GB/T 1-2020", "title: 公务用车编制规范\nitems: [vehicles.quota]\n" + IN_FORCE),
            # the only standard for logistics.property was repealed: still a hole
            **std(
                "DB50/T 2-2019",
                "title: 物业服务规范\nitems: [logistics.property]\n"
                "status: repealed\npublished: 2019-01-01\neffective: 2019-02-01\n"
                "repealed: 2024-01-01\n",
                area="logistics",
            ),
        }
    ).load()
    assert findings(wh, "G501") == [
        (FW, 11, 9, "G501"),  # vehicles.disposal
        (FW, 16, 9, "G501"),  # logistics.property: its one standard is repealed
        (FW, 17, 9, "G501"),  # logistics.catering
        (FW, 22, 9, "G501"),  # reception.meeting
    ]
    texts = messages(wh, "G501")
    assert texts[0] == "业务事项「公务用车／处置」（vehicles.disposal）没有现行标准（缺标）"
    assert "1 项标准列出该事项，但均未实施或已失效" in texts[1]
    assert messages(wh, "G501", lang="en")[0] == (
        "business item vehicles / vehicles.disposal (vehicles.disposal) has no standard "
        "in force (a gap)"
    )


def test_g501_quiet_when_covered_possible_when_dates_unknown(mini: MiniFactory) -> None:
    wh = mini(
        {
            **std(
                "GB/T 1-2020",
                "title: 公务用车规范\nitems: [vehicles.quota, vehicles.disposal]\n" + IN_FORCE,
            ),
            **std(
                "DB50/T 2-2020",
                "title: 物业与餐饮规范\n"
                "items: [logistics.property, logistics.catering]\n" + IN_FORCE,
                area="logistics",
            ),
            # published, dates not recorded: whether it is in force waits on its date
            **std(
                "DB50/T 3-2020",
                "title: 会议服务规范\nitems: [reception.meeting]\nstatus: published\n",
                area="reception",
            ),
        }
    ).load()
    assert findings(wh, "G501") == [(FW, 22, 9, "G501")]
    assert messages(wh, "G501") == [
        "业务事项「服务接待／会议服务」（reception.meeting）可能没有现行标准（缺标）："
        "取决于 DB50/T 3-2020 的实施日期"
    ]
    assert messages(wh, "G501", lang="en") == [
        "business item reception / reception.meeting (reception.meeting) may have no "
        "standard in force: it depends on the effective date of DB50/T 3-2020"
    ]


def test_g501_judges_the_as_of_date(mini: MiniFactory) -> None:
    files = std("GB/T 1-2020", "title: 公务用车规范\nitems: [vehicles.quota]\n" + IN_FORCE)
    wh = mini(files).load()
    before = findings(wh, "G501", as_of=dt.date(2020, 2, 1))  # not yet effective
    assert (FW, 10, 9, "G501") in before
    assert (FW, 10, 9, "G501") not in findings(wh, "G501")


def test_g502_main_area_without_new_local_standard(mini: MiniFactory) -> None:
    wh = mini(
        {
            # published before the plan period (2021-01-01): does not count
            **std(
                "DB50/T 1-2019",
                "title: 公务用车规范\nlevel: local\nitems: [vehicles.quota]\n"
                "status: published\npublished: 2019-05-01\neffective: 2019-06-01\n",
            ),
            # a national standard is not a local one
            **std(
                "GB/T 2-2023",
                "title: 物业规范\nitems: [logistics.property]\n"
                "status: published\npublished: 2023-01-01\neffective: 2023-02-01\n",
                area="logistics",
            ),
        }
    ).load()
    assert findings(wh, "G502") == [(FW, 6, 11, "G502"), (FW, 12, 11, "G502")]
    assert messages(wh, "G502")[0] == (
        "主干业务领域「公务用车」在规划期内（2021-01-01 起）没有发布地方标准"
        "（已有 1 项地方标准，均不在规划期内发布）"
    )


def test_g502_quiet_when_published_in_period_or_undecidable(mini: MiniFactory) -> None:
    wh = mini(
        {
            **std(
                "DB50/T 1-2022",
                "title: 公务用车规范\nitems: [vehicles.quota]\n"
                "status: published\npublished: 2022-05-01\neffective: 2022-06-01\n",
            ),
            # no publication date, but its code's year (2023) lies inside the period: counts
            **std(
                "DB50/T 2-2023",
                "title: 物业规范\nitems: [logistics.property]\nstatus: published\n",
                area="logistics",
            ),
        }
    ).load()
    assert findings(wh, "G502") == []


def test_g502_code_year_settles_a_missing_date(mini: MiniFactory) -> None:
    wh = mini(
        {
            # no dates, but the code says 2019: before the plan period for certain
            **std(
                "DB50/T 1-2019", "title: 公务用车规范\nitems: [vehicles.quota]\nstatus: published\n"
            ),
            **std(
                "DB50/T 2-2022",
                "title: 物业规范\nitems: [logistics.property]\n"
                "status: published\npublished: 2022-05-01\neffective: 2022-06-01\n",
                area="logistics",
            ),
        }
    ).load()
    assert findings(wh, "G502") == [(FW, 6, 11, "G502")]


def test_g503_main_area_without_evaluation_standard(mini: MiniFactory) -> None:
    wh = mini(
        {
            # an evaluation standard that is not yet in force on the as-of date
            **std(
                "DB50/T 1-2025",
                "title: 公务用车评价规范\ncategory: evaluation\n"
                "items: [vehicles.quota]\nstatus: published\npublished: 2025-11-01\n"
                "effective: 2026-02-01\n",
            ),
        }
    ).load()
    assert findings(wh, "G503") == [(FW, 6, 11, "G503"), (FW, 12, 11, "G503")]
    assert findings(wh, "G503", as_of=dt.date(2026, 3, 1)) == [(FW, 12, 11, "G503")]


def test_g503_quiet_with_evaluation_standards(mini: MiniFactory) -> None:
    wh = mini(
        {
            **std(
                "DB50/T 1-2020",
                "title: 公务用车评价规范\ncategory: evaluation\n"
                "items: [vehicles.quota]\n" + IN_FORCE,
            ),
            # dates unknown: a possible gap (info), waiting on its effective date
            **std(
                "DB50/T 2-2020",
                "title: 后勤服务评价规范\ncategory: evaluation\n"
                "items: [logistics.property]\nstatus: published\n",
                area="logistics",
            ),
        }
    ).load()
    assert findings(wh, "G503") == [(FW, 12, 11, "G503")]
    assert messages(wh, "G503") == [
        "主干业务领域「后勤服务」可能没有现行的监督评价类标准：取决于 DB50/T 2-2020 的实施日期"
    ]


def test_g504_collab_group_without_group_standard(mini: MiniFactory) -> None:
    wh = mini(
        {
            # published after the as-of date
            **std(
                "T/CQHQ 1-2026",
                "title: 川渝后勤服务规范\ncollab_group: cq-sc-logistics\n"
                "items: [logistics.property]\nstatus: published\npublished: 2026-03-01\n"
                "effective: 2026-04-01\n",
                area="logistics",
            ),
        }
    ).load()
    assert findings(wh, "G504") == [(FW, 24, 12, "G504")]
    assert findings(wh, "G504", as_of=dt.date(2026, 3, 1)) == []


def test_g504_quiet_with_a_group_standard(mini: MiniFactory) -> None:
    wh = mini(
        {
            **std(
                "T/CQHQ 1-2022",
                "title: 川渝后勤服务规范\ncollab_group: cq-sc-logistics\n"
                "items: [logistics.property]\nstatus: published\n",
                area="logistics",
            ),
        }
    ).load()
    # no publication date, but a 2022 code was published by 2025-12-31
    assert findings(wh, "G504") == []


def test_g505_standard_outside_its_areas_items(mini: MiniFactory) -> None:
    wh = mini(
        {
            # line 3: items of another area only
            **std("DB50/T 1-2020", "title: 公务用车规范\nitems: [logistics.property]\n" + IN_FORCE),
            # no items at all: points at area (line 3)
            **std("DB50/T 2-2020", "title: 公务用车处置规范\narea: vehicles\n" + IN_FORCE),
        }
    ).load()
    assert findings(wh, "G505") == [
        ("data/standards/vehicles/db50-t-1-2020.yaml", 3, 8, "G505"),
        ("data/standards/vehicles/db50-t-2-2020.yaml", 3, 7, "G505"),
    ]
    assert "vehicles.quota, vehicles.disposal" in findings_hint(wh)


def findings_hint(wh: Warehouse) -> str:
    result = run_checks(wh, CheckContext.on(wh, END), CheckOptions(select=["G505"]))
    return result.problems[0].hint("zh")


def test_g505_quiet_for_placed_general_and_repealed(mini: MiniFactory) -> None:
    wh = mini(
        {
            **std("DB50/T 1-2020", "title: 公务用车规范\nitems: [vehicles.quota]\n" + IN_FORCE),
            **std("DB50/T 2-2020", "title: 标准化指南\narea: general\n" + IN_FORCE, area="general"),
            **std(
                "DB50/T 3-2015",
                "title: 旧规范\narea: vehicles\nstatus: repealed\n"
                "published: 2015-01-01\neffective: 2015-02-01\nrepealed: 2020-01-01\n",
            ),
        }
    ).load()
    assert findings(wh, "G505") == []
