"""The blob id of every file of a working tree, without reading the unchanged ones.

Like git's index: the cache's ``files`` table remembers, per path, the file's
modification time, size, inode and change time with the blob id they had. A
file whose four values are unchanged is taken to hold the same bytes, so a run
with nothing changed stats its files instead of reading and hashing them.

Equal values do not always mean equal bytes (the "racy git" problem): a file
rewritten within the clock tick of the moment it was recorded keeps its
modification time, and one rewritten to the same length then keeps everything.
So an entry counts only when the file's times are safely older than the moment
its entry was taken (:data:`SETTLED_NS`); any other file is read and hashed
again, and recorded anew. A file edited and then given back its old time
(``touch -d``, ``cp -p``) has a new change time, which the system sets itself.

A run with nothing changed need not even load the table. Beside it, each root
keeps a summary, written only when every entry is trusted as recorded: the
size limit then, one digest of every path with its four values, and the
tree's id (:func:`tree_digest`, what the finished-result key is made of).
:func:`settled_tree` stats the listed files, digests what it sees the same
way and, when the two digests agree, every file is as recorded with settled
times (and none was added or removed), which is exactly when :func:`identify`
would have trusted every entry: the stored tree id holds. Any difference, and
the caller takes :func:`identify`'s way.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import stat
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jgsw_std.load import cache, scan
from jgsw_std.load.files import iter_data_paths, max_file_bytes, name_is_utf8, read_bounded

#: How much older than the recording a file's times must be for its entry to
#: be trusted: more than the coarsest timestamp a file system keeps (FAT: 2 s).
SETTLED_NS = 3_000_000_000

Signature = tuple[int, int, int, int]  # mtime_ns, size, inode, ctime_ns


@dataclass
class Identified:
    """Blob ids by path; the bytes of the files that had to be read on the way."""

    blobs: dict[str, str]
    read: dict[str, bytes] = field(default_factory=dict)
    #: the sizes of the files trusted by their stat, not read
    sizes: dict[str, int] = field(default_factory=dict)


def trusted(recorded: Signature, seen_ns: int, now: Signature) -> bool:
    """Whether an entry recorded at ``seen_ns`` still names the file's bytes."""
    if recorded != now:
        return False
    mtime, _, _, ctime = now
    return max(mtime, ctime) + SETTLED_NS < seen_ns


#: This run's answers by root: a run that misses the finished-result cache goes
#: on to load the files, and reads again none of those read here.
_SEEN: dict[str, Identified] = {}
cache.forget_each_run(_SEEN)


_LISTED: dict[str, list[str]] = {}
cache.forget_each_run(_LISTED)


def listing(root: Path) -> list[str]:
    """The warehouse's files (files.iter_data_paths), as listed for this run's lookup.

    A listing :func:`listed_for_lookup` made is handed over once (a run that
    misses the finished-result cache goes on to load the same files); any other
    call lists afresh, so a load after a write in the same process sees the
    files the write made.
    """
    found = _LISTED.pop(str(root), None)
    return found if found is not None else list(iter_data_paths(root))


#: The stat of the listed files, when a thread made it early (scan.start): root ->
#: (the listing it belongs to, its values, the time before the first stat);
#: taken by :func:`settled_tree`, which hands it on to :func:`identify` (in
#: :data:`_STATS`) when some file changed, so that no file is stat-ed twice.
Stats = tuple[Sequence[str], list[int] | None, int]
_STATTED: dict[str, Stats] = {}
_STATS: dict[str, Stats] = {}
cache.forget_each_run(_STATTED)
cache.forget_each_run(_STATS)


def listed_for_lookup(root: Path) -> list[str]:
    """The warehouse's files for a finished-result lookup, kept for the load that may follow."""
    key = str(root)
    if key not in _LISTED:
        early = scan.take(root)
        if early is not None and early.paths is not None:
            _LISTED[key] = early.paths
            _STATTED[key] = (early.paths, early.values, early.started)
        else:
            _LISTED[key] = list(iter_data_paths(root))
    return _LISTED[key]


