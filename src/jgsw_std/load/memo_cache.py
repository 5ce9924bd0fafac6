"""Results of pure computations, kept between runs by a digest of their inputs (table ``memos``).

Some checks compare files with each other in groups (likely duplicates: the
standards of one area). A group's result depends only on what the check reads
of those files, which the caller lists exactly; its sha1 (with the name of the
computation and jgsw's code stamp) is the key. A run in which one file
changed then recomputes only the groups whose inputs changed. The inputs are
put in marshal's version 2 form, which writes no back-references, so equal
inputs always give the same bytes and the same key.

A key is only ever derived from the inputs themselves, never from file names
or times alone, so a stale answer cannot be found under it.
"""

from __future__ import annotations

import hashlib
import marshal
import time
from collections.abc import Iterable
from typing import Any

from jgsw_std.load import cache


def enabled() -> bool:
    """Whether asking is worth the digests (the cache is on)."""
    return cache.enabled()


def digest(name: str, inputs: Any) -> str | None:
    """The key of ``name`` computed on ``inputs``; None when marshal cannot carry them."""
    try:
        data = marshal.dumps((name, inputs), 2)
    except ValueError:
        return None
    return hashlib.sha1(data).hexdigest()


def fetch(keys: Iterable[str]) -> dict[str, Any]:
    """The kept results of ``keys`` that exist and read back (none with the cache off)."""
    store = cache.store()
    wanted = sorted(set(keys))
    if store is None or not wanted:
        return {}
    found: dict[str, Any] = {}
    with cache.guard():
        rows = store.get_many(
            "SELECT key, value FROM memos WHERE stamp = ? AND key IN ({})",
            wanted,
            (cache.code_stamp(),),
        )
        for key, value in rows:
            try:
                found[key] = marshal.loads(value)
            except (ValueError, EOFError, TypeError):
                continue  # a damaged value: compute it again
    return found


def save(results: dict[str, Any]) -> None:
    """Keep new results, once the output is out (see cache.later)."""
    if not results or not cache.enabled():
        return
    stamp = cache.code_stamp()
    now = int(time.time())
    rows = []
    for key, value in results.items():
        try:
            rows.append((stamp, key, marshal.dumps(value), now))
        except ValueError:  # a result marshal cannot carry: computed again next time
            continue
    held = sum(len(row[2]) for row in rows)
    cache.later(lambda store: _write(store, rows), len(rows), held)


def _write(store: cache.Store, rows: list[tuple[str, str, bytes, int]]) -> None:
    with store.writing() as conn:
        conn.executemany("INSERT OR REPLACE INTO memos VALUES (?, ?, ?, ?)", rows)
