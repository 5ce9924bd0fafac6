"""The cache's store: blob ids, the files table and its racy entries, records, and failures.

Every test gets its own cache folder (``fresh``), so what one test leaves
behind never answers another's question.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.conftest import MiniFactory

from jgsw_std.load import blob_ids, cache, parse

GOOD = """\
code: DB50/T 7-2020
title: 公务用车编制管理规范
level: local
category: general
area: vehicles
items: [vehicles.quota]
owner: chongqing
status: published
published: 2020-03-01
effective: 2020-06-01
"""
PATH = "data/standards/vehicles/db50-t-7-2020.yaml"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """Every document the loader parses from now on."""
    seen: list[bytes] = []
    real = parse.parse_bytes

    def spy(raw: bytes) -> parse.Parsed:
        seen.append(raw)
        return real(raw)

    monkeypatch.setattr(parse, "parse_bytes", spy)
    return seen


def test_blob_id_is_what_git_hash_object_prints(tmp_path: Path) -> None:
    for data in (b"", b"code: x\n", "标题：中文\r\n".encode(), bytes(range(256))):
        file = tmp_path / "f"
        file.write_bytes(data)
        git = subprocess.run(["git", "hash-object", str(file)], capture_output=True, check=True)
        assert cache.blob_id(data) == git.stdout.decode().strip()


def test_a_second_load_parses_nothing_and_gives_the_same_warehouse(
    fresh: Path, mini: MiniFactory, parses: list[bytes]
) -> None:
    wh = mini({PATH: GOOD, "data/standards/vehicles/bad.yaml": "code: [unclosed\n"})
    first = wh.load()
    assert len(parses) == len(first.files)  # everything parsed once
    cache.flush()  # the end of a run: what it learnt is written
    cache.reset("zh")  # a new run: this process's memory is gone, the file is not
    parses.clear()
    second = wh.load()
    assert parses == []
    assert [r.model for r in second.standards] == [r.model for r in first.standards]
    assert second.problems == first.problems
    assert [p.line for p in second.problems] == [p.line for p in first.problems]


def test_one_changed_file_is_the_only_one_parsed(
    fresh: Path, mini: MiniFactory, parses: list[bytes]
) -> None:
    wh = mini({PATH: GOOD})
    wh.load()
    cache.flush()
    cache.reset("zh")
    parses.clear()
    changed = GOOD.replace("公务用车编制管理规范", "公务用车处置管理规范")
    wh.write({PATH: changed})
    again = wh.load()
    assert parses == [changed.encode()]
    assert again.standards[0].model.title == "公务用车处置管理规范"


def test_the_same_blob_under_another_path_has_its_own_path_in_problems(
    fresh: Path, mini: MiniFactory
) -> None:
    broken = "code: [unclosed\n"
    mini({"data/standards/vehicles/a.yaml": broken}).load()
    cache.flush()
    cache.reset("zh")
    wh = mini({"data/standards/vehicles/b.yaml": broken}).load()
    paths = {p.path for p in wh.problems if p.code.startswith("Y")}
    assert "data/standards/vehicles/b.yaml" in paths


def test_no_cache_writes_nothing(fresh: Path, mini: MiniFactory, parses: list[bytes]) -> None:
    wh = mini({PATH: GOOD})
    cache.disable()
    wh.load()
    cache.disable()
    parses.clear()
    wh.load()
    assert len(parses) == len(wh.load().files) and not fresh.exists()


# -- the files table: stat short-cuts, and the racy entries they must not trust --------


def _table(root: Path) -> dict[str, tuple[tuple[int, int, int, int], int, str]]:
    store = cache.store()
    assert store is not None
    row = store.conn.execute("SELECT value FROM files WHERE root = ?", (str(root),)).fetchone()
    return dict(marshal.loads(row[0]))


def _rewrite_table(
    root: Path, table: dict[str, tuple[tuple[int, int, int, int], int, str]]
) -> None:
    store = cache.store()
    assert store is not None
    with store.writing() as conn:
        conn.execute("UPDATE files SET value = ? WHERE root = ?", (marshal.dumps(table), str(root)))


def test_a_file_changed_keeping_its_size_and_mtime_is_seen(fresh: Path, tmp_path: Path) -> None:
    root = tmp_path / "wh"
    file = root / "data" / "a.yaml"
    file.parent.mkdir(parents=True)
    file.write_bytes(b"title: one\n")
    old = time.time_ns() - 60_000_000_000  # a minute ago: an entry safely older than its record
    os.utime(file, ns=(old, old))
    first = blob_ids.identify(root, ["data/a.yaml"]).blobs["data/a.yaml"]
    cache.reset("zh")
    file.write_bytes(b"title: two\n")  # same length
    os.utime(file, ns=(old, old))  # and the old modification time back
    found = blob_ids.identify(root, ["data/a.yaml"])
    assert found.blobs["data/a.yaml"] == cache.blob_id(b"title: two\n") != first
    assert found.read == {"data/a.yaml": b"title: two\n"}  # it was read again


def test_an_entry_recorded_within_the_clock_tick_is_not_trusted(
    fresh: Path, tmp_path: Path
) -> None:
    # A file system with coarse times shows the same mtime, size, inode and
    # ctime after a rewrite in the same tick. Make the table say exactly that:
    # the recorded signature equals the rewritten file's, and the record was
    # taken just after the file's time, within SETTLED_NS.
    root = tmp_path / "wh"
    file = root / "data" / "a.yaml"
    file.parent.mkdir(parents=True)
    file.write_bytes(b"title: one\n")
    blob_ids.identify(root, ["data/a.yaml"])
    file.write_bytes(b"title: two\n")
    info = os.stat(file)
    now = (info.st_mtime_ns, info.st_size, info.st_ino, info.st_ctime_ns)
    table = _table(root)
    blob = table["data/a.yaml"][2]
    assert blob == cache.blob_id(b"title: one\n")
    racy_seen = max(info.st_mtime_ns, info.st_ctime_ns) + blob_ids.SETTLED_NS // 2
    table["data/a.yaml"] = (now, racy_seen, blob)
    _rewrite_table(root, table)
    cache.reset("zh")
    found = blob_ids.identify(root, ["data/a.yaml"])
    assert found.blobs["data/a.yaml"] == cache.blob_id(b"title: two\n")


def test_a_settled_entry_saves_reading_the_file(fresh: Path, tmp_path: Path) -> None:
    # The other side of the rule above: an entry taken well after the file's
    # times is trusted, so the file is not read (here the table is made to
    # name another blob, and that is the answer).
    root = tmp_path / "wh"
    file = root / "data" / "a.yaml"
    file.parent.mkdir(parents=True)
    file.write_bytes(b"title: one\n")
    blob_ids.identify(root, ["data/a.yaml"])
    info = os.stat(file)
    now = (info.st_mtime_ns, info.st_size, info.st_ino, info.st_ctime_ns)
    settled = max(info.st_mtime_ns, info.st_ctime_ns) + blob_ids.SETTLED_NS + 1
    _rewrite_table(root, {"data/a.yaml": (now, settled, "f" * 40)})
    cache.reset("zh")
    found = blob_ids.identify(root, ["data/a.yaml"])
    assert found.blobs["data/a.yaml"] == "f" * 40 and found.read == {}


def test_trusted_on_its_edges() -> None:
    sig = (10_000_000_000, 5, 7, 10_000_000_000)
    edge = 10_000_000_000 + blob_ids.SETTLED_NS
    assert not blob_ids.trusted(sig, edge, sig)  # exactly one tick of margin: not yet
    assert blob_ids.trusted(sig, edge + 1, sig)
    assert not blob_ids.trusted(sig, edge - 1, sig)
    later_ctime = (sig[0], sig[1], sig[2], sig[3] + 1)
    assert not blob_ids.trusted(sig, edge + 1, later_ctime)  # any difference: not the same file
    assert not blob_ids.trusted(later_ctime, edge + 2, sig)


# -- the summary: a run with nothing changed stats files and reads no table ---------


@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """A margin of 1 ms instead of 3 s, so that files settle within a test."""
    monkeypatch.setattr(blob_ids, "SETTLED_NS", 1_000_000)


def _old_files(root: Path, texts: dict[str, bytes]) -> list[str]:
    """Files written and settled (with ``quick``) before anything records them."""
    for rel, data in texts.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    time.sleep(0.01)
    return sorted(texts)


def _settled(root: Path, paths: list[str]) -> str | None:
    cache.reset("zh")
    return blob_ids.settled_tree(root, paths)


def test_the_summary_names_the_tree_identify_finds(
    fresh: Path, tmp_path: Path, quick: None
) -> None:
    root = tmp_path / "wh"
    paths = _old_files(root, {"data/a.yaml": b"title: a\n", "data/b/c.yaml": b"title: c\n"})
    assert _settled(root, paths) is None  # nothing recorded yet
    found = blob_ids.identify(root, paths)
    assert _settled(root, paths) == blob_ids.tree_digest(found.blobs) is not None


def test_the_summary_misses_on_a_rewrite_keeping_size_and_mtime(
    fresh: Path, tmp_path: Path, quick: None
) -> None:
    root = tmp_path / "wh"
    paths = _old_files(root, {"data/a.yaml": b"title: one\n"})
    blob_ids.identify(root, paths)
    assert _settled(root, paths) is not None
    info = os.stat(root / paths[0])
    (root / paths[0]).write_bytes(b"title: two\n")  # same length
    os.utime(root / paths[0], ns=(info.st_atime_ns, info.st_mtime_ns))  # the old mtime back
    time.sleep(0.01)  # settled too: only the change time tells
    assert _settled(root, paths) is None  # the change time moved: identify reads it again
    cache.reset("zh")
    again = blob_ids.identify(root, paths)
    assert again.blobs[paths[0]] == cache.blob_id(b"title: two\n")


def test_the_summary_misses_a_file_added_removed_or_made_special(
    fresh: Path, tmp_path: Path, quick: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "wh"
    paths = _old_files(root, {"data/a.yaml": b"title: a\n", "data/b.yaml": b"title: b\n"})
    blob_ids.identify(root, paths)
    assert _settled(root, paths) is not None
    assert _settled(root, [*paths, "data/c.yaml"]) is None  # listed but not there
    _old_files(root, {"data/c.yaml": b"title: c\n"})
    assert _settled(root, [*paths, "data/c.yaml"]) is None  # there but never recorded
    assert _settled(root, paths[:1]) is None  # one gone
    monkeypatch.setenv("JGSW_MAX_FILE_BYTES", "4")
    assert _settled(root, paths) is None  # judged under another size limit
    monkeypatch.delenv("JGSW_MAX_FILE_BYTES")
    (root / paths[1]).unlink()
    os.mkfifo(root / paths[1])
    assert _settled(root, paths) is None


def test_no_summary_while_an_entry_is_racy(fresh: Path, tmp_path: Path) -> None:
    root = tmp_path / "wh"
    file = root / "data" / "a.yaml"
    file.parent.mkdir(parents=True)
    file.write_bytes(b"title: one\n")  # just now: recorded within the margin
    blob_ids.identify(root, ["data/a.yaml"])
    assert _settled(root, ["data/a.yaml"]) is None
    info = os.stat(file)
    sig = (info.st_mtime_ns, info.st_size, info.st_ino, info.st_ctime_ns)
    edge = max(info.st_mtime_ns, info.st_ctime_ns) + blob_ids.SETTLED_NS
    blob = cache.blob_id(b"title: one\n")
    assert blob_ids._summary({"data/a.yaml": (sig, edge, blob)}, 100) is None  # exactly the margin
    assert blob_ids._summary({"data/a.yaml": (sig, edge + 1, blob)}, 100) is not None


# -- a cache that cannot be used is one warning, never an error ----------------------


def _load_twice(mini: MiniFactory, capsys: pytest.CaptureFixture[str]) -> tuple[str, object]:
    wh = mini({PATH: GOOD})
    first = wh.load()
    cache.flush()
    second = wh.load()
    cache.flush()
    assert [r.model for r in second.standards] == [r.model for r in first.standards]
    return capsys.readouterr().err, first


def test_a_corrupt_file_is_one_warning(
    fresh: Path, mini: MiniFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    fresh.mkdir()
    (fresh / cache.FILE_NAME).write_bytes(b"this is not a database\n" * 100)
    err, _ = _load_twice(mini, capsys)
    assert err.count("无法使用") == 1 and "not a database" in err


def test_the_warning_is_english_with_lang_en(
    fresh: Path, mini: MiniFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    fresh.mkdir()
    (fresh / cache.FILE_NAME).write_bytes(b"\0garbage" * 500)
    cache.reset("en")
    err, _ = _load_twice(mini, capsys)
    assert err.count("cannot be used") == 1 and "running without it" in err


def test_a_folder_that_cannot_be_made_is_one_warning(
    tmp_path: Path,
    mini: MiniFactory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.ENV_DIR, str(blocker / "cache"))
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    cache.reset("zh")
    err, _ = _load_twice(mini, capsys)
    assert err.count("无法使用") == 1


def test_the_warning_is_one_line_whatever_the_folder_is_called(
    tmp_path: Path,
    mini: MiniFactory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    blocker = tmp_path / "a\nfile"  # a newline in a name must not split the note
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.ENV_DIR, str(blocker / "cache"))
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    cache.reset("en")
    err, _ = _load_twice(mini, capsys)
    assert err.count("\n") == 1 and "a\\nfile" in err


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes into read-only folders"
)
def test_a_read_only_folder_is_one_warning(
    fresh: Path, mini: MiniFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    fresh.mkdir()
    fresh.chmod(0o500)
    try:
        err, _ = _load_twice(mini, capsys)
    finally:
        fresh.chmod(0o700)
    assert err.count("无法使用") == 1


def test_a_locked_file_is_one_warning(
    fresh: Path,
    mini: MiniFactory,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cache, "BUSY_TIMEOUT", 0.1)
    wh = mini({PATH: GOOD})
    wh.load()
    cache.flush()  # the file exists, in WAL mode
    cache.reset("zh")
    holder = sqlite3.connect(str(fresh / cache.FILE_NAME), isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("DELETE FROM results")
    try:
        err, _ = _load_twice(mini, capsys)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert err.count("无法使用") == 1 and "locked" in err


def test_a_full_disk_is_one_warning(
    fresh: Path,
    mini: MiniFactory,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # SQLite says "database or disk is full" (SQLITE_FULL) when a write finds no
    # room; a real full disk cannot be made here, so every write says it.
    @contextlib.contextmanager
    def full(self: cache.Store) -> Iterator[sqlite3.Connection]:
        raise sqlite3.OperationalError("database or disk is full")
        yield self.conn  # never reached: the generator only has to be one

    monkeypatch.setattr(cache.Store, "writing", full)
    err, _ = _load_twice(mini, capsys)
    assert err.count("无法使用") == 1 and "full" in err


def test_a_forked_child_never_uses_the_parents_connection(fresh: Path) -> None:
    store = cache.store()
    assert store is not None
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report what it gets, and leave at once
        os.close(read)
        os.write(write, b"none" if cache.store() is None else b"some")
        os._exit(0)
    os.close(write)
    answer = os.read(read, 10)
    os.close(read)
    os.waitpid(pid, 0)
    assert answer == b"none"
    assert cache.store() is store  # and the parent's is intact


def test_two_processes_at_once_leave_a_sound_file(fresh: Path, mini: MiniFactory) -> None:
    import sys

    wh = mini(
        {
            f"data/standards/vehicles/db50-t-{n}-2020.yaml": GOOD.replace("7-2020", f"{n}-2020")
            for n in range(1, 40)
        }
    )
    command = [
        sys.executable,
        "-m",
        "jgsw_std",
        "check",
        "--root",
        str(wh.root),
        "--as-of",
        "2025-12-31",
    ]
    runs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)
    ]
    outs = [run.communicate() for run in runs]
    assert len({out for out, _ in outs}) == 1
    assert all(err == b"" for _, err in outs)  # nobody was told the cache failed
    conn = sqlite3.connect(str(fresh / cache.FILE_NAME))
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM results").fetchone()[0] == 1
    conn.close()
    again = subprocess.run(command, capture_output=True, check=False)
    assert again.stdout == outs[0][0]


def test_a_large_write_is_left_to_a_detached_process(fresh: Path, demo_root: Path) -> None:
    import sys

    command = [sys.executable, "-m", "jgsw_std", "check", "--root", str(demo_root)]
    done = subprocess.run(command, capture_output=True, timeout=120, check=False)
    assert done.stderr == b""  # the pipes closed when jgsw ended: the writer holds none
    files = sum(1 for _ in (demo_root / "data").rglob("*.yaml"))
    assert files >= cache.DETACH_FROM
    deadline = time.monotonic() + 30
    count = 0
    while time.monotonic() < deadline:
        with contextlib.suppress(sqlite3.Error):
            conn = sqlite3.connect(str(fresh / cache.FILE_NAME))
            count = conn.execute("SELECT count(*) FROM records").fetchone()[0]
            conn.close()
        if count >= files - 1:  # every file but the unknown ones
            break
        time.sleep(0.1)
    assert count >= files - 1
    conn = sqlite3.connect(str(fresh / cache.FILE_NAME))
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_another_jgsw_never_reads_these_records(
    fresh: Path, mini: MiniFactory, parses: list[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    wh = mini({PATH: GOOD})
    wh.load()  # recorded by this jgsw
    cache.flush()
    monkeypatch.setattr(cache, "_STAMP", ["another-jgsw"])  # an edited checkout, say
    (wh.root / PATH).unlink()
    wh.write({"data/standards/vehicles/other.yaml": GOOD.replace("7-2020", "8-2020")})
    cache.reset("zh")
    wh.load()  # the other jgsw has records of its own now (but none of GOOD)
    cache.flush()
    cache.reset("zh")
    parses.clear()
    wh.write({PATH: GOOD})
    wh.load()
    assert parses == [GOOD.encode()]  # parsed: the record this jgsw kept is not the other's


def _problems_of(wh: object) -> list[tuple[str, str, str]]:
    return sorted((p.path, p.code, repr(sorted(p.args.items()))) for p in wh.problems)  # type: ignore[attr-defined]


def test_the_same_bytes_as_another_kind_of_file_are_judged_as_that_kind(
    fresh: Path, mini: MiniFactory
) -> None:
    # Invalid both as a standard and as a district, with different problems:
    # a record kept for one kind must not answer for the other.
    text = "title: 只有标题\n"
    mini({"data/standards/vehicles/x.yaml": text}).load()
    cache.flush()
    cache.reset("zh")
    wh = mini({"data/districts/x.yaml": text})
    cached = _problems_of(wh.load())
    cache.disable()
    assert cached == _problems_of(wh.load())
    assert any(p.path == "data/districts/x.yaml" for p in wh.load().problems)


def test_the_code_stamp_covers_the_packaged_text() -> None:
    # explain's Chinese lives in docs_zh.toml: a changed text is a changed jgsw
    package = Path(cache.__file__).resolve().parent.parent
    stamped = {Path(p).name for p in cache._sources(package)}
    assert {"docs_zh.toml", "finished.py", "cache.py"} <= stamped


def test_the_early_scan_is_the_listing_and_its_stat_handed_over_once(
    fresh: Path, tmp_path: Path, quick: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jgsw_std.load import scan

    root = tmp_path / "wh"
    paths = _old_files(root, {"data/a.yaml": b"title: a\n", "data/b/c.yml": b"title: c\n"})
    (root / "data" / "notes.txt").write_text("not listed")
    blob_ids.identify(root, paths)
    tree = _settled(root, paths)
    assert tree is not None
    cache.reset("zh")
    scan.start(root)
    early = scan.take(root)
    assert early is not None and early.paths == paths
    assert early.values == scan.stat_values(root, paths)
    assert scan.take(root) is None  # handed over once
    scan.start(root)
    listed = blob_ids.listed_for_lookup(root)

    def no_second_look(*args: object) -> None:
        raise AssertionError("the files were stat-ed again")

    monkeypatch.setattr(scan, "stat_values", no_second_look)
    assert listed == paths and blob_ids.settled_tree(root, listed) == tree
    scan.finish()


def test_after_a_change_identify_uses_the_stat_the_summary_took(
    fresh: Path, tmp_path: Path, quick: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One stat a file in a run where a file changed: the summary's is handed on."""
    root = tmp_path / "wh"
    paths = _old_files(root, {"data/a.yaml": b"title: a\n", "data/b.yaml": b"title: b\n"})
    blob_ids.identify(root, paths)
    cache.flush()
    (root / paths[0]).write_bytes(b"title: changed\n")
    time.sleep(0.01)
    cache.reset("zh")
    assert blob_ids.settled_tree(root, paths) is None  # a changed: the summary misses

    def no_second_stat(*args: object, **kwargs: object) -> None:
        raise AssertionError("a file was stat-ed again")

    monkeypatch.setattr(blob_ids.os, "stat", no_second_stat)
    found = blob_ids.identify(root, paths)
    monkeypatch.undo()
    assert found.blobs[paths[0]] == cache.blob_id(b"title: changed\n")
    assert found.blobs[paths[1]] == cache.blob_id(b"title: b\n")
    assert list(found.read) == [paths[0]]  # b was trusted from its stat, a read


def test_a_file_read_after_the_handed_on_stat_is_recorded_as_of_that_stat(
    fresh: Path, tmp_path: Path, quick: None
) -> None:
    """What is recorded is no newer than the stat it was judged by: the time before
    the summary's stat, not the (later) time identify read the file."""
    root = tmp_path / "wh"
    paths = _old_files(root, {"data/a.yaml": b"title: a\n"})
    blob_ids.identify(root, paths)
    cache.flush()
    (root / paths[0]).write_bytes(b"title: now\n")
    cache.reset("zh")
    before = time.time_ns()
    assert blob_ids.settled_tree(root, paths) is None
    after = time.time_ns()
    time.sleep(0.01)
    blob_ids.identify(root, paths)
    cache.flush()
    cache.reset("zh")
    _, seen, blob = _table(root)[paths[0]]
    assert blob == cache.blob_id(b"title: now\n")
    assert before <= seen <= after
