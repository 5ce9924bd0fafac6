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

This module is imported on the warm path, before anything heavy: it must
stay free of pydantic, YAML readers, rich, jinja2 and the rules.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import time
import zlib
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from jgsw_std.load import blob_ids, cache


@dataclass(frozen=True)
class View:
    """How a result is shown: part of its key, since it changes the text."""

    fmt: str
    lang: str
    color: bool = False
    to_file: bool = False
    width: int = 0  # the terminal's width, for a coloured table; 0 when it does not matter


@dataclass
class Finished:
    """What a command prints: stdout, stderr, and the counts its exit code comes from."""

    out: str
    err: str = ""
    errors: int = 0
    warnings: int = 0

    def encode(self) -> bytes:
        payload = marshal.dumps((self.out, self.err, self.errors, self.warnings))
        return zlib.compress(payload, 1)

    @classmethod
    def decode(cls, value: bytes) -> Finished | None:
        try:
            out, err, errors, warnings = marshal.loads(zlib.decompress(value))
        except (zlib.error, ValueError, EOFError, TypeError):
            return None
        return cls(str(out), str(err), int(errors), int(warnings))


def tree_digest(blobs: Mapping[str, str | None]) -> str | None:
    """One id for a set of files and their blobs; None when a file could not be read."""
    if any(blob is None for blob in blobs.values()):
        return None
    text = "".join(f"{rel}\0{blobs[rel]}\n" for rel in sorted(blobs))
    return hashlib.sha1(text.encode("utf-8", "surrogateescape")).hexdigest()


def worktree_tree(root: Path) -> str | None:
    """The digest of the working tree's files now (stat-only for files that did not change)."""
    paths = blob_ids.listed_for_lookup(root)
    found = blob_ids.identify(root, paths, only_if_recorded=True)
    if found is None or len(found.blobs) != len(paths):
        return None  # a first run, or an unreadable file (never stored, so never found)
    return tree_digest(found.blobs)


def settings_digest(root: Path, name: str = "jgsw.toml") -> str:
    """The bytes of a settings file beside data/ (empty when there is none)."""
    try:
        data = (root / name).read_bytes()
    except OSError:
        data = b""
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


def lookup(key: str) -> Finished | None:
    store = cache.store()
    if store is None:
        return None
    with cache.guard():
        row = store.conn.execute("SELECT value FROM results WHERE key = ?", (key,)).fetchone()
        if row is not None:
            return Finished.decode(row[0])
    return None


def remember(key: str, finished: Finished) -> None:
    store = cache.store()
    if store is None:
        return
    with cache.guard(), store.writing() as conn:
        conn.execute(
            "INSERT OR REPLACE INTO results VALUES (?, ?, ?)",
            (key, finished.encode(), int(time.time())),
        )
