"""What a blob's text tells about its problems, kept between runs in the cache's ``places`` table.

Settling a check's findings reads each file that has one twice: to place the
problems (a key path becomes a line and a column, load/textpos.py or a second
parse) and to find its suppression comments (``# jgsw: disable=...``). Both
answers depend on the file's bytes alone, and on jgsw's code, never on the
date, the settings or the other files. So each blob's answers are kept: the
suppressions it holds, and the position of every (key path, key?) asked of it
so far. A run in which one file changed then decodes and reads only that
file's text (and those of files with a problem at a key path not asked
before); the others answer from here.

Key: (code stamp, blob id). Value, in ``marshal`` form: (suppressions by line,
whole-file suppressions, positions), where positions maps (key path, key) to
(line, column).
"""

from __future__ import annotations

import marshal
import time
from collections.abc import Iterable

from jgsw_std.load import cache

Spot = tuple[tuple[str | int, ...], bool]  # a problem's key path, and whether it means the key
#: (codes silenced by line, codes silenced in the whole file, positions by spot)
Places = tuple[dict[int, set[str]], set[str], dict[Spot, tuple[int, int]]]


def fetch(blobs: Iterable[str]) -> dict[str, Places]:
    """The stored answers for ``blobs`` that exist and read back (none with the cache off)."""
    store = cache.store()
    wanted = sorted(set(blobs))
    if store is None or not wanted:
        return {}
    found: dict[str, Places] = {}
    with cache.guard():
        rows = store.get_many(
            "SELECT blob, value FROM places WHERE stamp = ? AND blob IN ({})",
            wanted,
            (cache.code_stamp(),),
        )
        for blob, value in rows:
            try:
                by_line, whole, spots = marshal.loads(value)
                found[blob] = ({n: set(c) for n, c in by_line.items()}, set(whole), dict(spots))
            except (ValueError, EOFError, TypeError):
                continue  # a damaged value: read the text again
    return found


def save(learnt: dict[str, Places]) -> None:
    """Remember new or grown answers, once the output is out (see cache.later).

    They are put in marshal form now: a few hundred bytes a file instead of
    the sets and dicts (a large warehouse has tens of thousands of files with
    a problem).
    """
    if not learnt or not cache.enabled():
        return
    stamp = cache.code_stamp()
    now = int(time.time())
    rows = []
    for blob, (by_line, whole, spots) in learnt.items():
        plain = ({n: sorted(c) for n, c in by_line.items()}, sorted(whole), spots)
        try:
            rows.append((stamp, blob, marshal.dumps(plain), now))
        except ValueError:  # a key path marshal cannot carry: leave this one out
            continue
    held = sum(len(row[2]) for row in rows)
    cache.later(lambda store: _write(store, rows), len(rows), held)


def _write(store: cache.Store, rows: list[tuple[str, str, bytes, int]]) -> None:
    with store.writing() as conn:
        conn.executemany("INSERT OR REPLACE INTO places VALUES (?, ?, ?, ?)", rows)
