"""The loader: one bad file never stops the load; big warehouses parse in parallel."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import MiniFactory

from jgsw_std.load import parse as parse_module
from jgsw_std.load.files import SourceFile, read_worktree
from jgsw_std.load.warehouse import build_warehouse

GOOD = "code: DB50/T 1-2020\ntitle: 甲\nstatus: planned\n"


def test_a_bad_file_does_not_hide_good_ones(mini: MiniFactory) -> None:
    wh = mini(
        {
            "data/standards/general/db50-t-1-2020.yaml": GOOD,
            "data/standards/general/db50-t-2-2020.yaml": "code: [unclosed\n",
            "data/standards/general/db50-t-3-2020.yaml": b"title: \xce\xd2\n",
        }
    ).load()
    assert [r.code for r in wh.standards] == ["DB50/T 1-2020"]
    assert {p.code for p in wh.problems} == {"Y001", "Y004"}
    assert len(wh.districts) == 3


def test_parallel_and_serial_parsing_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without yaml-rs, big batches are parsed by two processes (libyaml is slower)."""
    docs = [f"code: DB50/T {i}-2020\ntitle: 标准{i}\n".encode() for i in range(40)]
    docs[7] = b"code: [broken\n"
    docs[9] = b"\xff\xfe"
    serial = parse_module.parse_serially(docs)
    monkeypatch.setattr(parse_module, "FAST_AVAILABLE", False)
    monkeypatch.setattr(parse_module, "PARALLEL_THRESHOLD", 2)
    parallel = parse_module.parse_many(docs)
    assert [p[:4] for p in parallel] == [p[:4] for p in serial]
    assert serial[7][2] is not None and serial[9][3] == 0


def test_same_blob_is_parsed_once_and_renamed_paths_keep_their_own_name() -> None:
    src = b"code: DB50/T 5-2020\ntitle: x\nlevel: bogus\n"
    wh1 = build_warehouse([SourceFile("data/standards/general/db50-t-5-2020.yaml", src, "b1")])
    wh2 = build_warehouse([SourceFile("data/standards/energy/db50-t-5-2020.yaml", src, "b1")])
    paths1 = {p.path for p in wh1.problems if p.code == "S103"}
    paths2 = {p.path for p in wh2.problems if p.code == "S103"}
    assert paths1 == {"data/standards/general/db50-t-5-2020.yaml"}
    assert paths2 == {"data/standards/energy/db50-t-5-2020.yaml"}


def test_utf8_bom_is_accepted(mini: MiniFactory) -> None:
    wh = mini({"data/standards/general/db50-t-1-2020.yaml": b"\xef\xbb\xbf" + GOOD.encode()}).load()
    assert [r.code for r in wh.standards] == ["DB50/T 1-2020"]


def test_crlf_files_are_read(mini: MiniFactory) -> None:
    wh = mini(
        {"data/standards/general/db50-t-1-2020.yaml": GOOD.replace("\n", "\r\n").encode()}
    ).load()
    assert [r.code for r in wh.standards] == ["DB50/T 1-2020"]


def test_files_larger_than_one_read_are_read_whole(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "standards" / "general"
    folder.mkdir(parents=True)
    small = GOOD.encode()
    big = GOOD.encode() + b"".join(b"# %06d padding line\n" % i for i in range(9000))
    assert len(big) > 3 * (1 << 16)
    (folder / "db50-t-1-2020.yaml").write_bytes(small)
    (folder / "db50-t-2-2020.yaml").write_bytes(big)
    (folder / "db50-t-3-2020.yaml").write_bytes(b"")
    read = {s.rel: s.data for s in read_worktree(tmp_path)}
    assert read == {
        "data/standards/general/db50-t-1-2020.yaml": small,
        "data/standards/general/db50-t-2-2020.yaml": big,
        "data/standards/general/db50-t-3-2020.yaml": b"",
    }


def test_reading_on_until_end_of_file_gives_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Off Linux a short read is not trusted as the end: the result is the same."""
    from jgsw_std.load import files

    folder = tmp_path / "data" / "standards" / "general"
    folder.mkdir(parents=True)
    (folder / "db50-t-1-2020.yaml").write_bytes(GOOD.encode())
    (folder / "db50-t-2-2020.yaml").write_bytes(b"")
    trusted = read_worktree(tmp_path)
    monkeypatch.setattr(files, "_SHORT_READ_IS_END", False)
    assert read_worktree(tmp_path) == trusted
