"""The git history the site shows, read in bulk: every record's changes and each month's.

Two ``git log`` walks and one batch of blob reads serve every page. The
record histories are `jgsw history`'s (record_log.py), computed for all
standards at once: :func:`follow_all` follows every path back through moves
in one pass over the log, exactly as :func:`~jgsw_std.history.record_log.follow`
follows one. The month pages compare each month's first and last version of
every file changed on the first-parent chain, the way `jgsw diff` compares
two warehouses record by record (:class:`~jgsw_std.history.compare.RecordDiff`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from jgsw_std.errors import JgswError
from jgsw_std.history.compare import RecordDiff
from jgsw_std.history.fields import diff_values
from jgsw_std.history.gitrepo import Commit, GitRepo, open_repo
from jgsw_std.history.log import Change, LogEntry, walk_data, walk_first_parent
from jgsw_std.history.record_log import HistoryEntry, Versions, entries_of
from jgsw_std.load.warehouse import kind_of
from jgsw_std.model.codes import normalize_code

Raw = list[tuple[LogEntry, Change, str | None]]


@dataclass
class MonthChanges:
    month: str  # YYYY-MM, from each commit's own committer date
    commits: list[Commit]  # oldest first
    records: list[RecordDiff]  # the month's net change to each record


@dataclass
class SiteHistory:
    head: Commit | None
    records: dict[str, list[HistoryEntry]] = field(default_factory=dict)  # path -> newest first
    months: list[MonthChanges] = field(default_factory=list)  # oldest first


def _move_pair(entry: LogEntry, change: Change) -> Change | None:
    """A deletion in the same commit with the added file's name: follow() counts it a move."""
    name = PurePosixPath(change.new_path or "").name
    return next(
        (
            c
            for c in entry.changes
            if c.status == "D" and c.old_path and PurePosixPath(c.old_path).name == name
        ),
        None,
    )


def follow_all(log: list[LogEntry], targets: Iterable[str]) -> dict[str, Raw]:
    """``follow(log, t)`` for every target ``t``, in one pass over the log.

    Each target keeps the set of paths it is known by (its ``tracked`` set in
    follow); ``holders`` maps a path to the targets tracking it, so each change
    is looked at once however many records there are.
    """
    found: dict[str, Raw] = {t: [] for t in targets}
    holders: dict[str, set[str]] = defaultdict(set)
    for target in found:
        holders[target].add(target)
    for entry in log:
        # which targets each change hits, judged before this entry moves anything (as follow)
        hits: list[tuple[Change, set[str]]] = []
        for change in entry.changes:
            who = set(holders.get(change.new_path or "", ()))
            if change.status == "D" and change.old_path:
                who |= holders.get(change.old_path, set())
            if who:
                hits.append((change, who))
        for change, who in hits:
            for target in sorted(who):
                _step(entry, change, target, holders, found[target])
    return found


def _step(
    entry: LogEntry, change: Change, target: str, holders: dict[str, set[str]], out: Raw
) -> None:
    def move(new: str, old: str) -> None:
        holders[new].discard(target)
        holders[old].add(target)

    if change.status == "R" and change.old_path and change.new_path:
        move(change.new_path, change.old_path)
        out.append((entry, change, change.old_path))
        return
    if change.status == "A" and change.new_path:
        pair = _move_pair(entry, change)
        if pair is not None and pair.old_path:
            moved = Change("R", pair.old_path, change.new_path, pair.old_blob, change.new_blob)
            move(change.new_path, pair.old_path)
            out.append((entry, moved, pair.old_path))
            return
    out.append((entry, change, None))


# -- months ---------------------------------------------------------------------------


def _identity(path: str, data: Any) -> tuple[str, str]:
    if isinstance(data, dict):
        kind = kind_of(path)
        if kind == "standard" and isinstance(data.get("code"), str):
            return ("standard", normalize_code(data["code"]))
        if kind == "district" and isinstance(data.get("slug"), str):
            return ("district", data["slug"])
    return ("file", PurePosixPath(path).name)


