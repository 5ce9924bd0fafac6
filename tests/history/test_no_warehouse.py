"""History commands in a git repository that never held a warehouse fail like `jgsw check`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliRunner
from tests.history.conftest import GitWarehouse, standard

A = "data/standards/vehicles/db50-t-1001-2015.yaml"
COMMANDS = (("trend",), ("diff",), ("diff", "HEAD~1", "HEAD"), ("history", "DB50/T 1001-2015"))


@pytest.fixture
def not_a_warehouse(tmp_path: Path, git_home: Path) -> GitWarehouse:
    """A git repository with two commits and no data/ anywhere in its history."""
    repo = GitWarehouse(tmp_path / "project", git_home)
    repo.root.mkdir()
    repo.git("init", "-q")
    repo.commit("readme", {"README.md": "not a warehouse\n", "data/notes.yaml": "a: 1\n"})
    repo.commit("more", {"README.md": "still not\n"})
    return repo


@pytest.mark.parametrize("args", COMMANDS)
def test_git_repository_without_a_warehouse_is_a_usage_error(
    not_a_warehouse: GitWarehouse, cli: CliRunner, args: tuple[str, ...]
) -> None:
    check = cli("check", cwd=not_a_warehouse.root)
    result = cli(*args, cwd=not_a_warehouse.root)
    assert check.exit_code == 1
    assert result.exit_code == 1, (args, result.stdout)
    assert "没有找到标准仓" in result.stderr and result.stdout == ""
    assert result.stderr == check.stderr
    english = cli(*args, "--lang", "en", cwd=not_a_warehouse.root)
    assert english.exit_code == 1 and "No warehouse" in english.stderr


@pytest.mark.parametrize("args", COMMANDS)
def test_root_option_at_a_plain_repository_is_refused(
    not_a_warehouse: GitWarehouse, cli: CliRunner, args: tuple[str, ...]
) -> None:
    result = cli(*args, "--root", str(not_a_warehouse.root))
    assert result.exit_code == 1
    assert "不是标准仓" in result.stderr


def test_outside_git_and_outside_a_warehouse(tmp_path: Path, cli: CliRunner) -> None:
    nowhere = tmp_path / "nowhere"
    nowhere.mkdir()
    for args in (("trend",), ("diff",), ("history", "x")):
        result = cli(*args, cwd=nowhere)
        assert result.exit_code == 1 and "没有找到标准仓" in result.stderr, args


def test_a_warehouse_deleted_from_the_working_tree_is_still_read_from_history(
    git_wh: Callable[..., GitWarehouse], cli: CliRunner
) -> None:
    repo = git_wh()
    repo.commit("一项", {A: standard("DB50/T 1001-2015")})
    repo.commit(
        "删除标准仓",
        remove=tuple(
            sorted(
                p.relative_to(repo.root).as_posix()
                for p in repo.root.joinpath("data").rglob("*.yaml")
            )
        ),
    )
    history = cli("history", "DB50/T 1001-2015", cwd=repo.root)
    assert history.exit_code == 0, history.stderr
    assert "一项" in history.stdout
    diff = cli("diff", "HEAD~2", "HEAD~1", cwd=repo.root)
    assert diff.exit_code == 0, diff.stderr
    assert cli("trend", "--rev", "HEAD~1", cwd=repo.root).exit_code == 0
