"""`jgsw due`: the duties as a calendar, what falls due in the next days, by owner district."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jgsw_std.cli.common import (
    AsOfOption,
    LangOption,
    QuietOption,
    RootOption,
    emit,
    parse_as_of,
    split_codes,
)


def due(
    root: RootOption = None,
    days: Annotated[
        int,
        typer.Option("--days", "-n", min=0, help="How far ahead to look, in days (default 90)."),
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
        str, typer.Option("--format", "-f", help="Output: text (people), json or csv.")
    ] = "text",
    as_of: AsOfOption = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead.")
    ] = None,
    lang: LangOption = None,
    quiet: QuietOption = False,
) -> None:
    """到期事项 / Reviews, evaluations, planned publications and yearly work falling due, by owner.

    For a bureau's monthly planning. First a summary: duties due within --days
    of --as-of (today included), newly overdue (since --since, default --days
    back) and long overdue, by kind and by unit. Then the duties due and the
    newly overdue, by unit; the long overdue only with --all. JSON and CSV hold
    every duty counted, each with its standing.
    """
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
