"""What `jgsw cache info` and `jgsw cache clear` see and do to the cache file."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from jgsw_std.load.cache import BUSY_TIMEOUT, ENV_OFF, cache_path, close, code_stamp


@dataclass
class CacheInfo:
    """The cache file as it is: where, how big, what it holds (or why it cannot be read)."""

    path: Path
    size: int  # bytes of the file and its WAL companions
    records: int = 0  # blob records, every jgsw
    current: int = 0  # blob records this jgsw can use
    results: int = 0  # finished command outputs
    roots: int = 0  # working trees whose file table is kept
    turned_off: bool = False  # JGSW_NO_CACHE is set
    problem: str = ""  # the file exists but cannot be read


def _files_of(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def _find_indexes() -> list[Path]:
    """`jgsw find`'s search indexes (load/search_index.py), one per warehouse root."""
    folder = cache_path().parent / "find"
    return sorted(folder.glob("*.sqlite*")) if folder.is_dir() else []


def info() -> CacheInfo:
    """Look at the cache without creating or changing it."""
    path = cache_path()
    size = sum(p.stat().st_size for p in _files_of(path) if p.is_file())
    found = CacheInfo(path, size, turned_off=bool(os.environ.get(ENV_OFF)))
    if not path.is_file():
        return found
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT)
        try:
            count = conn.execute
            found.records = count("SELECT count(*) FROM records").fetchone()[0]
            found.current = count(
                "SELECT count(*) FROM records WHERE stamp = ?", (code_stamp(),)
            ).fetchone()[0]
            found.results = count("SELECT count(*) FROM results").fetchone()[0]
            found.roots = count("SELECT count(*) FROM files").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        found.problem = str(exc) or type(exc).__name__
    return found


def clear() -> int:
    """Delete the cache file, its WAL companions and `find`'s indexes; the bytes freed.

    Works on a corrupt one.

    Raises OSError when a file cannot be removed (held open on Windows, a
    read-only folder).
    """
    close()
    freed = 0
    for file in _files_of(cache_path()) + _find_indexes():
        if file.is_file():
            size = file.stat().st_size
            file.unlink()
            freed += size
    return freed
