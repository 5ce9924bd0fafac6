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
            "--owner", help="Only these owners (district slugs, e.g. shapingba); repeatable or a,b."
        ),
    ] = None,
    overdue: Annotated[
        bool,
        typer.Option(
            "--overdue/--no-overdue",
            help="Include duties already overdue (default), or only those still ahead.",
        ),
    ] = True,
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

    For a bureau's monthly planning: every duty due within --days of --as-of
    (default today), overdue ones first, grouped by the district that owns it.
    """
    from jgsw_std.app.due import DueRequest, run_due
    from jgsw_std.cli.progress import progress_bar
    from jgsw_std.i18n import resolve_lang
    from jgsw_std.output.due import WRITERS
    from jgsw_std.output.formats import writer_for

    language = resolve_lang(lang)
    writer = writer_for(WRITERS, fmt)
    request = DueRequest(
        root, parse_as_of(as_of), days, split_codes(owner), include_overdue=overdue
    )
    with progress_bar(language, quiet) as progress:
        calendar = run_due(request, progress)
    text = writer(calendar, language)
    if fmt == "csv" and output is not None:
        text = "\ufeff" + text  # a byte-order mark, so that Excel reads the Chinese as UTF-8
    emit(text, output, language, quiet)


def register(app: typer.Typer) -> None:
    app.command("due")(due)
