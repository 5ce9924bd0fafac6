"""Where the warehouse's files come from: the working tree or a git revision.

The loader only sees ``SourceFile`` values, so ``--rev`` (history/) and the
working tree share every line of validation.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class SourceFile:
    rel: str  # path from the warehouse root, forward slashes: data/standards/x/y.yaml
    data: bytes
    blob: str | None = None  # git blob id when read from git; the parse cache key


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


def read_worktree(root: Path) -> list[SourceFile]:
    out: list[SourceFile] = []
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0)  # O_BINARY: no newline translation on Windows
    base = str(root)
    for rel in iter_data_paths(root):
        # os.open/os.read skip the buffered-file machinery of open(): a third of
        # the cost when reading 10,000 small files.
        try:
            fd = os.open(os.path.join(base, *rel.split("/")), flags)
            try:
                size = os.fstat(fd).st_size
                chunks = [os.read(fd, max(size, 1) + 1)]
                while chunks[-1]:
                    chunks.append(os.read(fd, 1 << 16))
            finally:
                os.close(fd)
            out.append(SourceFile(rel, b"".join(chunks)))
        except OSError:
            out.append(SourceFile(rel, b"\0unreadable"))
    return out
