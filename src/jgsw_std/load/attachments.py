"""The files documents point at (资料库): where a ``path`` leads, and the file's digest.

A document's ``path`` is relative to the warehouse root and must stay inside
it. Whether it does is decided twice: on the text (:func:`path_escape`: an
absolute path, a drive, a ``..`` step; written with ``/`` or ``\\``, since
paths are never assumed POSIX) and on the file system (a symbolic link that
leads out of the root). A reader answers for a batch of paths at once, from
the working tree (:class:`WorktreeFiles`) or, for ``--rev``, from git
(history/attachments.py); the rules never know which.

The digest of a Git LFS pointer file is the ``oid`` it names: the object is
never fetched, the pointer says which object belongs there.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath
from typing import Literal, Protocol

from jgsw_std.load import attachment_digests

Found = Literal["file", "missing", "outside", "not-a-file"]

#: A Git LFS pointer is a small text file (under 1024 bytes by the specification).
LFS_MAX = 1024
_LFS_HEAD = b"version https://git-lfs.github.com/spec/"
_LFS_OID = re.compile(rb"^oid sha256:([0-9a-f]{64})\s*$", re.MULTILINE)
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Attachment:
    """What is at a document's path: the file's SHA-256, or why there is none."""

    found: Found
    sha256: str | None = None  # of the content, or the LFS oid for a pointer
    lfs: bool = False  # the file is a Git LFS pointer


class AttachmentReader(Protocol):
    """Answers for the files that documents name, many at a time."""

    def read_many(self, rels: Iterable[str]) -> dict[str, Attachment]: ...


def path_escape(path: str) -> str | None:
    """Why ``path`` leaves the warehouse root on its face, or None when it does not.

    "absolute" for ``/x``, ``\\\\server\\x`` and ``C:\\x``; "drive" for ``C:x``;
    "parent" for any ``..`` step. ``\\`` counts as a separator, as on Windows.
    """
    if ":" not in path and ".." not in path and not path.startswith(("/", "\\")):
        return None  # the common case, a plain relative path: no drive, root or parent
    win = PureWindowsPath(path)
    if path.startswith(("/", "\\")) or win.is_absolute():
        return "absolute"
    if win.drive:
        return "drive"
    if any(part == ".." for part in re.split(r"[\\/]+", path)):
        return "parent"
    return None


def posix_rel(path: str) -> str:
    """The path with ``/`` separators and no ``.`` steps: how both readers look it up."""
    if not (
        "\\" in path
        or "//" in path
        or "/./" in path
        or path.startswith(("/", "./"))
        or path.endswith(("/", "/."))
        or path == "."
    ):
        return path  # already so (the common case, asked per file on a warm run)
    parts = [p for p in re.split(r"[\\/]+", path) if p not in ("", ".")]
    return "/".join(parts)


def lfs_oid(head: bytes) -> str | None:
    """The ``oid sha256:`` of a Git LFS pointer file's text, or None if it is not one."""
    if len(head) >= LFS_MAX or not head.startswith(_LFS_HEAD):
        return None
    found = _LFS_OID.search(head)
    return found.group(1).decode("ascii") if found else None


def digest_of(data: bytes) -> Attachment:
    """The attachment of bytes already in memory (a git blob)."""
    oid = lfs_oid(data[:LFS_MAX])
    if oid is not None:
        return Attachment("file", oid, lfs=True)
    return Attachment("file", hashlib.sha256(data).hexdigest())


#: What a path leads to on disk, without reading the file: a file's real path
#: and (mtime_ns, size, inode, ctime_ns), or why there is no file. An equal
#: state with times safely older than when it was taken means the same bytes,
#: as in git's index (see load/blob_ids.py); app/finished.py watches them.
State = tuple[str | int, ...]


def _file_state(target: str, info: os.stat_result) -> State:
    return ("file", target, info.st_mtime_ns, info.st_size, info.st_ino, info.st_ctime_ns)


