"""Documents' files at a git revision: `check --rev` judges the files that commit recorded."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable

import pytest

from jgsw_std.app.check import check_warehouse
from jgsw_std.history.attachments import GitFiles
from jgsw_std.history.revision import load_revision
from jgsw_std.load.warehouse import load_worktree
from tests.history.conftest import GitWarehouse, standard

TEXT = b"the published text\n"
SHA = hashlib.sha256(TEXT).hexdigest()
STD = "data/standards/vehicles/db50-t-1-2020.yaml"
DOCS = (
    "documents:\n"
    f"  - {{kind: text, title: 文本, path: files/text.txt, sha256: {SHA}}}\n"
    "  - {kind: other, title: 链接, path: files/link.txt}\n"
)


def _codes(wh: object) -> list[tuple[str, str]]:
    result = check_warehouse(wh, dt.date(2025, 12, 31), select=["M"])  # type: ignore[arg-type]
    return [(p.code, p.path) for p in result.problems]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
@pytest.mark.parametrize("subdir", [None, "warehouse"])
def test_rev_reads_the_committed_files(
    git_wh: Callable[..., GitWarehouse], subdir: str | None
) -> None:
    repo = git_wh(
        files={
            STD: standard("DB50/T 1-2020") + DOCS,
            "files/text.txt": TEXT,
        },
        subdir=subdir,
    )
    os.symlink("text.txt", repo.root / "files" / "link.txt")  # inside: fine
    first = repo.commit("标准文本")
    # later the text is replaced and the link points out of the warehouse
    (repo.root / "files" / "text.txt").write_bytes(b"another text\n")
    (repo.root / "files" / "link.txt").unlink()
    os.symlink("../../elsewhere.txt", repo.root / "files" / "link.txt")
    repo.commit("换了文本")
    (repo.root / "files" / "text.txt").write_bytes(TEXT)  # the working tree has the old one back

    assert _codes(load_revision(repo.root, first)) == []
    assert _codes(load_revision(repo.root, "HEAD")) == [("M902", STD), ("M903", STD)]
    assert _codes(load_worktree(repo.root)) == [("M903", STD)]


def test_git_files_answers_missing_folders_and_lfs_pointers(
    git_wh: Callable[..., GitWarehouse],
) -> None:
    oid = "b" * 64
    pointer = f"version https://git-lfs.github.com/spec/v1\noid sha256:{oid}\nsize 9\n"
    repo = git_wh(
        files={"files/big.pdf": pointer, "files/sub/a*b.txt": "x", "files/sub/axb.txt": "y"}
    )
    sha = repo.git("rev-parse", "HEAD")
    found = GitFiles(repo.root, sha).read_many(
        ["files/big.pdf", "files/sub", "files/none.pdf", "files\\sub\\a*b.txt", "/etc/passwd"]
    )
    assert found["files/big.pdf"].sha256 == oid and found["files/big.pdf"].lfs
    assert found["files/sub"].found == "not-a-file"
    assert found["files/none.pdf"].found == "missing"
    # taken literally: the pattern a*b does not also match axb
    assert found["files\\sub\\a*b.txt"].sha256 == hashlib.sha256(b"x").hexdigest()
    assert found["/etc/passwd"].found == "outside"
