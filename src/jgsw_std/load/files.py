"""Where the warehouse's files come from: the working tree or a git revision.

The loader only sees ``SourceFile`` values, so ``--rev`` (history/) and the
working tree share every line of validation.

Every read is bounded before it starts: only regular files are read (a FIFO
named ``x.yaml`` would block for ever, a link to ``/dev/zero`` would never
end), a symbolic link only when its target is a regular file inside the
warehouse, and no file past :func:`max_file_bytes`. A file that cannot be read
carries the reason (``SourceFile.unread``) and becomes a problem of its own
(Y007, Y008, Y009), never a made-up YAML error.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# the listing lives in scan.py (light, for the warm path); its names are kept here too
from jgsw_std.load.scan import YAML_SUFFIXES as YAML_SUFFIXES
from jgsw_std.load.scan import iter_data_paths as iter_data_paths

#: Largest warehouse file read, by default: a standard's file is a few kilobytes,
#: the framework a few tens; 4 MiB leaves room for any real one and keeps a
#: hostile file from filling memory. ``JGSW_MAX_FILE_BYTES`` changes it.
DEFAULT_MAX_FILE_BYTES = 4 << 20
MAX_FILE_ENV = "JGSW_MAX_FILE_BYTES"


def max_file_bytes() -> int:
    """The size limit in bytes: ``JGSW_MAX_FILE_BYTES`` (``8000000``, ``512K``, ``16M``)."""
    raw = os.environ.get(MAX_FILE_ENV, "").strip().upper()
    if not raw:
        return DEFAULT_MAX_FILE_BYTES
    scale = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}.get(raw[-1:], 1)
    digits = raw[:-1] if scale != 1 else raw
    if not digits.isdigit() or len(digits) > 12:
        return DEFAULT_MAX_FILE_BYTES
    return max(1, int(digits) * scale)


#: Why a file was not read: "unreadable" (permission, loop, dangling link),
#: "special" (not a regular file, or a link out of the warehouse), "too_large",
#: "bad_name" (the file name is not UTF-8).
UnreadKind = str


@dataclass(frozen=True, slots=True)
class Unread:
    """Why a file's bytes are not there: its kind and the reason in both languages."""

    kind: UnreadKind
    zh: str
    en: str
    size: int = 0  # for too_large: the file's size


@dataclass(frozen=True, slots=True)
class SourceFile:
    rel: str  # path from the warehouse root, forward slashes: data/standards/x/y.yaml
    data: bytes
    #: git blob id: from git, or hashed from ``data`` when the cache is on; the parse cache key
    blob: str | None = None
    #: read from the working tree (whose parses this run's memory need not keep)
    worktree: bool = False
    unread: Unread | None = None  # set when the bytes could not be read (data is b"")

    @property
    def size(self) -> int:
        """The length of the bytes (a deferred file knows it without reading them)."""
        return len(self.data)


class SourceChanged(Exception):
    """A deferred file's bytes are no longer the blob it was taken for: load afresh."""


#: The slot that holds a SourceFile's bytes, set directly on a deferred one.
_DATA_SLOT: Any = SourceFile.__dict__["data"]


class DeferredSource(SourceFile):
    """A working-tree file known by its blob id (from its stat, load/blob_ids.py), unread.

    A run in which few files changed finds most files' parses and positions in
    the cache by blob id and never needs their bytes: reading 10,000 files
    costs about 0.1 s. When the bytes are asked for after all (a parse the
    cache lacks, a position not asked before), the file is read then, the
    careful way, and must still be that blob: if it changed meanwhile,
    :class:`SourceChanged` is raised and the caller loads afresh, so no answer
    about one version of a file is ever kept under another's id.
    """

    __slots__ = ("_inside", "_limit", "_path", "_size")
    _inside: str
    _limit: int
    _path: str
    _size: int

    def __init__(self, rel: str, blob: str, size: int, path: str, limit: int, inside: str) -> None:
        setattr_ = object.__setattr__  # the dataclass is frozen
        setattr_(self, "rel", rel)
        setattr_(self, "blob", blob)
        setattr_(self, "worktree", True)
        setattr_(self, "unread", None)
        setattr_(self, "_path", path)
        setattr_(self, "_size", size)
        setattr_(self, "_limit", limit)
        setattr_(self, "_inside", inside)

    @property  # the field, read on first use
    def data(self) -> bytes:
        try:
            found: bytes = _DATA_SLOT.__get__(self)
            return found
        except AttributeError:
            pass
        data = read_bounded(self._path, self._limit, self._inside)
        from jgsw_std.load.cache import blob_id

        if data is None or blob_id(data) != self.blob:
            raise SourceChanged(self.rel)
        _DATA_SLOT.__set__(self, data)
        return data

    @property
    def size(self) -> int:
        return self._size


