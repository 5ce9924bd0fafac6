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
def fresh(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shared empty cache (tests/conftest.py), with the default file size limit."""
    monkeypatch.delenv(MAX_FILE_ENV, raising=False)
    return fresh


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


def test_a_path_that_leaves_the_root_on_its_face_is_not_watched(
    fresh: Path, mini: MiniFactory, cli: CliRunner, computed: list[str]
) -> None:
    text = STANDARD.format(digest="a" * 64).replace("files/db50-t-7-2015.txt", "/x.txt")
    root = mini({PATH: text}).root
    line = ["check", "--as-of", DAY, "--root", str(root), "--select", "M"]
    first = cli(*line)
    assert "M903" in first.stdout  # said from the text alone: no file is read or watched
    assert cli(*line).stdout == first.stdout and computed == ["check"]
    assert _stored_results()[0].watch == ()


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


# -- registries, options ---------------------------------------------------------------


def test_an_edited_registry_file_is_judged_again(
    fresh: Path, mini: MiniFactory, cli: CliRunner, computed: list[str]
) -> None:
    wh = mini({"data/experts/zhang-wei.yaml": EXPERT})
    line = ["check", "--as-of", DAY, "--root", str(wh.root)]
    first = cli(*line)
    assert cli(*line).stdout == first.stdout and computed == ["check"]
    wh.write({"data/experts/zhang-wei.yaml": EXPERT + "term_ends: 2021-01-01\n"})
    assert "E905" in cli(*line).stdout and computed == ["check", "check"]


def test_grouping_as_of_is_part_of_a_status_key(
    fresh: Path, mini: MiniFactory, cli: CliRunner, computed: list[str]
) -> None:
    line = ["status", "--as-of", DAY, "--root", str(mini().root)]
    cli(*line)
    cli(*line)
    cli(*line, "--grouping-as-of", "2021-01-01")
    cli(*line, "--grouping-as-of", "2021-01-01")
    cli(*line, "--grouping-as-of", "2022-01-01")
    assert computed == ["status", "status", "status"]


def test_options_before_the_command_are_served_like_options_after_it(
    fresh: Path, mini: MiniFactory, cli: CliRunner, computed: list[str], tmp_path: Path
) -> None:
    root = str(mini().root)
    out = str(tmp_path / "out.json")
    after = cli("check", "--as-of", DAY, "-f", "json", "-o", out, "--lang", "en", "--root", root)
    before = cli("--lang", "en", "--root", root, "check", "--as-of", DAY, "-f", "json", "-o", out)
    assert (before.stdout, before.stderr) == (after.stdout, after.stderr)
    assert after.stderr.startswith(f"wrote {out} (") and computed == ["check"]
    quiet = cli("-q", "--lang=en", "check", "--as-of", DAY, "-f", "json", "-o", out, "--root", root)
    assert quiet.stderr == after.stderr.split("\n", 1)[1] and computed == ["check"]
    own = cli("--lang", "en", "check", "--as-of", DAY, "--root", root, "--lang", "zh")
    assert "检查了" in own.stdout  # the command's own value wins, as through typer


# -- files that are reported instead of read are never remembered -----------------------


def _folder(root: Path) -> Path:
    folder = root / "data" / "standards" / "vehicles"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _twice(cli: CliRunner, root: Path, computed: list[str]) -> str:
    line = ["check", "--as-of", DAY, "--root", str(root)]
    first = cli(*line)
    second = cli(*line)
    assert second.stdout == first.stdout and computed == ["check", "check"]
    return first.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_fifo_is_reported_and_never_remembered(
    fresh: Path, mini: MiniFactory, cli: CliRunner, computed: list[str]
) -> None:
    wh = mini()
    _folder(wh.root)
    os.mkfifo(wh.root / "data" / "standards" / "vehicles" / "pipe.yaml")
    assert "Y008" in _twice(cli, wh.root, computed)
    assert "data/standards/vehicles/pipe.yaml" not in _files_table(wh.root)


def test_a_dangling_link_is_reported_and_never_remembered(
    fresh: Path, mini: MiniFactory, cli: CliRunner, computed: list[str]
) -> None:
    wh = mini()
    _folder(wh.root).joinpath("gone.yaml").symlink_to("nowhere.yaml")
    assert "Y007" in _twice(cli, wh.root, computed)


@pytest.mark.skipif(os.name == "nt", reason="file names are UTF-16 on Windows")
def test_a_file_name_that_is_not_utf8_is_reported_and_never_remembered(
    fresh: Path, mini: MiniFactory, cli: CliRunner, computed: list[str]
) -> None:
    wh = mini()
    folder = os.fsencode(_folder(wh.root))
    with open(folder + b"/\xff\xfe.yaml", "wb") as handle:
        handle.write(b"code: x\n")
    assert "Y011" in _twice(cli, wh.root, computed)


def test_a_file_over_the_limit_is_never_served_from_an_earlier_limit(
    fresh: Path,
    mini: MiniFactory,
    cli: CliRunner,
    computed: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    wh = mini()
    line = ["check", "--as-of", DAY, "--root", str(wh.root)]
    cli(*line)  # every file read and remembered under the default limit
    monkeypatch.setattr(blob_ids, "SETTLED_NS", -(10**18))  # trust every recorded entry
    assert cli(*line).exit_code == 0 and computed == ["check"]  # served
    monkeypatch.setenv(MAX_FILE_ENV, "100")  # the framework is larger than that
    limited = cli(*line)
    assert "Y009" in limited.stdout and computed == ["check", "check"]
    assert "Y009" in cli(*line).stdout and computed == ["check", "check", "check"]


def test_a_file_over_the_limit_is_neither_keyed_nor_recorded(
    fresh: Path, mini: MiniFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jgsw_std.load.warehouse import load_worktree

    wh = mini()
    monkeypatch.setenv(MAX_FILE_ENV, "100")
    cache.reset("zh")
    loaded = load_worktree(wh.root)
    big = loaded.files["data/framework.yaml"]
    assert big.source.blob is None and not big.valid
    assert any(p.code == "Y009" and p.path == big.rel for p in loaded.problems)
    assert "data/framework.yaml" not in blob_ids.identify(wh.root, blob_ids.listing(wh.root)).blobs
    cache.flush()
    assert "data/framework.yaml" not in _files_table(wh.root)


def _files_table(root: Path) -> dict[str, object]:
    cache.reset("zh")
    table = blob_ids._recorded(str(root))
    cache.close()
    return table  # type: ignore[return-value]
