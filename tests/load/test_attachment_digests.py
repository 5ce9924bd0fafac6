"""Documents' files are hashed once: later runs trust the digest kept for the file's state.

The rule is git's index rule (load/blob_ids.py): a state counts only when the
file's times were safely older than the moment the state was taken. Tests that
need a trusted entry at once set the margin to zero (a file written in the
test is younger than any real margin); the racy test keeps the real one.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from jgsw_std.load import attachment_digests, cache
from jgsw_std.load.attachments import Attachment, WorktreeFiles

REL = "files/text.txt"


@pytest.fixture
def hashed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every file WorktreeFiles reads and hashes from now on."""
    seen: list[str] = []
    real = WorktreeFiles._digest

    def spy(path: str) -> Attachment:
        seen.append(path)
        return real(path)

    monkeypatch.setattr(WorktreeFiles, "_digest", staticmethod(spy))
    return seen


@pytest.fixture
def no_margin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(attachment_digests, "SETTLED_NS", 0)


def _root(tmp_path: Path, data: bytes = b"the text of the standard\n") -> Path:
    root = tmp_path / "wh"
    file = root / "files" / "text.txt"
    file.parent.mkdir(parents=True)
    file.write_bytes(data)
    return root


def _read(root: Path) -> Attachment:
    """One run's answer for REL; its deferred writes done, and the next run started."""
    found = WorktreeFiles(root).read_many([REL])[REL]
    cache.flush()
    cache.reset("zh")
    return found


def _rows(folder: Path) -> int:
    conn = sqlite3.connect(folder / cache.FILE_NAME)
    try:
        return int(conn.execute("SELECT count(*) FROM digests").fetchone()[0])
    finally:
        conn.close()


def test_settled_on_its_edges() -> None:
    state = ("file", "/wh/a", 10_000_000_000, 5, 7, 10_000_000_000)
    edge = 10_000_000_000 + attachment_digests.SETTLED_NS
    assert not attachment_digests.settled(state, edge)  # exactly the margin: not yet
    assert not attachment_digests.settled(state, edge - 1)
    assert attachment_digests.settled(state, edge + 1)
    later_ctime = (*state[:5], 10_000_000_001)  # the later of the two times counts
    assert not attachment_digests.settled(later_ctime, edge + 1)
    assert attachment_digests.settled(later_ctime, edge + 2)


def test_a_second_run_hashes_nothing(
    fresh: Path, tmp_path: Path, hashed: list[str], no_margin: None
) -> None:
    root = _root(tmp_path)
    first = _read(root)
    assert len(hashed) == 1 and first.found == "file"
    assert _read(root) == first
    assert len(hashed) == 1  # the second answer came from the kept digest


def test_a_rewrite_keeping_size_and_mtime_is_hashed_again(
    fresh: Path, tmp_path: Path, hashed: list[str], no_margin: None
) -> None:
    root = _root(tmp_path, b"one\n")
    file = root / REL
    old = file.stat().st_mtime_ns - 60_000_000_000
    os.utime(file, ns=(old, old))
    first = _read(root)
    file.write_bytes(b"two\n")  # same length
    os.utime(file, ns=(old, old))  # and the old modification time back: the change time moved
    second = _read(root)
    assert len(hashed) == 2
    assert first.sha256 == hashlib.sha256(b"one\n").hexdigest()
    assert second.sha256 == hashlib.sha256(b"two\n").hexdigest()


def test_a_file_hashed_within_the_clock_tick_is_not_kept(
    fresh: Path, tmp_path: Path, hashed: list[str]
) -> None:
    # the real margin: the file was written an instant ago
    root = _root(tmp_path)
    _read(root)
    _read(root)
    assert len(hashed) == 2
    assert _rows(fresh) == 0


def test_a_kept_digest_is_trusted_only_when_settled_when_taken(
    fresh: Path, tmp_path: Path, no_margin: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An entry written with no margin, read back under the real one: its state
    # was not safely old when taken, so it does not answer.
    root = _root(tmp_path)
    _read(root)
    assert _rows(fresh) == 1
    monkeypatch.setattr(attachment_digests, "SETTLED_NS", 3_000_000_000)
    file = root / REL
    info = file.stat()
    state = ("file", os.path.realpath(file), info.st_mtime_ns, info.st_size, info.st_ino)
    assert attachment_digests.fetch([(*state, info.st_ctime_ns)]) == {}


def test_another_jgsw_never_reads_these_digests(
    fresh: Path, tmp_path: Path, hashed: list[str], no_margin: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _root(tmp_path)
    _read(root)
    monkeypatch.setattr(cache, "code_stamp", lambda: "another jgsw")
    _read(root)
    assert len(hashed) == 2


def test_a_missing_file_is_never_kept(fresh: Path, tmp_path: Path, no_margin: None) -> None:
    root = _root(tmp_path)
    (root / REL).unlink()
    assert _read(root) == Attachment("missing")
    assert _rows(fresh) == 0


def test_no_cache_keeps_nothing(
    fresh: Path, tmp_path: Path, hashed: list[str], no_margin: None
) -> None:
    root = _root(tmp_path)
    cache.disable()
    WorktreeFiles(root).read_many([REL])
    cache.flush()
    cache.reset("zh")
    assert not (fresh / cache.FILE_NAME).exists() or _rows(fresh) == 0
