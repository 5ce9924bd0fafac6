"""`jgsw diff --format md`: a pull-request comment GitHub accepts, whose tables render.

GitHub refuses comments over 65,536 characters and renders table rows that
have no header row as plain text; the comment is rendered here with
markdown-it-py (CommonMark with GFM tables and raw HTML, as GitHub does).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.conftest import CliRunner

AS_OF = ("--as-of", "2025-12-31")
GITHUB_LIMIT = 65_536


def render(text: str) -> str:
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(text)


def assert_tables_render(text: str) -> None:
    """Every table in the text becomes an HTML table; no row is left as plain text."""
    html = render(text)
    separators = [line for line in text.splitlines() if re.fullmatch(r"\|(---\|)+", line)]
    assert separators, "no table at all"
    assert html.count("<table>") == len(separators)
    raw_rows = [line for line in html.splitlines() if re.match(r"<p>\|", line)]
    assert raw_rows == []


@pytest.fixture(scope="module")
def first_commit(demo_history: Path) -> str:
    done = subprocess.run(
        ["git", "-C", str(demo_history), "rev-list", "--max-parents=0", "HEAD"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_a_large_diff_stays_under_the_limit_and_renders(
    cli: CliRunner, demo_history: Path, first_commit: str
) -> None:
    args = ("diff", first_commit, "HEAD", "--root", str(demo_history), *AS_OF, "-f", "md")
    whole = cli(*args, "--max-chars", "0").stdout
    assert len(whole) > GITHUB_LIMIT  # what GitHub would refuse
    comment = cli(*args).stdout
    assert len(comment) <= 60_000
    assert_tables_render(comment)
    assert_tables_render(whole)
    # first the indicators and the new problems, then the records by area, then the rest
    order = [comment.index(h) for h in ("#### 指标", "#### 新增问题", "#### 记录")]
    assert order == sorted(order)
    footer = comment.rstrip().splitlines()[-1]
    assert footer.startswith("本评论以 60,000 个字符为限，另有")
    command = re.search(r"查看全部：`jgsw diff ([0-9a-f]{7,}) ([0-9a-f]{7,})`", footer)
    assert command is not None and first_commit.startswith(command.group(1))


def area_summaries(md: str) -> set[str]:
    """The areas named in the records section: bold lines or folded tables' summaries."""
    section = md.split("#### Records", 1)[1].split("\n#### ", 1)[0]
    folded = re.findall(r"<summary>([^<:]+): [^<]*</summary>", section)
    bold = re.findall(r"^\*\*([^*:]+): [^*]*\*\*$", section, re.M)
    return set(folded) | set(bold)


@pytest.mark.parametrize("limit", [3_000, 12_000, 30_000])
def test_every_limit_is_kept_and_every_area_is_summarized(
    cli: CliRunner, demo_history: Path, first_commit: str, limit: int
) -> None:
    args = ("diff", first_commit, "HEAD", "--root", str(demo_history), *AS_OF, "-f", "md")
    whole = cli(*args, "--max-chars", "0", "--lang", "en").stdout
    comment = cli(*args, "--max-chars", str(limit), "--lang", "en").stdout
    assert len(comment) <= limit
    assert_tables_render(comment)
    # every indicator that moved is there, whatever the limit
    table = whole.split("#### Indicators", 1)[1].split("####", 1)[0]
    moved = re.findall(r"^\| (\d+) ", table, re.M)
    assert moved and all(f"\n| {n} " in comment for n in moved)
    # and every area has its one-line summary
    areas = area_summaries(whole)
    assert len(areas) >= 5 and "Districts" in areas
    assert area_summaries(comment) == areas
    assert "are not listed" in comment.splitlines()[-1]


def test_a_small_diff_is_whole_without_a_footer(cli: CliRunner, demo_history: Path) -> None:
    md = cli("diff", "HEAD~1", "HEAD", "--root", str(demo_history), *AS_OF, "-f", "md").stdout
    assert "---\n" not in md and "未列出" not in md
    assert_tables_render(md)


def test_folded_rows_keep_their_table_header() -> None:
    # the shape GitHub needs inside <details>: a blank line, then a table with its header
    from jgsw_std.output.diff_md import Budget, fill

    rows = [f"- `row {i}`" for i in range(40)]
    lines, left_out = fill(rows, Budget(None), "zh")
    assert left_out == 0
    assert lines[30:33] == ["", "<details><summary>其余</summary>", ""]
    assert lines[-2:] == ["", "</details>"]
    html = render("\n".join(lines))
    assert html.count("<li>") == 40
