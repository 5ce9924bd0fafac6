"""`jgsw history CODE|SLUG|PATH`: who changed which field of a record, when and why."""

from __future__ import annotations

from typing import Annotated

import typer

from jgsw_std.cli.common import (
    LangOption,
    NoCacheOption,
    OutputOption,
    QuietOption,
    RootOption,
    apply_no_cache,
    emit,
)


def history(
    target: Annotated[
        list[str],
        typer.Argument(
            metavar="CODE|SLUG|PATH",
            help="标准编号（DB50/T 1056-2020，可不加引号）、文件 slug（db50-t-1056-2020）、"
            "地区 slug 或文件路径。 / A standard code (DB50/T 1056-2020, quotes optional), a "
            "file slug (db50-t-1056-2020), a district slug, or a file path.",
            show_default=False,
        ),
    ],
    root: RootOption = None,
    rev: Annotated[
        str,
        typer.Option(
            "--rev",
            metavar="REV",
            help="沿通向此版本的历史查找。 / Walk the history that leads to this revision.",
        ),
    ] = "HEAD",
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="输出格式：text、json 或 md（Markdown）。 / Output: text, json or md (Markdown).",
        ),
    ] = "text",
    output: OutputOption = None,
    lang: LangOption = None,
    quiet: QuietOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """记录的修改历史 / Every commit that changed a record, field by field, newest first."""
    apply_no_cache(no_cache)
    from jgsw_std.app.history import record_history
    from jgsw_std.cli.progress import progress_bar
    from jgsw_std.i18n import resolve_lang
    from jgsw_std.output.formats import writer_for
    from jgsw_std.output.history import WRITERS

    language = resolve_lang(lang)
    writer = writer_for(WRITERS, fmt)
    # the shell splits an unquoted "DB50/T 1056-2020" at the space: join it again
    with progress_bar(language, quiet) as progress:
        found = record_history(root, " ".join(target), rev, progress)
    emit(writer(found, language), output, language, quiet)


def register(app: typer.Typer) -> None:
    app.command("history")(history)
