"""Bytes to text and back, remembering what the file looked like.

Bureau staff edit on Windows as often as not: a file saved with a BOM or with
CRLF line endings must come back with the same BOM and the same line endings,
or every line of it shows up as changed in git.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from jgsw_std.errors import DataError


@dataclass(frozen=True, slots=True)
class TextForm:
    """How a file's text was stored: BOM or not, LF or CRLF."""

    bom: bool = False
    newline: str = "\n"


def decode(data: bytes, rel: str) -> tuple[str, TextForm]:
    """The text with LF line endings, and the form to write it back in.

    The first line ending decides the file's form; a file with no line break
    counts as LF. Text that is not UTF-8 stops the edit (never guess and
    re-encode a person's file).
    """
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8) :] if bom else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(
            "not_utf8",
            zh=f"{rel} 不是 UTF-8 编码（第 {exc.start} 字节），未修改。",
            en=f"{rel} is not UTF-8 (byte {exc.start}); left unchanged.",
            hint_zh="在编辑器中以 UTF-8 重新保存该文件（jgsw check 会给出位置）。",
            hint_en="Save the file as UTF-8 in your editor (jgsw check shows where).",
        ) from None
    first = text.find("\n")
    crlf = first > 0 and text[first - 1] == "\r"
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    return text, TextForm(bom=bom, newline="\r\n" if crlf else "\n")


def encode(text: str, form: TextForm) -> bytes:
    """``text`` (LF line endings) in the file's original form."""
    if form.newline != "\n":
        text = text.replace("\n", form.newline)
    data = text.encode("utf-8")
    return codecs.BOM_UTF8 + data if form.bom else data
