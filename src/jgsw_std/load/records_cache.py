"""Each blob's parse and validation, kept between runs in the cache's ``records`` table.

A record is what stage one and two made of a file: the parsed document, the
load problems (Y and S codes, unplaced ones keep their key path), the
positions libyaml recorded, and whether the document validated. The model
itself is rebuilt from the document on the way out (pydantic validates a
warehouse's documents in about the time unpickling their models takes, and a
pickle would tie the cache to the models' internals). Values are in
``marshal`` form: parse results are plain values, and marshal reads them
several times faster than pickle.

Key: (code stamp, blob id, kind). The kind is part of it because the same
bytes validate differently as a standard and as a district.
"""

from __future__ import annotations

import marshal
import time
from collections.abc import Iterable
from typing import Any

from jgsw_std.load import cache
from jgsw_std.load.compact import LARGE
from jgsw_std.load.outline import Outline
from jgsw_std.problems import PlainProblem

Key = tuple[str, str]  # (blob id, kind)
Record = tuple[Any, list[PlainProblem], Outline | None, bool]  # data, problems, outline, valid

#: Answers fetched before a fork, so that both processes see the same ones:
#: a key asked here is answered from here (found or not), never from the store.
_ASKED: dict[Key, bytes | None] = {}
cache.forget_each_run(_ASKED)


def prefetch(keys: Iterable[Key]) -> None:
    """Ask the store for ``keys`` now; later lookups of them answer from memory.

    Call it before forking: a forked child cannot use the parent's connection,
    and both processes must agree on which files still need parsing.
    """
    wanted = [key for key in dict.fromkeys(keys) if key not in _ASKED]
    found = _query(wanted)
    for key in wanted:
        _ASKED[key] = found.get(key)


def fetch(keys: list[Key]) -> dict[Key, Record]:
    """The stored records of ``keys`` that exist and read back."""
    raw: dict[Key, bytes] = {}
    rest: list[Key] = []
    for key in keys:
        if key in _ASKED:
            value, _ASKED[key] = _ASKED[key], None  # answered once: memory back early
            if value is not None:
                raw[key] = value
        else:
            rest.append(key)
    raw.update(_query(rest))
    out: dict[Key, Record] = {}
    for key, value in raw.items():
        try:
            data, problems, outline, valid = marshal.loads(value)
        except (ValueError, EOFError, TypeError):
            continue  # a damaged value: parse the file again
        out[key] = (data, problems, outline, bool(valid))
    return out


#: How many files the load under way reads (see :func:`expect`).
_COMING = [0]


def expect(files: int) -> None:
    """The loader reads ``files`` files now: a large warehouse encodes its records at once."""
    _COMING[0] = files


def save(items: list[tuple[Key, Record]]) -> None:
    """Remember new records, once the output is out (see cache.later).

    Writing 10,000 records costs about 0.1 s, half of it putting them in
    marshal form: a cold run leaves both to a detached process. Past
    :data:`~jgsw_std.load.compact.LARGE` files being read or records waiting,
    they are put in marshal form now, so that the parsed documents can go (FileEntry.drop_data:
    memory, not time, is short there). Records marshal cannot carry are left out.
    """
    if not items or not cache.enabled():
        return
    stamp = cache.code_stamp()
    if max(_COMING[0], cache.waiting() + len(items)) <= LARGE:
        cache.later(lambda store: _write(store, stamp, _rows(stamp, items)), len(items))
        return
    rows = _rows(stamp, items)
    held = sum(len(row[3]) for row in rows)
    cache.later(lambda store: _write(store, stamp, rows), len(rows), held)


def _rows(stamp: str, items: list[tuple[Key, Record]]) -> list[tuple[str, str, str, bytes, int]]:
    now = int(time.time())
    rows = []
    for (blob, kind), record in items:
        try:
            value = marshal.dumps(record)
        except ValueError:  # a value marshal cannot carry: leave this one out
            continue
        rows.append((stamp, blob, kind, value, now))
    return rows


#: Whether the store holds any record of this jgsw (asked once a run: a first
#: run then skips asking for each of its files).
_ANY: dict[str, bool] = {}
cache.forget_each_run(_ANY)


def _query(keys: list[Key]) -> dict[Key, bytes]:
    store = cache.store()
    if store is None or not keys:
        return {}
    stamp = cache.code_stamp()
    wanted = set(keys)
    found: dict[Key, bytes] = {}
    with cache.guard():
        if stamp not in _ANY:
            row = store.conn.execute("SELECT 1 FROM records WHERE stamp = ? LIMIT 1", (stamp,))
            _ANY[stamp] = row.fetchone() is not None
        if not _ANY[stamp]:
            return found
        rows = store.get_many(
            "SELECT blob, kind, value FROM records WHERE stamp = ? AND blob IN ({})",
            sorted({blob for blob, _ in keys}),
            (cache.code_stamp(),),
        )
        for blob, kind, value in rows:
            if (blob, kind) in wanted:
                found[(blob, kind)] = value
    return found


def _write(store: cache.Store, stamp: str, rows: list[tuple[str, str, str, bytes, int]]) -> None:
    with store.writing() as conn:
        conn.executemany("INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?, ?)", rows)
    store.prune(stamp)
    _ANY[stamp] = True
