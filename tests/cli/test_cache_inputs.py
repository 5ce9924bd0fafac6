"""What a remembered check or status depends on besides data/'s blobs, and what is never kept.

The finished-result cache (app/finished.py) must miss whenever the output
would differ: a document's file changed, removed or added (M901-M903 read
files outside data/), a registry file edited, ``--grouping-as-of``, options
given before the command. Files the loader reports instead of reading
(Y007-Y011) have no blob id, so a warehouse holding one is never served.
Each test counts the computations instead of trusting the output alone.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.conftest import CliRunner, MiniFactory

import jgsw_std.app.check
import jgsw_std.app.status
from jgsw_std.app import finished
from jgsw_std.load import blob_ids, cache
from jgsw_std.load.files import MAX_FILE_ENV
from jgsw_std.progress import SILENT, Progress

DAY = "2025-12-31"
PATH = "data/standards/vehicles/db50-t-7-2015.yaml"
TEXT = b"the published text\n"
STANDARD = """\
code: DB50/T 7-2015
title: 公务用车编制管理规范
level: local
category: general
area: vehicles
items: [vehicles.quota]
owner: chongqing
status: published
published: 2015-03-01
effective: 2015-06-01
documents:
  - {{kind: text, title: 标准文本, path: files/db50-t-7-2015.txt, sha256: {digest}}}
"""
EXPERT = """\
slug: zhang-wei
name: 张伟
organization: 重庆市标准化研究院
appointed: 2022-05-20
"""


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_DIR, str(folder))
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    monkeypatch.delenv(MAX_FILE_ENV, raising=False)
    yield folder


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The commands computed (not served from the cache) from now on."""
    calls: list[str] = []
    check, status = jgsw_std.app.check.run_check, jgsw_std.app.status.run_status

    def counted_check(
        request: jgsw_std.app.check.CheckRequest, progress: Progress = SILENT
    ) -> jgsw_std.app.check.CheckOutcome:
        calls.append("check")
        return check(request, progress)

    def counted_status(
        request: jgsw_std.app.status.StatusRequest, progress: Progress = SILENT
    ) -> jgsw_std.app.status.StatusOutcome:
        calls.append("status")
        return status(request, progress)

    monkeypatch.setattr(jgsw_std.app.check, "run_check", counted_check)
    monkeypatch.setattr(jgsw_std.app.status, "run_status", counted_status)
    return calls


def _documented(mini: MiniFactory) -> Path:
    digest = hashlib.sha256(TEXT).hexdigest()
    wh = mini({PATH: STANDARD.format(digest=digest), "files/db50-t-7-2015.txt": TEXT})
    return wh.root


# -- documents' files ------------------------------------------------------------------


def test_a_documents_file_changed_in_place_is_judged_again(
    fresh: Path, mini: MiniFactory, cli: CliRunner, computed: list[str]
) -> None:
    root = _documented(mini)
    line = ["check", "--as-of", DAY, "--root", str(root), "--select", "M"]
    first = cli(*line)
    assert first.exit_code == 0 and "M902" not in first.stdout
    assert cli(*line).stdout == first.stdout and computed == ["check"]  # served
    (root / "files" / "db50-t-7-2015.txt").write_bytes(TEXT.upper())  # same size
    changed = cli(*line)
    assert "M902" in changed.stdout and changed.exit_code == 1
    assert computed == ["check", "check"]


def test_a_documents_file_removed_or_added_is_judged_again(
    fresh: Path, mini: MiniFactory, cli: CliRunner, computed: list[str]
) -> None:
    root = _documented(mini)
    line = ["check", "--as-of", DAY, "--root", str(root), "--select", "M"]
    cli(*line)
    attached = root / "files" / "db50-t-7-2015.txt"
    attached.unlink()
    missing = cli(*line)
    assert "M901" in missing.stdout
    assert cli(*line).stdout == missing.stdout  # the missing file is remembered too
    attached.write_bytes(TEXT)
    back = cli(*line)
    assert "M901" not in back.stdout and back.exit_code == 0
    assert computed == ["check", "check", "check"]


def test_a_folder_turned_into_a_link_out_of_the_warehouse_is_judged_again(
    fresh: Path, mini: MiniFactory, cli: CliRunner, computed: list[str], tmp_path: Path
) -> None:
    root = _documented(mini)
    line = ["check", "--as-of", DAY, "--root", str(root), "--select", "M"]
    cli(*line)
    outside = tmp_path / "outside"
    (root / "files").rename(outside)
    (root / "files").symlink_to(outside, target_is_directory=True)
    moved = cli(*line)
    assert "M903" in moved.stdout and computed == ["check", "check"]


def test_settled_states_are_trusted_and_recent_ones_read_again(
    fresh: Path, mini: MiniFactory
) -> None:
    root = _documented(mini)
    attached = root / "files" / "db50-t-7-2015.txt"
    info = os.stat(attached)
    state = ("file", os.path.realpath(attached), info.st_mtime_ns, info.st_size, info.st_ino)
    state += (info.st_ctime_ns,)
    wrong = ("file", "0" * 64, False)  # what a racy rewrite would have left recorded
    watch = (("files/db50-t-7-2015.txt", state, wrong),)
    edge = max(info.st_mtime_ns, info.st_ctime_ns) + blob_ids.SETTLED_NS
    # taken exactly one margin after the file's times: not yet trusted, so read again
    assert finished.still_holds(root, finished.Finished("x", watch=watch, watched_ns=edge)) is None
    # one nanosecond later it is trusted: the state alone vouches for the bytes
    trusted = finished.Finished("x", watch=watch, watched_ns=edge + 1)
    assert finished.still_holds(root, trusted) is trusted
    # read again and found as recorded: it holds, re-dated to the lookup
    right = ("file", hashlib.sha256(TEXT).hexdigest(), False)
    recent = finished.Finished("x", watch=(("files/db50-t-7-2015.txt", state, right),))
    before = time.time_ns()
    held = finished.still_holds(root, recent)
    assert held is not None and held.watched_ns >= before and held.out == "x"


def test_a_recently_written_file_is_re_dated_once_it_has_been_read_again(
    fresh: Path, mini: MiniFactory, cli: CliRunner
) -> None:
    root = _documented(mini)
    line = ["check", "--as-of", DAY, "--root", str(root), "--select", "M"]
    cli(*line)
    stored = _stored_results()
    assert len(stored) == 1 and stored[0].watch and stored[0].watched_ns > 0
    cli(*line)  # the file is fresh: read again, found as recorded, the entry re-dated
    again = _stored_results()
    assert again[0].watched_ns > stored[0].watched_ns and again[0].out == stored[0].out


def _stored_results() -> list[finished.Finished]:
    cache.reset("zh")
    store = cache.store()
    assert store is not None
    rows = store.conn.execute("SELECT value FROM results").fetchall()
    out = [finished.Finished.decode(row[0]) for row in rows]
    cache.close()
    return [one for one in out if one is not None]
