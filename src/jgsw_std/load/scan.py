"""Listing the warehouse's files, and looking at them early on a second thread.

:func:`iter_data_paths` is the one listing of ``data/**/*.yaml`` (load/files.py
re-exports it). A run that may be answered from the cache (cli/fast.py) asks
for the listing and one stat of every file (what load/blob_ids.py compares
with its summary) before it imports the rest of what it needs: :func:`start`
does that work on a thread, whose system calls overlap the imports of the
main one, and :func:`take` hands it over once. The thread only reads; its
answer is the same as the main thread's would be a moment later, and it is
always joined before the run goes on (:func:`finish`), so no fork ever
happens while it runs.

This module is imported before anything else on that path: the standard
library's os, stat, threading and time only.
"""

from __future__ import annotations

import os
import stat
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml")


def iter_data_paths(root: Path) -> Iterator[str]:
    """Every YAML file under ``root/data``, as a root-relative POSIX path, sorted.

    ``os.scandir`` instead of ``Path.rglob``: it is several times faster on a
    10,000-file tree and never follows hidden folders (.git, editor backups).
    """
    data = root / "data"
    stack = [(data, "data")]
    found: list[str] = []
    while stack:
        folder, rel = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            child = f"{rel}/{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                stack.append((Path(entry.path), child))
            elif entry.name.endswith(YAML_SUFFIXES):
                found.append(child)
    found.sort()
    return iter(found)


def stat_values(root: Path, paths: Sequence[str]) -> list[int] | None:
    """(mtime_ns, size, inode, ctime_ns) of every path, flattened, links followed.

    None as soon as one is missing or not a regular file (the caller then
    takes the careful way, which says what is wrong with it).
    """
    values: list[int] = []
    extend = values.extend
    prefix = str(root) + os.sep
    native = os.sep != "/"
    is_regular = stat.S_ISREG
    for rel in paths:
        try:
            info = os.stat(prefix + (rel.replace("/", os.sep) if native else rel))
        except OSError:
            return None
        if not is_regular(info.st_mode):
            return None
        extend((info.st_mtime_ns, info.st_size, info.st_ino, info.st_ctime_ns))
    return values


class Early:
    """The listing of a root and the stat of its files, made on a thread of their own."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.paths: list[str] | None = None
        self.values: list[int] | None = None
        self.started = 0  # time.time_ns() before the first stat
        self._thread = threading.Thread(target=self._run, name="jgsw-scan", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            paths = list(iter_data_paths(self.root))
            self.started = time.time_ns()
            self.values = stat_values(self.root, paths)
            self.paths = paths
        except Exception:  # the main thread lists again, and says what is wrong
            self.paths = self.values = None

    def join(self) -> Early:
        self._thread.join()
        return self


_EARLY: dict[str, Early] = {}


def start(root: Path) -> None:
    """Begin listing and stat-ing ``root``'s files on a thread (once per root and run)."""
    key = str(root)
    if key not in _EARLY:
        _EARLY[key] = Early(root)


def take(root: Path) -> Early | None:
    """The work :func:`start` began for ``root``, finished; handed over once."""
    early = _EARLY.pop(str(root), None)
    return early.join() if early is not None else None


def finish() -> None:
    """Wait for every thread :func:`start` began and drop what nobody took."""
    while _EARLY:
        _EARLY.popitem()[1].join()