def read_so_far(root: Path) -> dict[str, tuple[bytes, str]]:
    """The files :func:`identify` read under ``root`` in this run, with their blob ids.

    Handed over once: the loader then reads and hashes only the others.
    """
    seen = _SEEN.get(str(root))
    if seen is None:
        return {}
    read, seen.read = seen.read, {}
    return {rel: (data, seen.blobs[rel]) for rel, data in read.items()}


def trusted_so_far(root: Path) -> dict[str, tuple[str, int]]:
    """The files :func:`identify` vouched for under ``root`` in this run without reading
    them: path -> (blob id, size). Handed over once, like :func:`read_so_far`."""
    seen = _SEEN.get(str(root))
    if seen is None:
        return {}
    sizes, seen.sizes = seen.sizes, {}
    return {rel: (seen.blobs[rel], size) for rel, size in sizes.items()}


def identified(root: Path) -> bool:
    """Whether :func:`identify` looked at ``root`` in this run."""
    return str(root) in _SEEN


def identify(root: Path, paths: Sequence[str], only_if_recorded: bool = False) -> Identified | None:
    """Blob ids of ``paths`` under ``root``.

    A file the loader would report instead of reading (Y007-Y011: unreadable,
    not a regular file, a link out of the warehouse, past the size limit, a
    name that is not UTF-8) gets none, and is never recorded: a finished
    result is then neither looked up nor stored.

    Uses and updates the cache's ``files`` table when the cache is on; without
    it, every file is read and hashed. Asked twice in a run, it answers the
    same. ``only_if_recorded``: None when the table knows nothing of ``root``
    (a first run: the loader records the files as it reads them, see
    :func:`record_later`, instead of reading them twice).
    """
    key = str(root)
    seen = _SEEN.get(key)
    if seen is not None and len(seen.blobs) == len(paths) and all(p in seen.blobs for p in paths):
        return seen
    known = _recorded(key)
    if only_if_recorded and not known:
        return None
    out = Identified({})
    changed = False
    prefix = str(root) + os.sep
    native = os.sep != "/"
    limit = max_file_bytes()
    inside = os.path.realpath(root)
    # the stat settled_tree took of these very paths (regular files, links followed)
    given = _STATS.pop(key, None)
    values = given[1] if given is not None and given[0] is paths else None
    for index, rel in enumerate(paths):
        if not rel.isascii() and not name_is_utf8(rel):
            continue
        full = prefix + (rel.replace("/", os.sep) if native else rel)
        if values is not None and given is not None:
            started = given[2]  # taken before that stat
            at = 4 * index
            now = (values[at], values[at + 1], values[at + 2], values[at + 3])
        else:
            started = time.time_ns()  # before the stat: what is recorded is no newer than this
            try:
                info = os.stat(full)
            except OSError:
                continue
            if not stat.S_ISREG(info.st_mode):
                continue  # Y008 now, whatever was recorded
            now = (info.st_mtime_ns, info.st_size, info.st_ino, info.st_ctime_ns)
        if now[1] > limit:
            continue  # Y009 now, whatever was recorded (under another limit, say)
        entry = known.get(rel)
        if entry is not None and trusted(entry[0], entry[1], now):
            out.blobs[rel] = entry[2]
            out.sizes[rel] = now[1]
            continue
        data = read_bounded(full, limit, inside)
        if data is None:
            continue
        blob = cache.blob_id(data)
        out.blobs[rel], out.read[rel] = blob, data
        known[rel] = (now, started, blob)
        changed = True
    for rel in [rel for rel in known if rel not in out.blobs]:
        del known[rel]
        changed = True
    if changed:
        _record(key, known)
    _SEEN[key] = out
    return out


def tree_digest(blobs: Mapping[str, str | None]) -> str | None:
    """One id for a set of files and their blobs; None when a file could not be read."""
    if any(blob is None for blob in blobs.values()):
        return None
    text = "".join(f"{rel}\0{blobs[rel]}\n" for rel in sorted(blobs))
    return hashlib.sha1(text.encode("utf-8", "surrogateescape")).hexdigest()


