"""Rendering: escaping in HTML and Markdown, valid tables, a usable outline, offline HTML."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest

from jgsw_std.load.warehouse import load_worktree
from jgsw_std.reports.render import md_escape, render
from tests.conftest import REPO

from .conftest import END, PIPE_TITLE, SCRIPT_TITLE, context_of
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
    assert len(links) == 5  # no trend without history
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
    # nothing to fetch: no external URL in any src or href, no stylesheet link
    assert not re.search(r'(?:src|href)="(?!#|data:)', html)
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


def test_trend_is_hidden_without_history(demo_root: Path) -> None:
    ctx = context_of(load_worktree(demo_root))
    assert ctx["trend"] is None
    assert "trend" not in [s["key"] for s in ctx["sections"]]
    html = render(ctx, "html")
    assert 'id="sec-trend"' not in html
