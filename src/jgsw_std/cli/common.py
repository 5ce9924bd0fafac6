"""Options and helpers every command shares."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from jgsw_std.errors import UsageError

RootOption = Annotated[
    Path | None,
    typer.Option(
        "--root",
        help="Warehouse root (the folder holding data/). Default: JGSW_ROOT, "
        "else the nearest parent of the current folder that holds data/indicators.yaml.",
        show_default=False,
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of messages and reports: zh (default) or en. Also JGSW_LANG.",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Judge the records as of this date (YYYY-MM-DD): what the records say was "
        "true that day. Default: today.",
        show_default=False,
    ),
]

RevOption = Annotated[
    str | None,
    typer.Option(
        "--rev",
        help="Read the warehouse as recorded at this git revision (commit, branch, tag, "
        "HEAD~3) instead of the working tree, which is left untouched: what had been "
        "recorded by then. Combine with --as-of for what those records said was true on a date.",
        show_default=False,
    ),
]


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

    write_atomic(output, text.encode("utf-8", "replace"))
