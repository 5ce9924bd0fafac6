"""The digests of documents' files, kept between runs by the file's state (table ``digests``).

Every check hashes each file a document points at (rules M901-M905), and a
standard's scanned text is megabytes. As in git's index (load/blob_ids.py), a
file whose state (real path, modification time, size, inode, change time) is
the one it had when it was hashed is taken to hold the same bytes, so a later
run stats it instead of reading it.

Equal states do not always mean equal bytes ("racy git": a file rewritten
within the clock tick of its hashing keeps its time), so a digest is kept only
when the file's times were safely older (:data:`~jgsw_std.load.blob_ids.SETTLED_NS`)
than the moment its state was taken, before the file was read. A file
rewritten after that moment gets a newer time and a new change time, so its
state no longer matches. Only found files are kept: "missing" and the like
are answered by the stat itself.

Key: (code stamp, sha1 of the state in marshal form). Value, in marshal form:
(moment the state was taken in ns, sha256, whether it is a Git LFS pointer).
"""

from __future__ import annotations

import hashlib
import marshal
import time
from collections.abc import Iterable

from jgsw_std.load import cache
from jgsw_std.load.blob_ids import SETTLED_NS

#: A file's state as WorktreeFiles takes it: ("file", real path, mtime_ns, size, inode, ctime_ns).
FileState = tuple[str | int, ...]
Digest = tuple[str, bool]  # sha256 (or the LFS oid), is an LFS pointer


def settled(state: FileState, taken_ns: int) -> bool:
    """Whether ``state``'s times are safely older than ``taken_ns`` (then it names the bytes)."""
    mtime, ctime = int(state[2]), int(state[5])
    return max(mtime, ctime) + SETTLED_NS < taken_ns


def _key(state: FileState) -> str | None:
    try:
        return hashlib.sha1(marshal.dumps(tuple(state), 2)).hexdigest()
    except ValueError:  # not a state WorktreeFiles takes
        return None


def fetch(states: Iterable[FileState]) -> dict[FileState, Digest]:
    """The kept digests of ``states`` (none with the cache off, or for an unsettled entry)."""
    store = cache.store()
    keys = {key: tuple(state) for state in states if (key := _key(state)) is not None}
    if store is None or not keys:
        return {}
    found: dict[FileState, Digest] = {}
    with cache.guard():
        rows = store.get_many(
            "SELECT key, value FROM digests WHERE stamp = ? AND key IN ({})",
            sorted(keys),
            (cache.code_stamp(),),
        )
        for key, value in rows:
            state = keys.get(key)
            try:
                taken, sha256, lfs = marshal.loads(value)
            except (ValueError, EOFError, TypeError):
                continue  # a damaged value: hash the file again
            if state is not None and isinstance(sha256, str) and settled(state, int(taken)):
                found[state] = (sha256, bool(lfs))
    return found


def save(digests: dict[FileState, Digest], taken_ns: int) -> None:
    """Keep the digests of files whose state, taken at ``taken_ns``, was settled then.

    Written once the output is out (see cache.later).
    """
    if not digests or not cache.enabled():
        return
    stamp = cache.code_stamp()
    now = int(time.time())
    rows = []
    for state, (sha256, lfs) in digests.items():
        key = _key(state)
        if key is None or not settled(state, taken_ns):
            continue  # hashed too soon after it changed: not trusted next time either
        rows.append((stamp, key, marshal.dumps((taken_ns, sha256, lfs)), now))
    if rows:
        cache.later(lambda store: _write(store, rows), len(rows))


def _write(store: cache.Store, rows: list[tuple[str, str, bytes, int]]) -> None:
    with store.writing() as conn:
        conn.executemany("INSERT OR REPLACE INTO digests VALUES (?, ?, ?, ?)", rows)
