"""Atomic writes: a temporary file in the same folder, then a rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that readers see the old or the new file, never half.

    The temporary file sits in the target's folder so that the rename stays on
    one file system (os.replace is atomic there, on Windows too).
    """
    path = Path(path)
    try:
        _write_atomic(path, data)
    except OSError as exc:  # a locked, read-only or missing target: the user's to fix
        from jgsw_std.errors import DataError

        raise DataError(
            "write_failed",
            zh=f"无法写入 {path}：{exc.strerror or exc}",
            en=f"cannot write {path}: {exc.strerror or exc}",
            hint_zh="检查目录是否存在、是否有写权限，文件是否正被 Excel 或浏览器打开。",
            hint_en="Check that the folder exists and is writable, and that the file is not "
            "open in Excel or a browser.",
        ) from exc


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); a rewritten file keeps its mode
        # and a new one gets the usual permissions, as if written with open().
        os.chmod(tmp, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


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
