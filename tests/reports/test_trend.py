"""The trend section: `jgsw trend`'s year-end figures when there is history, nothing otherwise."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from jgsw_std.load.warehouse import load_worktree
from jgsw_std.reports.render import render
from tests.conftest import CliRunner

from .conftest import cli_json, context_of, report_json
from .markdown import outline_problems, table_problems


@pytest.fixture(scope="module")
def history_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo warehouse with a dated git history from 2021 (jgsw demo --history)."""
    from jgsw_std.cli.app import run

    root = tmp_path_factory.mktemp("history") / "wh"
    assert run(["demo", str(root), "-n", "120", "--history", "--commits", "60"]) == 0
    return root


def test_trend_rows_are_jgsw_trend(cli: CliRunner, history_root: Path) -> None:
    day = "2025-12-31"
    report = report_json(cli, history_root, "--as-of", day)
    trend = cli_json(cli, "trend", "--root", str(history_root), "--every", "year", "--until", day)
    section = report["trend"]
    assert section is not None and "trend" in [s["key"] for s in report["sections"]]
    assert [p["period"] for p in section["periods"]] == [p["period"] for p in trend["points"]]
    assert [p["commit"] for p in section["periods"]] == [
        (p["commit"] or "")[:10] for p in trend["points"]
    ]
    for column, point in enumerate(trend["points"]):
        values = {v["id"]: v for v in point["values"]}
        for row in section["rows"]:
            cell, value = row["cells"][column], values.get(row["id"])
            if value is None:
                assert cell["value"] is None
                continue
            assert (cell["status"], cell["value"]) == (value["status"], value["value"])


def test_trend_renders_in_both_formats(history_root: Path) -> None:
    ctx = context_of(load_worktree(history_root))
    assert ctx["trend"]["chart"] is not None
    html = render(ctx, "html")
    assert 'id="sec-trend"' in html and "<polyline" in html
    md = render(ctx, "md")
    assert "## 指标趋势" in md
    assert table_problems(md) == [] and outline_problems(md) == []


def test_shallow_clone_hides_the_trend(tmp_path: Path, history_root: Path) -> None:
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", history_root.as_uri(), str(clone)],
        check=True,
        capture_output=True,
    )
    ctx = context_of(load_worktree(clone))
    assert ctx["trend"] is None
    assert "trend" not in [s["key"] for s in ctx["sections"]]
