"""Progress of a long run: told by the code doing the work, drawn (or not) by the CLI.

The work (app/ and the layers under it) never prints. A command that can take
more than about a second hands its use case a :class:`Progress`; the work
says what it is doing with :meth:`Progress.step` (a stage, with a count when
it has one) and moves the step on. ``cli/progress.py`` draws that as a rich
progress bar on a terminal; everywhere else (a pipe, CI, tests, ``--quiet``)
the work gets :data:`SILENT`, which does nothing and costs nothing.

This module sits in the lowest layer, so that ``edit/``, ``demo/`` and
``history/`` can report from inside their own loops::

    with progress.step("格式检查", "checking format", total=len(rels)) as step:
        for rel in rels:
            ...
            step.advance()

    for rel in track(progress, rels, "格式检查", "checking format"):
        ...
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sized
from types import TracebackType
from typing import Protocol, TypeVar

T = TypeVar("T")


class Step(Protocol):
    """One stage of the work; a context manager that ends the stage on exit."""

    def advance(self, count: int = 1) -> None:
        """``count`` more units of the stage's total are done."""

    def __enter__(self) -> Step: ...

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...


class Progress(Protocol):
    """Where the work reports what it is doing (see the module docstring)."""

    def step(self, zh: str, en: str, total: int | None = None) -> Step:
        """Start a stage named in both languages; ``total`` units, or None when unknown."""
        ...


class _SilentStep:
    def advance(self, count: int = 1) -> None:
        return None

    def __enter__(self) -> _SilentStep:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        return None


class Silent:
    """The progress of a run nobody watches: every call does nothing."""

    _step = _SilentStep()

    def step(self, zh: str, en: str, total: int | None = None) -> Step:
        return self._step


#: The default of every function that takes a ``progress``.
SILENT: Progress = Silent()


def track(
    progress: Progress, items: Iterable[T], zh: str, en: str, total: int | None = None
) -> Iterator[T]:
    """Yield ``items`` as one stage, advancing it by one for each."""
    if total is None and isinstance(items, Sized):
        total = len(items)
    with progress.step(zh, en, total) as step:
        for item in items:
            yield item
            step.advance()