class FileUnreadable(Exception):
    """A file jgsw will not or cannot read; ``reason`` says why."""

    def __init__(self, reason: Unread) -> None:
        super().__init__(reason.en)
        self.reason = reason
        self.reason_zh = reason.zh
        self.reason_en = reason.en


#: One read takes a whole warehouse file (they are a few kilobytes); larger ones loop.
_CHUNK = 1 << 16
#: Linux fills a read of a regular file up to its end (page cache, local or NFS),
#: so a short read is the end. Elsewhere (Windows shares, say) jgsw reads on
#: until the system says end of file: one more call a file, nothing ever cut.
_SHORT_READ_IS_END = sys.platform.startswith("linux")
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
# O_NONBLOCK: opening a FIFO must not wait for a writer (a regular file ignores it).
_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)


def _os_reason(exc: OSError) -> Unread:
    """An OSError as words: permission, a loop of links, a link to nothing, the rest."""
    code = exc.errno
    if code in (errno.EACCES, errno.EPERM):
        return Unread("unreadable", "没有读取权限", "permission denied")
    if code == errno.ELOOP:
        return Unread("unreadable", "符号链接循环", "symbolic link loop")
    if code == errno.ENOENT:
        return Unread("unreadable", "符号链接指向不存在的文件", "the link points to nothing")
    text = os.strerror(code) if code else str(exc)
    return Unread("unreadable", text, text)


def _special(what_zh: str, what_en: str) -> Unread:
    return Unread("special", what_zh, what_en)


def _kind_of_mode(mode: int) -> tuple[str, str]:
    if stat.S_ISDIR(mode):
        return "文件夹", "a folder"
    if stat.S_ISFIFO(mode):
        return "命名管道（FIFO）", "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件", "a device"
    if stat.S_ISSOCK(mode):
        return "套接字", "a socket"
    return "特殊文件", "a special file"


def _too_large(size: int, limit: int) -> Unread:
    return Unread(
        "too_large",
        f"{size} 字节，超过上限 {limit} 字节",
        f"{size} bytes, over the limit of {limit}",
        size,
    )


def _read_fd(fd: int, limit: int) -> bytes:
    """The bytes of an open regular file, refusing more than ``limit``."""
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        raise FileUnreadable(_special(*_kind_of_mode(info.st_mode)))
    if info.st_size > limit:
        raise FileUnreadable(_too_large(info.st_size, limit))
    # Ask for one byte more than fstat gave: on Linux a short read of a regular
    # file is its end (one read a file); elsewhere, or when the file grew
    # meanwhile, read on until the system says end of file, up to the limit.
    want = max(info.st_size + 1, _CHUNK)
    data = os.read(fd, want)
    if len(data) < want and _SHORT_READ_IS_END:
        return data
    chunks = [data]
    total = len(data)
    while chunks[-1]:
        if total > limit:
            raise FileUnreadable(_too_large(total, limit))
        chunks.append(os.read(fd, _CHUNK))
        total += len(chunks[-1])
    return b"".join(chunks)


def _open_target(path: str, inside: str | None) -> int:
    """Open what the symbolic link ``path`` points to, if it may be read."""
    try:
        target = os.path.realpath(path, strict=True)
        info = os.stat(target)
    except OSError as exc:
        raise FileUnreadable(_os_reason(exc)) from None
    except RuntimeError:  # a loop, on Pythons that raise this from realpath
        raise FileUnreadable(_os_reason(OSError(errno.ELOOP, "loop"))) from None
    if inside is not None and not (target + os.sep).startswith(inside + os.sep):
        raise FileUnreadable(
            _special(
                f"指向标准仓以外的符号链接（{os.fsdecode(target)!r}）",
                f"a symbolic link out of the warehouse (to {os.fsdecode(target)!r})",
            )
        )
    if not stat.S_ISREG(info.st_mode):
        what_zh, what_en = _kind_of_mode(info.st_mode)
        raise FileUnreadable(_special(f"指向{what_zh}的符号链接", f"a symbolic link to {what_en}"))
    try:
        return os.open(target, _FLAGS | _NOFOLLOW)
    except OSError as exc:
        raise FileUnreadable(_os_reason(exc)) from None


def read_regular(path: Path, limit: int | None = None, inside: Path | None = None) -> bytes:
    """The bytes of ``path`` if it is a regular file (or a link to one) of at most ``limit``.

    Raises :class:`FileUnreadable` with the reason otherwise. ``inside``: a
    link must point to a file under this folder (default: anywhere).
    """
    where = os.path.realpath(inside) if inside is not None else None
    return _read_one(os.fspath(path), limit or max_file_bytes(), where)


