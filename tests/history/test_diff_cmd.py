"""`jgsw diff`: records, problems and indicators that differ between two revisions."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from jgsw_std.lifecycle.asof import AsOf
from jgsw_std.load.warehouse import load_worktree
from jgsw_std.metrics import compute_one
from tests.conftest import CliRunner
from tests.history.conftest import GitWarehouse, standard

A = "data/standards/vehicles/db50-t-1001-2015.yaml"
B = "data/standards/vehicles/db50-t-1002-2016.yaml"
REVIEW = "{date: 2021-05-01, conclusion: continue}"
AS_OF = ("--as-of", "2025-12-31")


def add_review(text: str, entry: str) -> str:
    """Insert a review entry where the data contract puts it (after reviews, or before
    evaluations / usage / source)."""
    lines = text.splitlines()
    if "reviews:" in lines:
        at = lines.index("reviews:") + 1
        while at < len(lines) and lines[at].startswith("  - "):
            at += 1
        lines.insert(at, f"  - {entry}")
    else:
        at = next(
            i
            for i, line in enumerate(lines)
            if line.startswith(("evaluations:", "usage:", "source:"))
        )
        lines[at:at] = ["reviews:", f"  - {entry}"]
    return "\n".join(lines) + "\n"


def test_pull_request_adding_one_review_shows_it_and_indicator_17_only(
    demo_copy: GitWarehouse, cli: CliRunner
) -> None:
    # Acceptance: on a pull request that adds a review to one standard, the
    # Markdown comment shows that change and the move of indicator 17, nothing else.
    repo = demo_copy
    as_of = dt.date(2025, 12, 31)
    figure = compute_one(AsOf(load_worktree(repo.root), as_of), None, 17)
    target = next(ref for ref in figure.counted_against if ref.path)
    assert target.path is not None
    path = repo.root.joinpath(*target.path.split("/"))
    repo.git("checkout", "-q", "-b", "review-one")
    path.write_text(
        add_review(path.read_text("utf-8"), "{date: 2025-10-20, conclusion: continue}"),
        encoding="utf-8",
    )
    repo.commit(f"复审：{target.key} 继续有效")

    result = cli("diff", "--format", "md", "--as-of", as_of.isoformat(), cwd=repo.root)
    assert result.exit_code == 0, result.stderr
    md = result.stdout
    assert "(merge-base origin/main)" in md or "(merge-base main)" in md
    record_rows = [line for line in md.splitlines() if line.startswith("| ") and "修改" in line]
    assert len(record_rows) == 1
    assert target.key in record_rows[0]
    assert "`reviews: +1 {date: 2025-10-20, conclusion: continue}`" in record_rows[0]
    table = md.split("#### 指标", 1)[1].split("####", 1)[0]
    indicator_rows = [line for line in table.splitlines() if re.match(r"^\| \d+ ", line)]
    assert len(indicator_rows) == 1 and indicator_rows[0].startswith("| 17 标准复审率 |")
    assert "个百分点" in indicator_rows[0]
    assert "新增问题" not in md  # nothing got worse
    # a fixed overdue-review warning, if any, is about that same file
    if "已解决问题" in md:
        fixed = md.split("#### 已解决问题", 1)[1]
        assert all(target.path in line for line in fixed.splitlines() if line.startswith("- "))
    assert "**概览**：记录：修改 1 · 指标：1 项变化" in md


def test_move_add_remove_and_field_changes(
    git_wh: Callable[..., GitWarehouse], cli: CliRunner
) -> None:
    repo = git_wh()
    repo.commit("两项", {A: standard("DB50/T 1001-2015"), B: standard("DB50/T 1002-2016")})
    base = repo.git("rev-parse", "HEAD")
    moved = "data/standards/logistics/db50-t-1001-2015.yaml"
    repo.remove(B)
    repo.move(
        A,
        moved,
        "调整",
        {moved: standard("DB50/T 1001-2015", area="logistics", items="[logistics.property]")},
    )
    repo.commit(
        "新增", {"data/standards/vehicles/db50-t-1003-2017.yaml": standard("DB50/T 1003-2017")}
    )
    data = json.loads(
        cli("diff", base, "HEAD", "--root", str(repo.root), *AS_OF, "-f", "json").stdout
    )
    changes = {(r["change"], r["key"]) for r in data["records"]}
    assert changes == {
        ("renamed", "DB50/T 1001-2015"),
        ("removed", "DB50/T 1002-2016"),
        ("added", "DB50/T 1003-2017"),
    }
    renamed = next(r for r in data["records"] if r["change"] == "renamed")
    assert renamed["old_path"] == A and renamed["path"] == moved
    assert [f["text"] for f in renamed["fields"]] == [
        "area: vehicles → logistics",
        "items: +1 logistics.property",
        "items: -1 vehicles.quota",
    ]
    assert data["base"]["commit"] == base and data["head"]["rev"] == "HEAD"


def test_problems_introduced_and_fixed_and_the_working_tree(
    git_wh: Callable[..., GitWarehouse], cli: CliRunner
) -> None:
    repo = git_wh()
    repo.commit("一项", {A: standard("DB50/T 1001-2015")})
    # uncommitted: a broken file (introduced) ...
    repo.write({B: "code: DB50/T 1002-2016\ntitle: [oops\n"})
    text = cli("diff", "HEAD", "--root", str(repo.root), *AS_OF).stdout
    assert "→ 工作区" in text
    assert re.search(
        r"新增问题（1）\n  data/standards/vehicles/db50-t-1002-2016.yaml:\d+:\d+: error Y", text
    )
    # ... committed, then fixed in the working tree
    repo.commit("坏文件")
    repo.write(
        {
            B: standard(
                "DB50/T 1002-2016",
                status="planned",
                published="null",
                effective="null",
                plan="{year: 2026, kind: new}",
            )
        }
    )
    data = json.loads(cli("diff", "HEAD", "--root", str(repo.root), *AS_OF, "-f", "json").stdout)
    assert [p["code"][0] for p in data["problems"]["fixed"]] == ["Y"]
    assert data["problems"]["introduced"] == []


def test_default_base_is_the_merge_base_with_main(
    git_wh: Callable[..., GitWarehouse], cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = git_wh()
    repo.commit("一项", {A: standard("DB50/T 1001-2015")})
    fork_point = repo.git("rev-parse", "HEAD")
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("两项", {B: standard("DB50/T 1002-2016")})
    repo.commit("复审", {A: standard("DB50/T 1001-2015", reviews=[REVIEW])})
    data = json.loads(cli("diff", "--root", str(repo.root), *AS_OF, "-f", "json").stdout)
    assert data["base"]["commit"] == fork_point and data["base"]["rev"] == "merge-base main"
    assert {r["key"] for r in data["records"]} == {"DB50/T 1001-2015", "DB50/T 1002-2016"}
    # CI names the target branch; an unknown one is skipped
    monkeypatch.setenv("GITHUB_BASE_REF", "release")
    repo.git("branch", "release", "topic~1")
    data = json.loads(cli("diff", "--root", str(repo.root), *AS_OF, "-f", "json").stdout)
    assert data["base"]["rev"] == "merge-base release"
    assert [r["key"] for r in data["records"]] == ["DB50/T 1001-2015"]


def test_without_a_default_branch_the_base_is_head_1(
    git_wh: Callable[..., GitWarehouse], cli: CliRunner
) -> None:
    repo = git_wh()
    repo.git("branch", "-m", "main", "trunk")
    repo.commit("一项", {A: standard("DB50/T 1001-2015")})
    data = json.loads(cli("diff", "--root", str(repo.root), *AS_OF, "-f", "json").stdout)
    assert data["base"]["rev"] == "HEAD~1" and data["head"]["kind"] == "worktree"
    assert [(r["change"], r["key"]) for r in data["records"]] == [("added", "DB50/T 1001-2015")]


def test_first_commit_compares_with_an_empty_warehouse(
    git_wh: Callable[..., GitWarehouse], cli: CliRunner
) -> None:
    repo = git_wh()
    repo.git("branch", "-m", "main", "trunk")
    data = json.loads(cli("diff", "--root", str(repo.root), *AS_OF, "-f", "json").stdout)
    assert data["base"]["kind"] == "empty"
    assert {r["change"] for r in data["records"]} == {"added"}
    assert {r["key"] for r in data["records"] if r["kind"] == "district"} == {
        "chongqing",
        "shapingba",
        "wanzhou",
    }


def test_nothing_changed_says_so_and_suggests_the_last_commit(
    git_wh: Callable[..., GitWarehouse], cli: CliRunner
) -> None:
    repo = git_wh()
    out = cli("diff", "--root", str(repo.root), *AS_OF).stdout
    assert "没有实质变化" in out and "jgsw diff HEAD~1 HEAD" in out
    # a comment-only edit is a change of layout, not of substance in fields
    path = repo.root / "data" / "districts" / "wanzhou.yaml"
    path.write_text("# 注释\n" + path.read_text("utf-8"), encoding="utf-8")
    out = cli("diff", "--root", str(repo.root), *AS_OF, "--lang", "en").stdout
    assert "(comments or layout only)" in out


def test_shallow_clone_explains_how_to_deepen_but_head_to_worktree_works(
    git_wh: Callable[..., GitWarehouse],
    cli: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    repo = git_wh()
    repo.commit("一项", {A: standard("DB50/T 1001-2015")})
    repo.commit("两项", {B: standard("DB50/T 1002-2016")})
    clone = repo.shallow_clone(tmp_path / "ci")
    # as CI checks out a pull request: one commit, detached, the target branch not fetched
    repo.git("checkout", "-q", "--detach", cwd=clone)
    for ref in ("refs/heads/main", "refs/remotes/origin/main", "refs/remotes/origin/HEAD"):
        repo.git("update-ref", "-d", ref, cwd=clone)
    monkeypatch.setenv("GITHUB_BASE_REF", "main")
    needs_history = cli("diff", "--root", str(clone))
    assert needs_history.exit_code == 1
    assert "git fetch --unshallow" in needs_history.stderr
    explicit = cli("diff", "HEAD~1", "--root", str(clone), "--lang", "en")
    assert explicit.exit_code == 1 and "shallow clone" in explicit.stderr
    local = cli("diff", "HEAD", "--root", str(clone))
    assert local.exit_code == 0 and "没有实质变化" in local.stdout


def test_formats(git_wh: Callable[..., GitWarehouse], cli: CliRunner) -> None:
    repo = git_wh()
    repo.commit("一项", {A: standard("DB50/T 1001-2015")})
    repo.commit("复审", {A: standard("DB50/T 1001-2015", reviews=[REVIEW])})
    md = cli("diff", "HEAD~1", "HEAD", "--root", str(repo.root), *AS_OF, "-f", "md").stdout
    assert md.startswith("### 标准仓变更\n")
    assert "| 17 标准复审率 | 0% (0/1) 未达标 | 100% (1/1) 已达标 | +100.0 个百分点 |" in md
    text = cli("diff", "HEAD~1", "HEAD", "--root", str(repo.root), *AS_OF, "--lang", "en").stdout
    assert "17 Review rate: 0% (0/1) not met → 100% (1/1) met (+100.0 pp)" in text
    data = json.loads(
        cli("diff", "HEAD~1", "HEAD", "--root", str(repo.root), *AS_OF, "-f", "json").stdout
    )
    assert data["format"] == "jgsw-diff/1"
    assert data["indicators"] == [
        {
            "id": 17,
            "metric": "review_rate",
            "label": "17 标准复审率",
            "before": data["indicators"][0]["before"],
            "after": data["indicators"][0]["after"],
            "change": "+100.0 个百分点",
        }
    ]
    assert data["indicators"][0]["after"]["value"] == 1.0
    assert cli("diff", "-f", "html", "--root", str(repo.root)).exit_code == 1
