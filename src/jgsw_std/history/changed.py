"""Which warehouse files a pull request touches: everything changed since a revision.

`jgsw check --changed-since REV` judges a change by the files it touches. The
working tree is compared with REV, so commits made since REV, staged and
unstaged edits, and new files not yet added all count: what CI sees after
checking out a branch, and what a person sees before committing.
"""

from __future__ import annotations

from pathlib import Path

from jgsw_std.history.gitrepo import open_repo


def changed_files(root: Path, rev: str) -> set[str]:
    """Root-relative POSIX paths of files that differ between ``rev`` and the working tree.

    Deleted files are included (their problems can only show up elsewhere);
    a rename counts as the old path deleted and the new one added. Files
    outside the warehouse root are left out. A revision that does not exist,
    or a folder outside any git repository, stops the run with a clear message
    (:func:`jgsw_std.history.gitrepo.open_repo`, ``GitRepo.resolve``).
    """
    with open_repo(root) as repo:
        sha = repo.resolve(rev)
        scope = repo.prefix or "."
        # -z: paths are NUL-separated and never quoted, so Chinese names come through as is
        diff = repo.git("diff", "--name-only", "--no-renames", "-z", sha, "--", scope)
        untracked = repo.git("ls-files", "--others", "--exclude-standard", "-z", "--", scope)
        out: set[str] = set()
        for path in (*diff.split("\0"), *untracked.split("\0")):
            if not path:
                continue
            rel = repo.from_repo_path(path)
            if rel is not None:
                out.add(rel)
        return out
