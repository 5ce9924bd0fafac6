"""`jgsw fmt [PATHS] [--check]`: one canonical form for every warehouse file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jgsw_std.cli.common import LangOption, QuietOption, RootOption


def fmt(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders under data/ (default: all of data/).", show_default=False
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Change nothing; list the files that would change and exit 1."
        ),
    ] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Also print what would change.")] = False,
    root: RootOption = None,
    lang: LangOption = None,
    quiet: QuietOption = False,
) -> None:
    """格式化数据文件 / Rewrite files in the canonical form, keeping every comment.

    Canonical: modeline first, keys in data-contract order, plain strings unless
    quoting is needed (then double quotes), dates YYYY-MM-DD, two-space indentation.
    Exit codes: 0 nothing to do (or done), 1 files would change (--check), could not be
    formatted, or a path given does not exist, is outside data/ or is not YAML.
    """
    from jgsw_std.app.fmt import run_fmt
    from jgsw_std.cli.progress import progress_bar
    from jgsw_std.i18n import resolve_lang
    from jgsw_std.output.edits import fmt_lines, fmt_summary

    language = resolve_lang(lang)
    with progress_bar(language, quiet) as progress:
        result = run_fmt(root, paths or [], check, progress)
    for outcome in result.errors:
        assert outcome.error is not None
        typer.echo(f"jgsw fmt: {outcome.error.text(language)}", err=True)
    typer.echo(fmt_lines(result, language, diff=diff), nl=False)
    typer.echo(fmt_summary(result, language), err=True)
    raise typer.Exit(1 if result.failed else 0)


def register(app: typer.Typer) -> None:
    app.command("fmt")(fmt)
