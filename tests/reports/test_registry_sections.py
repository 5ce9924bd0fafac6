"""The report's 专家库 and 信息反馈 sections, and the documents linked from the catalogue."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from jgsw_std.lifecycle.asof import AsOf
from jgsw_std.load.warehouse import load_worktree
from jgsw_std.metrics.registries import registry_figures
from jgsw_std.metrics.scope import parse_scope
from jgsw_std.output.report import files_base
from jgsw_std.reports.render import render
from jgsw_std.reports.sections.catalogue import web_link
from tests.conftest import CliRunner, MiniFactory

from .conftest import END, context_of
from .markdown import outline_problems, table_problems

STD = "data/standards/vehicles/db50-t-7-2020.yaml"


def standard(documents: str = "") -> dict[str, str]:
    return {
        STD: "code: DB50/T 7-2020\ntitle: 测试标准\nlevel: local\narea: vehicles\n"
        "owner: shapingba\nitems: [vehicles.quota]\nstatus: published\n"
        f"published: 2022-01-01\neffective: 2022-02-01\n{documents}"
    }


FEEDBACK = {
    "data/feedback/2025/2025-0001.yaml": (
        "id: 2025-0001\nstandard: DB50/T 7-2020\nfrom: wanzhou\nreceived: 2025-03-02\n"
        "text: 条款难以执行。\n"
    ),
    "data/feedback/2025/2025-0002.yaml": (
        "id: 2025-0002\nstandard: DB50/T 7-2020\nfrom: shapingba\nreceived: 2025-05-02\n"
        "text: 建议增加示例。\nresponse: {date: 2025-05-10, by: shapingba, action: interpretation}\n"
        "closed: 2025-05-20\n"
    ),
}
EXPERT = {
    "data/experts/li-hua.yaml": (
        "slug: li-hua\nname: 李华\norganization: 某研究院\nfields: [vehicles, logistics]\n"
        "appointed: 2021-03-01\ncontact: {phone: '13911112222', email: li.hua@example.org}\n"
    )
}


def _keys(context: dict[str, object]) -> list[str]:
    sections = context["sections"]
    assert isinstance(sections, list)
    return [s["key"] for s in sections]


def test_demo_report_has_both_sections_with_status_figures(demo_root: Path) -> None:
    wh = load_worktree(demo_root)
    ctx = context_of(wh)
    assert _keys(ctx)[-2:] == ["experts", "feedback"]  # after the districts, no trend
    figures = registry_figures(AsOf(wh, END), parse_scope("city", wh))
    experts, feedback = ctx["experts"], ctx["feedback"]
    assert experts["in_pool"] == figures.pool.in_pool
    assert experts["short"] == [a.code for a in figures.pool.short] == ["logistics"]
    assert feedback["unanswered_late"] == list(figures.feedback.unanswered_late)
    assert feedback["total"]["received"] == figures.feedback.total.received
    assert [r["id"] for r in feedback["open"]] == [i.id for i in figures.feedback.open_items]
    md = render(ctx, "md")
    assert table_problems(md) == [] and outline_problems(md) == []
    assert "## 专家库" in md and "## 信息反馈" in md
    html = render(ctx, "html")
    assert 'id="sec-experts"' in html and 'href="#sec-feedback"' in html


def test_sections_are_left_out_without_registry_data(mini: MiniFactory) -> None:
    wh = mini(standard()).load()
    ctx = context_of(wh)
    assert ctx["experts"] is None and ctx["feedback"] is None
    assert "experts" not in _keys(ctx) and "feedback" not in _keys(ctx)
    for fmt, marks in (("md", ["专家库", "信息反馈"]), ("html", ["sec-experts", "sec-feedback"])):
        page = render(ctx, fmt)  # type: ignore[arg-type]
        assert not any(mark in page for mark in marks), fmt
    # feedback received only after the date: still nothing to show
    later = mini({**standard(), **FEEDBACK}).load()
    ctx = context_of(later, dt.date(2025, 3, 1))
    assert ctx["feedback"] is None and "feedback" not in _keys(ctx)
    assert context_of(later, dt.date(2025, 3, 2))["feedback"] is not None


def test_feedback_by_the_reports_scope_and_the_pool_for_every_scope(mini: MiniFactory) -> None:
    wh = mini({**standard(), **FEEDBACK, **EXPERT}).load()
    city = context_of(wh)
    wanzhou = context_of(wh, scope="district:wanzhou")
    assert city["feedback"]["total"]["received"] == 2
    assert wanzhou["feedback"]["total"]["received"] == 1
    assert [r["id"] for r in wanzhou["feedback"]["open"]] == ["2025-0001"]
    assert wanzhou["feedback"]["unanswered_late"] == ["2025-0001"]
    assert context_of(wh, scope="district:shapingba")["feedback"]["open"] == []
    assert wanzhou["experts"] == city["experts"]
    rows = {r["code"]: r for r in city["experts"]["rows"]}
    assert (rows["vehicles"]["count"], rows["vehicles"]["status"], rows["vehicles"]["lack"]) == (
        1,
        "not-met",
        2,
    )
    assert rows["reception"]["status"] is None  # not a main area: no minimum
    assert rows["vehicles"]["experts"] == ["李华"]
    for fmt in ("md", "html"):
        page = render(city, fmt)  # type: ignore[arg-type]
        assert "李华" in page
        assert "13911112222" not in page and "li.hua@example.org" not in page


DOCUMENTS = """documents:
  - {kind: text, title: 标准文本, path: files/std (1).pdf}
  - {kind: announcement, title: 公告, url: "https://example.org/a b(1)"}
  - {kind: interpretation, path: ../outside.pdf}
  - {kind: other, title: 脚本, url: "javascript:alert(1)"}
  - {kind: training, title: 本地, url: "file:///etc/passwd"}
