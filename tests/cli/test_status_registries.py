"""`jgsw status`: the warehouse's own figures after the indicators, and "no data" without them."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from tests.conftest import REPO, CliRunner, MiniFactory

from jgsw_std.lifecycle.asof import AsOf
from jgsw_std.metrics.registries import registry_figures
from jgsw_std.metrics.scope import parse_scope

STD = "data/standards/vehicles/db50-t-7-2020.yaml"
STANDARD = (
    "code: DB50/T 7-2020\ntitle: 测试标准\nlevel: local\narea: vehicles\nowner: shapingba\n"
    "items: [vehicles.quota]\nstatus: published\npublished: 2022-01-01\neffective: 2022-02-01\n"
)


def feedback(ident: str, unit: str, received: str, tail: str = "") -> dict[str, str]:
    return {
        f"data/feedback/{ident[:4]}/{ident}.yaml": (
            f"id: {ident}\nstandard: DB50/T 7-2020\nfrom: {unit}\nreceived: {received}\n"
            f"text: 条款难以执行。\n{tail}"
        )
    }


def answer(day: str, closed: str | None = None) -> str:
    text = f"response: {{date: {day}, by: shapingba, action: interpretation}}\n"
    return text + (f"closed: {closed}\n" if closed else "")


def expert(slug: str, fields: str, appointed: str = "2021-03-01", tail: str = "") -> dict[str, str]:
    return {
        f"data/experts/{slug}.yaml": (
            f"slug: {slug}\nname: 专家{slug}\norganization: 某院\nfields: [{fields}]\n"
            f"appointed: {appointed}\ncontact: {{phone: '13800000000'}}\n{tail}"
        )
    }


FILES = {
    STD: STANDARD,
    # answered on its 30th day (in time), closed
    **feedback("2024-0001", "shapingba", "2024-03-02", answer("2024-04-01", "2024-04-20")),
    # answered on its 31st day (late), still open
    **feedback("2024-0002", "wanzhou", "2024-03-02", answer("2024-04-02")),
    # never answered: late from 2025-01-02 on
    **feedback("2024-0003", "wanzhou", "2024-12-02"),
    # received after the as-of date of most tests
    **feedback("2026-0001", "shapingba", "2026-01-05"),
    **expert("a", "vehicles"),
    **expert("b", "vehicles, logistics"),
    **expert("c", "vehicles", tail="term_ends: 2025-06-30\n"),
}


def test_figures_count_exact_days_and_leave_out_later_items(mini: MiniFactory) -> None:
    wh = mini(FILES).load()
    fig = registry_figures(AsOf(wh, dt.date(2025, 12, 31)), parse_scope("city", wh))
    total = fig.feedback.total
    assert (total.received, total.answered, total.answered_in_time, total.late) == (3, 2, 1, 2)
    assert (total.closed, total.open, total.median_days) == (1, 2, 30.5)
    assert fig.feedback.unanswered_late == ("2024-0003",)
    assert [g.key for g in fig.feedback.by_year] == ["2024"]  # 2026's item not yet received
    assert [(g.key, g.figures.received) for g in fig.feedback.by_unit] == [
        ("shapingba", 1),
        ("wanzhou", 2),
    ]
    assert [(i.id, i.state) for i in fig.feedback.open_items] == [
        ("2024-0002", "answered"),
        ("2024-0003", "unanswered-late"),
    ]
    # the third expert's term ended: vehicles keeps two, logistics one; both main, both short
    pool = fig.pool
    assert pool.in_pool == 2
    assert {a.code: a.count for a in pool.areas} == {"vehicles": 2, "logistics": 1, "reception": 0}
    assert [a.code for a in pool.short] == ["vehicles", "logistics"]
    on_last_day = registry_figures(AsOf(wh, dt.date(2025, 6, 30)), parse_scope("city", wh))
    assert on_last_day.pool.in_pool == 3 and [a.code for a in on_last_day.pool.short] == [
        "logistics"
    ]
    # an item counts from the day it was received
    for day, count in ((dt.date(2024, 12, 1), 2), (dt.date(2024, 12, 2), 3)):
        fig = registry_figures(AsOf(wh, day), parse_scope("city", wh))
        assert fig.feedback.total.received == count, day
    # the first item is open the day before its closing, closed on the day
    for day, open_ids in (
        (dt.date(2024, 4, 19), ["2024-0001", "2024-0002"]),
        (dt.date(2024, 4, 20), ["2024-0002"]),
    ):
        fig = registry_figures(AsOf(wh, day), parse_scope("city", wh))
        assert [i.id for i in fig.feedback.open_items] == open_ids, day
        assert fig.feedback.total.open == len(open_ids)
    # the unanswered item is not late on its 30th day, and late the day after
    for day, late in ((dt.date(2025, 1, 1), ()), (dt.date(2025, 1, 2), ("2024-0003",))):
        fig = registry_figures(AsOf(wh, day), parse_scope("city", wh))
        assert fig.feedback.unanswered_late == late, day


def test_an_expert_with_no_fields_still_counts_in_the_pool(mini: MiniFactory) -> None:
    # DOMAIN.md: "An expert counts in the pool at D when appointed <= D and neither
    # term_ends nor left is before D" -- `fields` is optional and plays no part in it.
    files = {
        **expert("a", "vehicles"),
        "data/experts/d.yaml": "slug: d\nname: 专家d\norganization: 某院\nappointed: 2021-03-01\n",
        "data/experts/e.yaml": (
            "slug: e\nname: 专家e\norganization: 某院\nfields: []\nappointed: 2021-03-01\n"
        ),
    }
    wh = mini(files).load()
    pool = registry_figures(AsOf(wh, dt.date(2025, 12, 31)), parse_scope("city", wh)).pool
    assert pool.in_pool == 3
    assert {a.code: a.count for a in pool.areas} == {"vehicles": 1, "logistics": 0, "reception": 0}
    before = registry_figures(AsOf(wh, dt.date(2021, 2, 28)), parse_scope("city", wh)).pool
    assert before.in_pool == 0


def test_a_scope_counts_the_items_its_units_raised(mini: MiniFactory) -> None:
    wh = mini(FILES).load()
    at = AsOf(wh, dt.date(2025, 12, 31))
    city = registry_figures(at, parse_scope("city", wh))
    wanzhou = registry_figures(at, parse_scope("district:wanzhou", wh))
    northeast = registry_figures(at, parse_scope("region:northeast", wh))
    shapingba = registry_figures(at, parse_scope("district:shapingba", wh))
    assert wanzhou.feedback.total.received == northeast.feedback.total.received == 2
    assert shapingba.feedback.total.received == 1
    assert wanzhou.feedback.unanswered_late == ("2024-0003",)
    assert shapingba.feedback.unanswered_late == ()
    # the pool is the city's: the same in every scope
    assert wanzhou.pool == shapingba.pool == city.pool


def _status(cli: CliRunner, root: object, *args: str) -> str:
    result = cli("status", "--root", str(root), "--as-of", "2025-12-31", *args)
    assert result.exit_code == 0, result.stdout + result.stderr
    return result.stdout


@pytest.mark.parametrize("where", ["mini", "shipped"])
def test_no_registries_say_no_data_never_zero(
    mini: MiniFactory, cli: CliRunner, where: str
) -> None:
    root = mini({STD: STANDARD}).root if where == "mini" else REPO
    text = _status(cli, root)
    assert "专家库：无数据（标准仓中没有专家库文件 data/experts/）" in text
    assert "信息反馈：无数据（标准仓中没有信息反馈文件 data/feedback/）" in text
    section = text.split("标准仓自有数据", 1)[1]
    assert "0 名" not in section and "0 条" not in section
    english = _status(cli, root, "--lang", "en")
    assert "Expert pool: no data (no files under data/experts/)" in english
    assert "Feedback: no data (no files under data/feedback/)" in english
    doc = json.loads(_status(cli, root, "-f", "json"))["registries"]
    assert doc["experts"]["status"] == doc["feedback"]["status"] == "no-data"
    assert doc["experts"]["in_pool"] is None and doc["feedback"]["total"] is None
    assert doc["experts"]["areas"] == [] and doc["feedback"]["by_year"] == []
    assert {f["value"] for f in doc["figures"]} == {None}


def test_kept_feedback_with_nothing_received_yet_is_no_data(
    mini: MiniFactory, cli: CliRunner
) -> None:
    root = mini({STD: STANDARD, **feedback("2026-0001", "shapingba", "2026-01-05")}).root
    text = _status(cli, root)
    assert "信息反馈：无数据（截至 2025-12-31 本范围没有收到反馈的记录）" in text
    # a kept pool with nobody in it on the date is a fact: E904 judges it too
    root = mini({STD: STANDARD, **expert("late", "vehicles", appointed="2026-03-01")}).root
    text = _status(cli, root)
    assert "截至 2025-12-31 在库专家 0 名" in text
    assert (
        "在库专家不足 3 名的主干业务领域（jgsw check E904）：公务用车（0 名）、后勤服务（0 名）"
        in (text)
    )


def test_text_and_json_show_the_figures(mini: MiniFactory, cli: CliRunner) -> None:
    root = mini(FILES).root
    text = _status(cli, root)
    assert (
        "信息反馈（全市，按提出单位；答复期限 30 天）：收到 3 条，已答复 2 条，按时答复率 " in text
    )
    assert (
        "按时答复率 33.3% (1/3)，逾期未答复 1 条，已闭环 1 条，未闭环 2 条，答复用时中位数 30.5 天"
        in (text)
    )
    assert "逾期未答复（jgsw check F905）：2024-0003（DB50/T 7-2020）" in text
    assert "万州区（wanzhou）" in text and "DB50/T 7-2020 测试标准" in text
    assert "13800000000" not in text  # never a contact
    english = _status(cli, root, "--lang", "en", "--scope", "district:wanzhou")
    assert "Feedback (wanzhou, by the unit that raised it; 30 days to answer): " in english
    assert "2 received, 1 answered, answered in time 0.0% (0/2)" in english
    doc = json.loads(_status(cli, root, "-f", "json"))
    assert doc["warehouse"]["experts"] == 3 and doc["warehouse"]["feedback"] == 4
    fb = doc["registries"]["feedback"]
    assert fb["status"] == "ok" and fb["by"] == "from" and fb["scope"] == "city"
    assert fb["total"] == {
        "received": 3,
        "answered": 2,
        "answered_undated": 0,
        "answered_in_time": 1,
        "answers_due": 3,
        "in_time_rate": 0.333333,
        "late": 2,
        "closed": 1,
        "open": 2,
        "median_days": 30.5,
    }
    assert fb["unanswered_late"] == ["2024-0003"] and fb["revision_overdue"] == []
    assert [o["id"] for o in fb["open"]] == ["2024-0002", "2024-0003"]
    experts = doc["registries"]["experts"]
    assert experts["in_pool"] == 2 and experts["short"] == ["vehicles", "logistics"]
    assert "13800000000" not in json.dumps(doc)
    # one indicator only: no registry figures
    one = json.loads(_status(cli, root, "-f", "json", "-i", "17"))
    assert one["registries"] is None
    assert "标准仓自有数据" not in _status(cli, root, "-i", "17")
