"""The progress bar of long runs: rich on stderr, only when a person is watching.

A command wraps its use case in :func:`progress_bar` and passes what it yields
down (see :mod:`jgsw_std.progress`). The bar is drawn on standard error, only
when standard error is a terminal (never in a pipe, a file or a CI log), not
before ``DELAY`` seconds have passed (a quick run shows nothing), and it is
erased when the work is done, before the command writes its output: standard
output (a JSON document, a table) never holds a byte of it. ``--quiet`` turns
it off.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import TYPE_CHECKING, Any, TextIO

from jgsw_std.progress import SILENT, Progress, Step

if TYPE_CHECKING:
    from rich.progress import Progress as RichProgress
    from rich.progress import TaskID

#: Seconds before the bar appears; a run that ends sooner shows nothing.
DELAY = 0.4
#: Overrides DELAY (tests draw the bar at once with 0).
DELAY_ENV = "JGSW_PROGRESS_DELAY"


def wants_progress(stream: TextIO | None = None) -> bool:
    """A person is watching ``stream`` (default stderr): a terminal, outside CI."""
    target = stream if stream is not None else sys.stderr
    isatty = getattr(target, "isatty", None)
    if not (isatty and isatty()):
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    # CI services that allocate a terminal still keep a log nobody watches live.
    return not os.environ.get("CI")


def _delay() -> float:
    try:
        return max(0.0, float(os.environ.get(DELAY_ENV, DELAY)))
    except ValueError:
        return DELAY


class _BarStep:
    def __init__(self, owner: TerminalProgress, task: TaskID | None) -> None:
        self._owner, self._task = owner, task

    def advance(self, count: int = 1) -> None:
        if self._task is not None and self._owner.here():
            self._owner.rich.advance(self._task, count)

    def __enter__(self) -> _BarStep:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._task is not None and self._owner.here():
            self._owner.rich.remove_task(self._task)


class TerminalProgress:
    """A transient rich progress bar on stderr, shown after a short delay.

    Work shared with a forked child (check, trend, report) reports only from
    the process that drew the bar: the child's copy of it does nothing, so it
    never writes to the terminal nor waits on a lock a thread of ours held
    when it was forked.
    """

    def __init__(self, lang: str, stream: TextIO | None = None, delay: float | None = None) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            SpinnerColumn,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
        )
        from rich.progress import Progress as RichProgress

        self.lang = lang
        self._pid = os.getpid()
        console = Console(file=stream if stream is not None else sys.stderr)
        self.rich: RichProgress = RichProgress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            _count_column(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            # The bar writes to stderr only: standard output is the command's.
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self._lock = threading.Lock()
        self._shown = self._closed = False
        wait = _delay() if delay is None else delay
        self._timer = threading.Timer(wait, self._show)
        self._timer.daemon = True
        self._timer.start()

    def here(self) -> bool:
        """True in the process that made the bar (not in a forked child)."""
        return os.getpid() == self._pid

    def step(self, zh: str, en: str, total: int | None = None) -> Step:
        if not self.here():
            return SILENT.step(zh, en, total)
        name = en if self.lang == "en" else zh
        return _BarStep(self, self.rich.add_task(name, total=total))

    def _show(self) -> None:
        with self._lock:
            if not self._closed and self.here():
                self.rich.start()
                self._shown = True

    def close(self) -> None:
        """Erase the bar (if it was drawn); nothing is drawn afterwards."""
        if not self.here():
            return
        self._timer.cancel()
        with self._lock:
            self._closed = True
            if self._shown:
                self.rich.stop()


def _count_column() -> Any:
    """A rich column: ``123/10000`` when the stage has a total, nothing otherwise."""
    from rich.progress import ProgressColumn, Task
    from rich.text import Text

    class CountColumn(ProgressColumn):
        def render(self, task: Task) -> Text:
            if task.total is None:
                return Text("")
            return Text(f"{int(task.completed)}/{int(task.total)}", style="progress.download")

    return CountColumn()


@contextmanager
def progress_bar(lang: str, quiet: bool = False) -> Iterator[Progress]:
    """The progress to hand the work: a bar when a person watches, else :data:`SILENT`."""
    if quiet or not wants_progress():
        yield SILENT
        return
    bar = TerminalProgress(lang)
    try:
        yield bar
    finally:
        bar.close()
