"""Safe writes: validate first, stay inside data/, replace atomically, all or nothing.

A command builds a list of :class:`FileChange` values, shows them, and only
then calls :func:`apply_changes`, which re-validates every new file, refuses
paths outside the warehouse's ``data/`` folder and files changed on disk since
they were read, and writes nothing at all if any of that fails.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jgsw_std.edit.textio import decode
from jgsw_std.errors import DataError, JgswError, UsageError
from jgsw_std.fsutil import write_atomic
from jgsw_std.problems import Problem, Severity


@dataclass(frozen=True)
class FileChange:
    """One file's old and new bytes; ``before`` None creates, ``after`` None deletes."""

    rel: str  # data/standards/x/y.yaml, forward slashes
    before: bytes | None
    after: bytes | None

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def diff(self) -> str:
        """Unified diff of the text (line endings shown as LF), empty if unchanged."""
        old = decode(self.before, self.rel)[0] if self.before is not None else ""
        new = decode(self.after, self.rel)[0] if self.after is not None else ""
        lines = difflib.unified_diff(
            old.splitlines(keepends=True),
            new.splitlines(keepends=True),
            fromfile=f"a/{self.rel}" if self.before is not None else "/dev/null",
            tofile=f"b/{self.rel}" if self.after is not None else "/dev/null",
        )
        out = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
        return out


class ValidationFailed(JgswError):
    """The result of an edit does not validate; nothing was written."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        zh_lines = [f"{p.path}:{p.line}:{p.col}: {p.code} {p.message('zh')}" for p in problems]
        en_lines = [f"{p.path}:{p.line}:{p.col}: {p.code} {p.message('en')}" for p in problems]
        super().__init__(
            "edit_invalid",
            zh="修改后的文件未通过校验，未写入任何文件：\n  " + "\n  ".join(zh_lines),
            en="the edited file would not validate; nothing was written:\n  "
            + "\n  ".join(en_lines),
            hint_zh="按提示修正输入后重试。",
            hint_en="Fix the input as the messages say and run the command again.",
        )


def data_rel(root: Path, path: Path) -> str:
    """``path`` (absolute, or relative to the root) as ``data/...``; refuse anything outside."""
    data = (root / "data").resolve()
    target = (path if path.is_absolute() else root / path).resolve()
    if not target.is_relative_to(data):
        raise UsageError(
            "outside_data",
            zh=f"{path} 不在标准仓的 data/ 目录内，jgsw 不会写入。",
            en=f"{path} is outside the warehouse's data/ folder; jgsw will not write there.",
        )
    return "data/" + target.relative_to(data).as_posix() if target != data else "data"


def file_problems(rel: str, data: bytes) -> list[Problem]:
    """Errors the loader finds in one file on its own (schema, YAML, encoding), placed."""
    from jgsw_std.load.files import SourceFile
    from jgsw_std.load.warehouse import build_warehouse

    wh = build_warehouse([SourceFile(rel, data)])
    mine = [p for p in wh.problems if p.path == rel and p.severity == Severity.ERROR]
    return wh.place(mine)


def validate(changes: Sequence[FileChange]) -> None:
    """Raise :class:`ValidationFailed` if any new file has errors."""
    problems: list[Problem] = []
    for change in changes:
        if change.after is not None and change.changed:
            problems.extend(file_problems(change.rel, change.after))
    if problems:
        raise ValidationFailed(problems)


def apply_changes(root: Path, changes: Sequence[FileChange], *, check: bool = True) -> int:
    """Write every change or none; returns how many files were written or removed."""
    todo = [c for c in changes if c.changed]
    for change in todo:
        data_rel(root, Path(*change.rel.split("/")))
    if check:
        validate(todo)
    for change in todo:
        path = root.joinpath(*change.rel.split("/"))
        current = path.read_bytes() if path.exists() else None
        if current != change.before:
            raise DataError(
                "changed_meanwhile",
                zh=f"{change.rel} 在读取后又被修改过（或已存在），未写入任何文件。",
                en=f"{change.rel} changed on disk after it was read (or already exists); "
                "nothing was written.",
                hint_zh="保存编辑器中的修改后重新运行命令。",
                hint_en="Save your editor's changes and run the command again.",
            )
    for change in todo:
        path = root.joinpath(*change.rel.split("/"))
        if change.after is None:
            path.unlink()
        else:
            write_atomic(path, change.after)
    return len(todo)
