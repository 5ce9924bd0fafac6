"""`jgsw find QUERY`: search the standards by code, title, item, lead unit or document title."""

from __future__ import annotations

from typing import Annotated

import typer

from jgsw_std.cli.common import (
    AsOfOption,
    LangOption,
    OutputOption,
    QuietOption,
    RootOption,
    emit,
    parse_as_of,
    split_codes,
)


def find(
    query: Annotated[
        str,
        typer.Argument(
            metavar="QUERY",
            help="标准号（任意写法：DB50/T 1056-2020、DB50T1056、1056-2020）或词语（物业 管理），"
            "每个词都须命中。 / A code in any spelling (DB50/T 1056-2020, DB50T1056, 1056-2020) "
            "or words (物业 管理): every word must be found.",
        ),
    ],
    area: Annotated[
        list[str] | None,
        typer.Option(
            "--area",
            metavar="AREA",
            help="只看这些领域（代码或名称），可重复或写作 a,b。 / Only these areas (code or "
            "name); repeatable or a,b.",
            show_default=False,
        ),
    ] = None,
    level: Annotated[
        list[str] | None,
        typer.Option(
            "--level",
            metavar="LEVEL",
            help="只看这些级别（local、地方标准等），可重复或写作 a,b。 / Only these levels "
            "(local, 地方标准...); repeatable or a,b.",
            show_default=False,
        ),
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            metavar="STATE",
            help="只看 --as-of 当日处于这些状态的：in-force 现行、upcoming 即将实施、"
            "repealed 废止、superseded 被代替、in-progress 制修订中、unknown 日期不详。 / "
            "Only these states on "
            "--as-of: in-force, upcoming, repealed, superseded, in-progress, unknown.",
            show_default=False,
        ),
    ] = None,
    in_force_at: Annotated[
        str | None,
        typer.Option(
            "--in-force-at",
            metavar="DATE",
            help="只看该日（YYYY-MM-DD）现行的标准。 / Only standards in force on this date "
            "(YYYY-MM-DD).",
            show_default=False,
        ),
    ] = None,
    owner: Annotated[
        list[str] | None,
        typer.Option(
            "--owner",
            metavar="UNIT",
            help="只看这些单位牵头的标准（代号或名称）。 / Only standards led by these units "
            "(slug or name).",
            show_default=False,
        ),
    ] = None,
    limit: Annotated[
        int,
        typer.Option(
            "--limit",
            "-n",
            min=1,
            metavar="N",
            help="最多显示多少条。 / Show at most this many.",
        ),
    ] = 20,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="输出格式：text 或 json。 / Output: text or json.",
        ),
    ] = "text",
    as_of: AsOfOption = None,
    output: OutputOption = None,
    root: RootOption = None,
    lang: LangOption = None,
    quiet: QuietOption = False,
) -> None:
    """检索标准 / Find standards by code (any spelling), title, item, lead unit or document title.

    Results are ranked: an exact code first, then codes without their year,
    numbers, titles. Exit 1 with the nearest codes when nothing matches.
    """
    from jgsw_std.app.find import FindRequest, run_find
    from jgsw_std.cli.progress import progress_bar
    from jgsw_std.i18n import resolve_lang
    from jgsw_std.output.find import WRITERS
    from jgsw_std.output.formats import writer_for

    language = resolve_lang(lang)
    writer = writer_for(WRITERS, fmt)
    request = FindRequest(
        query=query,
        root=root,
        areas=split_codes(area),
        levels=split_codes(level),
        statuses=split_codes(status),
        owners=split_codes(owner),
        in_force_at=parse_as_of(in_force_at, "--in-force-at") if in_force_at else None,
        as_of=parse_as_of(as_of),
        limit=limit,
    )
    with progress_bar(language, quiet) as progress:
        result = run_find(request, progress)
    emit(writer(result, language), output)
    if not result.hits:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("find")(find)