class WorktreeFiles:
    """Attachments as they are on disk under the warehouse root."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._real_root: str | None = None
        self._memo: dict[str, Attachment] = {}
        self._states: dict[str, State] = {}
        self._folders: dict[str, str | None] = {}

    def read_many(self, rels: Iterable[str]) -> dict[str, Attachment]:
        """Each path's answer, its file hashed only when the cache has no digest for
        its state (load/attachment_digests.py)."""
        asked = list(rels)
        taken = time.time_ns()  # before any stat: see attachment_digests
        files: dict[str, tuple[str, State]] = {}
        for rel in dict.fromkeys(asked):
            if rel in self._memo:
                continue
            found, target, info = self._locate(rel)
            if found is not None or target is None or info is None:
                self._states[rel] = (found.found if found is not None else "missing",)
                self._memo[rel] = found or Attachment("missing")
                continue
            state = self._states[rel] = _file_state(target, info)
            files[rel] = (target, state)
        known = attachment_digests.fetch(state for _, state in files.values())
        learnt: dict[attachment_digests.FileState, attachment_digests.Digest] = {}
        for rel, (target, state) in files.items():
            kept = known.get(state)
            if kept is not None:
                self._memo[rel] = Attachment("file", kept[0], lfs=kept[1])
                continue
            got = self._memo[rel] = self._digest(target)
            if got.found == "file" and got.sha256 is not None:
                learnt[state] = (got.sha256, got.lfs)
        attachment_digests.save(learnt, taken)
        return {rel: self._memo[rel] for rel in asked}

    def read(self, rel: str) -> Attachment:
        """One path (as written in the document); remembered for the run."""
        found = self._memo.get(rel)
        if found is None:
            found = self._memo[rel] = self._read(rel)
        return found

    def seen(self) -> dict[str, tuple[State, Attachment]]:
        """Every path read so far: the state it was in when read, and what was found."""
        return {rel: (self._states[rel], found) for rel, found in self._memo.items()}

    def state_read(self, rel: str) -> State | None:
        """The state ``rel`` was in when :meth:`read` read it (None: not read)."""
        return self._states.get(rel)

    def state(self, rel: str, *, text_checked: bool = False) -> State:
        """What ``rel`` leads to now (see :data:`State`), without reading a file.

        ``text_checked``: the path is known not to leave the root on its face
        (:func:`path_escape` said so when it was read; the text has not changed),
        so that check, a third of the cost, is skipped.
        """
        found, target, info = self._locate(rel, text_checked)
        if found is not None or target is None or info is None:
            return (found.found if found is not None else "missing",)
        return _file_state(target, info)

    def _read(self, rel: str) -> Attachment:
        found, target, info = self._locate(rel)
        if found is not None or target is None or info is None:
            self._states[rel] = (found.found if found is not None else "missing",)
            return found or Attachment("missing")
        self._states[rel] = _file_state(target, info)
        return self._digest(target)

    def _locate(
        self, rel: str, text_checked: bool = False
    ) -> tuple[Attachment | None, str | None, os.stat_result | None]:
        """Where ``rel`` leads: an answer without a file, or the regular file and its stat."""
        if not text_checked and path_escape(rel) is not None:
            return Attachment("outside"), None, None
        if self._real_root is None:
            self._real_root = os.path.realpath(self.root)
        folder, _, name = posix_rel(rel).rpartition("/")
        real_folder = self._folder(folder)
        if real_folder is None:
            return Attachment("outside"), None, None
        target = os.path.join(real_folder, name) if name else real_folder
        # One lstat for the common case, a plain file: its folder is already known
        # to be inside. Only a symbolic link is followed to see where it leads.
        try:
            info = os.lstat(target)
        except OSError:
            return Attachment("missing"), None, None
        if stat.S_ISLNK(info.st_mode):
            target = os.path.realpath(target)
            if not self._inside(target):
                return Attachment("outside"), None, None
            try:
                info = os.stat(target)
            except OSError:
                return Attachment("missing"), None, None
        if not stat.S_ISREG(info.st_mode):
            return Attachment("not-a-file"), None, None
        return None, target, info

    def _folder(self, folder: str) -> str | None:
        """The real path of a folder under the root (symbolic links followed, once per
        folder), or None when it leads outside the root."""
        found = self._folders.get(folder)
        if found is None and folder not in self._folders:
            assert self._real_root is not None
            real = os.path.realpath(os.path.join(self._real_root, *folder.split("/")))
            found = real if self._inside(real) else None
            self._folders[folder] = found
        return found

    def _inside(self, real: str) -> bool:
        assert self._real_root is not None
        try:
            return os.path.commonpath([real, self._real_root]) == self._real_root
        except ValueError:  # another drive (Windows)
            return False

    @staticmethod
    def _digest(path: str) -> Attachment:
        try:
            with open(path, "rb") as handle:
                head = handle.read(LFS_MAX)
                oid = lfs_oid(head)
                if oid is not None:
                    return Attachment("file", oid, lfs=True)
                digest = hashlib.sha256(head)
                while chunk := handle.read(_CHUNK):
                    digest.update(chunk)
        except OSError:
            return Attachment("missing")
        return Attachment("file", digest.hexdigest())
