"""The history use case: every commit that changed one record, field by field."""

from __future__ import annotations

from pathlib import Path

from jgsw_std.errors import UsageError
from jgsw_std.history.log import walk_data
from jgsw_std.history.record_log import (
    RecordHistory,
    Versions,
    entries_of,
    find_path,
    follow,
    label_of,
)
from jgsw_std.history.revision import full_history
from jgsw_std.load.warehouse import kind_of
from jgsw_std.progress import SILENT, Progress

#: Longest target accepted: a code, a slug or a path inside the warehouse.
MAX_TARGET_CHARS = 400


def record_history(
    root: Path | None, target: str, rev: str = "HEAD", progress: Progress = SILENT
) -> RecordHistory:
    """Every commit reachable from ``rev`` that changed the record, newest first."""
    if len(target) > MAX_TARGET_CHARS:
        raise UsageError(
            "target_too_long",
            zh=f"要查的记录写了 {len(target)} 个字符，超过上限 {MAX_TARGET_CHARS}；"
            "请写标准编号、文件名或路径。",
            en=f"the record asked for is {len(target)} characters long, over the limit of "
            f"{MAX_TARGET_CHARS}; give a standard code, a slug or a path.",
        )
    with (
        full_history(root, rev, "history") as (repo, sha),
        progress.step("读取提交历史", "reading the history"),
    ):
        log = walk_data(repo, sha)
        path = find_path(repo, sha, target, log)
        raw = follow(log, path)
        versions = Versions(repo)
        versions.load([b for _, c, _ in raw for b in (c.old_blob, c.new_blob) if b is not None])
        entries = entries_of(raw, versions)
    return RecordHistory(
        target=target,
        path=path,
        kind=kind_of(path),
        label=label_of(entries),
        entries=entries,
        rev=rev,
    )
