"""Bytes to text: UTF-8 only, with a useful guess when it is something else."""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u4e00-\u9fff]")


def guess_encoding(data: bytes) -> str | None:
    """Name the encoding the bytes most likely are in (GBK is the usual suspect)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    for name in ("gb18030", "big5"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if _CJK.search(text):
            return "GBK" if name == "gb18030" else "BIG5"
    try:
        data.decode("cp1252")
        return "CP1252"
    except UnicodeDecodeError:
        return None


def decode_utf8(data: bytes) -> tuple[str | None, int]:
    """(text, -1) or (None, offset of the first bad byte). A UTF-8 BOM is dropped."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, exc.start
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, -1


def line_col_of_byte(data: bytes, offset: int) -> tuple[int, int]:
    head = data[:offset]
    line = head.count(b"\n") + 1
    start = head.rfind(b"\n") + 1
    return line, offset - start + 1
