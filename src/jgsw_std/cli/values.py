"""Option values every command shares, read without typer.

The cache's fast path (cli/fast.py) answers a repeated command before typer
starts, so what turns option text into values lives here, importing nothing
heavy; cli/common.py re-exports it for the typer commands.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

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


#: The halves a shell makes of an unquoted code: ``DB50/T`` and ``1056-2020``.
#: A prefix has a slash (GB/T, T/CQJGSW) or is written in capitals (GB, DB50).
_CODE_HEAD = re.compile(r"^(?:[A-Za-z]+[0-9]*/[A-Za-z][A-Za-z0-9]*|[A-Z]+[0-9]*)$")
_CODE_TAIL = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.]*-\d{4}$")


def join_split_codes(argv: list[str]) -> list[str]:
    """``DB50/T 1056-2020`` typed without quotes is one code again, wherever it is.

    The shell splits it at the space into ``DB50/T`` and ``1056-2020``; every
    command that takes a code (a positional such as ``record review CODE`` or
    an option such as ``new standard --code``) gets it whole. Two words are
    joined only when together they read as a standard code and the first does
    not on its own, so nothing else on a command line changes.
    """
    out: list[str] = []
    index = 0
    while index < len(argv):
        head = argv[index]
        if index + 1 < len(argv) and _CODE_HEAD.match(head) and _CODE_TAIL.match(argv[index + 1]):
            from jgsw_std.model.codes import CodeError, parse_code

            joined = f"{head} {argv[index + 1]}"
            try:
                parse_code(joined)
            except CodeError:
                pass
            else:
                out.append(joined)
                index += 2
                continue
        out.append(head)
        index += 1
    return out


def wrote_line(path: Path, size: int, lang: str) -> str:
    """``已写入 FILE（12.3 KB）`` / ``wrote FILE (12.3 KB)``."""
    from jgsw_std.fsutil import size_text

    if lang == "en":
        return f"wrote {path} ({size_text(size)})"
    return f"已写入 {path}（{size_text(size)}）"


def _say_wrote(output: Path, size: int, lang: str | None, quiet: bool) -> None:
    if lang is not None and not quiet:
        sys.stderr.write(wrote_line(output, size, lang) + "\n")
        sys.stderr.flush()


def emit_bytes(data: bytes, output: Path, lang: str | None = None, quiet: bool = False) -> None:
    """Write ``data`` atomically to ``output`` and say so on stderr.

    The "wrote" line is left out with ``quiet`` or without ``lang`` (a caller
    that reports the file its own way).
    """
    from jgsw_std.fsutil import write_atomic

    write_atomic(output, data)
    _say_wrote(output, len(data), lang, quiet)


def emit(
    text: str, output: Path | None = None, lang: str | None = None, quiet: bool = False
) -> None:
    """Print to stdout, or write the file atomically when -o is given (see emit_bytes)."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    emit_bytes(text.encode("utf-8", "replace"), output, lang, quiet)


def emit_parts(
    parts: Iterable[str], output: Path, lang: str | None = None, quiet: bool = False
) -> int:
    """Write text made piece by piece to a file, atomically, without a whole copy in memory.

    Returns the number of bytes written (see emit_bytes for ``lang`` and ``quiet``).
    """
    from jgsw_std.fsutil import write_atomic_parts

    size = [0]

    def encoded() -> Iterator[bytes]:
        for part in parts:
            data = part.encode("utf-8", "replace")
            size[0] += len(data)
            yield data

    write_atomic_parts(output, encoded())
    _say_wrote(output, size[0], lang, quiet)
    return size[0]


def show(
    done: Finished,
    output: Path | None,
    lang: str | None = None,
    quiet: bool = False,
    *,
    note_first: bool = False,
) -> None:
    """Print a finished result: stdout (or the file, said on stderr unless ``quiet``) and
    its note on stderr, after or before.

    The "wrote FILE (size)" line is made here, never stored with the result: it
    names the file of this command line.
    """
    if note_first and done.err:
        sys.stderr.write(done.err)
        sys.stderr.flush()
    raw = done.out_utf8()  # held in UTF-8 (from the cache): written as it is where it can be
    if raw is not None and output is not None:
        emit_bytes(raw, output, lang, quiet)  # what emit writes: the text in UTF-8
    elif raw is not None and (stdout := _utf8_stdout()) is not None:
        sys.stdout.flush()
        stdout.write(raw)
        stdout.flush()
    else:
        emit(done.out, output, lang, quiet)
    if not note_first and done.err:
        sys.stderr.write(done.err)
        sys.stderr.flush()


def _utf8_stdout() -> BinaryIO | None:
    """The bytes under sys.stdout when writing text to it would give the text's UTF-8 as is:
    a UTF-8 stream that turns no newline into another (not Windows)."""
    import codecs
    import io

    stream = sys.stdout
    if not isinstance(stream, io.TextIOWrapper) or os.linesep != "\n":
        return None
    try:
        utf8 = codecs.lookup(stream.encoding).name == "utf-8"
    except LookupError:
        return None
    return stream.buffer if utf8 else None


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
