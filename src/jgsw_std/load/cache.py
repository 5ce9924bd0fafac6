"""The persistent cache: one SQLite file that remembers work between runs.

Everything in it is keyed by content. A file is known by its git blob id (the
sha1 of ``blob <length>\\0<bytes>``, what ``git hash-object`` prints), so one
entry serves the working tree, ``--rev``, ``diff``, ``history`` and ``trend``
alike. Eight tables:

- ``records``: each blob's parse and validation (load/records_cache.py);
- ``places``: each blob's problem positions and suppression comments
  (load/places_cache.py);
- ``memos``: results of checks over groups of files, by a digest of their
  inputs (load/memo_cache.py);
- ``results``: the finished output of a whole command (app/finished.py);
- ``digests``: the SHA-256 of the documents' files, by their state
  (load/attachment_digests.py);
- ``runs``: per root and settings, the last check's blob ids and each rule's
  unsettled findings, so that a run in which few files changed re-runs only
  the rules that read what changed (load/runs_cache.py, rules/reuse.py);
- ``files``: per root, path -> (mtime, size, inode, ctime) and blob id, which
  lets a run skip reading and hashing files that have not changed, and a
  summary of it that a run with nothing changed reads instead
  (load/blob_ids.py);
- ``loaded``: per root, the models its last load built, so that a run in
  which few files changed validates only those (load/models_cache.py).

The cache is a convenience and never an error: a corrupt, locked, full or
read-only file is reported once on stderr and the run goes on without it.
SQLite in WAL mode lets any number of jgsw processes read and write at once.
Every entry of ``records`` and ``results`` is also keyed by :func:`code_stamp`
(jgsw's version and the state of its source files), so a changed jgsw never
reads what an older one wrote.

The switch: :func:`reset` at the start of each run (the CLI's boundary),
:func:`disable` for ``--no-cache``, ``JGSW_NO_CACHE`` in the environment;
:func:`store` answers None whenever the cache is off, broken, or asked from a
forked child (a SQLite connection must not cross a fork).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ENV_DIR = "JGSW_CACHE_DIR"
ENV_OFF = "JGSW_NO_CACHE"
FILE_NAME = "cache.sqlite3"
#: Bumped when the tables change shape; an older file is emptied and rebuilt.
SCHEMA = "6"
#: How long a process waits for another one's write before giving up (seconds).
BUSY_TIMEOUT = 1.0
#: Entries not written by this jgsw (another version) and results older than
#: this are dropped, at most once a day.
KEEP_SECONDS = 7 * 86400

_TABLES = (
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS records (stamp TEXT, blob TEXT, kind TEXT, value BLOB,"
    " written INTEGER, PRIMARY KEY (stamp, blob, kind))",
    "CREATE TABLE IF NOT EXISTS places (stamp TEXT, blob TEXT, value BLOB, written INTEGER,"
    " PRIMARY KEY (stamp, blob)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS memos (stamp TEXT, key TEXT, value BLOB, written INTEGER,"
    " PRIMARY KEY (stamp, key)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value BLOB, written INTEGER)",
    # documents' files: sha1 of a file's state -> its digest (load/attachment_digests.py)
    "CREATE TABLE IF NOT EXISTS digests (stamp TEXT, key TEXT, value BLOB, written INTEGER,"
    " PRIMARY KEY (stamp, key)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS runs (key TEXT PRIMARY KEY, value BLOB, written INTEGER)",
    # per root, the models its last load built, in parts (load/models_cache.py)
    "CREATE TABLE IF NOT EXISTS loaded (root TEXT, part INTEGER, stamp TEXT, value BLOB,"
    " written INTEGER, PRIMARY KEY (root, part))",
    # one marshal value per root: {rel: ((mtime_ns, size, inode, ctime_ns), seen_ns, blob)},
    # and its summary (load/blob_ids.py: the whole tree's id, while every file is as recorded)
    "CREATE TABLE IF NOT EXISTS files (root TEXT PRIMARY KEY, value BLOB, summary BLOB)",
)


def cache_dir() -> Path:
    """``JGSW_CACHE_DIR``, else the user cache folder (platformdirs) for jgsw."""
    given = os.environ.get(ENV_DIR)
    if given:
        return Path(given).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("jgsw", appauthor=False))


def cache_path() -> Path:
    return cache_dir() / FILE_NAME


def blob_id(data: bytes) -> str:
    """The git blob id of ``data``: what ``git hash-object`` prints for the file."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


class CacheUnavailable(Exception):
    """Raised inside the store; :func:`guard` turns it into one warning."""


@dataclass
class _Switch:
    enabled: bool = True
    lang: str = "zh"
    opened: Store | None = None
    broken: bool = False
    warned: bool = False
    pid: int = 0


_STATE = _Switch()
_MEMOS: list[dict[Any, Any]] = []


