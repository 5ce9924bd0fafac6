"""Rendering: escaping in HTML and Markdown, valid tables, a usable outline, offline HTML."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest

from jgsw_std.load.warehouse import load_worktree
from jgsw_std.reports.render import md_escape, render
from tests.conftest import REPO, MiniFactory

from .conftest import (
    END,
    HOSTILE_STANDARDS,
    PIPE_TITLE,
    SCRIPT_TITLE,
    context_of,
    district_rows,
)
from .markdown import cells, github_anchor, headings, outline_problems, table_problems, tables


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("a | b", "a \\| b"),
        ("line one\nline two", "line one<br>line two"),
        ("crlf\r\nend", "crlf<br>end"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        (
            "*bold* _em_ `code` [link](x) ~~gone~~",
            "\\*bold\\* \\_em\\_ \\`code\\` \\[link\\](x) \\~\\~gone\\~\\~",
        ),
        ("a & b", "a &amp; b"),
        ("back\\slash", "back\\\\slash"),
        (None, ""),
        (3, "3"),
        ("机关事务标准化", "机关事务标准化"),
    ],
)
def test_md_escape(raw: object, escaped: str) -> None:
    assert md_escape(raw) == escaped


def test_md_escaped_cell_keeps_one_cell() -> None:
    row = f"| {md_escape(PIPE_TITLE)} | x |"
    assert cells(row) == [md_escape(PIPE_TITLE), "x"]


def test_html_escapes_every_title(hostile_root: Path) -> None:
    html = render(context_of(load_worktree(hostile_root)), "html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert SCRIPT_TITLE not in html
    # the one script element is the report's own
    assert len(re.findall(r"<script\b", html)) == 1
    assert "&lt;b&gt;粗体&lt;/b&gt; &amp; “引号”" in html
    assert "<b>粗体</b>" not in html


def test_markdown_escapes_every_title(hostile_root: Path) -> None:
    md = render(context_of(load_worktree(hostile_root)), "md")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md
    assert SCRIPT_TITLE not in md
    assert md_escape(PIPE_TITLE) + "<br>第二行" in md
    assert table_problems(md) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("scope", ["city", "district:shapingba", "region:main-urban"])
def test_markdown_tables_and_outline(demo_root: Path, lang: str, scope: str) -> None:
    md = render(context_of(load_worktree(demo_root), END, scope, lang), "md")
    assert table_problems(md) == []
    assert outline_problems(md) == []
    assert len(tables(md)) >= 10


def test_markdown_outline_links_to_its_sections(demo_root: Path) -> None:
    md = render(context_of(load_worktree(demo_root)), "md")
    anchors = {github_anchor(title) for _, title in headings(md)}
    links = re.findall(r"^\d+\. \[[^\]]+\]\(#([^)]+)\)$", md, flags=re.M)
    assert len(links) == 7  # the registries' two sections; no trend without history
    assert set(links) <= anchors


def test_shipped_data_renders_valid_markdown() -> None:
    md = render(context_of(load_worktree(REPO)), "md")
    assert table_problems(md) == []
    assert outline_problems(md) == []
    assert "## 标准目录" in md


def _script_and_csp(html: str) -> tuple[str, str]:
    script = re.search(r"<script>(.*?)</script>", html, flags=re.S)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert script and csp
    return script[1], csp[1]


def test_html_allows_only_its_own_script_and_no_network(demo_root: Path) -> None:
    html = render(context_of(load_worktree(demo_root)), "html")
    script, csp = _script_and_csp(html)
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp
    # nothing to fetch: no external URL in any src, no href but a link's (a document's
    # address, followed only when clicked), no stylesheet link
    assert not re.search(r'src="(?!data:)', html)
    assert not re.search(r'<(?!a )[a-z]+ [^>]*href="(?!#|data:)', html)
    links = re.findall(r'<a href="([^"#][^"]*)"', html)
    assert links and all(re.match(r"https://|\.\./files/|files/", link) for link in links)
    assert '<link rel="stylesheet"' not in html
    assert "@import" not in html and "url(" not in html


def test_html_print_and_phone_styles(demo_root: Path) -> None:
    html = render(context_of(load_worktree(demo_root)), "html")
    assert "@media print" in html and "size: A4" in html
    assert "break-before: page" in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "<svg" in html and "<text" in html  # charts keep their words as text


def test_english_report_uses_english_labels(demo_root: Path) -> None:
    wh = load_worktree(demo_root)
    html = render(context_of(wh, END, "city", "en"), "html")
    md = render(context_of(wh, END, "city", "en"), "md")
    for text in (html, md):
        assert "Standards catalogue" in text and "Framework detail table" in text
        assert "标准目录" not in text and "体系明细表" not in text
    assert '<html lang="en">' in html
    # template punctuation follows the language too
    assert re.search(r"^20 indicators: met \*\*\d+\*\*, on track \*\*\d+\*\*", md, flags=re.M)
    assert "(渝机管发〔2021〕108号)" in md


def test_trend_is_hidden_without_history(demo_root: Path) -> None:
    ctx = context_of(load_worktree(demo_root))
    assert ctx["trend"] is None
    assert "trend" not in [s["key"] for s in ctx["sections"]]
    html = render(ctx, "html")
    assert 'id="sec-trend"' not in html


MESSY = {
    # no category, no level (the code says local), items written short
    "data/standards/vehicles/db50-t-4001-2021.yaml": """\
        code: DB50/T 4001-2021
        title: 无大类的标准
        area: vehicles
        items: [quota]
        owner: chongqing
        status: published
        published: 2021-01-05
        effective: 2021-03-01
        superseded_by: DB50/T 4002-2024
    """,
    # replaces the one above from 2024: the old one is 被代替 at the end of 2025
    "data/standards/vehicles/db50-t-4002-2024.yaml": """\
        code: DB50/T 4002-2024
        title: 替代标准
        level: local
        category: operation
        area: vehicles
        items: [vehicles.quota]
        owner: chongqing
        status: published
        published: 2024-01-05
        effective: 2024-03-01
        supersedes: [DB50/T 4001-2021]
    """,
    # still being drafted: listed apart, with its stage and plan year
    "data/standards/logistics/db50-t-4003-2026.yaml": """\
        code: DB50/T 4003-2026
        title: 起草中的标准
        level: local
        category: operation
        area: logistics
        owner: wanzhou
        status: drafting
        plan: {year: 2026, kind: revision}
    """,
}


def test_incomplete_records_still_render(mini: MiniFactory) -> None:
    wh = load_worktree(mini(MESSY).root)
    ctx = context_of(wh)
    rows = {
        r["code"]: r
        for area in ctx["catalogue"]["areas"]
        for b in area["levels"]
        for r in b["rows"]
    }
    assert rows["DB50/T 4001-2021"]["state"] == "superseded"
    assert rows["DB50/T 4001-2021"]["replaced_by"] == "DB50/T 4002-2024"
    assert rows["DB50/T 4002-2024"]["replaces"] == ["DB50/T 4001-2021"]
    assert [r["code"] for r in ctx["catalogue"]["pipeline"]] == ["DB50/T 4003-2026"]
    assert ctx["catalogue"]["pipeline"][0]["stage_label"] == "起草"
    quota = next(i for i in ctx["matrix"]["business_items"] if i["code"] == "vehicles.quota")
    assert [s["code"] for s in quota["standards"]] == ["DB50/T 4002-2024"]
    for fmt in ("html", "md"):
        assert "替代标准" in render(ctx, fmt)
    assert table_problems(render(ctx, "md")) == []


def test_without_indicators_the_rest_of_the_report_stands(mini: MiniFactory) -> None:
    wh = load_worktree(mini(HOSTILE_STANDARDS, indicators=None).root)
    ctx = context_of(wh)
    assert ctx["summary"]["available"] is False
    html = render(ctx, "html")
    assert "未找到指标文件" in html and 'id="sec-catalogue"' in html
    assert all(row["meetings"]["text"] == "—" for row in district_rows(ctx).values())
