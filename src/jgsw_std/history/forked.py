"""Share independent work between this process and one forked child.

A monthly five-year trend parses a few thousand distinct blobs and computes
sixty warehouses' indicators (about 20 ms each on a thousand standards). The
blob contents are already in memory, so a forked child (copy-on-write,
nothing to send) takes the later revisions: it parses the blobs they need,
builds them and computes, and sends back only the small results. Anywhere
without fork, or for a single job, the work runs here. This mirrors the
loader's parallel parse (load/parse.py), which is switched off inside the
two halves so that they do not fork again.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Below this many jobs there is nothing to share.
PARALLEL_THRESHOLD = 2
NO_FORK = "JGSW_NO_FORK"


def _read_all(fd: int) -> bytes:
    chunks: list[bytes] = []
    while True:
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def split_point(weights: Sequence[float]) -> int:
    """Where to cut a run of jobs so that both sides weigh about the same."""
    total = sum(weights)
    running = 0.0
    for index, weight in enumerate(weights):
        if running + weight / 2 >= total / 2:
            return max(1, index)
        running += weight
    return max(1, len(weights) - 1)


@contextmanager
def _no_nested_fork() -> Iterator[None]:
    before = os.environ.get(NO_FORK)
    os.environ[NO_FORK] = "1"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(NO_FORK, None)
        else:
            os.environ[NO_FORK] = before


def can_fork() -> bool:
    return (
        sys.platform.startswith("linux")
        and not os.environ.get(NO_FORK)
        and (os.cpu_count() or 1) >= 2
    )


def split_work(
    jobs: Sequence[T],
    work: Callable[[list[T]], list[R]],
    weights: Sequence[float] | None = None,
) -> list[R]:
    """``work(jobs)``, the later part done by a forked child when it pays.

    The jobs are cut into two contiguous runs of about equal ``weights`` (by
    default equal counts): neighbouring trend points share most of their
    blobs, so each side parses little that the other also parses.
    """
    if len(jobs) < PARALLEL_THRESHOLD or not can_fork():
        return work(list(jobs))
    cut = split_point(weights if weights is not None else [1.0] * len(jobs))
    first, second = list(jobs[:cut]), list(jobs[cut:])
    read_fd, write_fd = os.pipe()
    with _no_nested_fork():
        try:
            pid = os.fork()
        except OSError:
            os.close(read_fd)
            os.close(write_fd)
            return work(list(jobs))
        if pid == 0:  # child: the second run, sent back, then leave without cleanup
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
    # An empty answer means the child failed: do its part here, where errors surface.
    theirs: list[R] = pickle.loads(data) if data else work(second)
    return mine + theirs
