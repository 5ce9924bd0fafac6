"""`--rev`: the warehouse as recorded at a revision, read from git, working tree untouched."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from jgsw_std.app.open import open_warehouse
from jgsw_std.history.gitrepo import open_repo
from jgsw_std.history.log import walk_first_parent
from jgsw_std.history.revision import tree_files
from jgsw_std.history.trend import snapshots
from tests.conftest import CliRunner
from tests.history.conftest import GitWarehouse, standard

GOOD = "data/standards/vehicles/db50-t-1001-2015.yaml"


def _status_files(root: Path) -> str:
    done = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True)
    return done.stdout.decode()


def test_check_rev_reads_the_commit_not_the_edited_working_tree(
    git_wh: Callable[..., GitWarehouse], cli: CliRunner
) -> None:
    repo = git_wh()
    repo.commit("新增标准", {GOOD: standard("DB50/T 1001-2015")})
    broken = "code: DB50/T 1001-2015\ntitle: [unclosed\n"
    repo.write({GOOD: broken})
    before = _status_files(repo.root)

    now = cli("check", "--root", str(repo.root), "--select", "Y")
    assert now.exit_code == 1 and "Y" in now.stdout  # the working tree has a syntax error
    then = cli("check", "--root", str(repo.root), "--rev", "HEAD", "--select", "Y")
    assert then.exit_code == 0, then.stdout + then.stderr
    assert "标准 1 项" in then.stdout
    # nothing was checked out: the broken edit is still there, git status unchanged
    assert repo.root.joinpath(*GOOD.split("/")).read_text(encoding="utf-8") == broken
    assert _status_files(repo.root) == before


def test_rev_accepts_branches_tags_and_ancestry(
    git_wh: Callable[..., GitWarehouse], cli: CliRunner
) -> None:
    repo = git_wh()
    repo.commit("一项", {GOOD: standard("DB50/T 1001-2015")})
    repo.git("tag", "v1")
    repo.commit(
        "两项", {"data/standards/vehicles/db50-t-1002-2016.yaml": standard("DB50/T 1002-2016")}
    )
    counts = {}
    for rev in ("HEAD", "HEAD~1", "v1", "main", "HEAD~2"):
        wh = open_warehouse(repo.root, rev=rev)
        counts[rev] = len(wh.standards)
        assert wh.revision == repo.git("rev-parse", rev)
    assert counts == {"HEAD": 2, "HEAD~1": 1, "v1": 1, "main": 2, "HEAD~2": 0}


def test_status_rev_matches_status_of_that_checkout(
    git_wh: Callable[..., GitWarehouse], cli: CliRunner
) -> None:
    repo = git_wh()
    first = repo.commit("一项", {GOOD: standard("DB50/T 1001-2015")})
    repo.commit(
        "复审",
        {GOOD: standard("DB50/T 1001-2015", reviews=["{date: 2021-05-01, conclusion: continue}"])},
    )
    args = ("status", "--root", str(repo.root), "--as-of", "2025-12-31", "--format", "json")
    now = json.loads(cli(*args).stdout)
    then = json.loads(cli(*args, "--rev", first).stdout)
    review = {i["id"]: i for i in now["indicators"]}[17]
    assert review["value"] == 1.0
    assert {i["id"]: i for i in then["indicators"]}[17]["value"] == 0.0
    assert then["warehouse"]["revision"] == first
    assert now["warehouse"]["revision"] is None


def test_bad_revision_and_no_repository_say_so_in_both_languages(
    git_wh: Callable[..., GitWarehouse],
    mini: Callable[..., object],
    cli: CliRunner,
    tmp_path: Path,
) -> None:
    repo = git_wh()
    result = cli("check", "--root", str(repo.root), "--rev", "no-such-branch")
    assert result.exit_code == 1
    assert "git 中没有版本 no-such-branch" in result.stderr and "Traceback" not in result.stderr
    english = cli("check", "--root", str(repo.root), "--rev", "nope", "--lang", "en")
    assert "git has no revision nope" in english.stderr

    plain = tmp_path / "plain"
    from tests.conftest import MINI_FRAMEWORK, MINI_INDICATORS, write_tree

    write_tree(
        plain, {"data/framework.yaml": MINI_FRAMEWORK, "data/indicators.yaml": MINI_INDICATORS}
    )
    outside = cli("check", "--root", str(plain), "--rev", "HEAD")
    assert outside.exit_code == 1 and "不在 git 仓库中" in outside.stderr
    assert cli("check", "--root", str(plain)).exit_code == 0  # no --rev: no git needed


def test_empty_repository_explains_there_are_no_commits(
    git_wh: Callable[..., GitWarehouse], cli: CliRunner
) -> None:
    repo = git_wh(commit=False)
    result = cli("status", "--root", str(repo.root), "--rev", "HEAD")
    assert result.exit_code == 1
    assert "还没有任何提交" in result.stderr
    assert cli("check", "--root", str(repo.root)).exit_code == 0


def test_warehouse_in_a_subfolder_of_the_repository(
    git_wh: Callable[..., GitWarehouse], cli: CliRunner
) -> None:
    repo = git_wh(subdir="warehouse")
    repo.commit("一项", {GOOD: standard("DB50/T 1001-2015")})
    wh = open_warehouse(repo.root, rev="HEAD")
    assert [s.path for s in wh.standards] == [GOOD]
    assert "data/framework.yaml" in wh.files


def test_rev_works_after_data_was_deleted_from_the_working_tree(
    git_wh: Callable[..., GitWarehouse], cli: CliRunner, tmp_path: Path
) -> None:
    repo = git_wh()
    repo.commit("一项", {GOOD: standard("DB50/T 1001-2015")})
    for path in sorted(repo.root.joinpath("data").rglob("*.yaml")):
        path.unlink()
    result = cli("check", "--rev", "HEAD", cwd=repo.root)
    assert result.exit_code == 0, result.stderr
    assert "标准 1 项" in result.stdout


def test_detached_head(git_wh: Callable[..., GitWarehouse], cli: CliRunner) -> None:
    repo = git_wh()
    first = repo.commit("一项", {GOOD: standard("DB50/T 1001-2015")})
    repo.commit(
        "两项", {"data/standards/vehicles/db50-t-1002-2016.yaml": standard("DB50/T 1002-2016")}
    )
    repo.git("checkout", "-q", "--detach", first)
    assert len(open_warehouse(repo.root, rev="HEAD").standards) == 1
    assert len(open_warehouse(repo.root, rev="main").standards) == 2


def test_replayed_snapshots_equal_ls_tree_at_every_commit(demo_history: Path) -> None:
    # The trend rebuilds each revision from one log walk; it must hold exactly
    # the files git itself lists for that commit, merges and moves included.
    with open_repo(demo_history) as repo:
        chain = walk_first_parent(repo, repo.resolve("HEAD"))
        assert any(len(e.commit.parents) == 2 for e in chain)
        replayed = snapshots(chain, set(range(len(chain))))
        for index, entry in enumerate(chain):
            assert replayed[index] == tree_files(repo, entry.commit.sha), entry.commit.sha


def test_a_damaged_repository_is_a_clear_error_not_a_traceback(
    git_wh: Callable[..., GitWarehouse], cli: CliRunner
) -> None:
    repo = git_wh()
    repo.commit("一项", {GOOD: standard("DB50/T 1001-2015")})
    blob = repo.git("rev-parse", f"HEAD:{GOOD}")
    repo.root.joinpath(".git", "objects", blob[:2], blob[2:]).unlink()
    at_rev = cli("check", "--root", str(repo.root), "--rev", "HEAD")
    assert at_rev.exit_code == 1 and "Traceback" not in at_rev.stderr
    assert f"无法从 git 读取对象 {blob}" in at_rev.stderr and "git fsck" in at_rev.stderr
    tree = repo.git("rev-parse", "HEAD^{tree}")
    repo.root.joinpath(".git", "objects", tree[:2], tree[2:]).unlink()
    walked = cli("history", "shapingba", "--root", str(repo.root), "--lang", "en")
    assert walked.exit_code == 1 and "Traceback" not in walked.stderr
    assert "git failed (git " in walked.stderr and "git fsck" in walked.stderr
