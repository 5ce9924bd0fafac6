"""The fast path of reading: yaml-rs (Rust) where it reads exactly as yamlread does.

yaml-rs turns a typical warehouse file into Python values about six times
faster than libyaml's node tree plus our converter (14 µs against 84 µs a
file, measured on a 10,000-standard demo), which is most of the difference
between a cold `jgsw check` inside its budget and outside it.

yamlread (libyaml) stays the reference. yaml-rs is used only for documents in
which it cannot differ from it; everything else takes the reference path:

- yaml-rs raises on a repeated key, a syntax error or a tab it dislikes: the
  reference path then reports the problem with its position;
- a document that uses a YAML feature where the two disagree goes to the
  reference path before yaml-rs sees it: tags (``!!str 12`` is text to yaml-rs,
  and our reader ignores tags), anchors and aliases, complex keys (``? k``,
  ``[a, b]: 1``),
  directives and several documents, digit separators and radix prefixes that
  YAML 1.2 does not have (``1_000``, ``0b101``, ``0X1F`` stay text), odd
  spellings of ``.nan``/``.inf``, and Unicode line breaks (NEL, LS, PS).

One difference is left, knowingly: a mapping with both ``true`` and ``1`` (or
``false`` and ``0``) as keys is one key to Python, which yaml-rs does not call
a repeat, so Y002 is not raised for it (the reference reader raises it). No
field of the data contract is a boolean or a number, so each such key is
reported as an unknown field all the same.

The screens are searches led by one literal byte, about 4 µs a file in all.
"""

from __future__ import annotations

import re
from typing import Any, Final

try:
    import yaml_rs
except ImportError:  # pragma: no cover - a platform without its wheel reads through libyaml
    yaml_rs = None  # type: ignore[assignment]

#: Whether the fast path exists here (yaml-rs has wheels for the usual platforms).
AVAILABLE: Final = yaml_rs is not None

#: Returned when the fast path cannot answer; the caller takes the reference path.
MISS: Final = object()

# Bytes that may start a construct the two readers treat differently. A hit
# is confirmed by _CONSTRUCT before giving up the fast path: "95%" or a URL's
# "?" in a title are common and harmless.
_MAYBE_CONSTRUCT = re.compile(rb"[!&*?%]")
_CONSTRUCT = re.compile(rb"(?:^|[\s\[{,])(?:[!&*]\S|\?(?:\s|$))|^%", re.MULTILINE)
# Each screen is led by one literal byte, which the regex engine finds fast.
_DOCUMENT_MARKER = re.compile(rb"\n(?:---|\.\.\.)")
_DIGIT_SEPARATOR = re.compile(rb"_[0-9]|_(?<=[0-9]_)")
_RADIX = re.compile(rb"0(?=[xXoObB])")
_NAN_INF = re.compile(rb"\.(?=[nNiI][aAnN][nNfF])")
# A flow collection used as a key ([a, b]: 1): yaml-rs makes it a tuple, ours text.
_COLLECTION_KEY = re.compile(rb"[\]}][ \t]*:(?=[ \t\r\n]|\Z)")


def _may_differ(raw: bytes, text: str) -> bool:
    # spelt out rather than looped: this runs for every file of every load
    return bool(
        raw.startswith((b"---", b"...", b"%"))
        or _DOCUMENT_MARKER.search(raw)
        or "\x85" in text  # NEL, LS, PS: searched in the text, where each is one character
        or "\u2028" in text
        or "\u2029" in text
        or (_MAYBE_CONSTRUCT.search(raw) and _CONSTRUCT.search(raw))
        or _DIGIT_SEPARATOR.search(raw)
        or _RADIX.search(raw)
        or _NAN_INF.search(raw)
        or _COLLECTION_KEY.search(raw)
    )


def fast_load(raw: bytes, text: str) -> Any:
    """The document's values, or :data:`MISS` when the reference reader must answer.

    ``raw`` is the file's bytes (screened), ``text`` the same decoded, BOM removed.
    """
    if not AVAILABLE or _may_differ(raw, text):
        return MISS
    try:
        return yaml_rs.loads(text, parse_datetime=False)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # any complaint (a Rust panic is a BaseException): the
        return MISS  # reference path says it properly, with a position