def _stat_digest(paths: Sequence[str], values: list[int]) -> str:
    """One digest of sorted paths and their signatures, flattened (four ints a path)."""
    names = "\0".join(paths).encode("utf-8", "surrogateescape")
    # marshal version 2 writes no back-references, so equal values give equal bytes
    return hashlib.sha1(names + b"\n" + marshal.dumps(values, 2)).hexdigest()


def _summary(table: dict[str, tuple[Signature, int, str]], limit: int) -> bytes | None:
    """The summary of a table (see the module's docstring), or None while an entry is racy."""
    paths = sorted(table)
    values: list[int] = []
    for rel in paths:
        sig, seen_ns, _ = table[rel]
        if max(sig[0], sig[3]) + SETTLED_NS >= seen_ns:
            return None  # this file must be hashed again next time: no shortcut
        values.extend(sig)
    tree = tree_digest({rel: table[rel][2] for rel in paths})
    return marshal.dumps((limit, _stat_digest(paths, values), tree))


def settled_tree(root: Path, paths: Sequence[str]) -> str | None:
    """The tree id of ``paths`` under ``root`` when every file is as last recorded, else None.

    One stat a file and no read of the table (see the module's docstring); None
    sends the caller to :func:`identify`.
    """
    store = cache.store()
    if store is None:
        return None
    found = None
    with cache.guard():
        row = store.conn.execute("SELECT summary FROM files WHERE root = ?", (str(root),))
        found = row.fetchone()
    if not found or found[0] is None:
        return None
    try:
        limit, digest, tree = marshal.loads(found[0])
    except (ValueError, EOFError, TypeError):
        return None
    if limit != max_file_bytes():
        return None  # a file's size may be judged otherwise now (Y009)
    early = _STATTED.pop(str(root), None)
    if early is not None and early[0] is paths:
        values, started = early[1], early[2]
    else:
        started = time.time_ns()
        values = scan.stat_values(root, paths)
    if values is None:
        return None
    if _stat_digest(paths, values) == digest:
        return str(tree)
    _STATS[str(root)] = (paths, values, started)  # some file changed: identify looks
    return None


def record_later(root: Path, blobs: dict[str, str], started: int) -> None:
    """Record files the loader read (from ``started`` on) once the output is out.

    Their times are taken then, after the reading; an entry is trusted only if
    the file's times are older than ``started`` by the margin, so a file that
    changed after it was read is hashed again next time.
    """
    if blobs:
        cache.later(lambda store: _record_now(str(root), blobs, started), len(blobs))


def _record_now(root: str, blobs: dict[str, str], started: int) -> None:
    prefix = root + os.sep
    native = os.sep != "/"
    table = {}
    for rel, blob in blobs.items():
        try:
            info = os.stat(prefix + (rel.replace("/", os.sep) if native else rel))
        except OSError:
            continue
        table[rel] = (
            (info.st_mtime_ns, info.st_size, info.st_ino, info.st_ctime_ns),
            started,
            blob,
        )
    _record(root, table)


def _recorded(root: str) -> dict[str, tuple[Signature, int, str]]:
    """The table of a root as last recorded: rel -> (signature, seen_ns, blob)."""
    store = cache.store()
    if store is None:
        return {}
    with cache.guard():
        row = store.conn.execute("SELECT value FROM files WHERE root = ?", (root,)).fetchone()
        if row is not None:
            try:
                table = marshal.loads(row[0])
            except (ValueError, EOFError, TypeError):
                return {}  # damaged: every file is hashed again and the table rewritten
            if isinstance(table, dict):
                return table
    return {}


def _record(root: str, table: dict[str, tuple[Signature, int, str]]) -> None:
    """One value per root: read in one go on every warm run, rewritten when a file changed.

    Two runs recording at once: the last one wins, and the other's new entries
    are simply hashed again next time.
    """
    store = cache.store()
    if store is None:
        return
    value, summary = marshal.dumps(table), _summary(table, max_file_bytes())
    with cache.guard(), store.writing() as conn:
        conn.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?)", (root, value, summary))
