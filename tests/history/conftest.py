"""Real git repositories with pinned authors and dates, for the history commands.

Every commit's author and committer dates are set explicitly, so commit ids,
`--every` periods and "the commit current at a date" are the same on every run.
Tests never touch the network: clones go through file:// URLs.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import MINI_DISTRICTS, MINI_FRAMEWORK, MINI_INDICATORS, write_tree

ZONE = dt.timezone(dt.timedelta(hours=8))
ALICE = ("张敏", "zhangmin@example.com")
BOB = ("李强", "liqiang@example.com")


def standard(code: str, **fields: object) -> str:
    """A valid standard file for the mini framework; keyword fields override or add."""
    base: dict[str, object] = {
        "code": code,
        "title": f"{code} 测试标准",
        "level": "local",
        "category": "operation",
        "area": "vehicles",
        "items": "[vehicles.quota]",
        "owner": "chongqing",
        "status": "published",
        "published": "2015-03-01",
        "effective": "2015-06-01",
    }
    base.update(fields)
    lines = []
    for key, value in base.items():
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines.extend(f"  - {item}" for item in value)
        else:
            lines.append(f"{key}: {value}")
    return "\n".join(lines) + "\n"


def _clean_env(home: Path) -> dict[str, str]:
    """git with no user or system configuration: nothing on this machine leaks in."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(HOME=str(home), GIT_CONFIG_NOSYSTEM="1", LANG="C", LC_ALL="C")
    return env


@dataclass
class GitWarehouse:
    """A warehouse in a git repository; each commit one day after the last (09:00 +08:00)."""

    root: Path
    home: Path
    clock: dt.datetime = field(default_factory=lambda: dt.datetime(2022, 1, 3, 9, 0, tzinfo=ZONE))

    def git(
        self,
        *args: str,
        when: dt.datetime | None = None,
        author: tuple[str, str] = ALICE,
        cwd: Path | None = None,
    ) -> str:
        stamp = (when or self.clock).isoformat()
        env = _clean_env(self.home)
        env.update(
            GIT_AUTHOR_NAME=author[0],
            GIT_AUTHOR_EMAIL=author[1],
            GIT_COMMITTER_NAME=author[0],
            GIT_COMMITTER_EMAIL=author[1],
            GIT_AUTHOR_DATE=stamp,
            GIT_COMMITTER_DATE=stamp,
        )
        done = subprocess.run(
            ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
            cwd=cwd or self.root,
            env=env,
            check=True,
            capture_output=True,
        )
        return done.stdout.decode("utf-8").strip()

    def write(self, files: dict[str, str | bytes]) -> None:
        write_tree(self.root, files)

    def remove(self, *paths: str) -> None:
        for rel in paths:
            self.root.joinpath(*rel.split("/")).unlink()

    def commit(
        self,
        message: str,
        files: dict[str, str | bytes] | None = None,
        remove: tuple[str, ...] = (),
        when: dt.datetime | None = None,
        author: tuple[str, str] = ALICE,
    ) -> str:
        """Write, delete, commit everything; return the new commit id."""
        if files:
            self.write(files)
        self.remove(*remove)
        if when is None:
            self.clock += dt.timedelta(days=1)
            when = self.clock
        else:
            self.clock = when
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message, when=when, author=author)
        return self.git("rev-parse", "HEAD")

    def move(
        self,
        old: str,
        new: str,
        message: str,
        edit: dict[str, str] | None = None,
        when: dt.datetime | None = None,
    ) -> str:
        target = self.root.joinpath(*new.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        self.root.joinpath(*old.split("/")).rename(target)
        return self.commit(message, edit, when=when)

    def shallow_clone(self, dest: Path, depth: int = 1) -> Path:
        """A clone with --depth through a file:// URL (a plain path ignores --depth)."""
        self.git(
            "clone", "-q", "--depth", str(depth), self.root.as_uri(), str(dest), cwd=dest.parent
        )
        return dest


@pytest.fixture
def git_home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    return home


@pytest.fixture
def git_wh(tmp_path: Path, git_home: Path) -> Callable[..., GitWarehouse]:
    """A mini warehouse in a fresh repository; ``git_wh(commit=False)`` leaves it uncommitted."""

    def build(
        commit: bool = True, files: dict[str, str | bytes] | None = None, subdir: str | None = None
    ) -> GitWarehouse:
        top = tmp_path / "repo"
        root = top / subdir if subdir else top
        top.mkdir(parents=True, exist_ok=True)
        base: dict[str, str | bytes] = {
            "data/framework.yaml": MINI_FRAMEWORK,
            "data/indicators.yaml": MINI_INDICATORS,
            **MINI_DISTRICTS,
        }
        write_tree(root, {**base, **(files or {})})
        repo = GitWarehouse(top, git_home)
        repo.git("init", "-q")
        repo.git("symbolic-ref", "HEAD", "refs/heads/main")
        if commit:
            repo.commit("建立标准仓", when=repo.clock)
        return GitWarehouse(root, git_home, repo.clock) if subdir else repo

    return build


@pytest.fixture(scope="session")
def demo_history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo warehouse with its history (150 standards, 80 commits), read-only."""
    from jgsw_std.demo.generator import build_demo, write_demo
    from jgsw_std.demo.history import build_history

    root = tmp_path_factory.mktemp("demo-history") / "wh"
    demo = build_demo(150, seed=3)
    write_demo(root, demo)
    build_history(root, demo, commits=80, seed=3)
    return root


@pytest.fixture
def demo_copy(demo_history: Path, tmp_path: Path, git_home: Path) -> Iterator[GitWarehouse]:
    """A private copy of the demo history that a test may commit to."""
    dest = tmp_path / "demo"
    shutil.copytree(demo_history, dest, symlinks=True)
    repo = GitWarehouse(dest, git_home, dt.datetime(2026, 8, 3, 10, 0, tzinfo=ZONE))
    yield repo


def dedent(text: str) -> str:
    return textwrap.dedent(text)
