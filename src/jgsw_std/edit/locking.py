"""Exclusive locks on the files jgsw writes, so that two writers never lose each other's work.

Two people running ``jgsw record`` on one file at the same moment would both
read the old file and the second rename would drop the first one's entry. Each
write therefore holds an exclusive lock on its target while it re-reads the
file, plans the change against what is on disk now, and replaces it.

One lock covers a folder of the warehouse (``data/districts``,
``data/standards/logistics``): a write holds the lock of every folder it
writes into. Two writers of one file always meet; `fmt` of the whole warehouse
holds a dozen locks, not ten thousand open files; writes take milliseconds,
so two people recording in one folder wait for each other unnoticed.

The locks are ``filelock`` locks (``fcntl.flock`` on Unix, ``msvcrt.locking``
on Windows): the system drops them when a process dies, so a killed run never
leaves the warehouse locked. The lock files live in one folder at the
warehouse root, ``.jgsw/locks/``, which ignores itself in git (a ``.gitignore``
holding ``*``, as pytest does for its cache): nothing appears beside the data
files, nothing shows in ``git status``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from jgsw_std.errors import DataError

#: Folder of the lock files, relative to the warehouse root.
LOCK_DIR = ".jgsw/locks"
#: How long a writer waits for another one to finish (a write takes milliseconds;
#: a minute covers a slow network share without hanging forever on a stuck one).
DEFAULT_TIMEOUT = 60.0
TIMEOUT_ENV = "JGSW_LOCK_TIMEOUT"


def lock_timeout() -> float:
    """Seconds to wait for a lock: ``JGSW_LOCK_TIMEOUT`` or the default."""
    raw = os.environ.get(TIMEOUT_ENV, "")
    try:
        value = float(raw)
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if 0 <= value < 86_400 else DEFAULT_TIMEOUT


def lock_path(root: Path, rel: str) -> Path:
    """The lock file covering ``rel`` (a root-relative POSIX path): its folder's.

    The name keeps the folder's own name for whoever looks, plus a digest of
    the case-folded folder path: ``Districts`` and ``districts`` are one folder
    on Windows and macOS, so they share a lock everywhere.
    """
    folder = rel.rsplit("/", 1)[0] if "/" in rel else "."
    digest = hashlib.sha1(folder.casefold().encode("utf-8", "surrogateescape")).hexdigest()[:16]
    name = "".join(c if c.isalnum() or c in "-_" else "-" for c in folder.rsplit("/", 1)[-1])
    return root / LOCK_DIR / f"{name[:40]}.{digest}.lock"


def _lock_folder(root: Path) -> Path:
    folder = root / LOCK_DIR
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        ignore = folder.parent / ".gitignore"
        if not ignore.exists():
            with contextlib.suppress(OSError):
                ignore.write_text("# jgsw's lock files; nothing here belongs in git\n*\n", "utf-8")
    return folder


@contextlib.contextmanager
def locked(root: Path, rels: Iterable[str], timeout: float | None = None) -> Iterator[None]:
    """Hold an exclusive lock covering every file of ``rels`` for the ``with`` block.

    Locks are taken in one order (sorted) so that two writers of several files
    never wait on each other forever. A lock still held by another writer after
    ``timeout`` seconds stops the run with a clear message; nothing is written.
    """
    from filelock import FileLock, Timeout

    wait = lock_timeout() if timeout is None else timeout
    wanted = sorted({lock_path(root, rel): rel for rel in sorted(rels)}.items())
    try:
        _lock_folder(root)
    except OSError as exc:
        raise _cannot_lock(root / LOCK_DIR, exc) from None
    with contextlib.ExitStack() as stack:
        for path, rel in wanted:
            lock = FileLock(str(path), timeout=wait)
            try:
                lock.acquire()
            except Timeout:
                raise DataError(
                    "locked",
                    zh=f"{rel} 正由另一个 jgsw 进程写入，等待 {wait:g} 秒后仍未完成；"
                    "未写入任何文件。",
                    en=f"{rel} is being written by another jgsw run and stayed locked for "
                    f"{wait:g} s; nothing was written.",
                    hint_zh="等另一个命令结束后重试（进程结束时锁自动释放）。",
                    hint_en="Run the command again when the other one has finished (locks are "
                    "released when their process ends).",
                ) from None
            except OSError as exc:
                raise _cannot_lock(path, exc) from None
            stack.callback(lock.release)
        yield


def _cannot_lock(path: Path, exc: OSError) -> DataError:
    return DataError(
        "lock_failed",
        zh=f"无法建立写入锁 {path}：{exc.strerror or exc}；未写入任何文件。",
        en=f"cannot create the write lock {path}: {exc.strerror or exc}; nothing was written.",
        hint_zh="检查标准仓根目录是否可写。",
        hint_en="Check that the warehouse folder is writable.",
    )
