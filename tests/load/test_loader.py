"""The loader: one bad file never stops the load; big warehouses parse in parallel."""

from __future__ import annotations

from tests.conftest import MiniFactory

from jgsw_std.load import parse as parse_module
from jgsw_std.load.files import SourceFile
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


def test_parallel_and_serial_parsing_agree(monkeypatch: object) -> None:
    docs = [f"code: DB50/T {i}-2020\ntitle: 标准{i}\n".encode() for i in range(40)]
    docs[7] = b"code: [broken\n"
    docs[9] = b"\xff\xfe"
    serial = parse_module._serial(docs)
    old = parse_module.PARALLEL_THRESHOLD
    try:
        parse_module.PARALLEL_THRESHOLD = 2
        parallel = parse_module.parse_many(docs)
    finally:
        parse_module.PARALLEL_THRESHOLD = old
    assert parallel == serial
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
