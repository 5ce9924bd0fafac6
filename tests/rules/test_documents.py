"""Family M: documents' paths, files, digests and addresses, and local standards' texts."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

import pytest

from jgsw_std.load.attachments import lfs_oid, path_escape, posix_rel
from tests.conftest import MiniFactory
from tests.rules.helpers import findings, messages

STD = "data/standards/vehicles/db50-t-7-2020.yaml"
TEXT = "标准文本（测试）\n".encode()
TEXT_SHA = hashlib.sha256(TEXT).hexdigest()
BIG_SHA = hashlib.sha256(b"the real object, never fetched").hexdigest()
POINTER = (f"version https://git-lfs.github.com/spec/v1\noid sha256:{BIG_SHA}\nsize 30\n").encode()
FILES: dict[str, str | bytes] = {"files/text.txt": TEXT, "files/big.pdf": POINTER}


def standard(documents: str, level: str = "local", code: str = "DB50/T 7-2020") -> dict[str, str]:
    """A standard in force since 2020 whose documents start on line 9."""
    slug = code.lower().replace("/", "-").replace(" ", "-")
    text = (
        f"code: {code}\ntitle: 测试标准{slug}\nlevel: {level}\narea: vehicles\n"
        "items: [vehicles.quota]\nstatus: published\npublished: 2020-01-01\n"
        f"effective: 2020-02-01\n{documents}"
    )
    return {f"data/standards/vehicles/{slug}.yaml": text}


def docs(*entries: str) -> str:
    return "documents:\n" + "".join(f"  - {{{e}}}\n" for e in entries)


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("files/a.pdf", None),
        ("files\\a.pdf", None),
        ("./files/a.pdf", None),
        ("/etc/passwd", "absolute"),
        ("\\\\server\\share\\a.pdf", "absolute"),
        ("C:\\data\\a.pdf", "absolute"),
        ("C:a.pdf", "drive"),
        ("../a.pdf", "parent"),
        ("files\\..\\..\\a.pdf", "parent"),
        ("files/../a.pdf", "parent"),
    ],
)
def test_path_escape_reads_both_separators(path: str, why: str | None) -> None:
    assert path_escape(path) == why


def test_posix_rel_and_lfs_pointer() -> None:
    assert posix_rel(".\\files\\\\a.pdf") == "files/a.pdf"
    assert lfs_oid(POINTER) == BIG_SHA
    assert lfs_oid(TEXT) is None
    assert lfs_oid(POINTER + b"x" * 1024) is None  # too large to be a pointer


def test_posix_rel_shortcut_agrees_with_the_full_rule() -> None:
    # every path of up to five characters from the ones that matter
    import itertools
    import re

    def full(path: str) -> str:
        return "/".join(p for p in re.split(r"[\\/]+", path) if p not in ("", "."))

    for size in range(6):
        for chars in itertools.product("a./\\", repeat=size):
            path = "".join(chars)
            assert posix_rel(path) == full(path), path


def test_clean_documents_are_quiet(mini: MiniFactory) -> None:
    clean = docs(
        f"kind: text, title: 标准文本, path: files/text.txt, sha256: {TEXT_SHA.upper()}",
        f"kind: training, title: 培训课件, path: files\\big.pdf, sha256: {BIG_SHA}",
        "kind: announcement, title: 公告, url: https://example.org/a?b=1",
    )
    wh = mini({**FILES, **standard(clean)}).load()
    for code in ("M901", "M902", "M903", "M904", "M905", "M906"):
        assert findings(wh, code) == [], code


def test_m901_missing_file_and_folder(mini: MiniFactory) -> None:
    wh = mini(
        {**FILES, **standard(docs("kind: text, path: files/gone.pdf", "kind: other, path: files"))}
    ).load()
    assert findings(wh, "M901") == [(STD, 10, 24, "M901"), (STD, 11, 25, "M901")]
    assert messages(wh, "M901", lang="en") == [
        "the file files/gone.pdf of document 'DB50/T 7-2020 text' does not exist",
        "the file files of document 'DB50/T 7-2020 other' is a folder, not a file",
    ]


def test_m902_digest_mismatch_of_a_file_and_of_a_pointer(mini: MiniFactory) -> None:
    wrong = "a" * 64
    wh = mini(
        {
            **FILES,
            **standard(
                docs(
                    f"kind: text, title: 文本, path: files/text.txt, sha256: {wrong}",
                    f"kind: other, title: 大文件, path: files/big.pdf, sha256: {TEXT_SHA}",
                )
            ),
        }
    ).load()
    assert findings(wh, "M902") == [(STD, 10, 59, "M902"), (STD, 11, 60, "M902")]
    assert messages(wh, "M902")[1] == (
        f"资料“大文件”的文件 files/big.pdf 的 SHA-256 为 {BIG_SHA[:12]}…（Git LFS 指针的 oid），"
        f"与记录的 {TEXT_SHA[:12]}… 不符"
    )


def test_m903_paths_that_leave_the_root(mini: MiniFactory, tmp_path: Path) -> None:
    entries = [
        "kind: other, path: /etc/passwd",
        "kind: other, path: ..\\outside.pdf",
        "kind: other, path: 'C:\\x.pdf'",
    ]
    can_link = hasattr(os, "symlink")
    if can_link:
        entries.append("kind: other, path: files/out/secret.txt")
    warehouse = mini({**FILES, **standard(docs(*entries))})
    if can_link:
        outside = tmp_path / "elsewhere"
        outside.mkdir()
        (outside / "secret.txt").write_text("x")
        os.symlink(outside, warehouse.root / "files" / "out")
    wh = warehouse.load()
    expected = [(STD, 10, 25, "M903"), (STD, 11, 25, "M903"), (STD, 12, 25, "M903")]
    if can_link:
        expected.append((STD, 13, 25, "M903"))
    assert findings(wh, "M903") == expected
    assert findings(wh, "M901") == []  # outside is not "missing"
    shown = messages(wh, "M903", lang="en")
    assert "absolute" in shown[0] and "contains .." in shown[1]
    if can_link:
        assert "symbolic link" in shown[3]


@pytest.mark.parametrize(
    ("url", "bad"),
    [
        ("https://example.org/x.pdf", False),
        ("HTTP://example.org", False),
        ("ftp://example.org/x.pdf", True),
        ("file:///etc/passwd", True),
        ("javascript:alert(1)", True),
        ("www.example.org/x.pdf", True),
        ("https://", True),
    ],
)
def test_m904_url_scheme(mini: MiniFactory, url: str, bad: bool) -> None:
    wh = mini(standard(docs(f'kind: announcement, url: "{url}"'))).load()
    assert findings(wh, "M904") == ([(STD, 10, 31, "M904")] if bad else [])


def test_m905_current_local_standard_without_text(mini: MiniFactory) -> None:
    wh = mini(
        {
            **standard(docs("kind: announcement, url: https://example.org")),
            **standard("", code="DB50/T 8-2020"),
            **standard("", level="national", code="GB/T 9-2020"),
            **standard(docs("kind: text, url: https://example.org"), code="DB50/T 10-2020"),
        }
    ).load()
    assert findings(wh, "M905") == [
        ("data/standards/vehicles/db50-t-7-2020.yaml", 9, 1, "M905"),
        ("data/standards/vehicles/db50-t-8-2020.yaml", 1, 7, "M905"),
    ]
    # before it was published it is not yet a current standard
    assert findings(wh, "M905", as_of=dt.date(2019, 12, 31)) == []


def test_m905_quiet_in_a_warehouse_without_documents(mini: MiniFactory) -> None:
    wh = mini(standard("")).load()
    assert findings(wh, "M905") == []


def test_m906_document_without_location(mini: MiniFactory) -> None:
    wh = mini(
        {
            **standard(docs("kind: text, title: 文本")),
            "data/materials/plan.yaml": "slug: plan\ntitle: 规划文本\n",
        }
    ).load()
    assert findings(wh, "M906") == [
        ("data/materials/plan.yaml", 1, 7, "M906"),
        (STD, 10, 5, "M906"),
    ]


def test_materials_are_checked_like_documents(mini: MiniFactory) -> None:
    material = (
        "slug: plan\ntitle: 规划文本\nkind: policy\nareas: [general, vehicle]\n"
        "path: files/plan.pdf\nurl: ftp://example.org/plan.pdf\n"
        f"sha256: {TEXT_SHA}\n"
    )
    wh = mini({**FILES, "data/materials/plan.yaml": material}).load()
    rel = "data/materials/plan.yaml"
    assert findings(wh, "M901") == [(rel, 5, 7, "M901")]
    assert findings(wh, "M904") == [(rel, 6, 6, "M904")]
    assert findings(wh, "M907") == [(rel, 4, 18, "M907")]
    wh = mini({**FILES, rel: material.replace("files/plan.pdf", "files/big.pdf")}).load()
    assert findings(wh, "M902") == [(rel, 7, 9, "M902")]
