"""`jgsw report` as a person runs it: files written, names, languages, options, errors."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO, CliRunner, MiniFactory

from .conftest import END, cli_json, indicator_rows, report_json

NEXT_PLAN = """\
plan: {name: 重庆市机关事务标准化工作“十五五”规划（测试）, start: 2026-01-01, end: 2030-12-31}
indicators:
  - {id: 1, group: implementation, text: 实施满5年的标准，复审率达到100%。, metric: review_rate, target: 1.0}
  - {id: 2, group: implementation, text: 省级以上刊物公开发表文章不少于8篇。, metric: articles, target: 8}
"""


def _copy(root: Path, dest: Path) -> Path:
    """A warehouse of one's own: a report written into it must not touch the shared ones."""
    shutil.copytree(root / "data", dest / "data")
    return dest


@pytest.mark.parametrize("which", ["shipped", "demo"])
def test_report_writes_both_formats_with_default_names(
    cli: CliRunner, tmp_path: Path, which: str, demo_root: Path
) -> None:
    root = _copy(REPO if which == "shipped" else demo_root, tmp_path / "wh")
    for fmt in ("html", "md"):
        result = cli(
            "report", "--root", str(root), "--as-of", "2025-12-31", "--format", fmt, cwd=tmp_path
        )
        assert result.exit_code == 0, result.stderr
        written = root / "reports" / f"jgsw-report-city-2025-12-31.{fmt}"
        assert written.is_file()
        assert f"wh/reports/{written.name}" in result.stdout.replace("\\", "/")
        text = written.read_text(encoding="utf-8")
        assert "标准目录" in text and "体系明细表" in text and "待办事项" in text
        assert ("合成示例数据" in text) == (which == "demo")


def test_the_default_report_stays_out_of_git_status(cli: CliRunner, tmp_path: Path) -> None:
    root = _copy(REPO, tmp_path / "wh")
    git = ["git", "-C", str(root)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "data"], check=True)
    subprocess.run(
        [*git, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "data"], check=True
    )
    result = cli("report", "--as-of", "2025-12-31", cwd=root)
    assert result.exit_code == 0, result.stderr
    assert "reports/jgsw-report-city-2025-12-31.html" in result.stdout.replace("\\", "/")
    assert (root / "reports" / "jgsw-report-city-2025-12-31.html").is_file()
    status = subprocess.run([*git, "status", "--porcelain"], capture_output=True, text=True)
    assert status.stdout == ""


