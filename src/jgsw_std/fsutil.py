"""Atomic writes: a temporary file in the same folder, then a rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from jgsw_std.errors import DataError


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that readers see the old or the new file, never half.

    The temporary file sits in the target's folder so that the rename stays on
    one file system (os.replace is atomic there, on Windows too).
    """
    write_all_atomic([(Path(path), data)])


def write_atomic_parts(path: Path, chunks: Iterable[bytes]) -> None:
    """:func:`write_atomic` for bytes that come in chunks: no whole copy in memory.

    A large report is written as its template produces it; if producing it
    fails half-way, the old file stays as it was.
    """
    write_all_atomic([(Path(path), chunks)])


#: What a file is replaced with: its bytes, bytes that come in chunks, or None to remove it.
Content = bytes | Iterable[bytes] | None


class PartialWrite(DataError):
    """A rename was refused after others had succeeded: ``written`` names those on disk."""

    def __init__(self, written: list[str], failed: str, exc: OSError) -> None:
        self.written = written
        done = "、".join(written)
        super().__init__(
            "write_partial",
            zh=f"无法写入 {failed}：{_reason(exc)}。已写入：{done}；其余未写入。",
            en=f"cannot write {failed}: {_reason(exc)}. Written: {', '.join(written)}; "
            "the rest was not.",
            hint_zh=_HINT_ZH,
            hint_en=_HINT_EN,
        )


_HINT_ZH = "检查磁盘空间、目录是否存在、是否有写权限，文件是否正被 Excel 或浏览器打开。"
_HINT_EN = (
    "Check the free disk space, that the folder exists and is writable, and that the file "
    "is not open in Excel or a browser."
)


def _reason(exc: OSError) -> str:
    return str(exc.strerror or exc)


def _failed(shown: str, exc: OSError) -> DataError:
    return DataError(
        "write_failed",
        zh=f"无法写入 {shown}：{_reason(exc)}；未修改任何文件。",
        en=f"cannot write {shown}: {_reason(exc)}; no file was changed.",
        hint_zh=_HINT_ZH,
        hint_en=_HINT_EN,
    )


def write_all_atomic(
    items: Sequence[tuple[Path, Content]], names: Sequence[str] | None = None
) -> list[str]:
    """Replace (or, for None, remove) every file, all or none; the names of those done.

    Every new file is first written and synced beside its target: a full disk
    or a file too large stops the run there, with every target untouched. Then
    each is renamed into place (a rename needs no space). A rename refused part
    way raises :class:`PartialWrite`, which names the files already replaced.
    """
    shown = list(names) if names is not None else [os.fsdecode(p) for p, _ in items]
    staged: list[str | None] = []
    try:
        for (path, data), name in zip(items, shown, strict=True):
            try:
                staged.append(None if data is None else _stage(path, data))
            except OSError as exc:
                raise _failed(name, exc) from None
        written: list[str] = []
        for index, ((path, _), name) in enumerate(zip(items, shown, strict=True)):
            tmp = staged[index]
            try:
                if tmp is None:
                    path.unlink()
                else:
                    os.replace(tmp, path)
                    staged[index] = None
            except OSError as exc:
                if not written:
                    raise _failed(name, exc) from None
                raise PartialWrite(written, name, exc) from None
            written.append(name)
        return written
    finally:
        for tmp in staged:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)


def _stage(path: Path, data: bytes | Iterable[bytes]) -> str:
    """``data`` (whole or in chunks) in a synced temporary file beside ``path``; its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:100]}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); a rewritten file keeps its mode
        # and a new one gets the usual permissions, as if written with open().
        with os.fdopen(fd, "wb") as handle:
            os.chmod(tmp, _mode_for(path))
            if isinstance(data, bytes):
                handle.write(data)
            else:
                for chunk in data:
                    handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def _mode_for(path: Path) -> int:
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def size_text(size: int) -> str:
    """``812 B``, ``12.3 KB``, ``4.1 MB``: a file's size as people read it."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


#: What a folder jgsw makes for its own output holds, so that git never lists it.
IGNORE_ALL = "# Written by jgsw: git ignores this folder (generated reports).\n*\n"


def ignored_folder(path: Path) -> Path:
    """``path`` as a folder for generated files, created with a ``.gitignore`` of ``*``.

    Generated reports must not show up in ``git status`` of the warehouse,
    whatever its own .gitignore says; a folder that already exists is left as
    it is (its owner decides).
    """
    path = Path(path)
    if not path.exists():
        path.mkdir(parents=True)
        write_atomic(path / ".gitignore", IGNORE_ALL.encode("utf-8"))
    return path
