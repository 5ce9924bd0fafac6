"""`jgsw find QUERY`: search the standards by code, title, item, lead unit or document title."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jgsw_std.cli.common import AsOfOption, LangOption, RootOption, emit, parse_as_of, split_codes


def find(
    query: Annotated[
        str,
        typer.Argument(
            help="A code in any spelling (DB50/T 1056-2020, DB50T1056, 1056-2020) or words "
            "(物业 管理): every word must be found."
        ),
    ],
    area: Annotated[
        list[str] | None,
        typer.Option("--area", help="Only these areas (code or name); repeatable or a,b."),
    ] = None,
    level: Annotated[
        list[str] | None,
        typer.Option("--level", help="Only these levels (local, 地方标准...); repeatable or a,b."),
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            help="Only these states on --as-of: in-force 现行, upcoming 即将实施, repealed 废止, "
            "superseded 被代替, in-progress 制修订中, unknown 日期不详.",
        ),
    ] = None,
    in_force_at: Annotated[
        str | None,
        typer.Option("--in-force-at", help="Only standards in force on this date (YYYY-MM-DD)."),
    ] = None,
    owner: Annotated[
        list[str] | None,
        typer.Option("--owner", help="Only standards led by these units (slug or name)."),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="Show at most this many (default 20).")
    ] = 20,
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output: text or json.")] = "text",
    as_of: AsOfOption = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead.")
    ] = None,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """检索标准 / Find standards by code (any spelling), title, item, lead unit or document title.

    Results are ranked: an exact code first, then codes without their year,
    numbers, titles. Exit 1 with the nearest codes when nothing matches.
    """
    from jgsw_std.app.find import FindRequest, run_find
    from jgsw_std.i18n import resolve_lang
    from jgsw_std.output.find import WRITERS
    from jgsw_std.output.formats import writer_for

    language = resolve_lang(lang)
    writer = writer_for(WRITERS, fmt)
    result = run_find(
        FindRequest(
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
    )
    emit(writer(result, language), output)
    if not result.hits:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("find")(find)
