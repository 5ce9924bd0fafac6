"""Stage one of loading: bytes to plain values, in parallel for big warehouses.

Parsing is the dominant cost of `jgsw check` on a large warehouse (about 60 µs
a file through libyaml). On Linux, a forked child parses half of the files
while this process parses the other half; results come back through a pipe in
``marshal`` form, which handles exactly the plain values YAML produces and is
far cheaper than pickle. Anywhere else, or for small warehouses, parsing is
serial. Validation (stage two) always runs here, since models do not travel
cheaply between processes.
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Sequence
from typing import Any

from jgsw_std.load.decode import decode_utf8
from jgsw_std.load.yamlread import YamlSyntaxError, load

#: Below this many files the fork costs more than it saves.
PARALLEL_THRESHOLD = 1500

# (data, duplicate keys [(key, line, col, first_line)], syntax error (msg, line, col) | None,
#  first undecodable byte offset or -1)
Parsed = tuple[Any, list[tuple[str, int, int, int]], tuple[str, int, int] | None, int]


def parse_bytes(raw: bytes) -> Parsed:
    text, bad = decode_utf8(raw)
    if text is None:
        return None, [], None, bad
    try:
        data, dups = load(text)
    except YamlSyntaxError as exc:
        return None, [], (exc.message, exc.line, exc.col), -1
    return data, [(d.key, d.line, d.col, d.first_line) for d in dups], None, -1


def _serial(chunk: Sequence[bytes]) -> list[Parsed]:
    return [parse_bytes(raw) for raw in chunk]


def parse_many(raws: Sequence[bytes]) -> list[Parsed]:
    """Parse every document; the order of results follows ``raws``."""
    if len(raws) < PARALLEL_THRESHOLD or not sys.platform.startswith("linux"):
        return _serial(raws)
    if os.environ.get("JGSW_NO_FORK"):
        return _serial(raws)
    half = len(raws) // 2
    read_fd, write_fd = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        return _serial(raws)
    if pid == 0:  # child: parse the second half, send it, leave without cleanup
        status = 1
        try:
            os.close(read_fd)
            payload = marshal.dumps(_serial(raws[half:]))
            with os.fdopen(write_fd, "wb") as pipe:
                pipe.write(payload)
            status = 0
        finally:
            os._exit(status)
    os.close(write_fd)
    first = _serial(raws[:half])
    with os.fdopen(read_fd, "rb") as pipe:
        payload = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not payload:
        return first + _serial(raws[half:])  # the child failed: do its share here
    second: list[Parsed] = marshal.loads(payload)
    return first + second
