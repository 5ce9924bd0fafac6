"""`jgsw demo DIR --history`: a real, dated, reproducible git history of the demo warehouse."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from jgsw_std.history.blobs import BlobReader
from jgsw_std.history.gitrepo import open_repo
from jgsw_std.history.revision import warehouse_at
from tests.conftest import CliRunner


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, check=True).stdout.decode()


def test_demo_history_command(tmp_path: Path, cli: CliRunner) -> None:
    dest = tmp_path / "demo"
    result = cli("demo", str(dest), "-n", "60", "--history", "--commits", "30", "--seed", "5")
    assert result.exit_code == 0, result.stderr
    assert "已生成 git 历史：30 次提交" in result.stdout
    assert _git(dest, "rev-list", "--count", "HEAD").strip() == "30"
    assert _git(dest, "status", "--porcelain") == ""  # the last commit is the working tree
    assert _git(dest, "symbolic-ref", "HEAD").strip() == "refs/heads/main"
    assert _git(dest, "for-each-ref", "--format=%(refname)") == "refs/heads/main\n"
    again = tmp_path / "again"
    cli("demo", str(again), "-n", "60", "--history", "--commits", "30", "--seed", "5")
    # pinned authors and dates: the same seed gives the same commits, id for id
    assert _git(again, "rev-parse", "HEAD") == _git(dest, "rev-parse", "HEAD")


def test_dates_authors_and_merges(demo_history: Path) -> None:
    log = _git(demo_history, "log", "--format=%H|%an|%aI|%cI|%P").splitlines()
    assert len(log) == 80
    authors = {line.split("|")[1] for line in log}
    assert len(authors) >= 4
    stamps = []
    for line in log:
        _, _, authored, committed, parents = line.split("|")
        assert authored.endswith("+08:00") and committed.endswith("+08:00")
        stamps.append(dt.datetime.fromisoformat(committed))
        if len(parents.split()) == 1:
            assert authored == committed  # pinned: the commit was made when it was written
    assert min(stamps).date() == dt.date(2021, 1, 4)
    assert all(s.year in (2021, 2022, 2023, 2024, 2025, 2026) for s in stamps)
    years = {s.year for s in stamps}
    assert {2021, 2022, 2023, 2024, 2025} <= years
    merges = [line for line in log if len(line.split("|")[4].split()) == 2]
    assert merges, "some changes arrive through merged topic branches"
    first_parent = _git(demo_history, "log", "--first-parent", "--format=%cI").splitlines()
    assert first_parent == sorted(first_parent, reverse=True)  # time runs forward on main


def test_no_fact_is_committed_before_it_happened(demo_history: Path) -> None:
    # --rev (what had been recorded) and --as-of (what was true) stay apart:
    # every review in a revision is dated on or before that revision's commit.
    with open_repo(demo_history) as repo:
        shas = _git(demo_history, "rev-list", "--first-parent", "HEAD").split()
        for sha in shas[::10]:
            wh = warehouse_at(repo, sha)
            day = repo.commit(sha).committed.date()
            for rec in wh.standards:
                assert all(r.date <= day for r in rec.model.reviews), (sha, rec.code)
                if rec.model.published is not None:
                    assert rec.model.published <= day, (sha, rec.code)


def test_every_revision_is_free_of_errors(demo_history: Path, cli: CliRunner) -> None:
    shas = _git(demo_history, "rev-list", "--first-parent", "HEAD").split()
    for sha in shas[::8]:
        result = cli("check", "--root", str(demo_history), "--rev", sha, "--as-of", "2026-07-31")
        assert "错误 0 个" in result.stdout, (sha, result.stdout[-2000:])


def test_blob_reader_reads_more_than_a_pipe_holds(demo_history: Path) -> None:
    # thousands of requests written while answers stream back: no deadlock
    with open_repo(demo_history) as repo:
        blobs = _git(demo_history, "rev-list", "--objects", "--all").split("\n")
        ids = [line.split()[0] for line in blobs if line.endswith(".yaml")]
        assert len(ids) > 1500
        reader = BlobReader(repo.repo)
        try:
            contents = reader.read_many(ids)
            assert all(contents[i] for i in ids)
            sample = ids[len(ids) // 2]
            assert (
                contents[sample]
                == subprocess.run(
                    ["git", "cat-file", "blob", sample], cwd=demo_history, capture_output=True
                ).stdout
            )
        finally:
            reader.close()


def test_blob_reader_reports_a_missing_object_and_recovers(demo_history: Path) -> None:
    from jgsw_std.errors import JgswError

    with open_repo(demo_history) as repo:
        reader = BlobReader(repo.repo)
        good = _git(demo_history, "rev-parse", "HEAD:data/framework.yaml").strip()
        try:
            try:
                reader.read_many(["0" * 39 + "1", good])
            except JgswError as exc:
                assert "无法从 git 读取对象" in exc.zh and "git fsck" in exc.hint_en
            else:
                raise AssertionError("a missing object must be reported")
            assert good not in reader.cache
            # the next read starts a fresh process: no stale answers are mistaken for it
            assert b"categories:" in reader.read(good)
        finally:
            reader.close()
