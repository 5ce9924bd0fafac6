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


def save(items: list[tuple[Key, Record]]) -> None:
    """Remember new records, once the output is out (see cache.later).

    They are put in marshal form now (the parsed documents can then go: see
    FileEntry.drop_data) and written later; records marshal cannot carry are
    left out. Writing 10,000 records costs about 0.1 s: a cold run of a large
    warehouse leaves it to a detached process.
    """
    if not items or not cache.enabled():
        return
    stamp, now = cache.code_stamp(), int(time.time())
    rows = []
    for (blob, kind), record in items:
        try:
            value = marshal.dumps(record)
        except ValueError:  # a value marshal cannot carry: leave this one out
            continue
        rows.append((stamp, blob, kind, value, now))
    held = sum(len(row[3]) for row in rows)
    cache.later(lambda store: _write(store, stamp, rows), len(rows), held)


def _write(store: cache.Store, stamp: str, rows: list[tuple[str, str, str, bytes, int]]) -> None:
    with store.writing() as conn:
        conn.executemany("INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?, ?)", rows)
    store.prune(stamp)


def _query(keys: list[Key]) -> dict[Key, bytes]:
    store = cache.store()
    if store is None or not keys:
        return {}
    wanted = set(keys)
    found: dict[Key, bytes] = {}
    with cache.guard():
        rows = store.get_many(
            "SELECT blob, kind, value FROM records WHERE stamp = ? AND blob IN ({})",
            sorted({blob for blob, _ in keys}),
            (cache.code_stamp(),),
        )
        for blob, kind, value in rows:
            if (blob, kind) in wanted:
                found[(blob, kind)] = value
    return found
