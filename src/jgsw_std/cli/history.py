"""`jgsw history CODE|SLUG|PATH`: who changed which field of a record, when and why."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jgsw_std.cli.common import LangOption, QuietOption, RootOption, emit


def history(
    target: Annotated[
        list[str],
        typer.Argument(
            help='A standard code ("DB50/T 1056-2020"), a file slug (db50-t-1056-2020), '
            "a district slug, or a file path. An unquoted code split by the shell "
            "(DB50/T 1056-2020) is joined with a space again.",
            show_default=False,
        ),
    ],
    root: RootOption = None,
    rev: Annotated[
        str, typer.Option("--rev", help="Walk the history that leads to this revision.")
    ] = "HEAD",
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="Output: text, json or md (Markdown).")
    ] = "text",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead.")
    ] = None,
    lang: LangOption = None,
    quiet: QuietOption = False,
) -> None:
    """记录的修改历史 / Every commit that changed a record, field by field, newest first."""
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
