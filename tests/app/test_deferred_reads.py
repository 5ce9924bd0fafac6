"""`check` after a change reads only the files it must (load/files.DeferredSource).

The finished-result lookup stats every file and trusts the blob id of those
whose stat is as recorded; the load that follows leaves them unread, their
parses and positions coming from the cache. A file whose bytes are wanted
after all is read then, and must still be the blob it was taken for.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from pathlib import Path

import pytest
from tests.conftest import MiniFactory

from jgsw_std.app.check import CheckRequest, run_check
from jgsw_std.load import blob_ids, cache, files
from jgsw_std.load.files import DeferredSource, SourceChanged

ON = dt.date(2025, 12, 31)
A = "data/standards/vehicles/db50-t-7-2020.yaml"
B = "data/standards/vehicles/db50-t-8-2020.yaml"
STANDARD = """\
code: DB50/T {n}-2020
title: {title}
level: local
category: general
area: vehicles
items: [vehicles.quota]
owner: chongqing
status: published
published: 2020-03-01
effective: 2020-06-01
"""


#: the shared empty cache (tests/conftest.py's ``fresh``), with a 1 ms settling margin
pytestmark = pytest.mark.usefixtures("quick_settle")


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The warehouse files read from now on (every read goes through _read_small first)."""
    seen: list[str] = []
    real = files._read_small

    def spy(path: str) -> bytes | None:
        if "/data/" in path.replace("\\", "/"):
            seen.append(path.replace("\\", "/").split("/data/", 1)[1])
        return real(path)

    monkeypatch.setattr(files, "_read_small", spy)
    return seen


def _write(root: Path, rel: str, n: int, title: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(STANDARD.format(n=n, title=title), encoding="utf-8", newline="\n")


def _new_run() -> None:
    cache.flush()
    cache.reset("zh")
    time.sleep(0.01)  # past the settling margin: the recorded stats are trusted now


def _lookup(root: Path) -> None:
    """What the finished-result lookup does first: stat the files, trust the settled ones."""
    blob_ids.identify(root, blob_ids.listed_for_lookup(root), only_if_recorded=True)


def _problems(root: Path) -> list[tuple[str, str, int, int]]:
    outcome = run_check(CheckRequest(root=root, as_of=ON))
    return [(p.path, p.code, p.line, p.col) for p in outcome.result.problems]


def test_after_one_change_only_that_file_is_read(
    fresh: Path, mini: MiniFactory, reads: list[str]
) -> None:
    wh = mini()
    _write(wh.root, A, 7, "公务用车编制管理规范")
    _write(wh.root, B, 8, "公务用车处置管理规范")
    time.sleep(0.01)
    _problems(wh.root)  # the first run records every file, its parse and its places
    _new_run()
    _write(wh.root, A, 7, "公务用车编制管理规范（修订）")
    time.sleep(0.01)
    reads.clear()
    _lookup(wh.root)
    found = _problems(wh.root)
    assert reads == ["standards/vehicles/db50-t-7-2020.yaml"]  # by the lookup, once
    cache.disable()
    assert found == _problems(wh.root)  # what a check without the cache says


def test_a_file_changed_after_its_stat_is_read_afresh(
    fresh: Path, mini: MiniFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    wh = mini()
    _write(wh.root, A, 7, "公务用车编制管理规范")
    _write(wh.root, B, 8, "公务用车处置管理规范")
    time.sleep(0.01)
    _problems(wh.root)
    _new_run()
    with sqlite3.connect(cache.cache_path()) as conn:  # no parse kept: A's bytes are wanted
        conn.execute("DELETE FROM records")
        conn.execute("DELETE FROM loaded")  # nor the models of the last load
    _lookup(wh.root)  # A is trusted as the blob it was
    _write(wh.root, A, 7, "公务用车编制管理规范（改于检查途中）")  # ... and changes now
    outcome = run_check(CheckRequest(root=wh.root, as_of=ON))
    entry = outcome.warehouse.files[A]
    assert not isinstance(entry.source, DeferredSource)  # loaded afresh
    assert entry.source.blob == cache.blob_id((wh.root / A).read_bytes())
    titles = {rec.path: rec.model.title for rec in outcome.warehouse.standards}
    assert titles[A] == "公务用车编制管理规范（改于检查途中）"


def test_a_deferred_file_is_read_once_and_must_be_its_blob(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"title: one\n")
    blob = cache.blob_id(b"title: one\n")
    source = DeferredSource("data/a.yaml", blob, 11, str(path), 1000, str(tmp_path))
    assert source.size == 11 and source.blob == blob and source.worktree
    assert source.data == b"title: one\n"
    path.write_bytes(b"title: two\n")
    assert source.data == b"title: one\n"  # read once: the bytes judged stay the same
    changed = DeferredSource("data/a.yaml", blob, 11, str(path), 1000, str(tmp_path))
    with pytest.raises(SourceChanged):
        _ = changed.data
    path.unlink()
    gone = DeferredSource("data/a.yaml", blob, 11, str(path), 1000, str(tmp_path))
    with pytest.raises(SourceChanged):
        _ = gone.data


def test_the_tree_is_looked_up_once_a_run(
    fresh: Path, mini: MiniFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The fast path's lookup missed; the command asks again: no second stat of every file.
    from jgsw_std.app import finished

    wh = mini()
    _write(wh.root, A, 7, "公务用车编制管理规范")
    time.sleep(0.01)
    _problems(wh.root)
    _new_run()
    looked: list[Path] = []
    real = blob_ids.settled_tree

    def spy(root: Path, paths: list[str]) -> str | None:
        looked.append(root)
        return real(root, paths)

    monkeypatch.setattr(blob_ids, "settled_tree", spy)
    first = finished.worktree_tree(wh.root)
    assert first is not None and finished.worktree_tree(wh.root) == first
    assert len(looked) == 1
    _write(wh.root, A, 7, "公务用车编制管理规范（修订）")
    cache.reset("zh")  # the next run sees the change
    assert finished.worktree_tree(wh.root) not in (None, first) and len(looked) == 2
