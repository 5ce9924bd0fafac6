"""A record's versions in git: find its file, follow it back, compare versions.

The use case is app/history.py. The record is named by its code, its slug or
its path. One ``git log --raw -M`` walk over data/ finds every commit that
touched a data file; the record's path is then followed backwards through
renames (a standard moved to another area folder), deletions and
re-additions. Each version is parsed once (by blob id) and consecutive
versions are compared field by field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from jgsw_std.errors import UsageError
from jgsw_std.history.fields import FieldChange, diff_values, mask_private
from jgsw_std.history.gitrepo import Commit, GitRepo
from jgsw_std.history.log import Change, LogEntry
from jgsw_std.load.parse import parse_bytes
from jgsw_std.load.records import PRIVATE_BY_KIND
from jgsw_std.load.warehouse import kind_of

ChangeKind = Literal["added", "modified", "renamed", "deleted", "re-added"]


@dataclass(frozen=True)
class HistoryEntry:
    """One commit's change to the record."""

    commit: Commit
    change: ChangeKind
    path: str  # where the record is after this commit (where it was, for a deletion)
    old_path: str | None = None  # where it was before a rename
    fields: list[FieldChange] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)  # code/title/status when added
    unreadable: bool = False  # a side that does not parse: no field diff possible


@dataclass(frozen=True)
class RecordHistory:
    target: str
    path: str  # the record's newest path
    kind: str  # standard, district, framework, indicators, unknown
    label: str  # code and title, or slug and name
    entries: list[HistoryEntry]  # newest first
    rev: str


def _looks_like_path(target: str) -> bool:
    return (
        target.endswith((".yaml", ".yml"))
        or target.startswith(("data/", "./", "data\\", ".\\"))
        or "\\" in target
    )


def _as_rel(root: Path, target: str) -> str:
    """A path typed by a person, as a warehouse-relative POSIX path."""
    candidate = Path(target)
    if candidate.is_absolute() or candidate.exists():
        try:
            return candidate.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    rel = target.replace("\\", "/")
    while rel.startswith("./"):
        rel = rel[2:]
    return rel


def _stems(target: str) -> set[str]:
    """File name stems a code or slug may have on disk."""
    from jgsw_std.model.codes import code_slug

    stems = {target.strip().lower()}
    slug = code_slug(target)
    if slug:
        stems.update({slug, slug.replace(".", "-")})
    return stems


def _all_paths(log: list[LogEntry]) -> list[str]:
    """Every data path the walk mentions, most recently touched first."""
    seen: dict[str, None] = {}
    for entry in log:
        for change in entry.changes:
            for path in (change.new_path, change.old_path):
                if path is not None:
                    seen.setdefault(path, None)
    return list(seen)


def find_path(repo: GitRepo, sha: str, target: str, log: list[LogEntry]) -> str:
    paths = _all_paths(log)
    if _looks_like_path(target):
        rel = _as_rel(repo.root, target)
        if rel in paths:
            return rel
    else:
        stems = _stems(target)
        for path in paths:
            if PurePosixPath(path).stem.lower() in stems and kind_of(path) != "unknown":
                return path
        found = _by_identity(repo, sha, target)
        if found is not None:
            return found
    raise UsageError(
        "record_not_found",
        zh=f"在 git 历史中没有找到记录 {target}。",
        en=f"No record {target} in the git history.",
        hint_zh="写标准编号（DB50/T 1056-2020）、文件名（db50-t-1056-2020）、"
        "地区 slug 或文件路径。",
        hint_en="Give a standard code (DB50/T 1056-2020), a slug (db50-t-1056-2020), "
        "a district slug or a file path.",
    )


def _by_identity(repo: GitRepo, sha: str, target: str) -> str | None:
    """A record whose file name does not follow its code: look it up by content."""
    from jgsw_std.history.revision import warehouse_at

    wh = warehouse_at(repo, sha)
    standard = wh.standard(target)
    if standard is not None:
        return standard.path
    district = wh.district_by_slug.get(target.strip().lower())
    return district.path if district is not None else None


