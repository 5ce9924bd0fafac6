"""Stage one of loading: bytes to plain values, in parallel for big warehouses.

Parsing is the dominant cost of `jgsw check` on a large warehouse (about 60 µs
a file through libyaml). On Linux, a forked child parses every other file
while this process parses the rest (see forking.py); results come back in
``marshal`` form, which handles exactly the plain values YAML produces and is
far cheaper than pickle. Validation (stage two) always runs here, since models
do not travel cheaply between processes.
"""

from __future__ import annotations

import marshal
from collections.abc import Sequence
from typing import Any

from jgsw_std.forking import split_work
from jgsw_std.load.decode import decode_utf8
from jgsw_std.load.yamlread import Outline, YamlSyntaxError, load_with_outline

#: Below this many files the fork costs more than it saves.
PARALLEL_THRESHOLD = 1500

# (data, duplicate keys [(key, line, col, first_line)], syntax error (msg, line, col) | None,
#  first undecodable byte offset or -1, outline of positions or None)
Parsed = tuple[
    Any, list[tuple[str, int, int, int]], tuple[str, int, int] | None, int, Outline | None
]


def parse_bytes(raw: bytes) -> Parsed:
    text, bad = decode_utf8(raw)
    if text is None:
        return None, [], None, bad, None
    try:
        data, dups, outline = load_with_outline(text)
    except YamlSyntaxError as exc:
        return None, [], (exc.message, exc.line, exc.col), -1, None
    return data, [(d.key, d.line, d.col, d.first_line) for d in dups], None, -1, outline


def _serial(chunk: Sequence[bytes]) -> list[Parsed]:
    return [parse_bytes(raw) for raw in chunk]


def parse_many(raws: Sequence[bytes]) -> list[Parsed]:
    """Parse every document; the order of results follows ``raws``."""
    return split_work(
        raws, _serial, minimum=PARALLEL_THRESHOLD, dumps=_marshal_dumps, loads=marshal.loads
    )


def _marshal_dumps(value: object) -> bytes:
    return marshal.dumps(value)  # type: ignore[arg-type]  # parse results are plain values
