"""`jgsw diff [BASE [HEAD]]`: what changed in substance between two revisions."""

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
)


def diff(
    base: Annotated[
        str | None,
        typer.Argument(
            help="Revision to compare from. Default: the merge base with the default branch "
            "(GITHUB_BASE_REF, origin/HEAD, main or master) when there is one, else HEAD~1.",
            show_default=False,
        ),
    ] = None,
    head: Annotated[
        str | None,
        typer.Argument(
            help="Revision to compare to. Default: the working tree.", show_default=False
        ),
    ] = None,
    root: RootOption = None,
    as_of: AsOfOption = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="Output: text, json, or md (to post as a pull-request comment)."
        ),
    ] = "text",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead.")
    ] = None,
    max_chars: Annotated[
        int,
        typer.Option(
            "--max-chars",
            min=0,
            help="Keep --format md within N characters (GitHub refuses comments over 65,536): "
            "indicators and new problems first, then records by area, then how many were "
            "left out. 0: no limit.",
        ),
    ] = 60_000,
    lang: LangOption = None,
    quiet: QuietOption = False,
) -> None:
    """语义差异 / Records added, removed, moved and changed field by field; problems
    introduced and fixed; indicators that moved."""
    from jgsw_std.app.diff import diff_revisions
    from jgsw_std.cli.progress import progress_bar
    from jgsw_std.i18n import resolve_lang
    from jgsw_std.output.diff import WRITERS
    from jgsw_std.output.formats import writer_for

    language = resolve_lang(lang)
    writer = writer_for(WRITERS, fmt)
    day = parse_as_of(as_of)
    with progress_bar(language, quiet) as progress:
        result = diff_revisions(root, base, head, day, progress)
    emit(writer(result, language, max_chars), output, language, quiet)


def register(app: typer.Typer) -> None:
    app.command("diff")(diff)
