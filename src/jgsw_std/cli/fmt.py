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
            metavar="PATH",
            help="data/ 下的文件或目录（默认整个 data/）。 / Files or folders under data/ "
            "(default: all of data/).",
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="不修改，只列出需要格式化的文件并以 1 退出。 / Change nothing; list the files "
            "that would change and exit 1.",
        ),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option("--diff", help="同时显示将要修改的内容。 / Also print what would change."),
    ] = False,
    root: RootOption = None,
    lang: LangOption = None,
    quiet: QuietOption = False,
) -> None:
    """格式化数据文件 / Rewrite files in the canonical form, keeping every comment.

    规范格式：首行为编辑器提示（modeline），键按数据约定排序，字符串除非必要不加引号（必要时用双引号），
    日期写成 YYYY-MM-DD，缩进两格。退出码：0 无需修改（或已完成），1 有文件需要格式化（--check）、
    无法格式化，或给出的路径不存在、不在 data/ 下、不是 YAML。

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
    if result.write_error is not None:
        typer.echo(f"jgsw fmt: {result.write_error.text(language)}", err=True)
    typer.echo(fmt_summary(result, language), err=True)
    raise typer.Exit(1 if result.failed else 0)


def register(app: typer.Typer) -> None:
    app.command("fmt")(fmt)
