"""Option values every command shares, read without typer.

The cache's fast path (cli/fast.py) answers a repeated command before typer
starts, so what turns option text into values lives here, importing nothing
heavy; cli/common.py re-exports it for the typer commands.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from jgsw_std.errors import UsageError

if TYPE_CHECKING:
    from jgsw_std.app.finished import Finished, View
    from jgsw_std.app.trend import TrendRequest


#: Dates a question can sensibly be asked about; far outside them, period and
#: year arithmetic would leave the calendar (year 0 or 10000).
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2199, 12, 31)


def parse_as_of(value: str | None, option: str = "--as-of") -> dt.date:
    """A YYYY-MM-DD option value, or today when absent."""
    if value is None or value.strip() == "":
        return dt.date.today()
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(
            "bad_date",
            zh=f"{option} 的值 {value!r} 不是有效日期。",
            en=f"{option} value {value!r} is not a valid date.",
            hint_zh="日期写成 YYYY-MM-DD，例如 2025-12-31。",
            hint_en="Write dates as YYYY-MM-DD, e.g. 2025-12-31.",
        ) from None
    if not EARLIEST <= day <= LATEST:
        raise UsageError(
            "date_range",
            zh=f"{option} 的日期 {value} 超出可用范围（{EARLIEST} 至 {LATEST}）。",
            en=f"{option} date {value} is outside the usable range ({EARLIEST} to {LATEST}).",
        )
    return day


def split_codes(values: list[str] | None) -> list[str]:
    """--select A,B --select C -> [A, B, C]."""
    out: list[str] = []
    for value in values or []:
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return out


def use_color(stream: object = None) -> bool:
    """Colour only for a terminal, and never when NO_COLOR is set."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    target = stream or sys.stdout
    isatty = getattr(target, "isatty", None)
    return bool(isatty and isatty())


def emit(text: str, output: Path | None = None) -> None:
    """Print to stdout, or write the file atomically when -o is given."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from jgsw_std.fsutil import write_atomic

    write_atomic(output, text.encode("utf-8"))


def emit_parts(parts: Iterable[str], output: Path) -> None:
    """Write text made piece by piece to a file, atomically, without a whole copy in memory."""
    from jgsw_std.fsutil import write_atomic_text

    write_atomic_text(output, parts)


def show(done: Finished, output: Path | None, *, note_first: bool = False) -> None:
    """Print a finished result: stdout (or the file) and its note on stderr, after or before."""
    if note_first and done.err:
        sys.stderr.write(done.err)
        sys.stderr.flush()
    emit(done.out, output)
    if not note_first and done.err:
        sys.stderr.write(done.err)
        sys.stderr.flush()


def view_of(fmt: str, lang: str, output: Path | None, *, width_matters: bool = False) -> View:
    """How a result is shown (part of its cache key): colour only for text to a terminal.

    ``width_matters``: a coloured table fills the terminal, so its width counts.
    """
    import shutil

    from jgsw_std.app.finished import View

    color = fmt == "text" and output is None and use_color()
    width = shutil.get_terminal_size((120, 40)).columns if color and width_matters else 0
    return View(fmt, lang, color=color, to_file=output is not None, width=width)


def trend_request(
    root: Path | None, every: str, since: str | None, until: str | None, rev: str, scope: str
) -> TrendRequest:
    """The request of a command line (the fast path builds it the same way)."""
    from jgsw_std.app.trend import TrendRequest

    return TrendRequest(
        root,
        every,
        parse_as_of(since, "--since") if since else None,
        parse_as_of(until, "--until") if until else None,
        rev,
        scope,
    )
