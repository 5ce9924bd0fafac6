"""Which version of the data a report was computed from: commit, uncommitted changes.

The report's cover names the last commit that changed ``data/`` (on the
revision read, or HEAD), so that any figure can be traced back to the
records behind it: in a repository that also holds the tool, HEAD is often
a commit about code, whose message says nothing about the data. git is
reached only through history/ (the one place that talks to git); this module
asks it three read-only questions: which commit, when, and whether data/
differs from it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jgsw_std.errors import JgswError

if TYPE_CHECKING:
    from jgsw_std.history.gitrepo import GitRepo


def read_version(root: Path | None, revision: str | None = None) -> dict[str, Any]:
    """The data version as plain values.

    ``tracked`` is False outside a git repository (or without git). ``dirty``
    says whether files under ``data/`` differ from HEAD (staged, unstaged or
    untracked), since the loader reads the working tree as it is; it is None
    when a past ``revision`` was read, because then the working tree played no
    part.
    """
    info: dict[str, Any] = {
        "tracked": False,
        "commit": None,
        "short": None,
        "committed_at": None,
        "subject": None,
        "dirty": None,
        "revision": revision,
    }
    if root is None:
        return info
    from jgsw_std.history.gitrepo import open_repo

    try:
        repo = open_repo(root)
    except JgswError:  # not a repository, a bare one, or no git program
        return info
    with repo:
        info["tracked"] = True
        head = repo.try_resolve(revision or "HEAD")
        sha = _last_data_commit(repo, head) if head is not None else None
        if sha is not None:
            commit = repo.commit(sha)
            info.update(
                commit=commit.sha,
                short=commit.short,
                subject=commit.subject,
                committed_at=commit.committed.isoformat(),
            )
        if revision is None:
            status = repo.git(
                "status",
                "--porcelain",
                "--untracked-files=all",
                "--",
                repo.to_repo_path("data"),
            )
            info["dirty"] = bool(status.strip())
    return info


def _last_data_commit(repo: GitRepo, head: str) -> str:
    """The newest commit reachable from ``head`` that changed data/ (``head`` itself
    when none did, e.g. data/ came with the first commit of a shallow clone)."""
    found = repo.git("log", "-1", "--format=%H", head, "--", repo.to_repo_path("data")).strip()
    return found or head


def generated_at(now: dt.datetime | None = None) -> str:
    """The local time with its offset, so a reader in any zone can place it."""
    moment = now or dt.datetime.now(dt.UTC).astimezone()
    return moment.isoformat(timespec="seconds")
