"""`jgsw check`: validate the warehouse and find its gaps and overdue duties."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jgsw_std.cli.common import (
    AsOfOption,
    LangOption,
    NoCacheOption,
    QuietOption,
    RevOption,
    RootOption,
    apply_no_cache,
)


def check(
    root: RootOption = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="输出格式：text（给人看）、json（文档化的结构）、github（Actions 注释）、"
            "gitlab（Code Quality 报告）、sarif（SARIF 2.1.0，用于代码扫描）。 / Output: text "
            "(people), json (documented shape), github (Actions annotations), gitlab (Code "
            "Quality report), sarif (SARIF 2.1.0, for code scanning).",
        ),
    ] = "text",
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="有警告而无错误时以 2 退出。 / Exit 2 when there are warnings but no errors.",
        ),
    ] = False,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            metavar="CODES",
            help="只看这些代码或前缀（D4、S101），可重复或用逗号分隔。 / Only these codes or "
            "prefixes (D4, S101); repeatable or a,b.",
            show_default=False,
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            metavar="CODES",
            help="跳过这些代码或前缀，可重复或用逗号分隔。 / Skip these codes or prefixes; "
            "repeatable or a,b.",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    rev: RevOption = None,
    changed_since: Annotated[
        str | None,
        typer.Option(
            "--changed-since",
            metavar="REV",
            help="只报告此 git 版本以来改动过的文件（提交、编辑和新文件）中的问题，以及这些改动在别"
            "处"
            "引起的问题；仍读取整个标准仓。拉取请求用 --changed-since origin/main。 / Report only "
            "problems in files changed since this git revision (commits, "
            "edits and new files) and the problems those changes cause elsewhere; the whole "
            "warehouse is still loaded. For pull requests: --changed-since origin/main.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="把检查结果写入此文件。 / Write the findings to this file.",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = None,
    quiet: QuietOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """校验标准仓 / Validate every file and cross-file rule; report problems.

    退出码：0 无问题，1 有错误，2 有警告（--strict 时），3 内部错误。
    Exit codes: 0 clean, 1 errors, 2 warnings with --strict, 3 internal error.
    """
    from jgsw_std.cli.check_line import check_line, run_line

    apply_no_cache(no_cache)
    line = check_line(root, fmt, select, ignore, as_of, rev, changed_since, output, lang)
    raise typer.Exit(run_line(line, quiet, strict))


def register(app: typer.Typer) -> None:
    app.command("check")(check)
