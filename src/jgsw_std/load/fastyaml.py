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
  reference path before yaml-rs sees it:
  - tags (``!!str 12`` is text to yaml-rs; our reader ignores tags), anchors
    and aliases, complex keys (``? k``, ``[a, b]: 1``, ``[?b]``), empty keys,
    and values or flow entries that start with an indicator (``[|a]``, ``[a:]``);
  - directives, document markers, several documents;
  - digit separators and radix prefixes that YAML 1.2 does not have
    (``1_000``, ``0b101``, ``0X1F`` stay text), odd spellings of ``.nan``;
  - characters libyaml refuses and yaml-rs takes: tabs anywhere, control
    characters, DEL, C1 controls, U+FFFE/U+FFFF, surrogate escapes, Unicode
    line breaks, lone carriage returns;
  - block scalars (``|``, ``>``), which yaml-rs ends differently at the end of
    a file, and a file without a final line break;
  - flow collections nested, left open at the end of a line, or used as keys;
  - nesting deeper than a warehouse ever needs: yaml-rs recurses on the C stack,
    and a few thousand levels crash the process where libyaml reports an error;
  - integers of more than 4,000 digits, which yaml-rs converts exactly and the
    reference reader bounds (Python converts no more than 4,300 digits).

The screens cost about 9 µs a file in all; most are searches led by one literal
byte, which the regex engine finds fast.
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

# Bytes that may start a case the two readers treat differently, and that are
# rare in warehouse files. Deleting every other byte (bytes.translate, one C
# loop) leaves a short string, usually empty, that says which screens to run.
_SPECIAL = b"\r!&*?%|>@`\\"
_CONTROL = bytes([*range(0, 10), *range(11, 32), 127])  # tab and the rest, DEL; not LF
_COMMON = bytes(b for b in range(256) if b not in _SPECIAL and b not in _CONTROL)
# "95%" or a URL's "?" and "&" in a title are common and harmless; an indicator
# where a value or a flow entry starts is not (libyaml refuses "[|a]" and "[@x]",
# yaml-rs reads them as text).
_CONSTRUCT = re.compile(rb"(?:^|[\s\[{,:])[!&*?|>%@`]|^%", re.MULTILINE)
_BLOCK_SCALAR = re.compile(rb"[|>][-+0-9]*[ \t]*(?:#[^\r\n]*)?\r?$", re.MULTILINE)
_SURROGATE_ESCAPE = re.compile(rb"\\(?:u|U0000)[dD][89a-fA-F]")
# The screens below look for common bytes; each regex is led by one literal
# byte, which the regex engine finds fast, and covers every case led by it.
# Line starts: document markers, and indentation deeper than any warehouse's
# (substring searches: faster here than a regex led by the frequent newline).
_LINE_STARTS = (b"\n---", b"\n...", b"\n" + b" " * 100)
# A colon with no key before it (": a", "[:a]": a null key or text to yaml-rs,
# an error to libyaml), or right before the end of a flow entry ("[a:]").
_COLON = re.compile(rb":(?:(?<=[\s\[{,]:)|(?=[\]},]))")
# Digit separators, which YAML 1.2 does not have: yaml-rs reads "1_000",
# "_.5" and "1e_3" as numbers.
_UNDERSCORE = re.compile(rb"_(?:(?=[0-9.])|(?<=[0-9.+\-]_)|(?<=[0-9][eE]_))")
_RADIX = re.compile(rb"0(?=[xXoObB])")
_NAN_INF = re.compile(rb"\.(?=[nNiI][aAnN][nNfF])")
# Flow collections: one inside another ("{a: 1, {}}" makes "{}" a key to
# yaml-rs), one left open at the end of its line (yaml-rs continues plain text
# across lines where libyaml refuses), one used as a key ("[a, b]: 1").
_FLAT_TO_CLOSE = rb"(?![^\n\[\]{}]*(?:[\[{][^\n\[\]{}]*[\]}][^\n\[\]{}]*)?[\]}])"
_OPEN_LIST = re.compile(rb"\[(?: *[\[{]|" + _FLAT_TO_CLOSE + rb")")
_OPEN_MAPPING = re.compile(rb"\{(?: *[\[{]|" + _FLAT_TO_CLOSE + rb")")
_COMMA = re.compile(rb", *[\[{]")
_LIST_KEY = re.compile(rb"\](?=[ \t]*:(?:[ \t\r\n]|\Z))")
_MAPPING_KEY = re.compile(rb"\}(?=[ \t]*:(?:[ \t\r\n]|\Z))")
# A one-line flow list of flat flow mappings ("evidence: [{date: ..., ref: ...}]"),
# the one nesting of flow collections warehouses use: the two readers agree on
# it (a differential fuzz says so), so the nesting screens see it as "[]".
_FLAT_MAPPINGS = re.compile(rb"\[ *\{[^\n\[\]{}]*\}(?: *, *\{[^\n\[\]{}]*\})* *\]")
_C1_CONTROL = re.compile(rb"\xc2[\x80-\x9f]")  # includes NEL
# Integers too long for Python to convert from text: yaml-rs makes them exactly,
# the reference reader stands in a bound for them (yamlread._int); only a file
# this long can hold one.
_MAX_DIGITS = 4000
_LONG_DIGITS = re.compile(rb"[0-9]{%d}" % (_MAX_DIGITS + 1))
_DEEP_DASHES = b"- " * 20
_MAX_BRACKETS = 100


