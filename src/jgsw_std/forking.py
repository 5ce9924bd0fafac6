"""Share independent work with one forked child on large warehouses.

Loading, checking and reporting a 10,000-standard warehouse each take most of a
second of pure Python, and this machine class has two cores. A forked child
sees the loaded warehouse without copying it (copy-on-write), does its share,
and sends back plain data through a pipe. Anywhere without fork (Windows,
macOS), with one core, with ``JGSW_NO_FORK`` set, or when the child fails, the
same function runs in this process, so results never depend on the fork.

Two shapes: :func:`beside` runs one function next to the caller's own work;
:func:`split_work` shares a list of jobs between the two processes.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Generic, TypeVar, cast

T = TypeVar("T")
J = TypeVar("J")
R = TypeVar("R")


def _pickle_dumps(value: object) -> bytes:
    return pickle.dumps(value, pickle.HIGHEST_PROTOCOL)


#: Below this many standards the work is fast and a fork is not worth it.
PARALLEL_FROM = 3000


#: Set (to anything) to keep every computation in one process.
NO_FORK = "JGSW_NO_FORK"


def can_fork() -> bool:
    """Fork only where it is cheap and safe, and only with a second core to use."""
    return (
        sys.platform.startswith("linux")
        and hasattr(os, "fork")
        and not os.environ.get(NO_FORK)
        and (os.cpu_count() or 1) >= 2
    )


class Pending(Generic[T]):
    """A value being computed in a child process (or already computed here)."""

    def __init__(self, fn: Callable[[], T], forked: bool) -> None:
        self._fn = fn
        self._pid = 0
        self._read = -1
        self._done = False
        self._value: T | None = None
        if forked:
            try:
                self._start()
                return
            except OSError:  # no fork to be had (a process or memory limit): work here
                pass
        self._value, self._done = fn(), True

    @property
    def forked(self) -> bool:
        return self._pid > 0

    def _start(self) -> None:
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            raise
        if pid == 0:  # the child: compute, send, and leave without running any cleanup
            code = 0
            try:
                os.close(read)
                try:
                    payload = pickle.dumps((True, self._fn()), pickle.HIGHEST_PROTOCOL)
                except BaseException as exc:  # the parent recomputes and raises it properly
                    payload = pickle.dumps((False, repr(exc)))
                with os.fdopen(write, "wb") as out:
                    out.write(payload)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        os.close(write)
        self._pid, self._read = pid, read

    def result(self) -> T:
        """The value; computed here after all if the child could not deliver it."""
        if not self._done:
            ok, value = self._collect()
            self._value = value if ok else self._fn()
            self._done = True
        return self._value  # type: ignore[return-value]  # set by one of the branches

    def _collect(self) -> tuple[bool, T | None]:
        try:
            with os.fdopen(self._read, "rb") as source:
                data = source.read()
        finally:
            self._read = -1
            os.waitpid(self._pid, 0)
        try:
            ok, value = pickle.loads(data)
        except Exception:  # a child that died mid-write: nothing usable
            return False, None
        return bool(ok), value if ok else None

    def close(self) -> None:
        """Stop and reap the child if the result was never asked for (an error here).

        The child is killed rather than left to finish: the error should not
        wait for work nobody will read.
        """
        if self._read >= 0:
            os.close(self._read)
            self._read = -1
            with contextlib.suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)


@contextmanager
def beside(fn: Callable[[], T], fork: bool) -> Iterator[Pending[T]]:
    """Start ``fn`` in a child when ``fork`` (and the platform allows it); always reaped."""
    pending = Pending(fn, fork and can_fork())
    try:
        yield pending
    finally:
        pending.close()


def _read_all(fd: int) -> bytes:
    chunks: list[bytes] = []
    while True:
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view) :]


def _interleave(even: list[R], odd: list[R]) -> list[R]:
    merged: list[R] = []
    for index in range(len(even) + len(odd)):
        merged.append(even[index // 2] if index % 2 == 0 else odd[index // 2])
    return merged


class HalfSwap(Generic[J, R]):
    """The two processes of one fork each do half of a list of jobs and swap results.

    Made before the fork (it holds the two pipes); afterwards the parent calls
    :meth:`in_parent` and the child :meth:`in_child`, each with the same jobs,
    and each gets every result. The parent does the even jobs, the child the
    odd ones; the child sends first, then the parent, so neither waits on the
    other's send. A side that hears nothing usable does the other half itself,
    so results never depend on the other process. Called in the process that
    made it (no fork happened, or a failed child's work is redone here),
    :meth:`in_child` simply does every job.
    """

    def __init__(
        self,
        work: Callable[[list[J]], list[R]],
        dumps: Callable[[object], bytes] = _pickle_dumps,
        loads: Callable[[bytes], object] = pickle.loads,
    ) -> None:
        self._work = work
        self._dumps = dumps
        self._loads = loads
        self._owner = os.getpid()
        self._up = os.pipe()  # child to parent
        self._down = os.pipe()  # parent to child

    def in_parent(self, jobs: Sequence[J]) -> list[R]:
        (up_read, up_write), (down_read, down_write) = self._up, self._down
        os.close(up_write)
        os.close(down_read)
        mine = self._work(list(jobs[0::2]))
        data = _read_all(up_read)
        os.close(up_read)
        self._send(down_write, mine)
        return _interleave(mine, self._received(data, jobs[1::2]))

    def in_child(self, jobs: Sequence[J]) -> list[R]:
        if os.getpid() == self._owner:
            return self._work(list(jobs))
        (up_read, up_write), (down_read, down_write) = self._up, self._down
        os.close(up_read)
        os.close(down_write)
        mine = self._work(list(jobs[1::2]))
        self._send(up_write, mine)
        data = _read_all(down_read)
        os.close(down_read)
        return _interleave(self._received(data, jobs[0::2]), mine)

    def _send(self, fd: int, results: list[R]) -> None:
        try:
            _write_all(fd, self._dumps(results))
        except OSError:  # the other side is gone; it no longer needs them
            pass
        finally:
            os.close(fd)

    def _received(self, data: bytes, their_jobs: Sequence[J]) -> list[R]:
        try:
            theirs = cast(list[R], self._loads(data)) if data else None
        except Exception:  # cut short: the other side died while sending
            theirs = None
        if theirs is None or len(theirs) != len(their_jobs):
            theirs = self._work(list(their_jobs))
        return theirs


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
    """While work is shared, neither side forks again (a parse inside a trend job)."""
    before = os.environ.get(NO_FORK)
    os.environ[NO_FORK] = "1"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(NO_FORK, None)
        else:
            os.environ[NO_FORK] = before


def split_work(
    jobs: Sequence[J],
    work: Callable[[list[J]], list[R]],
    *,
    minimum: int = 2,
    weights: Sequence[float] | None = None,
    dumps: Callable[[object], bytes] = _pickle_dumps,
    loads: Callable[[bytes], object] = pickle.loads,
) -> list[R]:
    """``work(jobs)``, with part of the jobs done by a forked child when it pays.

    Without ``weights`` the child takes every other job (neighbouring jobs tend
    to cost the same, so both sides finish together). With ``weights`` the jobs
    are cut into two contiguous runs of about equal weight: neighbouring trend
    points share most of their blobs, so each side parses little that the other
    parses too. ``dumps``/``loads`` carry the child's results (``marshal`` is
    several times faster than pickle for plain values).
    """
    if len(jobs) < minimum or not can_fork():
        return work(list(jobs))
    if weights is None:
        first, second = list(jobs[0::2]), list(jobs[1::2])
    else:
        cut = split_point(weights)
        first, second = list(jobs[:cut]), list(jobs[cut:])
    read_fd, write_fd = os.pipe()
    with _no_nested_fork():
        try:
            pid = os.fork()
        except OSError:
            os.close(read_fd)
            os.close(write_fd)
            return work(list(jobs))
        if pid == 0:  # child: compute the second share, send it, leave without cleanup
            os.close(read_fd)
            try:
                payload = dumps(work(second))
            except BaseException:
                payload = b""
            try:
                _write_all(write_fd, payload)
            finally:
                os._exit(0)
        os.close(write_fd)
        try:
            mine = work(first)
        finally:
            data = _read_all(read_fd)
            os.close(read_fd)
            os.waitpid(pid, 0)
    # An empty answer means the child failed: do its share here, where errors surface.
    theirs = cast(list[R], loads(data)) if data else work(second)
    if weights is not None:
        return mine + theirs
    return _interleave(mine, theirs)
