"""The pre-commit hook definitions (.pre-commit-hooks.yaml), run by pre-commit itself.

A warehouse repository points its .pre-commit-config.yaml at this repository,
as a warehouse would; pre-commit builds the hook environment (pip install of
this package, from PyPI) once and runs both hooks twice: on a warehouse with a
badly formatted file and an invalid one, then after the fix.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import REPO

GIT_ENV = {
    "GIT_AUTHOR_NAME": "jgsw test",
    "GIT_AUTHOR_EMAIL": "test@jgsw.invalid",
    "GIT_COMMITTER_NAME": "jgsw test",
    "GIT_COMMITTER_EMAIL": "test@jgsw.invalid",
    "GIT_AUTHOR_DATE": "2025-01-01T00:00:00+08:00",
    "GIT_COMMITTER_DATE": "2025-01-01T00:00:00+08:00",
}
STANDARD = "data/standards/logistics/db50-t-1056-2020.yaml"
BROKEN = "data/standards/logistics/db50-t-1058-2020.yaml"


def _git(cwd: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


def _snapshot_of_this_repository(dest: Path) -> str:
    """This package as it is in the working tree, committed to a fresh repository."""
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=REPO,
            check=True,
            capture_output=True,
        )
        .stdout.decode("utf-8")
        .split("\0")
    )
    for rel in filter(None, listed):
        source = REPO / rel
        if source.is_file():
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    _git(dest, "init", "-q")
    _git(dest, "add", "-A")
    _git(dest, "commit", "-q", "-m", "snapshot")
    return _git(dest, "rev-parse", "HEAD")


def _pre_commit(cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    env.pop("JGSW_ROOT", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_hooks_format_and_check_a_warehouse_repository(tmp_path: Path) -> None:
    hooks_repo = tmp_path / "jgsw"
    rev = _snapshot_of_this_repository(hooks_repo)

    warehouse = tmp_path / "warehouse"
    shutil.copytree(REPO / "data", warehouse / "data")
    (warehouse / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks_repo.as_posix()}\n    rev: {rev}\n"
        "    hooks:\n      - id: jgsw-fmt\n      - id: jgsw-check\n",
        encoding="utf-8",
    )
    tidy = (warehouse / STANDARD).read_text("utf-8")
    messy = tidy.replace("title: 党政机关物业管理服务规范", 'title: "党政机关物业管理服务规范"')
    assert messy != tidy
    (warehouse / STANDARD).write_text(messy, encoding="utf-8")
    valid = (warehouse / BROKEN).read_text("utf-8")
    (warehouse / BROKEN).write_text(
        valid.replace("level: local", "level: locale"), encoding="utf-8"
    )
    _git(warehouse, "init", "-q")
    _git(warehouse, "add", "-A")

    home = tmp_path / "pre-commit-home"
    first = _pre_commit(warehouse, home)
    output = first.stdout + first.stderr
    if first.returncode != 0 and "CalledProcessError" in output and "install" in output:
        pytest.skip(f"pre-commit could not build the hook environment (PyPI?):\n{output[-2000:]}")
    assert first.returncode == 1, output
    assert "jgsw fmt" in output and "files were modified by this hook" in output
    assert f"已格式化：{STANDARD}" in output
    assert (warehouse / STANDARD).read_text("utf-8") == tidy
    assert f"{BROKEN}:" in output and "S103" in output and "是不是 local" in output

    (warehouse / BROKEN).write_text(valid, encoding="utf-8")
    _git(warehouse, "add", "-A")
    second = _pre_commit(warehouse, home)
    assert second.returncode == 0, second.stdout + second.stderr
    assert second.stdout.count("Passed") == 2