def _read_one(path: str, limit: int, inside: str | None) -> bytes:
    fd = -1
    try:
        if not _NOFOLLOW and os.path.islink(path):  # Windows: no O_NOFOLLOW
            fd = _open_target(path, inside)
        else:
            fd = os.open(path, _FLAGS | _NOFOLLOW)
    except OSError as exc:
        # O_NOFOLLOW refuses a link with ELOOP (EMLINK on FreeBSD): judge its target
        if exc.errno in (errno.ELOOP, errno.EMLINK) and os.path.islink(path):
            fd = _open_target(path, inside)
        else:
            raise FileUnreadable(_os_reason(exc)) from None
    try:
        return _read_fd(fd, limit)
    except OSError as exc:
        raise FileUnreadable(_os_reason(exc)) from None
    finally:
        os.close(fd)


def name_is_utf8(rel: str) -> bool:
    """Whether the file name was valid UTF-8 on disk (``os.fsdecode`` left no surrogates)."""
    if rel.isascii():
        return True
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown_name(rel: str) -> str:
    """A file name as it can be printed: bytes that are not UTF-8 become U+FFFD."""
    if name_is_utf8(rel):
        return rel
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def bad_name_file(rel: str) -> SourceFile:
    """The entry of a file whose name is not UTF-8: shown with U+FFFD, not read."""
    return SourceFile(
        shown_name(rel),
        b"",
        unread=Unread(
            "bad_name",
            "文件名不是 UTF-8 编码",
            "the file name is not UTF-8",
        ),
    )


def read_worktree(
    root: Path,
    paths: Iterable[str] | None = None,
    known: Mapping[str, tuple[bytes, str]] | None = None,
    trusted: Mapping[str, tuple[str, int]] | None = None,
) -> list[SourceFile]:
    """The warehouse files under ``root`` (or just ``paths``, from :func:`iter_data_paths`).

    A file that cannot be read comes back empty with the reason in ``unread``
    (and no blob id). Cost: an open, an fstat and two reads a file (about 10
    µs; 10,000 files in 0.1 s), the price of never blocking on a FIFO or
    reading a device for ever.

    With the cache on, each file read carries its git blob id (the key of its
    parse in the cache). ``known``: files already read (the same careful way)
    and hashed on the way, with their blob ids (load/blob_ids.py). ``trusted``:
    files whose blob id (and size) their stat vouched for, left unread
    (:class:`DeferredSource`); only a caller ready for :class:`SourceChanged`
    passes them.
    """
    import time

    from jgsw_std.load import blob_ids, cache

    hashed = cache.enabled()
    blob_id = cache.blob_id
    started = time.time_ns()  # before any read: see blob_ids.record_later
    out: list[SourceFile] = []
    append = out.append
    limit = max_file_bytes()
    inside = os.path.realpath(root)
    prefix = str(root) + os.sep
    native = os.sep != "/"
    for rel in iter_data_paths(root) if paths is None else paths:
        if not rel.isascii() and not name_is_utf8(rel):  # shown differently everywhere
            append(bad_name_file(rel))
            continue
        found = known.get(rel) if known else None
        if found is not None:
            append(SourceFile(rel, found[0], found[1] if hashed else None, True))
            continue
        path = prefix + (rel.replace("/", os.sep) if native else rel)
        vouched = trusted.get(rel) if trusted and hashed else None
        if vouched is not None:
            append(DeferredSource(rel, vouched[0], vouched[1], path, limit, inside))
            continue
        data = _read_small(path)
        if data is None:
            # links, special files, large files and errors take _read_one's careful way
            try:
                data = _read_one(path, limit, inside)
            except FileUnreadable as exc:
                append(SourceFile(rel, b"", worktree=True, unread=exc.reason))
                continue
        # a file past the limit (read whole by the cheap way) is reported, never keyed
        blob = blob_id(data) if hashed and len(data) <= limit else None
        append(SourceFile(rel, data, blob, True))
    if hashed and not blob_ids.identified(root):  # nobody recorded these files this run
        blob_ids.record_later(root, {s.rel: s.blob for s in out if s.blob}, started)
    return out


def _read_small(path: str) -> bytes | None:
    """The common case, cheaply: a regular file shorter than one read (on Linux).

    An open, an fstat and one read (about 6 µs a file). None for anything
    else (a link, a special or large file, an error, another system): those
    take :func:`_read_one`'s careful way.
    """
    if not _NOFOLLOW:
        return None
    try:
        fd = os.open(path, _FLAGS | _NOFOLLOW)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if stat.S_ISREG(info.st_mode) and info.st_size < _CHUNK and _SHORT_READ_IS_END:
            data = os.read(fd, _CHUNK)
            if len(data) < _CHUNK:
                return data
    except OSError:
        pass
    finally:
        os.close(fd)
    return None


def read_bounded(path: str, limit: int, inside: str) -> bytes | None:
    """A warehouse file's bytes as :func:`read_worktree` reads them, or None where it
    would report the file instead (unreadable, not regular, a link out of
    ``inside``, larger than ``limit``): such a file never gets a blob id."""
    data = _read_small(path)
    if data is None:
        try:
            data = _read_one(path, limit, inside)
        except FileUnreadable:
            return None
    return data if len(data) <= limit else None
