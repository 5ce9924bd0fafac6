"""`jgsw demo DIR`: write a synthetic, clearly labelled warehouse."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jgsw_std.cli.common import LangOption, QuietOption


def demo(
    directory: Annotated[
        Path,
        typer.Argument(
            metavar="DIR",
            help="要创建的目录（须为空或不存在）。 / Folder to create (must be empty or absent).",
            show_default=False,
        ),
    ],
    standards: Annotated[
        int,
        typer.Option(
            "--standards",
            "-n",
            min=0,
            metavar="N",
            help="虚构标准的数量。 / Number of synthetic standards.",
        ),
    ] = 200,
    seed: Annotated[
        int,
        typer.Option(
            "--seed",
            metavar="N",
            help="随机种子：种子相同，文件相同。 / Random seed; same seed, same files.",
        ),
    ] = 1,
    history: Annotated[
        bool,
        typer.Option(
            "--history",
            help="同时生成 git 历史：2021 年起几位虚构作者的带日期提交，供 jgsw history、diff、"
            "trend 使用。 / Also create the git history of the warehouse: dated commits from 2021 "
            "by "
            "several invented authors, for jgsw history, diff and trend.",
        ),
    ] = False,
    commits: Annotated[
        int,
        typer.Option(
            "--commits",
            min=2,
            metavar="N",
            help="--history 的提交次数。 / Number of commits with --history.",
        ),
    ] = 240,
    lang: LangOption = None,
    quiet: QuietOption = False,
) -> None:
    """生成合成示例标准仓 / Write a synthetic demo warehouse (labelled as such in every file)."""
    from jgsw_std.app.demo import run_demo
    from jgsw_std.cli.progress import progress_bar
    from jgsw_std.i18n import resolve_lang
    from jgsw_std.output.edits import demo_text

    language = resolve_lang(lang)
    with progress_bar(language, quiet) as progress:
        result = run_demo(directory, standards, seed, history, commits, progress)
    typer.echo(demo_text(result, language), nl=False)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
