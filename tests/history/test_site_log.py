"""The site's bulk git reads: every record followed at once, and each month's net change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from jgsw_std.history.gitrepo import open_repo
from jgsw_std.history.log import walk_data
from jgsw_std.history.record_log import follow
from jgsw_std.history.site_log import follow_all, read_site_history
from jgsw_std.load.warehouse import load_worktree

from .conftest import ZONE, GitWarehouse, standard


def test_follow_all_is_follow_for_every_record(demo_history: Path) -> None:
    wh = load_worktree(demo_history)
    paths = [r.path for r in wh.standards] + [d.path for d in wh.districts]
    with open_repo(demo_history) as repo:
        log = walk_data(repo, repo.resolve("HEAD"))
        together = follow_all(log, paths)
        moves = 0
        for path in paths:
            alone = follow(log, path)
            assert together[path] == alone, path
            moves += sum(1 for _, change, _ in alone if change.status == "R")
    assert moves >= 1  # the demo moves some standards: the hard case was compared


def test_months_net_change(git_wh: Callable[..., GitWarehouse]) -> None:
    repo = git_wh()
    a = "data/standards/vehicles/db50-t-1-2020.yaml"
    b = "data/standards/vehicles/db50-t-2-2020.yaml"
    march = dt.datetime(2023, 3, 1, 9, 0, tzinfo=ZONE)
    repo.commit("add A", {a: standard("DB50/T 1-2020")}, when=march)
    repo.commit("add B", {b: standard("DB50/T 2-2020")}, when=march + dt.timedelta(days=1))
    # April: A is edited twice (one net change), B is edited and the edit undone (none)
    april = dt.datetime(2023, 4, 3, 9, 0, tzinfo=ZONE)
    repo.commit("A v2", {a: standard("DB50/T 1-2020", title="v2")}, when=april)
    repo.commit("B tmp", {b: standard("DB50/T 2-2020", title="tmp")}, when=april)
    repo.commit("A v3", {a: standard("DB50/T 1-2020", title="v3")}, when=april)
    repo.commit("B back", {b: standard("DB50/T 2-2020")}, when=april)
    # May: A moves to another area folder with an edit; B is deleted
    moved = "data/standards/logistics/db50-t-1-2020.yaml"
    may = dt.datetime(2023, 5, 2, 9, 0, tzinfo=ZONE)
    repo.move(a, moved, "move A", {moved: standard("DB50/T 1-2020", area="logistics")}, when=may)
    repo.commit("drop B", remove=(b,), when=may + dt.timedelta(hours=1))

    history = read_site_history(repo.root, [moved])
    assert history is not None
    months = {m.month: m for m in history.months}
    assert [m for m in months if m.startswith("2023")] == ["2023-03", "2023-04", "2023-05"]
    assert [(r.change, r.key) for r in months["2023-03"].records] == [
        ("added", "DB50/T 1-2020"),
        ("added", "DB50/T 2-2020"),
    ]
    april_records = months["2023-04"].records
    assert [(r.change, r.key) for r in april_records] == [("changed", "DB50/T 1-2020")]
    assert [f.text() for f in april_records[0].fields] == ["title: DB50/T 1-2020 测试标准 → v3"]
    assert len(months["2023-04"].commits) == 4
    may_records = {(r.change, r.key) for r in months["2023-05"].records}
    assert may_records == {("removed", "DB50/T 2-2020"), ("renamed", "DB50/T 1-2020")}
    renamed = next(r for r in months["2023-05"].records if r.change == "renamed")
    assert renamed.old_path == a and renamed.path == moved
    # the record's own history follows it through the move
    entries = history.records[moved]
    assert [e.change for e in entries] == ["renamed", "modified", "modified", "added"]


def test_no_git_no_history(tmp_path: Path) -> None:
    assert read_site_history(tmp_path, []) is None
