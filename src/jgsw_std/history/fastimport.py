"""Write a whole git history in one ``git fast-import`` stream.

The demo history (demo/history.py) has hundreds of commits over thousands of
files; one commit per ``git commit`` subprocess would take minutes. A single
fast-import stream writes them in about a second, with the author and
committer dates pinned exactly as given.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jgsw_std.errors import JgswError


@dataclass(frozen=True)
class Person:
    name: str
    email: str


@dataclass(frozen=True)
class Merge:
    """The commit was made on a topic branch and merged (``--no-ff``) by ``by`` at ``when``."""

    by: Person
    when: dt.datetime
    message: str


@dataclass
class CommitSpec:
    """One commit: the files it writes (bytes) or deletes (None), by path."""

    author: Person
    when: dt.datetime  # aware; used as both author and committer date
    message: str
    files: dict[str, bytes | None] = field(default_factory=dict)
    merge: Merge | None = None


def _stamp(person: Person, when: dt.datetime) -> bytes:
    offset = when.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    zone = f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"
    return f"{person.name} <{person.email}> {int(when.timestamp())} {zone}".encode()


def _data(payload: bytes) -> bytes:
    return b"data %d\n" % len(payload) + payload + b"\n"


def _stream(commits: Sequence[CommitSpec], branch: str) -> bytes:
    out = bytearray()
    marks: dict[bytes, int] = {}  # blob contents -> mark, so repeated contents are written once
    next_mark = 1
    head: int | None = None
    topic = b"refs/jgsw-import/topic"

    def blob(payload: bytes) -> int:
        nonlocal next_mark
        if payload not in marks:
            marks[payload] = next_mark
            out.extend(b"blob\nmark :%d\n" % next_mark + _data(payload))
            next_mark += 1
        return marks[payload]

    def commit(
        ref: bytes,
        who: Person,
        when: dt.datetime,
        message: str,
        parents: list[int],
        files: dict[str, bytes | None],
    ) -> int:
        nonlocal next_mark
        modes = {path: blob(data) for path, data in files.items() if data is not None}
        mark = next_mark
        next_mark += 1
        out.extend(b"commit " + ref + b"\nmark :%d\n" % mark)
        out.extend(b"author " + _stamp(who, when) + b"\n")
        out.extend(b"committer " + _stamp(who, when) + b"\n")
        out.extend(_data(message.encode("utf-8")))
        if parents:
            out.extend(b"from :%d\n" % parents[0])
        for parent in parents[1:]:
            out.extend(b"merge :%d\n" % parent)
        for path, data in files.items():
            quoted = path.encode("utf-8")
            if data is None:
                out.extend(b"D " + quoted + b"\n")
            else:
                out.extend(b"M 100644 :%d " % modes[path] + quoted + b"\n")
        out.extend(b"\n")
        return mark

    main = b"refs/heads/" + branch.encode()
    for spec in commits:
        parents = [head] if head is not None else []
        if spec.merge is None:
            head = commit(main, spec.author, spec.when, spec.message, parents, spec.files)
            continue
        side = commit(topic, spec.author, spec.when, spec.message, parents, spec.files)
        # The merge's tree starts from the first parent's: restate the files.
        merge = spec.merge
        head = commit(main, merge.by, merge.when, merge.message, [*parents, side], spec.files)
    out.extend(b"done\n")
    return bytes(out)


def import_commits(dest: Path, commits: Sequence[CommitSpec], branch: str = "main") -> None:
    """Create a repository in ``dest`` holding ``commits`` and check out ``branch``.

    ``dest`` already holds the files of the last commit (the working tree); the
    index is set to match it, so ``git status`` is clean afterwards.
    """

    def git(*args: str, payload: bytes | None = None) -> None:
        try:
            subprocess.run(
                ["git", *args],
                cwd=dest,
                input=payload,
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
        except FileNotFoundError as exc:
            raise JgswError(
                "git_missing",
                zh="找不到 git 程序，无法生成示例历史。",
                en="git is not installed or not on PATH; the demo history cannot be written.",
                hint_zh="安装 git 后重试，或去掉 --history。",
                hint_en="Install git and retry, or drop --history.",
            ) from exc
        except subprocess.CalledProcessError as exc:
            detail = (exc.stderr or b"").decode("utf-8", errors="replace").strip()
            raise JgswError(
                "git_failed",
                zh=f"git {args[0]} 失败：{detail}",
                en=f"git {args[0]} failed: {detail}",
            ) from exc

    git("init", "-q")
    git("symbolic-ref", "HEAD", f"refs/heads/{branch}")
    git("fast-import", "--quiet", "--done", payload=_stream(commits, branch))
    git("update-ref", "-d", "refs/jgsw-import/topic")
    git("read-tree", f"refs/heads/{branch}")
    git("update-index", "-q", "--refresh")