def forget_each_run(memo: dict[Any, Any]) -> None:
    """Empty ``memo`` at the start of every run (what a run learnt stays with that run)."""
    _MEMOS.append(memo)


#: Writes that can wait until the output is out (see :func:`later` and :func:`flush`),
#: each with its weight and whether only the last flush may make it.
_LATER: list[tuple[Callable[[Store], None], int, bool]] = []
#: Deferred writes of at least this many items are made by a detached process.
DETACH_FROM = 256
#: Deferred writes never hold more than this many bytes: past it, what waits is
#: written at once (a 50,000-standard warehouse's records take about 30 MB).
LATER_BUDGET = 16 << 20


def forget_memos() -> None:
    """Empty what this run learnt (see :func:`forget_each_run`); the store stays as it is."""
    for memo in _MEMOS:
        memo.clear()


def reset(lang: str = "zh") -> None:
    """A new run: the cache is on unless ``JGSW_NO_CACHE`` is set; nothing open, nothing said."""
    close()
    forget_memos()
    _LATER.clear()
    _WEIGHT[0] = _HELD[0] = 0
    _STATE.enabled = not os.environ.get(ENV_OFF)
    _STATE.lang = lang
    _STATE.broken = False
    _STATE.warned = False


def disable() -> None:
    """``--no-cache``: neither read nor write for the rest of this run."""
    close()
    _STATE.enabled = False


def enabled() -> bool:
    return _STATE.enabled and not _STATE.broken


def close() -> None:
    store, _STATE.opened = _STATE.opened, None
    if store is not None and _STATE.pid == os.getpid():
        with contextlib.suppress(sqlite3.Error):
            store.conn.close()


def store() -> Store | None:
    """The open store, or None: cache off, broken, or this is a forked child."""
    if not enabled():
        return None
    if _STATE.opened is not None:
        return _STATE.opened if _STATE.pid == os.getpid() else None
    try:
        _STATE.opened = Store.open(cache_path())
    except (sqlite3.Error, OSError) as exc:
        _fail(exc)
        return None
    _STATE.pid = os.getpid()
    return _STATE.opened


def _fail(exc: BaseException) -> None:
    """Say once that the cache is out of use, and stop using it for this run."""
    _STATE.broken = True
    store, _STATE.opened = _STATE.opened, None
    if store is not None and _STATE.pid == os.getpid():
        with contextlib.suppress(sqlite3.Error):
            store.conn.close()
    if _STATE.warned:
        return
    _STATE.warned = True
    from jgsw_std.i18n import one_line

    reason = one_line(str(exc) or type(exc).__name__)
    where = one_line(str(cache_path()))
    if _STATE.lang == "en":
        text = (
            f"jgsw: note: the cache {where} cannot be used ({reason}); running without it. "
            "`jgsw cache clear` removes it; JGSW_CACHE_DIR puts it elsewhere.\n"
        )
    else:
        text = (
            f"jgsw：提示：缓存 {where} 无法使用（{reason}），本次不使用缓存继续运行。"
            "可运行 `jgsw cache clear` 清除缓存，或用 JGSW_CACHE_DIR 指定别处。\n"
        )
    with contextlib.suppress(Exception):
        sys.stderr.write(text)


_WEIGHT = [0]  # rows waiting
_HELD = [0]  # bytes waiting


def waiting() -> int:
    """How many rows deferred writes hold (see :func:`later`)."""
    return _WEIGHT[0]


def later(
    write: Callable[[Store], None], weight: int, held: int = 0, *, final: bool = False
) -> None:
    """Keep ``write`` for :func:`flush`: filling the cache need not delay the answer.

    ``weight``: about how many rows it writes (large deferred work is done by
    a detached process, small work in this one); ``held``: the bytes it keeps
    alive meanwhile (past :data:`LATER_BUDGET` in all, everything is written now).
    ``final``: costly work on what the run keeps alive anyway (pickling its
    models): only the last flush, once the output is out, does it.
    """
    if not enabled():
        return
    _LATER.append((write, weight, final))
    _WEIGHT[0] += weight
    _HELD[0] += held
    if _HELD[0] > LATER_BUDGET:
        flush(midway=True)


