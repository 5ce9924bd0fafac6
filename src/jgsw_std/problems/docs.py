"""Each code's documentation in the reader's language, and its message template made readable.

The English documentation is the check's docstring (the catalogue's ``doc``);
the Chinese lives in ``docs_zh.toml`` beside this module, keyed by code, so
that translating or correcting it never touches a rule module. `jgsw explain`
shows a message template with its blanks named in words (``实施已满〈年数〉年``),
never as ``{years}``: the labels are in the same file.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from jgsw_std.problems.catalogue import Code

_FILE = Path(__file__).with_name("docs_zh.toml")
_BLANK = re.compile(r"\{(\w+)\}")


@cache
def _table() -> dict[str, Any]:
    with _FILE.open("rb") as handle:
        return tomllib.load(handle)


def doc_zh(code: str) -> str | None:
    """The Chinese documentation of ``code``, or None when it has none yet."""
    entry = _table().get(code)
    if not isinstance(entry, dict) or not isinstance(entry.get("doc"), str):
        return None
    return str(entry["doc"]).strip()


def documentation(entry: Code, lang: str) -> str:
    """The code's documentation in ``lang``; English where Chinese is missing, said so."""
    if lang == "en":
        return entry.doc
    chinese = doc_zh(entry.code)
    if chinese is not None:
        return chinese
    return f"（暂无中文说明，以下为英文。）\n\n{entry.doc}"


def blank_label(name: str, lang: str) -> str:
    """What the blank ``{name}`` (or ``{name_zh}``, ``{name_en}``) stands for, in words."""
    base = name[:-3] if name.endswith(("_zh", "_en")) else name
    labels = _table().get("placeholders", {})
    pair = labels.get(base)
    if isinstance(pair, list) and len(pair) == 2:
        word = str(pair[1] if lang == "en" else pair[0])
    else:
        word = base.replace("_", " ")
    return f"<{word}>" if lang == "en" else f"〈{word}〉"


#: The spaces a Chinese template keeps around a number, needless around 〈a word〉.
_TIGHT = re.compile(
    r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=〈)|(?<=〉) (?=[\u3000-\u9fff\uff00-\uffef])"
)


def readable(template: str, lang: str) -> str:
    """A message template with each ``{blank}`` named in words (〈年数〉, <years>)."""
    text = _BLANK.sub(lambda m: blank_label(m.group(1), lang), template)
    return text if lang == "en" else _TIGHT.sub("", text)
