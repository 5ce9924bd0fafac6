"""The search index of `jgsw find`: SQLite FTS5 (trigram), in the user's cache, never in the repo.

Loading and validating 10,000 YAML files takes about a second; a search
takes milliseconds. The index keeps each standard's search record (plain
JSON, built by reports/searchable.py) and its folded text in an FTS5 table
with the trigram tokenizer, so `jgsw find` answers without loading the
warehouse. One index file per warehouse root, in ``JGSW_CACHE_DIR`` or the
platform's user cache folder; it remembers the signature of the files it was
built from (every data file's path, size and modification time, as git's own
index does) and is rebuilt whenever that signature changes.

Everything here is stdlib (sqlite3, hashlib) and knows nothing of the models,
so the module can move into the shared cache store as it is.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jgsw_std import __version__
from jgsw_std.load.cache import cache_dir
from jgsw_std.load.files import iter_data_paths

#: Bumped when the tables or the records change shape: older files are rebuilt.
SCHEMA = 2
#: Trigram FTS matches substrings of three characters or more; shorter terms
#: (two-character Chinese words such as 物业) are found by a scan of the text.
TRIGRAM = 3


def signature(root: Path) -> str:
    """A digest of the data files' paths, sizes and modification times, and of jgsw's version."""
    digest = hashlib.sha256(f"{__version__}\0{SCHEMA}\0".encode())
    prefix = str(root) + os.sep
    native = os.sep != "/"
    for rel in iter_data_paths(root):
        try:
            st = os.stat(prefix + (rel.replace("/", os.sep) if native else rel))
        except OSError:
            continue
        digest.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def index_path(root: Path) -> Path:
    """Where the index of the warehouse at ``root`` lives (one file per root)."""
    name = hashlib.sha256(str(root.resolve()).encode("utf-8")).hexdigest()[:24]
    return cache_dir() / "find" / f"{name}.sqlite"


def _quote_fts(term: str) -> str:
    """An FTS5 string literal: the term as one phrase, double quotes doubled."""
    return '"' + term.replace('"', '""') + '"'


@dataclass
class SearchIndex:
    """An open index; the rows are the records given to :func:`build`."""

    conn: sqlite3.Connection

    def meta(self) -> dict[str, Any]:
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'info'").fetchone()
        return dict(json.loads(row[0])) if row else {}

    def code_candidates(self, form: str) -> set[int]:
        """Rows whose compact code forms equal or contain ``form``."""
        found = self.conn.execute(
            "SELECT id FROM docs WHERE instr(forms, ?) > 0", (form,)
        ).fetchall()
        return {r[0] for r in found}

    def text_candidates(self, term: str) -> set[int]:
        """Rows whose folded text contains ``term`` (FTS5 trigram, or a scan for short terms)."""
        if len(term) >= TRIGRAM:
            sql = "SELECT rowid FROM fts WHERE fts MATCH ?"
            found = self.conn.execute(sql, (_quote_fts(term),)).fetchall()
        else:
            found = self.conn.execute(
                "SELECT id FROM docs WHERE instr(text, ?) > 0", (term,)
            ).fetchall()
        return {r[0] for r in found}

    def near_keys(self) -> list[tuple[str, str, str, str, list[str]]]:
        """Every record's code, titles, path and code forms, without the whole record."""
        found = self.conn.execute("SELECT code, title, title_en, path, keys FROM docs").fetchall()
        return [(c, t, te, p, json.loads(k)) for c, t, te, p, k in found]

    def rows(self, ids: Iterable[int] | None = None) -> list[dict[str, Any]]:
        """The records of ``ids`` (all of them when None), in id order."""
        if ids is None:
            found = self.conn.execute("SELECT record FROM docs ORDER BY id").fetchall()
        else:
            wanted = sorted(ids)
            found = []
            for start in range(0, len(wanted), 900):  # SQLite's bound-parameter limit
                chunk = wanted[start : start + 900]
                marks = ",".join("?" * len(chunk))
                found += self.conn.execute(
                    f"SELECT record FROM docs WHERE id IN ({marks}) ORDER BY id", chunk
                ).fetchall()
        return [json.loads(r[0]) for r in found]

    def close(self) -> None:
        self.conn.close()


def open_index(root: Path, key: str) -> SearchIndex | None:
    """The index of ``root`` if it was built from files with signature ``key``, else None."""
    path = index_path(root)
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
        row = conn.execute("SELECT value FROM meta WHERE key = 'signature'").fetchone()
    except sqlite3.Error:
        return None
    if row is None or row[0] != key:
        conn.close()
        return None
    return SearchIndex(conn)


def build_index(
    root: Path,
    key: str,
    records: Sequence[dict[str, Any]],
    texts: Sequence[str],
    forms: Sequence[str],
    info: dict[str, Any],
) -> bool:
    """Write the index of ``root`` (records, their folded texts and code forms, in order).

    Written to a temporary file and renamed into place, so a reader never sees
    half an index. Returns False when the cache folder cannot be written: the
    search still works, only the next one is not faster.
    """
    path = index_path(root)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".find.", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError:
        return False
    try:
        conn = sqlite3.connect(tmp)
        try:
            _fill(conn, key, records, texts, forms, info)
        finally:
            conn.close()
        os.replace(tmp, path)
    except (OSError, sqlite3.Error):
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return False
    return True


def _fill(
    conn: sqlite3.Connection,
    key: str,
    records: Sequence[dict[str, Any]],
    texts: Sequence[str],
    forms: Sequence[str],
    info: dict[str, Any],
) -> None:
    conn.executescript(
        """
        PRAGMA journal_mode = OFF;
        PRAGMA synchronous = OFF;
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE docs (id INTEGER PRIMARY KEY, forms TEXT NOT NULL, text TEXT NOT NULL,
                           record TEXT NOT NULL, code TEXT NOT NULL, title TEXT NOT NULL,
                           title_en TEXT NOT NULL, path TEXT NOT NULL, keys TEXT NOT NULL);
        CREATE VIRTUAL TABLE fts USING fts5(text, content='docs', content_rowid='id',
                                            tokenize='trigram');
        """
    )
    rows = [
        (
            index,
            form,
            text,
            json.dumps(record, ensure_ascii=False, separators=(",", ":")),
            record["code"],
            record["title"],
            record["title_en"],
            record["path"],
            json.dumps(record["forms"]),
        )
        for index, (record, text, form) in enumerate(zip(records, texts, forms, strict=True))
    ]
    conn.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.execute("INSERT INTO fts(fts) VALUES ('rebuild')")
    conn.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [("signature", key), ("info", json.dumps(info, ensure_ascii=False))],
    )
    conn.commit()
