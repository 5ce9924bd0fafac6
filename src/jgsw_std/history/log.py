"""One ``git log --raw`` walk: every commit with the data files it changed.

This is the bulk read the rest of history/ is built on. One subprocess lists
the commits and, for each, the blob ids before and after of every changed
file; contents are then read by blob id in one batch (blobs.py). Nothing walks
trees object by object.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from jgsw_std.history.gitrepo import (
    COMMIT_FORMAT,
    NEUTRAL_CONFIG,
    Commit,
    GitRepo,
    parse_commit_header,
)
from jgsw_std.load.files import YAML_SUFFIXES

NULL_SHA = "0" * 40
#: File modes of regular files; symlinks (120000) and submodules (160000) hold no YAML.
REGULAR = frozenset({"100644", "100755", "100664"})

_LOG = (
    *NEUTRAL_CONFIG,
    *("log", "--root", "--raw", "-z", "--no-abbrev", "--encoding=UTF-8"),
    "--format=" + COMMIT_FORMAT,
)


def is_data_path(rel: str) -> bool:
    """A file the warehouse loader reads: YAML under data/, nothing hidden."""
    if not rel.startswith("data/") or not rel.endswith(YAML_SUFFIXES):
        return False
    return not any(part.startswith(".") for part in rel.split("/"))


@dataclass(frozen=True, slots=True)
class Change:
    """One data file changed by a commit, with warehouse-relative paths.

    ``status`` is git's letter: A added, M modified, D deleted, R renamed (or
    moved), T type changed. Absent sides are None.
    """

    status: str
    old_path: str | None
    new_path: str | None
    old_blob: str | None
    new_blob: str | None

    @property
    def path(self) -> str:
        return self.new_path or self.old_path or ""


@dataclass(frozen=True, slots=True)
class LogEntry:
    commit: Commit
    changes: tuple[Change, ...]


def _regular(mode: str) -> bool:
    return mode in REGULAR


def _change(repo: GitRepo, meta: str, paths: list[str]) -> Change | None:
    """Turn one raw line into a Change on data files, or None when it touches none."""
    old_mode, new_mode, old_blob, new_blob, status = meta[1:].split(" ")
    letter = status[:1]
    old = new = None
    if letter in ("R", "C"):
        old, new = repo.from_repo_path(paths[0]), repo.from_repo_path(paths[1])
    elif letter == "A":
        new = repo.from_repo_path(paths[0])
    elif letter == "D":
        old = repo.from_repo_path(paths[0])
    else:
        old = new = repo.from_repo_path(paths[0])
    if old is not None and not (is_data_path(old) and _regular(old_mode)):
        old = None
    if new is not None and not (is_data_path(new) and _regular(new_mode)):
        new = None
    if old is None and new is None:
        return None
    if letter == "C":  # a copy leaves the source in place: for us it is an addition
        old = None
    if old is None:
        letter = "A"
    elif new is None:
        letter = "D"
    elif letter == "R" and old == new:
        letter = "M"
    elif letter not in ("R", "M"):
        letter = "M"  # T (type change between regular modes) reads as a modification
    return Change(
        letter,
        old,
        new,
        old_blob if old is not None and old_blob != NULL_SHA else None,
        new_blob if new is not None and new_blob != NULL_SHA else None,
    )


def _parse(repo: GitRepo, raw: bytes) -> Iterator[LogEntry]:
    text = raw.decode("utf-8", errors="replace")
    for record in text.split("\x1e"):
        if not record:
            continue
        cut = record.rfind("\x1f")
        commit = parse_commit_header(record[:cut])
        tokens = record[cut + 1 :].lstrip("\0\n").split("\0")
        changes: list[Change] = []
        index = 0
        while index < len(tokens):
            token = tokens[index].lstrip("\n")
            index += 1
            if not token.startswith(":"):
                continue
            count = 2 if token.split(" ")[-1][:1] in ("R", "C") else 1
            paths = tokens[index : index + count]
            index += count
            change = _change(repo, token, paths)
            if change is not None:
                changes.append(change)
        yield LogEntry(commit, tuple(changes))


def walk_first_parent(repo: GitRepo, sha: str) -> list[LogEntry]:
    """The first-parent chain ending at ``sha``, oldest first, each commit's data changes.

    The chain is what was "current" on a branch over time: a merge shows as one
    step (its difference from the first parent). No pathspec, so commits that
    change no data still appear, and "the commit current at a date" is exact.
    Renames are split into delete and add: a snapshot only needs paths.
    """
    raw = repo.git_bytes(*_LOG, "--first-parent", "-m", "--no-renames", sha, "--")
    entries = list(_parse(repo, raw))
    entries.reverse()
    return entries


def walk_data(repo: GitRepo, sha: str) -> list[LogEntry]:
    """Every commit reachable from ``sha`` that changed data/, newest first.

    Side branches are included (the commit that made a change, not the merge
    that brought it in); merges show no changes of their own. Renames are
    detected (-M), so a standard moved to another area is one step.
    """
    raw = repo.git_bytes(*_LOG, "-M", sha, "--", repo.to_repo_path("data"))
    return list(_parse(repo, raw))
