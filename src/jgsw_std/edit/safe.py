"""Safe writes: the one door every warehouse write goes through.

A command builds a list of :class:`FileChange` values, shows them, and only
then calls :func:`apply_changes`, which:

1. refuses paths outside the warehouse's ``data/`` folder;
2. takes an exclusive lock on every target (edit.locking), so that two writers
   never lose each other's work;
3. re-reads every target under the lock; if one changed since it was planned,
   plans again against what is on disk now (``replan``) or stops with a clear
   message;
4. validates every new file as `check` would judge it on its own (the loader's
   Y and S codes plus the single-file rules, D and N), and refuses a change that
   would bring in an error;
5. writes every file or none: each new file is staged beside its target and
   synced first (a full disk stops the run here, before anything changed), then
   renamed into place. Only a rename refused part way (a file held open on
   Windows) leaves some files written; :class:`PartialWrite` names them.

Other commands that write into the warehouse (feedback records, generated
pages) go through the same door.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from jgsw_std.edit.locking import locked
from jgsw_std.edit.textio import decode
from jgsw_std.errors import DataError, JgswError, UsageError
from jgsw_std.fsutil import PartialWrite, write_all_atomic
from jgsw_std.problems import Problem, Severity

__all__ = ["FileChange", "PartialWrite", "ValidationFailed", "apply_changes", "validate"]


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


#: Rule families that judge one file on its own (dates in order, names and places);
#: the others look across files (references, gaps, duties) and are `check`'s to run.
SINGLE_FILE_FAMILIES = ("D", "N")

#: Plans the changes again from the targets' current bytes (None: absent).
Replan = Callable[[dict[str, bytes | None]], Sequence[FileChange]]


def _framework_bytes(root: Path | None) -> bytes | None:
    if root is None:
        return None
    from jgsw_std.load.files import FileUnreadable, read_regular

    try:
        return read_regular(root / "data" / "framework.yaml")
    except FileUnreadable:
        return None


def file_problems(rel: str, data: bytes, framework: bytes | None = None) -> list[Problem]:
    """Errors `check` would find in one file on its own, placed.

    The loader's (encoding, YAML, schema; a file where the layout expects none)
    and those of the single-file rules (D: dates and lifecycle, N: names and
    places), judged with the warehouse's framework beside it and settled as
    check settles them: the framework's ``check:`` severities and ignores, and
    the file's own ``# jgsw: disable=`` comments (jgsw.toml is check's alone).
    """
    from jgsw_std.load.files import SourceFile
    from jgsw_std.load.records import FRAMEWORK_PATH, kind_of
    from jgsw_std.load.warehouse import build_warehouse
    from jgsw_std.rules.registry import CheckContext
    from jgsw_std.rules.runner import CheckOptions, run_rules, select_rules, settle

    sources = [SourceFile(rel, data)]
    if framework is not None and rel != FRAMEWORK_PATH:
        sources.insert(0, SourceFile(FRAMEWORK_PATH, framework))
    wh = build_warehouse(sources)
    mine = [p for p in wh.problems if p.path == rel]
    if kind_of(rel) == "unknown":  # check would skip the file (Y005): never write one
        return wh.place([p.with_severity(Severity.ERROR) for p in mine])
    if not any(p.severity == Severity.ERROR for p in mine):
        ctx = CheckContext.on(wh, dt.date.today())
        found = run_rules(select_rules(SINGLE_FILE_FAMILIES), wh, ctx)
        mine.extend(p for p in found if p.path == rel)
    settings = wh.framework.check
    options = (
        CheckOptions(severity=dict(settings.severity), ignore=list(settings.ignore))
        if settings is not None
        else CheckOptions()
    )
    settled = settle(wh, mine, options).problems
    return [p for p in settled if p.severity == Severity.ERROR]


def _signature(problem: Problem) -> tuple[str, str]:
    """What an error says, without where: an inserted entry moves the others' positions."""
    return problem.code, problem.message("en")


def validate(changes: Sequence[FileChange], root: Path | None = None) -> None:
    """Raise :class:`ValidationFailed` if a change would bring an error into its file.

    Errors the file already had are left to the person (a `record` must not be
    refused for a mistake elsewhere in the file); new ones stop the write.
    """
    framework = _framework_bytes(root)
    problems: list[Problem] = []
    for change in changes:
        if change.after is None or not change.changed:
            continue
        after = file_problems(change.rel, change.after, framework)
        if after and change.before is not None:
            known = {_signature(p) for p in file_problems(change.rel, change.before, framework)}
            after = [p for p in after if _signature(p) not in known]
        problems.extend(after)
    if problems:
        raise ValidationFailed(problems)


def _changed_meanwhile(rel: str) -> DataError:
    return DataError(
        "changed_meanwhile",
        zh=f"{rel} 在读取后又被修改过（或已存在），未写入任何文件。",
        en=f"{rel} changed on disk after it was read (or already exists); nothing was written.",
        hint_zh="保存编辑器中的修改后重新运行命令。",
        hint_en="Save your editor's changes and run the command again.",
    )


def symlink_refused(rel: str) -> DataError:
    """jgsw never writes through a symbolic link (the rename would replace the link)."""
    return DataError(
        "symlink",
        zh=f"{rel} 是符号链接，jgsw 不会通过链接写入；未修改。",
        en=f"{rel} is a symbolic link; jgsw does not write through links; left unchanged.",
        hint_zh="编辑链接指向的文件本身。",
        hint_en="Edit the file the link points to.",
    )


def current_bytes(root: Path, rel: str) -> bytes | None:
    """What ``rel`` holds now (None if absent); a file that cannot be read stops the write."""
    from jgsw_std.load.files import FileUnreadable, read_regular

    path = root.joinpath(*rel.split("/"))
    if path.is_symlink():
        raise symlink_refused(rel)
    if not path.exists():
        return None
    try:
        return read_regular(path)
    except FileUnreadable as exc:
        raise DataError(
            "target_unreadable",
            zh=f"{rel} 无法读取（{exc.reason_zh}），未写入任何文件。",
            en=f"{rel} cannot be read ({exc.reason_en}); nothing was written.",
        ) from None


def apply_changes(
    root: Path,
    changes: Sequence[FileChange],
    *,
    check: bool = True,
    replan: Replan | None = None,
) -> list[str]:
    """Write every change or none, under a lock; returns the files written or removed.

    If a target changed since the changes were planned, ``replan`` plans them
    again from the current bytes (still under the lock); without it the run
    stops with ``changed_meanwhile`` and nothing is written.
    """
    todo = [c for c in changes if c.changed]
    for change in todo:
        data_rel(root, Path(*change.rel.split("/")))
    if not todo:
        return []
    rels = [c.rel for c in todo]
    with locked(root, rels):
        current = {rel: current_bytes(root, rel) for rel in rels}
        if any(current[c.rel] != c.before for c in todo):
            if replan is None:
                stale = next(c.rel for c in todo if current[c.rel] != c.before)
                raise _changed_meanwhile(stale)
            todo = [c for c in replan(current) if c.changed]
            for change in todo:
                if change.rel not in current or current[change.rel] != change.before:
                    raise _changed_meanwhile(change.rel)
        if check:
            validate(todo, root)
        written = write_all_atomic(
            [(root.joinpath(*c.rel.split("/")), c.after) for c in todo],
            names=[c.rel for c in todo],
        )
    return written
