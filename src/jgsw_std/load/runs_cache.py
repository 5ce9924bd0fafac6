"""The last check of a warehouse, kept between runs in the cache's ``runs`` table.

A check whose finished output is not remembered (app/finished.py: some file
changed) need not run every rule again: a rule whose inputs did not change
finds what it found last time (rules/reuse.py decides which). For that, each
check of the working tree leaves here what it judged and what each rule said:

- the blob id of every file it read, by path;
- each rule's findings, unsettled (before overrides, positions and
  suppression comments), in the order the rule gave them.

Key: everything a rule's findings depend on besides the files, chosen by the
caller (app/check.py): jgsw's code stamp, the root, the as-of date and the
settings. One entry per key, replaced by each run: the blob ids are what the
next run compares its files with, never part of the key.

Values are in ``marshal`` form. A finding's arguments may hold dates, which
marshal cannot carry: they are kept as day numbers, with the names of the
arguments that were dates beside them. A finding holding anything else
marshal cannot carry leaves nothing kept (the next run checks in full).
"""

from __future__ import annotations

import datetime as dt
import marshal
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jgsw_std.load import cache
from jgsw_std.load.compact import LARGE
from jgsw_std.problems import PlainProblem

#: A finding as kept: its plain form with date arguments as day numbers, and their names.
Kept = tuple[PlainProblem, tuple[str, ...]]


@dataclass
class Run:
    """What one check judged (blob ids by path) and found (each rule's findings, kept form)."""

    blobs: dict[str, str]
    findings: dict[str, list[Kept]]


def keep(plain: PlainProblem) -> Kept:
    """A finding in the form marshal carries (dates become day numbers)."""
    args = plain[3]
    dated = tuple(name for name, value in args.items() if type(value) is dt.date)
    if not dated:
        return plain, ()
    args = {name: value.toordinal() if name in dated else value for name, value in args.items()}
    return (plain[0], plain[1], plain[2], args, *plain[4:]), dated


def unkeep(kept: Kept) -> PlainProblem:
    """The finding :func:`keep` was given."""
    plain, dated = kept
    if not dated:
        return plain
    args: dict[str, Any] = {
        name: dt.date.fromordinal(value) if name in dated else value
        for name, value in plain[3].items()
    }
    return (plain[0], plain[1], plain[2], args, *plain[4:])


def fetch(key: str) -> Run | None:
    """The run kept under ``key``, if there is one and it reads back."""
    store = cache.store()
    if store is None:
        return None
    row = None
    with cache.guard():
        row = store.conn.execute("SELECT value FROM runs WHERE key = ?", (key,)).fetchone()
    if row is None:
        return None
    try:
        blobs, findings = marshal.loads(zlib.decompress(row[0]))
    except (zlib.error, ValueError, EOFError, TypeError):
        return None  # a damaged value: check in full
    if not isinstance(blobs, dict) or not isinstance(findings, dict):
        return None
    return Run(blobs, findings)


def save(key: str, make: Callable[[], Run], weight: int) -> None:
    """Keep the run ``make`` gives under ``key``, once the output is out (see cache.later).

    ``make`` is called then (in a detached process when there is much to
    write): putting ten thousand findings in marshal form need not delay the
    answer. ``weight``: how many findings it holds. Past
    :data:`~jgsw_std.load.compact.LARGE` of them, memory is what is short:
    they are put in marshal form (compressed) now, so that the findings
    themselves can go.
    """
    if not cache.enabled():
        return
    if weight <= LARGE:
        cache.later(lambda store: _write(store, key, _packed(make())), max(weight, 1))
        return
    value = _packed(make())
    cache.later(lambda store: _write(store, key, value), weight, len(value or b""))


def _packed(run: Run) -> bytes | None:
    """The run in marshal form, compressed; None when a finding holds what marshal
    cannot carry."""
    try:
        return zlib.compress(marshal.dumps((run.blobs, run.findings)), 1)
    except ValueError:
        return None


def _forget(store: cache.Store, key: str) -> None:
    with store.writing() as conn:
        conn.execute("DELETE FROM runs WHERE key = ?", (key,))


def _write(store: cache.Store, key: str, packed: bytes | None) -> None:
    if packed is None:  # the next run checks in full
        _forget(store, key)
        return
    with store.writing() as conn:
        row = (key, packed, int(time.time()))
        conn.execute("INSERT OR REPLACE INTO runs VALUES (?, ?, ?)", row)