def flush(detach: bool = False, *, midway: bool = False) -> None:
    """Do the deferred writes: here, or (``detach``, large work, fork available) in a
    forked process of its own that outlives this one, so that a person waits for
    the output only.

    No SQLite connection may cross a fork: this process's connection is closed
    first, and the writer opens its own. The writer's standard streams go to
    the null device and it starts a session of its own, so a terminal or a pipe
    reading jgsw's output sees the end when jgsw ends.
    """
    # midway (memory is short), the final writes wait for the last flush
    made = [one for one in _LATER if not (midway and one[2])]
    _LATER[:] = [one for one in _LATER if midway and one[2]]
    writes, weight = [one[0] for one in made], sum(one[1] for one in made)
    _WEIGHT[0], _HELD[0] = sum(one[1] for one in _LATER), 0
    if not writes or not enabled():
        return
    if detach and weight >= DETACH_FROM and hasattr(os, "fork") and sys.platform != "win32":
        close()
        try:
            pid = os.fork()
        except OSError:
            pid = -1
        if pid > 0:
            return
        if pid == 0:
            try:
                os.setsid()
                quiet = os.open(os.devnull, os.O_RDWR)
                for fd in (0, 1, 2):
                    os.dup2(quiet, fd)
                _STATE.opened, _STATE.warned = None, True  # nobody to warn any more
                _write(writes)
            finally:
                os._exit(0)
    _write(writes)


def _write(writes: list[Callable[[Store], None]]) -> None:
    for write in writes:
        target = store()
        if target is None:
            return
        with guard():
            write(target)


@contextlib.contextmanager
def guard() -> Iterator[None]:
    """Run a cache operation; any failure of the store becomes the one warning."""
    try:
        yield
    except (sqlite3.Error, OSError, CacheUnavailable) as exc:
        _fail(exc)


class Store:
    """One connection to the cache file. Use through :func:`store` and :func:`guard`."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path

    @classmethod
    def open(cls, path: Path) -> Store:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(
            str(path), timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False
        )
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            found = (
                conn.execute("SELECT value FROM meta WHERE name = 'schema'").fetchone()
                if _has_meta(conn)
                else None
            )
            if found is None or found[0] != SCHEMA:
                _rebuild(conn)
        except BaseException:
            conn.close()
            raise
        return cls(conn, path)

    @contextlib.contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (so a busy file fails fast, not midway)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def get_many(
        self, sql: str, keys: list[str], fixed: tuple[object, ...] = ()
    ) -> list[tuple[Any, ...]]:
        """Rows of ``sql`` (ending in ``IN ({})``) for every key, asked in chunks."""
        rows: list[tuple[Any, ...]] = []
        for start in range(0, len(keys), 900):  # under every SQLite's parameter limit
            chunk = keys[start : start + 900]
            query = sql.format(",".join("?" * len(chunk)))
            rows.extend(self.conn.execute(query, (*fixed, *chunk)).fetchall())
        return rows

    def prune(self, stamp: str) -> None:
        """Once a day: forget other jgsw versions' records and results older than a week."""
        now = int(time.time())
        row = self.conn.execute("SELECT value FROM meta WHERE name = 'pruned'").fetchone()
        if row is not None and now - int(row[0]) < 86400:
            return
        with self.writing() as conn:
            conn.execute(
                "DELETE FROM records WHERE stamp != ? AND written < ?", (stamp, now - KEEP_SECONDS)
            )
            for table in ("places", "memos", "digests"):
                conn.execute(
                    f"DELETE FROM {table} WHERE stamp != ? AND written < ?",
                    (stamp, now - KEEP_SECONDS),
                )
            for table in ("results", "runs", "loaded"):
                conn.execute(f"DELETE FROM {table} WHERE written < ?", (now - KEEP_SECONDS,))
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('pruned', ?)", (str(now),))


def _has_meta(conn: sqlite3.Connection) -> bool:
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
    ).fetchone()
    return found is not None


def _rebuild(conn: sqlite3.Connection) -> None:
    """A new file, or one written by an older layout: start it afresh."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table in (
            "records",
            "places",
            "memos",
            "digests",
            "results",
            "runs",
            "loaded",
            "files",
            "meta",
        ):
            conn.execute(f"DROP TABLE IF EXISTS {table}")
        for statement in _TABLES:
            conn.execute(statement)
        conn.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA,))
        conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise


_STAMP: list[str] = []


def code_stamp() -> str:
    """jgsw's version, Python's, and the size and time of every source file of jgsw.

    A result or a parse is reused only by the same jgsw: an edited checkout
    (the same version number, different code) must not read what the old code
    wrote. Stat-ing the package's files costs about a millisecond.
    """
    if _STAMP:
        return _STAMP[0]
    from jgsw_std import __version__

    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha1(f"{__version__}|{sys.version}|{SCHEMA}".encode())
    for path in sorted(_sources(package)):
        try:
            info = os.stat(path)
        except OSError:
            continue
        digest.update(f"{path}|{info.st_size}|{info.st_mtime_ns}\n".encode())
    _STAMP.append(digest.hexdigest()[:20])
    return _STAMP[0]


def _sources(folder: Path) -> Iterable[str]:
    stack = [str(folder)]
    while stack:
        current = stack.pop()
        with contextlib.suppress(OSError), os.scandir(current) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if not entry.name.startswith((".", "__pycache__")):
                        stack.append(entry.path)
                elif entry.name.endswith((".py", ".toml")):  # code and its packaged text
                    yield entry.path
