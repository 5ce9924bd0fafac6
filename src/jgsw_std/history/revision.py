"""The warehouse as recorded at a git revision, read without touching the working tree.

One ``git ls-tree -r`` lists the revision's data files with their blob ids,
one batch of ``cat-file`` reads the blobs this run has not read yet, and
:func:`~jgsw_std.load.warehouse.build_warehouse` validates them exactly as it
validates the working tree (parsing each distinct blob once per run).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from jgsw_std.errors import UsageError
from jgsw_std.history.attachments import GitFiles
from jgsw_std.history.gitrepo import GitRepo, open_repo, shallow_error
from jgsw_std.history.log import REGULAR, is_data_path
from jgsw_std.load.files import SourceFile
from jgsw_std.load.warehouse import Warehouse, build_warehouse


def tree_files(repo: GitRepo, sha: str) -> dict[str, str]:
    """``{warehouse path: blob id}`` of the data files in commit ``sha``."""
    raw = repo.git_bytes("ls-tree", "-r", "-z", "--full-tree", sha, "--", repo.to_repo_path("data"))
    files: dict[str, str] = {}
    for entry in raw.decode("utf-8", errors="replace").split("\0"):
        if not entry:
            continue
        meta, _, path = entry.partition("\t")
        mode, kind, blob = meta.split(" ")
        rel = repo.from_repo_path(path)
        if kind == "blob" and mode in REGULAR and rel is not None and is_data_path(rel):
            files[rel] = blob
    return files


def sources_of(repo: GitRepo, files: Mapping[str, str]) -> list[SourceFile]:
    """SourceFiles carrying their blob ids, sorted by path as the working tree's are."""
    contents = repo.blobs.read_many(files.values())
    return [SourceFile(rel, contents[blob], blob) for rel, blob in sorted(files.items())]


def warehouse_at(repo: GitRepo, sha: str, files: Mapping[str, str] | None = None) -> Warehouse:
    """Build the warehouse of commit ``sha`` (``files`` when the caller already knows them)."""
    listing = tree_files(repo, sha) if files is None else files
    wh = build_warehouse(sources_of(repo, listing), root=repo.root, revision=sha)
    wh.attachments = GitFiles(repo.root, sha)  # documents' files as the commit recorded them
    return wh


def revision_root(explicit: Path | None) -> Path:
    """The warehouse root for ``--rev``: found as usual, or else the git top level.

    A revision can hold a warehouse that the working tree no longer has (data/
    deleted or not yet checked out), so a missing data/ on disk is not fatal.
    """
    from jgsw_std.load.root import find_root

    try:
        return find_root(explicit)
    except UsageError as no_root:
        if explicit is not None:  # the user said where the root is: trust it
            path = explicit.expanduser().resolve()
            return path.parent if path.name == "data" else path
        start = Path.cwd().resolve()
        try:
            repo = open_repo(start)
        except UsageError:
            # neither on disk nor in any history: say what `jgsw check` says
            raise no_root from None
        with repo:
            return Path(repo.repo.working_tree_dir or start).resolve()


#: Files whose presence in a commit makes it hold a warehouse (as ``find_root`` asks on disk).
MARKERS = ("data/indicators.yaml", "data/framework.yaml")


def require_warehouse(repo: GitRepo, explicit: Path | None, shas: list[str]) -> None:
    """Stop with ``find_root``'s "no warehouse" error unless there is one to read.

    :func:`revision_root` falls back to the git top level so that a revision
    can be read when the working tree lost its data/. That fallback is only
    right when some commit reachable from ``shas`` did hold a warehouse; in any
    other git repository the commands would quietly report "nothing".
    """
    from jgsw_std.load.root import find_root

    try:
        find_root(explicit)
    except UsageError as no_root:
        markers = [repo.to_repo_path(m) for m in MARKERS]
        found = repo.try_git("rev-list", "-1", *shas, "--", *markers) if shas else None
        if not (found or "").strip():
            raise no_root from None


@contextmanager
def full_history(explicit: Path | None, rev: str, command: str) -> Iterator[tuple[GitRepo, str]]:
    """The repository holding the warehouse, open, with ``rev`` resolved to a commit.

    For the commands that replay every commit (`history`, `trend`): a shallow
    clone stops them with how to deepen it, rather than a history cut short.
    """
    with open_repo(revision_root(explicit)) as repo:
        sha = repo.resolve(rev)
        require_warehouse(repo, explicit, [sha])
        if repo.is_shallow:
            raise shallow_error(
                f"jgsw {command} 需要完整的提交历史", f"jgsw {command} needs the full history"
            )
        yield repo, sha


def load_revision(root: Path | None, rev: str) -> Warehouse:
    """The warehouse as recorded at ``rev`` (a commit, branch, tag or HEAD~2)."""
    base = revision_root(root)
    with open_repo(base) as repo:
        sha = repo.resolve(rev)
        return warehouse_at(repo, sha)
