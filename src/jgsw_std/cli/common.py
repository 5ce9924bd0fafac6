"""Options and helpers every command shares."""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from jgsw_std.errors import UsageError


def _from_root(ctx: typer.Context, param: typer.CallbackParam, value: Any) -> Any:
    """An option given before the command (``jgsw --lang en check``) counts after it too.

    The command's own value wins; without one, the root command's (see cli/app.py).
    """
    if value not in (None, False):
        return value
    top = ctx.find_root()
    return top.params.get(param.name or "", value) if top is not ctx else value


RootOption = Annotated[
    Path | None,
    typer.Option(
        "--root",
        metavar="DIR",
        callback=_from_root,
        help="标准仓根目录（含 data/ 的目录）；默认取 JGSW_ROOT，否则从当前目录向上查找 "
        "data/indicators.yaml。 / Warehouse root (the folder holding data/). Default: "
        "JGSW_ROOT, else the nearest parent of the current folder that holds "
        "data/indicators.yaml.",
        show_default=False,
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="zh|en",
        callback=_from_root,
        help="消息和报告的语言：zh（默认）或 en；也可设 JGSW_LANG。 / Language of messages "
        "and reports: zh (default) or en. Also JGSW_LANG.",
        show_default=False,
    ),
]
QuietOption = Annotated[
    bool,
    typer.Option(
        "--quiet",
        "-q",
        callback=_from_root,
        help="不显示进度条和“已写入”提示（警告和错误照常显示）。 / No progress bar and no "
        '"wrote FILE" line (warnings and errors still show).',
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="按此日期（YYYY-MM-DD）判断：记录表明当天的情况如何；默认今天。 / Judge the records "
        "as of this date (YYYY-MM-DD): what the records say was true that day. Default: today.",
        show_default=False,
    ),
]

RevOption = Annotated[
    str | None,
    typer.Option(
        "--rev",
        metavar="REV",
        help="读取某个 git 版本（提交、分支、标签、HEAD~3）中记录的标准仓，不动工作区："
        "当时已记录的内容；与 --as-of 合用，即当时的记录所表明的某日情况。 / Read the "
        "warehouse as recorded at "
        "this git revision (commit, branch, tag, HEAD~3) instead of the working tree, which "
        "is left untouched: what had been recorded by then. Combine with --as-of for what "
        "those records said was true on a date.",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="写入此文件，而不是输出到屏幕。 / Write to this file instead.",
        show_default=False,
    ),
]
ScopeOption = Annotated[
    str,
    typer.Option(
        "--scope",
        metavar="SCOPE",
        help="范围：city（全市，默认）、region:main-urban|northeast|southeast（区域）、"
        "subregion:central|new（分区）或 district:SLUG（单个区县）。 / city (default), "
        "region:main-urban|northeast|southeast, subregion:central|new, or district:SLUG.",
    ),
]


GroupingOption = Annotated[
    str | None,
    typer.Option(
        "--grouping-as-of",
        metavar="DATE",
        help="按该日期的一区两群划分统计区域和分区（默认：规划的 grouping_date，否则规划开始日）。"
        " / Read regions and subregions as grouped on this date (default: the plan's "
        "grouping_date, else its start).",
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
    from jgsw_std.model.codes import CodeError, parse_code

    out: list[str] = []
    index = 0
    while index < len(argv):
        head = argv[index]
        if index + 1 < len(argv) and _CODE_HEAD.match(head) and _CODE_TAIL.match(argv[index + 1]):
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


def wrote_line(path: Path, size: int, lang: str) -> str:
    """``已写入 FILE（12.3 KB）`` / ``wrote FILE (12.3 KB)``."""
    from jgsw_std.fsutil import size_text

    if lang == "en":
        return f"wrote {path} ({size_text(size)})"
    return f"已写入 {path}（{size_text(size)}）"


def emit_bytes(data: bytes, output: Path, lang: str | None = None, quiet: bool = False) -> None:
    """Write ``data`` atomically to ``output`` and say so on stderr.

    The "wrote" line is left out with ``quiet`` or without ``lang`` (a caller
    that reports the file its own way).
    """
    from jgsw_std.fsutil import write_atomic

    write_atomic(output, data)
    if lang is not None and not quiet:
        typer.echo(wrote_line(output, len(data), lang), err=True)


def emit(
    text: str, output: Path | None = None, lang: str | None = None, quiet: bool = False
) -> None:
    """Print to stdout, or write the file atomically when -o is given (see emit_bytes)."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    emit_bytes(text.encode("utf-8", "replace"), output, lang, quiet)