def follow(log: list[LogEntry], path: str) -> list[tuple[LogEntry, Change, str | None]]:
    """The changes to the record, newest first: (entry, change, paired old path).

    A deletion and an addition in one commit with the same file name count as
    a move even when git's similarity test did not pair them (a heavily edited
    standard moved to another area is still the same standard).
    """
    tracked = {path}
    found: list[tuple[LogEntry, Change, str | None]] = []
    for entry in log:
        hits = [
            c
            for c in entry.changes
            if (c.new_path in tracked) or (c.status == "D" and c.old_path in tracked)
        ]
        for change in hits:
            if change.status == "R" and change.old_path and change.new_path:
                tracked.discard(change.new_path)
                tracked.add(change.old_path)
                found.append((entry, change, change.old_path))
                continue
            if change.status == "A" and change.new_path:
                name = PurePosixPath(change.new_path).name
                pair = next(
                    (
                        c
                        for c in entry.changes
                        if c.status == "D" and c.old_path and PurePosixPath(c.old_path).name == name
                    ),
                    None,
                )
                if pair is not None and pair.old_path:
                    moved = Change(
                        "R", pair.old_path, change.new_path, pair.old_blob, change.new_blob
                    )
                    tracked.discard(change.new_path)
                    tracked.add(pair.old_path)
                    found.append((entry, moved, pair.old_path))
                    continue
            found.append((entry, change, None))
    return found


class Versions:
    """Parsed content of each version, by blob id (one parse per blob)."""

    def __init__(self, repo: GitRepo) -> None:
        self.repo = repo
        self.parsed: dict[str, tuple[Any, bool]] = {}

    def load(self, blobs: list[str]) -> None:
        contents = self.repo.blobs.read_many(blobs)
        for blob in blobs:
            if blob not in self.parsed:
                data, _, syntax, bad, _ = parse_bytes(contents[blob])
                self.parsed[blob] = (data, syntax is None and bad < 0)

    def get(self, blob: str | None) -> tuple[Any, bool]:
        if blob is None:
            return None, True
        return self.parsed[blob]


def _summary(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        return {}
    keys = ("code", "slug", "title", "name", "status", "area")
    return {k: data[k] for k in keys if k in data and isinstance(data[k], (str, int))}


def entries_of(
    raw: list[tuple[LogEntry, Change, str | None]], versions: Versions
) -> list[HistoryEntry]:
    out: list[HistoryEntry] = []
    for index, (entry, change, moved_from) in enumerate(raw):
        kind: ChangeKind
        before_blob = change.old_blob
        if change.status == "A":
            # An older entry means the record existed before: deleted, now back.
            earlier = raw[index + 1][1] if index + 1 < len(raw) else None
            kind = "re-added" if earlier is not None else "added"
            if earlier is not None:
                before_blob = earlier.old_blob if earlier.status == "D" else earlier.new_blob
        elif change.status == "D":
            kind = "deleted"
        elif change.status == "R":
            kind = "renamed"
        else:
            kind = "modified"
        before, before_ok = versions.get(before_blob)
        after, after_ok = versions.get(change.new_blob)
        fields: list[FieldChange] = []
        if kind in ("modified", "renamed", "re-added") and before_ok and after_ok:
            private = PRIVATE_BY_KIND.get(kind_of(change.path), frozenset())
            fields = mask_private(diff_values(before, after), private)
        out.append(
            HistoryEntry(
                commit=entry.commit,
                change=kind,
                path=change.path,
                old_path=moved_from,
                fields=fields,
                summary=_summary(after if change.new_blob else before),
                unreadable=not (before_ok and after_ok),
            )
        )
    return out


def label_of(entries: list[HistoryEntry]) -> str:
    for entry in entries:
        summary = entry.summary
        ident = summary.get("code") or summary.get("slug")
        name = summary.get("title") or summary.get("name")
        if ident or name:
            return " ".join(str(x) for x in (ident, name) if x)
    return ""
