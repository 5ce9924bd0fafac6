"""`jgsw site`: a standard's feedback and experts, and the registries' figures on the home page."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from jgsw_std.model.codes import code_slug
from tests.conftest import MiniFactory

from .conftest import build, visible_text

CODE = "DB50/T 1-2019"
PAGE = f"standards/{code_slug(CODE)}.html"
PHONE = "023-6000-1234"
EMAIL = "zhang.wei@private.example"

FILES = {
    "data/standards/vehicles/db50-t-1-2019.yaml": (
        f"code: {CODE}\ntitle: 公务用车标识规范\nlevel: local\ncategory: operation\n"
        "area: vehicles\nitems: [vehicles.quota]\nstatus: published\n"
        "published: 2019-01-01\neffective: 2019-03-01\n"
        "drafters: [重庆市机关事务管理局, 重庆市标准化研究院]\n"
        "reviews:\n"
        "  - {date: 2024-03-01, conclusion: continue, experts: [zhang-wei, nobody]}\n"
        "  - {conclusion: continue, experts: [li-na]}\n"
        "evaluations:\n"
        "  - {date: 2024-06-01, score: 88, experts: [li-na]}\n"
    ),
    "data/experts/zhang-wei.yaml": (
        "slug: zhang-wei\nname: 张伟\norganization: 西南大学\nfields: [vehicles]\n"
        f"appointed: 2020-01-01\ncontact: {{phone: {PHONE}, email: {EMAIL}}}\n"
    ),
    "data/experts/li-na.yaml": (
        "slug: li-na\nname: 李娜\norganization: 重庆大学\nfields: [vehicles]\n"
        "appointed: 2020-01-01\n"
    ),
    # answered on 2025-01-20, closed on 2025-02-10: one item through its states
    "data/feedback/2025/2025-0001.yaml": (
        f"id: 2025-0001\nstandard: {CODE}\nfrom: shapingba\nreceived: 2025-01-02\n"
        "kind: problem\ntext: 张三（电话 13800000000）反映第5条不清楚\n"
        "response: {date: 2025-01-20, by: chongqing, action: interpretation, text: 已解释}\n"
        "closed: 2025-02-10\n"
    ),
    # never answered: due 30 days after receipt, late from the 31st
    "data/feedback/2025/2025-0002.yaml": (
        f"id: 2025-0002\nstandard: {CODE}\nfrom: wanzhou\nreceived: 2025-03-01\n"
        "kind: suggestion\ntext: 建议增加新能源车标识\n"
    ),
}


def _section(html: str, key: str) -> str:
    found = re.search(rf'<section id="{key}">.*?</section>', html, re.S)
    assert found is not None, key
    return visible_text(found.group(0))


def _feedback_on(root: Path, tmp_path: Path, day: dt.date) -> str:
    site = build(root, tmp_path / f"site-{day}", as_of=day)
    return _section(site.html(PAGE), "feedback")


def test_feedback_items_show_with_their_state_on_each_date(
    mini: MiniFactory, tmp_path: Path
) -> None:
    root = mini(FILES).root
    # the day before the first item arrives: no section at all
    site = build(root, tmp_path / "before", as_of=dt.date(2025, 1, 1))
    assert '<section id="feedback">' not in site.html(PAGE)
    received = _feedback_on(root, tmp_path, dt.date(2025, 1, 2))
    assert "2025-0001" in received and "沙坪坝区" in received and "待答复" in received
    assert "2025-0002" not in received  # received later
    answered = _feedback_on(root, tmp_path, dt.date(2025, 1, 20))
    assert "2025-01-20" in answered and "解释" in answered and "已答复，未闭环" in answered
    assert "已闭环" not in answered.split("状态", 1)[1]
    closed = _feedback_on(root, tmp_path, dt.date(2025, 2, 10))
    assert "2025-02-10" in closed and "已闭环" in closed.split("状态", 1)[1]
    # the second item: to answer on its 30th day, late on the 31st
    on_time = _feedback_on(root, tmp_path, dt.date(2025, 3, 31))
    assert "2025-0002" in on_time and "万州区" in on_time
    assert "逾期未答复" not in on_time
    late = _feedback_on(root, tmp_path, dt.date(2025, 4, 1))
    assert "逾期未答复" in late
    page = build(root, tmp_path / "chips", as_of=dt.date(2025, 4, 1)).html(PAGE)
    assert '<span class="chip st-not-met">逾期未答复</span>' in page
    assert '<span class="chip st-met">已闭环</span>' in page
    # the unit links to its page; what was said is never published
    assert 'href="../districts/shapingba.html"' in page
    assert "13800000000" not in page and "张三" not in page and "建议增加" not in page


def test_experts_by_name_and_organization_never_contact(mini: MiniFactory, tmp_path: Path) -> None:
    site = build(mini(FILES).root, tmp_path / "site")
    page = site.html(PAGE)
    experts = _section(page, "experts")
    assert "起草单位 重庆市机关事务管理局" in experts
    assert "复审专家 张伟 西南大学 2024-03-01" in experts
    assert "评价专家 李娜 重庆大学 2024-06-01" in experts
    assert "复审专家 李娜 重庆大学 日期待补" in experts  # the review recorded without a date
    assert "复审专家 nobody （专家库中没有此人）" in experts
    timeline = _section(page, "timeline")
    assert "专家：张伟、nobody" in timeline and "专家：李娜" in timeline
    for path in site.pages():
        text = path.read_text("utf-8")
        assert PHONE not in text and EMAIL not in text, path


def test_home_shows_the_registries_figures_today_and_at_the_plan_end(
    mini: MiniFactory, tmp_path: Path
) -> None:
    site = build(mini(FILES).root, tmp_path / "site", as_of=dt.date(2025, 3, 31))
    home = site.html("index.html")
    figures = _section(home, "registries")
    assert "在库专家 2" in figures
    # today: both received, one answered; the second still within its 30 days
    assert "收到反馈 2" in figures and "已闭环 1" in figures and "逾期未答复 0" in figures
    # at the plan's end (2025-12-31 in the mini plan) the second is late
    row = re.search(r"逾期未答复 0 (\d+)", figures)
    assert row is not None and row.group(1) == "1"


def test_home_says_no_data_without_registries(mini: MiniFactory, tmp_path: Path) -> None:
    files = {k: v for k, v in FILES.items() if k.startswith("data/standards")}
    site = build(mini(files).root, tmp_path / "site")
    figures = _section(site.html("index.html"), "registries")
    assert "无数据" in figures and "在库专家 0" not in figures


def test_materials_listing_and_pages_are_searched(mini: MiniFactory, tmp_path: Path) -> None:
    files = {
        **FILES,
        "data/materials/car-study.yaml": (
            "slug: car-study\ntitle: 公务用车改革研究报告\nkind: research\ndate: 2024-05-01\n"
            "areas: [vehicles]\ntags: [改革]\nurl: https://www.example.org/car-study.pdf\n"
        ),
    }
    site = build(mini(files).root, tmp_path / "site")
    listing = site.html("materials/index.html")
    assert 'href="../materials/car-study.html"' in listing and "研究报告" in listing
    page = site.html("materials/car-study.html")
    header = page.split("<header data-pagefind-body>")[1].split("</header>")[0]
    assert "公务用车改革研究报告" in header and "改革" in header.split("<div hidden>")[1]
    assert 'href="https://www.example.org/car-study.pdf"' in page
    searched = {p.path for p in site.plan.pages if p.indexed}
    assert "materials/car-study.html" in searched and "materials/index.html" not in searched
    assert 'href="../materials/index.html"' in site.html(PAGE)  # in every page's menu


def test_no_materials_says_so(mini: MiniFactory, tmp_path: Path) -> None:
    site = build(mini({}).root, tmp_path / "site")
    assert "资料库中还没有资料" in site.html("materials/index.html")


def test_ranges_and_undated_records_render(mini: MiniFactory, tmp_path: Path) -> None:
    """An undated review makes the review rate a range (待核实); undated records say 日期待补."""
    files = {
        "data/districts/shapingba.yaml": (
            "slug: shapingba\nname: 沙坪坝区\nkind: district\nregion: main-urban\n"
            "subregion: central\nactivities:\n  - {kind: training, title: 标准化培训班}\n"
            "  - {date: 2024-05-01, kind: meeting, title: 年度标准化工作会议}\n"
        ),
        "data/standards/vehicles/db50-t-2-2018.yaml": (
            "code: DB50/T 2-2018\ntitle: 公务用车管理规范\nlevel: local\ncategory: operation\n"
            "area: vehicles\nitems: [vehicles.quota]\nstatus: published\n"
            "published: 2018-01-01\neffective: 2018-03-01\nreviews:\n  - {conclusion: continue}\n"
        ),
    }
    site = build(mini(files).root, tmp_path / "site")
    home = site.html("index.html")
    row = re.search(r'<td class="num" data-sort="17">.*?</tr>', home, re.S)
    assert row is not None
    assert row.group(0).count("0%–100% (0–1/1)") == 2  # today and at the plan's end
    assert row.group(0).count('<span class="chip st-unsettled">待核实</span>') == 2
    timeline = _section(site.html(f"standards/{code_slug('DB50/T 2-2018')}.html"), "timeline")
    assert timeline.strip().endswith("日期待补 复审 继续有效")  # undated last
    activities = _section(site.html("districts/shapingba.html"), "activities")
    assert "2024-05-01 会议 年度标准化工作会议 日期待补 培训 标准化培训班 待补" in activities