def _label(path: str, data: Any) -> tuple[str, str]:
    kind, key = _identity(path, data)
    body = data if isinstance(data, dict) else {}
    title = body.get("title") or body.get("name") or ""
    return (path if kind == "file" else key), str(title)


def _month_records(
    net: dict[str, tuple[str | None, str | None]], versions: Versions
) -> list[RecordDiff]:
    out: list[RecordDiff] = []
    gone: dict[tuple[str, str], str] = {}
    came: dict[tuple[str, str], str] = {}
    for path, (before, after) in sorted(net.items()):
        if before == after:
            continue
        old, _ = versions.get(before)
        new, _ = versions.get(after)
        if before is None:
            came[_identity(path, new)] = path
        elif after is None:
            gone[_identity(path, old)] = path
        else:
            key, title = _label(path, new)
            out.append(
                RecordDiff(kind_of(path), key, title, "changed", path, None, diff_values(old, new))
            )
    for ident in sorted(gone.keys() & came.keys()):
        old_path, new_path = gone.pop(ident), came.pop(ident)
        old, _ = versions.get(net[old_path][0])
        new, _ = versions.get(net[new_path][1])
        key, title = _label(new_path, new)
        fields = [] if net[old_path][0] == net[new_path][1] else diff_values(old, new)
        out.append(RecordDiff(kind_of(new_path), key, title, "renamed", new_path, old_path, fields))
    for path in gone.values():
        key, title = _label(path, versions.get(net[path][0])[0])
        out.append(RecordDiff(kind_of(path), key, title, "removed", path))
    for path in came.values():
        key, title = _label(path, versions.get(net[path][1])[0])
        out.append(RecordDiff(kind_of(path), key, title, "added", path))
    order = {"added": 0, "removed": 1, "renamed": 2, "changed": 3}
    out.sort(key=lambda r: (order[r.change], r.kind, r.path))
    return out


def _months(chain: list[LogEntry]) -> list[tuple[str, list[Commit], dict[str, Any]]]:
    """Per month: its commits and, per path, the blob before the month and after it."""
    by_month: dict[str, tuple[list[Commit], dict[str, list[str | None]]]] = {}
    for entry in chain:  # oldest first
        month = entry.commit.committed.strftime("%Y-%m")
        commits, net = by_month.setdefault(month, ([], {}))
        commits.append(entry.commit)
        for change in entry.changes:
            path = change.path
            if path not in net:
                net[path] = [change.old_blob, change.new_blob]
            else:
                net[path][1] = change.new_blob
    return [(m, c, {p: (v[0], v[1]) for p, v in n.items()}) for m, (c, n) in by_month.items()]


# -- the one entry point ----------------------------------------------------------------


def read_site_history(root: Path, paths: Iterable[str], rev: str = "HEAD") -> SiteHistory | None:
    """The history of the warehouse at ``root``: None outside git, without commits, or shallow.

    ``paths`` are the records (their current paths) whose histories the pages show.
    """
    try:
        repo = open_repo(root)
    except JgswError:
        return None
    with repo:
        sha = repo.try_resolve(rev)
        if sha is None or repo.is_shallow:
            return None
        return _read(repo, sha, list(paths))


def _read(repo: GitRepo, sha: str, paths: list[str]) -> SiteHistory:
    log = walk_data(repo, sha)
    raw = follow_all(log, paths)
    chain = walk_first_parent(repo, sha)
    months = _months(chain)
    blobs: set[str] = set()
    for changes in raw.values():
        for _, change, _ in changes:
            blobs.update(b for b in (change.old_blob, change.new_blob) if b)
    for _, _, net in months:
        for before, after in net.values():
            blobs.update(b for b in (before, after) if b)
    versions = Versions(repo)
    versions.load(sorted(blobs))
    head = chain[-1].commit if chain else None
    return SiteHistory(
        head=head,
        records={path: entries_of(changes, versions) for path, changes in raw.items() if changes},
        months=[MonthChanges(m, c, _month_records(net, versions)) for m, c, net in months],
    )
