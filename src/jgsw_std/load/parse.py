"""Stage one of loading: bytes to plain values.

Most documents go through yaml-rs (see fastyaml.py, about 14 µs a file); the
rest, and every document with a problem the reader must place, go through
yamlread's libyaml path (about 84 µs). Without yaml-rs, on Linux, a forked
child parses every other file while this process parses the rest (see
forking.py); results come back in ``marshal`` form, which handles exactly the
plain values YAML produces and is far cheaper than pickle. With yaml-rs the
fork would cost more than it saves. Validation (stage two) always runs here,
since models do not travel cheaply between processes.

Positions: the libyaml path records where the top two levels of a document
start (its outline); the fast path records none, and textpos.py finds them in
the text for the files that turn out to have problems.
"""

from __future__ import annotations

import marshal
from collections.abc import Sequence
from typing import Any

from jgsw_std.forking import split_work
from jgsw_std.load.decode import decode_utf8
from jgsw_std.load.fastyaml import AVAILABLE as FAST_AVAILABLE
from jgsw_std.load.fastyaml import MISS, fast_load
from jgsw_std.load.outline import Outline

#: Below this many files the fork costs more than it saves.
PARALLEL_THRESHOLD = 1500

# (data, duplicate keys [(key, line, col, first_line)],
#  syntax error (msg, line, col, code: Y001 or Y010) | None,
#  first undecodable byte offset or -1, outline of positions or None)
Parsed = tuple[
    Any, list[tuple[str, int, int, int]], tuple[str, int, int, str] | None, int, Outline | None
]


def parse_bytes(raw: bytes) -> Parsed:
    text, bad = decode_utf8(raw)
    if text is None:
        return None, [], None, bad, None
    data = fast_load(raw, text)
    if data is not MISS:
        return data, [], None, -1, None
    # the reference reader, imported on first use: most runs never need libyaml
    from jgsw_std.load.yamlread import YamlSyntaxError, load_with_outline

    try:
        data, dups, outline = load_with_outline(text)
    except YamlSyntaxError as exc:
        return None, [], (exc.message, exc.line, exc.col, exc.code), -1, None
    return data, [(d.key, d.line, d.col, d.first_line) for d in dups], None, -1, outline


def parse_serially(chunk: Sequence[bytes]) -> list[Parsed]:
    """Parse every document here, in order."""
    return [parse_bytes(raw) for raw in chunk]


def parse_many(raws: Sequence[bytes]) -> list[Parsed]:
    """Parse every document; the order of results follows ``raws``."""
    if FAST_AVAILABLE:
        return parse_serially(raws)
    return split_work(
        raws, parse_serially, minimum=PARALLEL_THRESHOLD, dumps=marshal_dumps, loads=marshal.loads
    )


def marshal_dumps(value: object) -> bytes:
    """Parse results (plain values) in marshal form, several times cheaper than pickle."""
    return marshal.dumps(value)  # type: ignore[arg-type]  # parse results are plain values
