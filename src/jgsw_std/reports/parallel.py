"""Run one part of a report beside the rest, in a forked child, on large warehouses.

A report needs both the indicators and every check, and on 10,000 standards
each takes most of a second. They read the same loaded warehouse and share
nothing else, so on Linux the checks run in a forked child (which sees the
warehouse without copying it) while the parent computes the indicators, and
the child sends back plain data. Anywhere else, or when the child fails, the
same function simply runs in this process, so the result never depends on
whether the fork happened.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

T = TypeVar("T")

#: Below this many standards the whole report is fast and a fork is not worth it.
PARALLEL_FROM = 3000


def can_fork() -> bool:
    return sys.platform == "linux" and hasattr(os, "fork")


class Pending(Generic[T]):
    """A value being computed in a child process (or already computed here)."""

    def __init__(self, fn: Callable[[], T], forked: bool) -> None:
        self._fn = fn
        self._pid = 0
        self._read = -1
        self._done = False
        self._value: T | None = None
        if forked:
            self._start()
        else:
            self._value, self._done = fn(), True

    @property
    def forked(self) -> bool:
        return self._pid > 0

    def _start(self) -> None:
        read, write = os.pipe()
        pid = os.fork()
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
        """Reap the child if the result was never asked for (an error in the parent)."""
        if self._read >= 0:
            os.close(self._read)  # the child's write fails and it exits
            self._read = -1
            os.waitpid(self._pid, 0)


@contextmanager
def beside(fn: Callable[[], T], fork: bool) -> Iterator[Pending[T]]:
    """Start ``fn`` in a child when ``fork`` (and the platform allows it); always reaped."""
    pending = Pending(fn, fork and can_fork())
    try:
        yield pending
    finally:
        pending.close()
