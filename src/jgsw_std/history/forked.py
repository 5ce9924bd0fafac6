"""Share independent pure work between this process and one forked child.

A monthly five-year trend computes sixty warehouses' indicators, about 35 ms
each on a thousand standards. The warehouses are already in memory, so a
forked child (copy-on-write, nothing to send) computes half of them and sends
back only the small results. Anywhere without fork, or for a few jobs, the
work runs here. This mirrors the loader's parallel parse (load/parse.py).
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Below this many jobs the fork costs more than it saves.
PARALLEL_THRESHOLD = 8


def _read_all(fd: int) -> bytes:
    chunks: list[bytes] = []
    while True:
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def split_work(jobs: Sequence[T], work: Callable[[list[T]], list[R]]) -> list[R]:
    """``work(jobs)``, with every other job done by a forked child when it pays.

    Alternate jobs rather than halves: neighbouring jobs cost about the same
    (a trend's later revisions hold more records), so both sides finish together.
    """
    if (
        len(jobs) < PARALLEL_THRESHOLD
        or not sys.platform.startswith("linux")
        or os.environ.get("JGSW_NO_FORK")
        or (os.cpu_count() or 1) < 2
    ):
        return work(list(jobs))
    first, second = list(jobs[0::2]), list(jobs[1::2])
    read_fd, write_fd = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        return work(list(jobs))
    if pid == 0:  # child: compute the second half, send it, leave without cleanup
        os.close(read_fd)
        try:
            payload = pickle.dumps(work(second), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:
            payload = b""
        view = memoryview(payload)
        while view:
            written = os.write(write_fd, view)
            view = view[written:]
        os._exit(0)
    os.close(write_fd)
    try:
        mine = work(first)
    finally:
        data = _read_all(read_fd)
        os.close(read_fd)
        os.waitpid(pid, 0)
    # An empty answer means the child failed: do its half here, where errors surface.
    theirs: list[R] = pickle.loads(data) if data else work(second)
    merged: list[R] = []
    for index in range(len(jobs)):
        merged.append(mine[index // 2] if index % 2 == 0 else theirs[index // 2])
    return merged
