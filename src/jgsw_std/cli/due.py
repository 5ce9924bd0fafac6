"""`jgsw due`: the duties as a calendar, what falls due in the next days, by owner district."""

from __future__ import annotations

from typing import Annotated

import typer

from jgsw_std.cli.common import (
    AsOfOption,
    LangOption,
    NoCacheOption,
    OutputOption,
    QuietOption,
    RootOption,
    apply_no_cache,
    emit,
    parse_as_of,
    split_codes,
)


def due(
    root: RootOption = None,
    days: Annotated[
        int,
        typer.Option(
            "--days",
            "-n",
            min=0,
            metavar="N",
            help="向后看多少天（默认 90）。 / How far ahead to look, in days (default 90).",
        ),
    ] = 90,
    owner: Annotated[
        list[str] | None,
        typer.Option(
            "--district",
            "--owner",
            metavar="SLUG",
            help="只看这些单位（地区文件的 slug，如 shapingba；市级为 chongqing），"
            "可重复或用逗号分隔。 / Only these units (district slugs, e.g. shapingba; the city "
            "is chongqing); repeatable or a,b. --owner is the same option.",
            show_default=False,
        ),
    ] = None,
    overdue: Annotated[
        bool,
        typer.Option(
            "--overdue/--no-overdue",
            help="计入已逾期事项（默认），或只看尚未到期的。 / Count overdue duties (default), "
            "or only those still ahead.",
        ),
    ] = True,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help="此日以来逾期的算“新近逾期”并逐项列出，更早的算“长期逾期”只计数；默认为统计日期前 "
            "--days 天。 / Duties overdue since this day are newly overdue and listed; older "
            "ones are long overdue and counted. Default: --as-of minus --days.",
            show_default=False,
        ),
    ] = None,
    show_all: Annotated[
        bool,
        typer.Option(
            "--all",
            help="也逐项列出长期逾期的事项。 / Also list the long-overdue duties one by one.",
        ),
    ] = False,
    limit: Annotated[
        int,
        typer.Option(
            "--limit",
            min=0,
            metavar="N",
            help="最多列出 N 项（0 为不限）；汇总照常计数。 / List at most N duties (0: no "
            "limit); the summary counts them all.",
        ),
    ] = 0,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="输出格式：text（给人看）、json 或 csv。 / Output: text (people), json or csv.",
        ),
    ] = "text",
    as_of: AsOfOption = None,
    output: OutputOption = None,
    lang: LangOption = None,
    quiet: QuietOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """到期事项 / Reviews, evaluations, planned publications and yearly work falling due, by owner.

    用于各单位的月度工作安排。先列汇总：--as-of 起 --days 天内到期（含当天）、新近逾期
    （--since 以来，默认往前 --days 天）和长期逾期的事项，按事项和单位计数；再按单位列出
    到期和新近逾期的事项；长期逾期的只在 --all 时列出。JSON 和 CSV 含全部事项及各自的状态。

    For a bureau's monthly planning. First a summary: duties due within --days
    of --as-of (today included), newly overdue (since --since, default --days
    back) and long overdue, by kind and by unit. Then the duties due and the
    newly overdue, by unit; the long overdue only with --all. JSON and CSV hold
    every duty counted, each with its standing.
    """
    apply_no_cache(no_cache)
    from jgsw_std.app.due import DueRequest, run_due
    from jgsw_std.cli.progress import progress_bar
    from jgsw_std.i18n import resolve_lang
    from jgsw_std.output.due import WRITERS
    from jgsw_std.output.formats import writer_for

    language = resolve_lang(lang)
    writer = writer_for(WRITERS, fmt)
    request = DueRequest(
        root,
        parse_as_of(as_of),
        days,
        split_codes(owner),
        include_overdue=overdue,
        since=parse_as_of(since, "--since") if since else None,
        show_all=show_all,
        limit=limit,
    )
    with progress_bar(language, quiet) as progress:
        calendar = run_due(request, progress)
    text = writer(calendar, language)
    if fmt == "csv" and output is not None:
        text = "\ufeff" + text  # a byte-order mark, so that Excel reads the Chinese as UTF-8
    emit(text, output, language, quiet)


def register(app: typer.Typer) -> None:
    app.command("due")(due)