def test_html_is_the_default_format(cli: CliRunner, tmp_path: Path, demo_root: Path) -> None:
    out = tmp_path / "r.html"
    result = cli("report", "--root", str(demo_root), "--as-of", "2025-12-31", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_default_name_carries_the_scope(cli: CliRunner, tmp_path: Path, demo_root: Path) -> None:
    root = _copy(demo_root, tmp_path / "wh")
    result = cli(
        "report",
        "--root",
        str(root),
        "--as-of",
        "2024-06-30",
        "--scope",
        "district:shapingba",
        "--format",
        "md",
        cwd=tmp_path,
    )
    assert result.exit_code == 0, result.stderr
    text = (root / "reports" / "jgsw-report-district-shapingba-2024-06-30.md").read_text("utf-8")
    assert "沙坪坝区" in text and "2024-06-30" in text


def test_dash_prints_to_stdout(cli: CliRunner, demo_root: Path) -> None:
    result = cli("report", "--root", str(demo_root), "--as-of", "2025-12-31", "-f", "md", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("# 机关事务标准化工作报告")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_terminal_output_is_gbk(cli: CliRunner, tmp_path: Path, lang: str) -> None:
    # A Windows console in GBK must show every character jgsw prints.
    result = cli(
        "report",
        "--root",
        str(REPO),
        "--as-of",
        "2025-12-31",
        "--lang",
        lang,
        "-o",
        str(tmp_path / "报告.html"),
    )
    assert result.exit_code == 0
    assert result.stdout.strip()
    (result.stdout + result.stderr).encode("gbk")


def test_bad_scope_is_a_clear_error(cli: CliRunner, tmp_path: Path) -> None:
    result = cli("report", "--root", str(REPO), "--scope", "district:atlantis", cwd=tmp_path)
    assert result.exit_code == 1
    assert "--scope" in result.stderr
    assert not list(tmp_path.iterdir())


def test_bad_format_is_a_clear_error(cli: CliRunner, tmp_path: Path) -> None:
    result = cli("report", "--root", str(REPO), "--format", "pdf", cwd=tmp_path)
    assert result.exit_code == 1
    assert "pdf" in result.stderr


def test_another_plans_indicators(cli: CliRunner, tmp_path: Path, demo_root: Path) -> None:
    plan = tmp_path / "plan15.yaml"
    plan.write_text(NEXT_PLAN, encoding="utf-8")
    day = "2026-12-31"
    report = report_json(cli, demo_root, "--as-of", day, "--indicators", str(plan))
    status = cli_json(
        cli, "status", "--root", str(demo_root), "--as-of", day, "--indicators", str(plan)
    )
    rows = indicator_rows(report)
    assert sorted(rows) == [1, 2]
    for ind in status["indicators"]:
        assert (rows[ind["id"]]["status"], rows[ind["id"]]["target"]) == (
            ind["status"],
            ind["target"],
        )
    assert report["cover"]["plan"].endswith("“十五五”规划（测试）")
    assert report["cover"]["indicators_source"] == plan.as_posix()


def test_broken_indicators_file_is_a_clear_error(cli: CliRunner, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("plan: {name: x}\n", encoding="utf-8")
    result = cli("report", "--root", str(REPO), "--indicators", str(plan), cwd=tmp_path)
    assert result.exit_code == 1
    assert "plan.yaml" in result.stderr


def _git(root: Path, *args: str, day: str = "2025-06-30T10:00:00+08:00") -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "测试",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "测试",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_AUTHOR_DATE": day,
        "GIT_COMMITTER_DATE": day,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_SYSTEM": os.devnull,
    }
    out = subprocess.run(
        ["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True
    )
    return out.stdout.strip()


def test_cover_names_the_commit_and_uncommitted_changes(cli: CliRunner, mini: MiniFactory) -> None:
    root = mini().root
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "data")
    _git(root, "commit", "-q", "-m", "初始数据")
    head = _git(root, "rev-parse", "HEAD")
    version = report_json(cli, root, "--as-of", "2025-12-31")["cover"]["version"]
    assert (version["tracked"], version["commit"], version["dirty"]) == (True, head, False)
    assert version["committed_at"].startswith("2025-06-30T10:00:00")

    district = root / "data" / "districts" / "wanzhou.yaml"
    district.write_text(district.read_text("utf-8") + "framework_built: 2021-05-01\n", "utf-8")
    version = report_json(cli, root, "--as-of", "2025-12-31")["cover"]["version"]
    assert version["dirty"] is True

    _git(root, "commit", "-q", "-am", "万州区体系框架", day="2025-07-01T10:00:00+08:00")
    (root / "data" / "standards" / "vehicles").mkdir(parents=True)
    (root / "data" / "standards" / "vehicles" / "db50-t-3001-2024.yaml").write_text(
        "code: DB50/T 3001-2024\ntitle: 新增未提交的标准\n", "utf-8"
    )
    version = report_json(cli, root, "--as-of", "2025-12-31")["cover"]["version"]
    assert version["dirty"] is True  # an untracked file under data/ is read too

    past = report_json(cli, root, "--as-of", "2025-12-31", "--rev", "HEAD~1")
    assert past["cover"]["version"]["commit"] == head
    assert past["cover"]["version"]["dirty"] is None  # the working tree played no part
    assert past["cover"]["counts"]["standards"] == 0


def test_outside_git_the_cover_says_so(cli: CliRunner, mini: MiniFactory) -> None:
    root = mini().root
    version = report_json(cli, root, "--as-of", "2025-12-31")["cover"]["version"]
    assert version["tracked"] is False and version["commit"] is None


def test_generated_at_is_an_aware_timestamp(cli: CliRunner, demo_root: Path) -> None:
    cover = report_json(cli, demo_root, "--as-of", "2025-12-31")["cover"]
    moment = dt.datetime.fromisoformat(cover["generated_at"])
    assert moment.tzinfo is not None
    assert cover["as_of"] == END.isoformat()


def test_validation_errors_are_noted_but_the_report_is_written(
    cli: CliRunner, mini: MiniFactory, tmp_path: Path
) -> None:
    root = mini({"data/standards/vehicles/broken.yaml": "code: [unclosed\n"}).root
    check = cli_json(cli, "check", "--root", str(root), "--as-of", "2025-12-31")
    errors = check["summary"]["errors"]
    assert errors >= 1
    out = tmp_path / "r.md"
    result = cli("report", "--root", str(root), "--as-of", "2025-12-31", "-f", "md", "-o", str(out))
    assert result.exit_code == 0
    assert f"数据校验有 {errors} 个错误" in result.stderr
    assert f"错误 {errors} 个" in out.read_text(encoding="utf-8")


def test_the_data_version_is_the_last_commit_that_changed_data(
    cli: CliRunner, mini: MiniFactory
) -> None:
    # a repository that holds the tool too: HEAD is a commit about code
    root = mini().root
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "data")
    _git(root, "commit", "-q", "-m", "数据：初始", day="2025-06-30T10:00:00+08:00")
    data_commit = _git(root, "rev-parse", "HEAD")
    (root / "src").mkdir()
    (root / "src" / "tool.py").write_text("print('tool')\n", "utf-8")
    _git(root, "add", "src")
    _git(
        root, "commit", "-q", "-m", "Refactor the report renderer", day="2025-07-02T10:00:00+08:00"
    )
    version = report_json(cli, root, "--as-of", "2025-12-31")["cover"]["version"]
    assert version["commit"] == data_commit
    assert version["subject"] == "数据：初始"
    assert version["committed_at"].startswith("2025-06-30T10:00:00")
    assert version["dirty"] is False
    past = report_json(cli, root, "--as-of", "2025-12-31", "--rev", "HEAD")
    assert past["cover"]["version"]["commit"] == data_commit
