"""Finished results: the whole output of a command, remembered by everything it depends on.

`check` and `status` print a pure function of the warehouse's files (the
registries' experts, materials and feedback among them: all are under data/),
the settings (jgsw.toml; framework.yaml is one of the files), the date, the
language, jgsw itself, the command and its options (``--grouping-as-of``
among them), and a few things about where the output goes: the format, colour
(a terminal or not), the terminal's width for a coloured table, whether it
goes to a file (then a summary goes to stderr), and the root folder that JSON
and SARIF print. The key holds all of them, so a hit prints exactly what the
run would have printed. A date left to default is today's: tomorrow is
another key. Root-level options (``jgsw --lang en --root DIR check``) are
read into the same values first.

Not stored, because they are made afresh each time from this command line:
the progress bar (stderr, on a terminal only, and a hit never needs one) and
the "wrote FILE (size)" line of ``-o`` (cli/values.show prints it, unless
``--quiet``, which changes nothing else and so is no part of the key).

One dependency lies outside data/: the files documents name (M901-M903 read
``files/...`` under the root). Which files they are follows from data/, so the
key need not name them; instead a stored check carries, for each of them, the
state it was in when it was read (:attr:`Finished.watch`: the real path and
stat of a file, or why there is none) and what was found (its digest), and a
hit counts only while every one is still in that state. A file changed,
replaced, removed or added where one was missing misses, and the check runs
again. As in load/blob_ids.py, equal times vouch for equal bytes only when
they are safely older than the moment the state was taken; a file changed
more recently is hashed again at the lookup (and the entry re-dated once it
has settled), so a rewrite within one clock tick is never missed.

This module is imported on the warm path, before anything heavy: it must
stay free of pydantic, YAML readers, rich, jinja2 and the rules.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import time
import zlib
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from jgsw_std.load import blob_ids, cache
from jgsw_std.load.attachments import Attachment, State, WorktreeFiles

#: What was found at a document's path: (found, sha256 or "", a Git LFS pointer).
Found = tuple[str, str, bool]
#: Documents' files a result read: path, its state then, what was found (see above).
Watched = tuple[tuple[str, State, Found], ...]


@dataclass(frozen=True)
class View:
    """How a result is shown: part of its key, since it changes the text."""

    fmt: str
    lang: str
    color: bool = False
    to_file: bool = False
    width: int = 0  # the terminal's width, for a coloured table; 0 when it does not matter


class Finished:
    """What a command prints: stdout, stderr, and the counts its exit code comes from.

    ``out`` read back from the cache stays in UTF-8 until someone asks for the
    text: :meth:`out_utf8` lets cli/values.show write the bytes as they are to
    a UTF-8 stdout (a 10,000-standard check prints 2.4 MB; decoding it only
    to encode it again is a tenth of a remembered run).
    """

    __slots__ = ("_out", "err", "errors", "warnings", "watch", "watched_ns")

    def __init__(
        self,
        out: str | bytes,
        err: str = "",
        errors: int = 0,
        warnings: int = 0,
        watch: Watched = (),
        watched_ns: int = 0,
    ) -> None:
        self._out = out  # the text, or its UTF-8 bytes as stored
        self.err = err
        self.errors = errors
        self.warnings = warnings
        #: the documents' files it read (it holds only while they do), and when their
        #: states were taken (nanoseconds, taken before any of them was read)
        self.watch = watch
        self.watched_ns = watched_ns

    @property
    def out(self) -> str:
        if isinstance(self._out, bytes):
            self._out = self._out.decode("utf-8")
        return self._out

    def out_utf8(self) -> bytes | None:
        """``out`` in UTF-8 when it is held so (read from the cache), else None."""
        return self._out if isinstance(self._out, bytes) else None

    def redated(self, watched_ns: int) -> Finished:
        """The same output, its watched states vouched for as of ``watched_ns``."""
        return Finished(self._out, self.err, self.errors, self.warnings, self.watch, watched_ns)

    def encode(self) -> bytes:
        out: str | bytes = self._out
        if isinstance(out, str):
            out = _utf8_or_text(out)
        payload = (out, self.err, self.errors, self.warnings, self.watch, self.watched_ns)
        return zlib.compress(marshal.dumps(payload), 1)

    @classmethod
    def decode(cls, value: bytes) -> Finished | None:
        try:
            out, err, errors, warnings, watch, watched_ns = marshal.loads(zlib.decompress(value))
        except (zlib.error, ValueError, EOFError, TypeError):
            return None
        if not isinstance(out, bytes | str):
            return None
        return cls(out, str(err), int(errors), int(warnings), tuple(watch), int(watched_ns))


def _utf8_or_text(text: str) -> str | bytes:
    """The text in UTF-8, or itself when it holds a lone surrogate (from a file name)."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return text


def _found(attachment: Attachment) -> Found:
    return (attachment.found, attachment.sha256 or "", attachment.lfs)