"""


def test_catalogue_documents_link_safely(mini: MiniFactory) -> None:
    wh = mini(standard(DOCUMENTS)).load()
    ctx = context_of(wh)
    (row,) = [r for a in ctx["catalogue"]["areas"] for b in a["levels"] for r in b["rows"]]
    docs = row["documents"]
    assert [(d["title"], d["url"], d["path"], d["href"]) for d in docs] == [
        ("标准文本", None, "files/std (1).pdf", "files/std%20%281%29.pdf"),
        ("公告", "https://example.org/a%20b%281%29", None, None),
        ("解读", None, None, None),  # leaves the root: neither path nor link
        ("脚本", None, None, None),
        ("本地", None, None, None),
    ]
    # rendered as if from standard output: no link to the file, its path and a note
    html = render(ctx, "html")
    assert '<a href="https://example.org/a%20b%281%29" rel="noopener noreferrer">公告</a>' in html
    assert "javascript:" not in html and "file:" not in html and "outside.pdf" not in html
    assert '标准文本 <span class="code">files/std (1).pdf</span>' in html
    assert "不链接这些文件，只列出路径" in html
    # written inside the warehouse: relative links, and no note
    ctx["cover"]["files_base"] = "../"
    html = render(ctx, "html")
    assert '<a href="../files/std%20%281%29.pdf">标准文本</a>' in html
    assert "不链接这些文件" not in html
    md = render(ctx, "md")
    assert "[标准文本](../files/std%20%281%29.pdf)、[公告](https://example.org/a%20b%281%29)" in md
    assert table_problems(md) == []


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://example.org/x?a=1&b=2#c", "https://example.org/x?a=1&b=2#c"),
        ("HTTP://EXAMPLE.ORG/公告", "HTTP://EXAMPLE.ORG/%E5%85%AC%E5%91%8A"),
        ("https://example.org/a%20b", "https://example.org/a%20b"),  # kept escapes stay
        ('https://example.org/<x>"', "https://example.org/%3Cx%3E%22"),
        ("ftp://example.org/x", None),
        ("https:///no-host", None),
        ("//example.org/x", None),
        ("data:text/html,<b>", None),
        ("", None),
    ],
)
def test_web_link(url: str, link: str | None) -> None:
    assert web_link(url) == link


def test_files_base_only_inside_the_warehouse(tmp_path: Path) -> None:
    root = tmp_path / "wh"
    (root / "reports").mkdir(parents=True)
    assert files_base(root, root / "reports" / "r.html") == "../"
    assert files_base(root, root / "r.html") == ""
    assert files_base(root, root / "a" / "b" / "r.md") == "../../"
    assert files_base(root, tmp_path / "r.html") is None  # beside the warehouse
    assert files_base(root, tmp_path / "wh2" / "r.html") is None  # a name that only starts so
    assert files_base(root, None) is None  # standard output
    assert files_base(None, root / "r.html") is None


def test_cli_links_files_from_the_default_folder_not_from_outside(
    mini: MiniFactory, cli: CliRunner, tmp_path: Path
) -> None:
    root = mini(standard("documents:\n  - {kind: text, title: 标准文本, path: files/s.pdf}\n")).root
    day = ["--as-of", "2025-12-31", "--root", str(root), "-q"]
    assert cli("report", *day).exit_code == 0
    (written,) = (root / "reports").glob("*.html")
    assert '<a href="../files/s.pdf">标准文本</a>' in written.read_text("utf-8")
    outside = tmp_path / "elsewhere.html"
    assert cli("report", *day, "-o", str(outside)).exit_code == 0
    text = outside.read_text("utf-8")
    assert not re.search(r'href="(?!#|data:|https:)', text)
    assert '<span class="code">files/s.pdf</span>' in text
    md = cli("report", *day, "-f", "md", "-o", "-").stdout
    assert "标准文本（files/s.pdf）" in md and "](files" not in md
