"""Documents' files as recorded at a git revision, for checking a warehouse at ``--rev``.

The working tree may hold other versions of the files, or none; a check of a
revision judges the files that revision recorded. One ``git ls-tree`` finds
the paths (taken literally, never as patterns), one ``cat-file`` batch reads
the blobs, and a symbolic link is followed inside the tree as the file system
would, so a link that leads out of the root is found here too.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from pathlib import Path

from jgsw_std.history.gitrepo import GitRepo, open_repo
from jgsw_std.load.attachments import Attachment, digest_of, path_escape, posix_rel

_LINK = "120000"
_HOPS = 8  # a link to a link to ...: give up (as "outside") after this many


class GitFiles:
    """Answers for document paths from the tree of one commit."""

    def __init__(self, root: Path, sha: str) -> None:
        self.root = root
        self.sha = sha
        self._memo: dict[str, Attachment] = {}

    def read_many(self, rels: Iterable[str]) -> dict[str, Attachment]:
        wanted = [r for r in dict.fromkeys(rels) if r not in self._memo]
        if wanted:
            plain: dict[str, str] = {}  # as written -> warehouse-relative POSIX path
            for rel in wanted:
                if path_escape(rel) is not None:
                    self._memo[rel] = Attachment("outside")
                else:
                    plain[rel] = posix_rel(rel)
            if plain:
                found = self._lookup(set(plain.values()), _HOPS)
                for rel, path in plain.items():
                    self._memo[rel] = found[path]
        return {rel: self._memo[rel] for rel in dict.fromkeys(rels)}

    def _lookup(self, paths: set[str], hops: int) -> dict[str, Attachment]:
        with open_repo(self.root) as repo:
            listed = self._list(repo, paths)
            out: dict[str, Attachment] = {}
            links: dict[str, str] = {}  # path -> blob of its link target
            blobs: dict[str, str] = {}
            for path in paths:
                entry = listed.get(path)
                if entry is None:
                    under = any(p.startswith(path + "/") for p in listed)
                    out[path] = Attachment("not-a-file" if under else "missing")
                elif entry[1] != "blob":
                    out[path] = Attachment("not-a-file")
                elif entry[0] == _LINK:
                    links[path] = entry[2]
                else:
                    blobs[path] = entry[2]
            contents = repo.blobs.read_many([*blobs.values(), *links.values()])
        for path, blob in blobs.items():
            out[path] = digest_of(contents[blob])
        targets: dict[str, str] = {}
        for path, blob in links.items():
            target = contents[blob].decode("utf-8", errors="replace")
            joined = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
            if hops <= 0 or target.startswith("/") or joined == ".." or joined.startswith("../"):
                out[path] = Attachment("outside")
            else:
                targets[path] = joined
        if targets:
            resolved = self._lookup(set(targets.values()), hops - 1)
            for path, target in targets.items():
                out[path] = resolved[target]
        return out

    def _list(self, repo: GitRepo, paths: set[str]) -> dict[str, tuple[str, str, str]]:
        """``{path: (mode, type, object id)}`` of the listed entries, by warehouse path."""
        raw = repo.git_bytes(
            "--literal-pathspecs",
            "ls-tree",
            "-z",
            "--full-tree",
            self.sha,
            "--",
            *(repo.to_repo_path(p) for p in sorted(paths)),
        )
        listed: dict[str, tuple[str, str, str]] = {}
        for entry in raw.decode("utf-8", errors="replace").split("\0"):
            if not entry:
                continue
            meta, _, name = entry.partition("\t")
            mode, kind, blob = meta.split(" ")
            rel = repo.from_repo_path(name)
            if rel is not None:
                listed[rel] = (mode, kind, blob)
        return listed
