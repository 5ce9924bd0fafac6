"""Options and helpers every command shares."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

# The helpers that need no typer live in cli/values.py (the cache's fast path
# uses them before typer starts); they are re-exported here for the commands.
from jgsw_std.cli.values import EARLIEST as EARLIEST
from jgsw_std.cli.values import LATEST as LATEST
from jgsw_std.cli.values import emit as emit
from jgsw_std.cli.values import emit_bytes as emit_bytes
from jgsw_std.cli.values import join_split_codes as join_split_codes
from jgsw_std.cli.values import parse_as_of as parse_as_of
from jgsw_std.cli.values import show as show
from jgsw_std.cli.values import split_codes as split_codes
from jgsw_std.cli.values import use_color as use_color
from jgsw_std.cli.values import wrote_line as wrote_line


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

NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="不读也不写以前运行留下的缓存（也可设 JGSW_NO_CACHE=1）；`jgsw cache clear` 清空缓存。"
        " / Neither read nor write the cache of earlier runs (also JGSW_NO_CACHE=1); "
        "`jgsw cache clear` empties it.",
    ),
]


def apply_no_cache(no_cache: bool) -> None:
    """``--no-cache``: this run neither reads nor writes the cache."""
    if no_cache:
        from jgsw_std.load import cache

        cache.disable()


def _version(value: bool) -> None:
    if value:
        from jgsw_std import __version__

        sys.stdout.write(f"jgsw {__version__}\n")
        raise typer.Exit(0)


def root_command(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="显示版本。 / Print the version."
        ),
    ] = False,
    root: RootOption = None,
    lang: LangOption = None,
    quiet: QuietOption = False,
) -> None:
    """标准仓工具 / standards warehouse toolkit.

    --root, --lang and --quiet may come before the command (jgsw --lang en check)
    or after it (jgsw check --lang en); the commands read them from here.
    """
