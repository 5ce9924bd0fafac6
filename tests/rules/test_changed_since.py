"""`jgsw check --changed-since REV`: what a change touches, and what it breaks elsewhere."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from jgsw_std.errors import UsageError
from jgsw_std.history.changed import changed_files
from tests.conftest import CliRunner, MiniFactory

VEHICLES = "data/standards/vehicles"
QUOTA = f"{VEHICLES}/db50-t-1-2022.yaml"  # the only standard for vehicles.quota
DISPOSAL = f"{VEHICLES}/db50-t-2-2022.yaml"
OLD = f"{VEHICLES}/db50-t-3-2010.yaml"  # reviews long overdue: a problem before any change


def standard(code: str, item: str, effective: str) -> str:
    return (
        f"code: {code}\ntitle: {code} 规范\nlevel: local\narea: vehicles\nitems: [{item}]\n"
        f"status: published\npublished: {effective[:4]}-01-01\neffective: {effective}\n"
    )


def git(root: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        HOME=str(root),
        GIT_CONFIG_NOSYSTEM="1",
        LC_ALL="C",
        GIT_AUTHOR_NAME="张敏",
        GIT_AUTHOR_EMAIL="zhangmin@example.com",
        GIT_COMMITTER_NAME="张敏",
        GIT_COMMITTER_EMAIL="zhangmin@example.com",
        GIT_AUTHOR_DATE="2025-06-01T10:00:00+08:00",
        GIT_COMMITTER_DATE="2025-06-01T10:00:00+08:00",
    )
    done = subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)
    return done.stdout.decode()


@pytest.fixture
def repo(mini: MiniFactory) -> Path:
    """A committed warehouse: two 2022 standards covering both vehicles items, one old one."""
    wh = mini(
        {
            QUOTA: standard("DB50/T 1-2022", "vehicles.quota", "2022-03-01"),
            DISPOSAL: standard("DB50/T 2-2022", "vehicles.disposal", "2022-03-01"),
            OLD: standard("DB50/T 3-2010", "vehicles.disposal", "2010-03-01"),
        }
    )
    git(wh.root, "init", "-q", "-b", "main")
    git(wh.root, "add", "-A")
    git(wh.root, "commit", "-q", "-m", "warehouse")
    return wh.root


def findings(cli: CliRunner, root: Path, *extra: str) -> list[str]:
    result = cli(
        "check", "--root", str(root), "--as-of", "2025-12-31", "--select", "G501,L601,R", *extra
    )
    return [
        " ".join(line.split()[:3])
        for line in result.stdout.splitlines()
        if line.startswith("data/")
    ]


def test_nothing_changed_reports_nothing(repo: Path, cli: CliRunner) -> None:
    assert "data/standards/vehicles/db50-t-3-2010.yaml:8:12: warning L601" in findings(cli, repo)
    assert findings(cli, repo, "--changed-since", "HEAD") == []


def test_changed_files_and_the_problems_they_cause(repo: Path, cli: CliRunner) -> None:
    # edited: now cites an owner that does not exist (R301 in the changed file)
    (repo / DISPOSAL).write_text(
        standard("DB50/T 2-2022", "vehicles.disposal", "2022-03-01") + "owner: nowhere\n",
        encoding="utf-8",
    )
    # deleted: vehicles.quota loses its only standard (G501 in the unchanged framework.yaml)
    (repo / QUOTA).unlink()
    # new, not yet added: a standard overdue for review
    (repo / f"{VEHICLES}/db50-t-4-2012.yaml").write_text(
        standard("DB50/T 4-2012", "vehicles.quota", "2012-03-01"), encoding="utf-8"
    )
    assert changed_files(repo, "HEAD") == {QUOTA, DISPOSAL, f"{VEHICLES}/db50-t-4-2012.yaml"}
    got = findings(cli, repo, "--changed-since", "HEAD")
    assert got == [
        "data/standards/vehicles/db50-t-2-2022.yaml:9:8: error R301",
        "data/standards/vehicles/db50-t-4-2012.yaml:8:12: warning L601",
    ]
    # adding the new file back for vehicles.quota hid the G501; drop it and the hole shows
    (repo / f"{VEHICLES}/db50-t-4-2012.yaml").unlink()
    got = findings(cli, repo, "--changed-since", "HEAD")
    assert "data/framework.yaml:10:9: warning G501" in got
    # the old standard's overdue review was there before: not this change's doing
    assert not any("db50-t-3-2010" in line for line in got)


def test_committed_changes_count_too(repo: Path, cli: CliRunner) -> None:
    (repo / DISPOSAL).write_text(
        standard("DB50/T 2-2022", "vehicles.disposal", "2022-03-01") + "owner: nowhere\n",
        encoding="utf-8",
    )
    git(repo, "commit", "-q", "-am", "change")
    assert changed_files(repo, "HEAD~1") == {DISPOSAL}
    assert findings(cli, repo, "--changed-since", "HEAD~1") == [
        "data/standards/vehicles/db50-t-2-2022.yaml:9:8: error R301"
    ]


def test_warehouse_in_a_subfolder_of_the_repository(mini: MiniFactory, tmp_path: Path) -> None:
    wh = mini({QUOTA: standard("DB50/T 1-2022", "vehicles.quota", "2022-03-01")})
    top = wh.root.parent
    git(top, "init", "-q", "-b", "main")
    (top / "README.md").write_text("outside the warehouse\n", encoding="utf-8")
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "first")
    (wh.root / QUOTA).write_text("changed: true\n", encoding="utf-8")
    (top / "README.md").write_text("changed too\n", encoding="utf-8")
    assert changed_files(wh.root, "HEAD") == {QUOTA}


def test_bad_revision_and_no_repository(repo: Path, mini: MiniFactory, cli: CliRunner) -> None:
    result = cli("check", "--root", str(repo), "--changed-since", "no-such-branch")
    assert result.exit_code == 1
    assert "git 中没有版本 no-such-branch" in result.stderr
    with pytest.raises(UsageError, match="not inside a git repository"):
        changed_files(repo.parent / "elsewhere", "HEAD")


def test_rev_and_changed_since_do_not_mix(repo: Path, cli: CliRunner) -> None:
    result = cli("check", "--root", str(repo), "--rev", "HEAD", "--changed-since", "HEAD")
    assert result.exit_code == 1
    assert "--rev 与 --changed-since 不能同时使用" in result.stderr