def watch_of(reader: object) -> Watched | None:
    """The documents' files ``reader`` read: each with its state then, and what was found.

    None when a result must not be stored: a file is no longer in the state it
    was read in (it changed while the run went on). A run that read no such
    file watches nothing.
    """
    if not isinstance(reader, WorktreeFiles):
        return ()
    seen = reader.seen()
    if not seen:
        return ()
    now = WorktreeFiles(reader.root)
    out: list[tuple[str, State, Found]] = []
    for rel in sorted(seen):
        state, found = seen[rel]
        if now.state(rel, text_checked=True) != state:
            return None
        out.append((rel, state, _found(found)))
    return tuple(out)


def settled(state: State, taken_ns: int) -> bool:
    """Whether a state's times are safely older than ``taken_ns`` (see blob_ids.trusted)."""
    if state[0] != "file":
        return True
    mtime, ctime = int(state[2]), int(state[5])
    return max(mtime, ctime) + blob_ids.SETTLED_NS < taken_ns


def still_holds(root: Path, done: Finished) -> Finished | None:
    """``done`` if every file it watches is as it was read, else None.

    A file whose state was taken too soon after it changed is read again and
    its digest compared; when that was needed and all held, the answer carries
    the states re-dated (to be stored again, so the next lookup need not read).
    """
    if not done.watch:
        return done
    started = time.time_ns()  # before any stat: what is re-dated is no newer than this
    files = WorktreeFiles(root)
    reread = False
    for rel, state, found in done.watch:
        state = tuple(state)
        if settled(state, done.watched_ns):
            # the path's text is part of the key and passed path_escape when read
            # (a safe miss at worst, for a caller that read one that did not)
            if files.state(rel, text_checked=True) != state:
                return None
            continue
        got = files.read(rel)
        if files.state_read(rel) != state or _found(got) != tuple(found):
            return None
        reread = True
    if not reread:
        return done
    return done.redated(started)


tree_digest = blob_ids.tree_digest


#: This run's answers by root: a lookup that missed on the fast path (cli/fast.py)
#: is asked again by the command, which need not stat every file again.
_TREES: dict[str, str | None] = {}
cache.forget_each_run(_TREES)


def worktree_tree(root: Path) -> str | None:
    """The digest of the working tree's files now (stat-only for files that did not change).

    Asked twice in a run, it answers the same.
    """
    key = str(root)
    if key not in _TREES:
        _TREES[key] = _worktree_tree(root)
    return _TREES[key]


def _worktree_tree(root: Path) -> str | None:
    paths = blob_ids.listed_for_lookup(root)
    settled = blob_ids.settled_tree(root, paths)
    if settled is not None:
        return settled  # nothing changed: the table itself need not be read
    found = blob_ids.identify(root, paths, only_if_recorded=True)
    if found is None or len(found.blobs) != len(paths):
        return None  # a first run, or an unreadable file (never stored, so never found)
    return tree_digest(found.blobs)


def settings_digest(root: Path, name: str = "jgsw.toml") -> str | None:
    """The bytes of a settings file beside data/ ("absent" when there is none).

    Read as the run reads it (a regular file, bounded): a FIFO named jgsw.toml
    must not stall the lookup. None when it is there but cannot be read so:
    nothing is looked up or stored, and the run says what is wrong with it.
    """
    path = root / name
    if not os.path.lexists(path):
        return "absent"
    return file_digest(path)


def file_digest(path: Path) -> str | None:
    """The sha1 of a file read the bounded way, or None when it cannot be read so."""
    from jgsw_std.load.files import FileUnreadable, read_regular

    try:
        data = read_regular(path)
    except FileUnreadable:
        return None
    return hashlib.sha1(data).hexdigest()


def result_key(
    command: str, root: Path, tree: str, view: View, options: Mapping[str, object]
) -> str:
    """The key of one command's finished output (see the module's docstring)."""
    parts = {
        "command": command,
        "jgsw": cache.code_stamp(),
        "root": str(root),
        "tree": tree,
        "view": asdict(view),
        "options": dict(options),
    }
    text = json.dumps(parts, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def lookup(key: str, root: Path | None = None) -> Finished | None:
    """The result stored under ``key``, if the files it watches (under ``root``) still hold."""
    store = cache.store()
    if store is None:
        return None
    found: Finished | None = None
    with cache.guard():
        row = store.conn.execute("SELECT value FROM results WHERE key = ?", (key,)).fetchone()
        if row is not None:
            found = Finished.decode(row[0])
    if found is None or not found.watch:
        return found
    if root is None:
        return None
    held = still_holds(root, found)
    if held is not None and held.watched_ns != found.watched_ns:
        cache.later(lambda store: _store(store, key, held), 1)  # re-dated: once the output is out
    return held


def remember(key: str, finished: Finished) -> None:
    store = cache.store()
    if store is None:
        return
    with cache.guard():
        _store(store, key, finished)


def _store(store: cache.Store, key: str, finished: Finished) -> None:
    with store.writing() as conn:
        conn.execute(
            "INSERT OR REPLACE INTO results VALUES (?, ?, ?)",
            (key, finished.encode(), int(time.time())),
        )