def _rare_case(raw: bytes) -> bool:
    rare = raw.translate(None, _COMMON)
    if not rare:
        return False  # the usual answer, after one pass over the bytes
    return bool(
        rare.translate(None, _SPECIAL)  # a tab or a control character
        or (b"\r" in rare and raw.count(b"\r") != raw.count(b"\r\n"))  # a lone CR
        or (rare.strip(b"\r\\") and _construct(raw))  # one of !&*?%|>@`
        or ((b"|" in rare or b">" in rare) and _BLOCK_SCALAR.search(raw))
        or (b"\\" in rare and _SURROGATE_ESCAPE.search(raw))
    )


def _construct(raw: bytes) -> bool:
    """Whether an indicator of _CONSTRUCT is used outside whole-line comments.

    Comments often quote code (`` `text` ``) or say "95% & more"; the readers
    skip them alike. A line whose first non-blank is ``#`` is a comment, or
    text inside a quoted scalar (where indicators are text to both readers),
    or inside a block scalar (screened apart, by _BLOCK_SCALAR).
    """
    for match in _CONSTRUCT.finditer(raw):
        end = match.end()
        line_start = raw.rfind(b"\n", 0, end - 1) + 1
        if not raw[line_start:end].lstrip(b" ").startswith(b"#"):
            return True
    return False


def _may_differ(raw: bytes, text: str) -> bool:
    # the nesting screens' view: lists of flat mappings read alike (see _FLAT_MAPPINGS)
    flow = _FLAT_MAPPINGS.sub(b"[]", raw) if b"[{" in raw or b"[ {" in raw else raw
    # spelt out rather than looped: this runs for every file of every load
    return bool(
        not raw.endswith(b"\n")
        or text.startswith(("---", "...", "%", ":"))
        or _rare_case(raw)
        or _LINE_STARTS[0] in raw
        or _LINE_STARTS[1] in raw
        or _LINE_STARTS[2] in raw
        or _COLON.search(raw)
        or _UNDERSCORE.search(raw)
        or _RADIX.search(raw)
        or _NAN_INF.search(raw)
        or _OPEN_LIST.search(flow)
        or _OPEN_MAPPING.search(flow)
        or _COMMA.search(flow)
        or _LIST_KEY.search(flow)
        or _MAPPING_KEY.search(flow)
        or _C1_CONTROL.search(raw)
        or "\u2028" in text  # LS, PS, noncharacters: one character each in the text
        or "\u2029" in text
        or "\ufffe" in text
        or "\uffff" in text
        or _DEEP_DASHES in raw
        or flow.count(b"[") + flow.count(b"{") > _MAX_BRACKETS
        or (len(raw) > _MAX_DIGITS and _LONG_DIGITS.search(raw) is not None)
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
