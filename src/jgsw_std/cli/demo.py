"""`jgsw demo DIR`: write a synthetic, clearly labelled warehouse."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jgsw_std.cli.common import LangOption


def demo(
    directory: Annotated[Path, typer.Argument(help="Folder to create (must be empty or absent).")],
    standards: Annotated[
        int, typer.Option("--standards", "-n", min=0, help="Number of synthetic standards.")
    ] = 200,
    seed: Annotated[int, typer.Option("--seed", help="Random seed; same seed, same files.")] = 1,
    history: Annotated[
        bool,
        typer.Option(
            "--history",
            help="Also create the git history of the warehouse: dated commits from 2021 by "
            "several invented authors, for jgsw history, diff and trend.",
        ),
    ] = False,
    commits: Annotated[
        int, typer.Option("--commits", min=2, help="Number of commits with --history.")
    ] = 240,
    lang: LangOption = None,
) -> None:
    """生成合成示例标准仓 / Write a synthetic demo warehouse (labelled as such in every file)."""
    from jgsw_std.demo.generator import build_demo, write_demo
    from jgsw_std.errors import UsageError
    from jgsw_std.i18n import pick, resolve_lang

    language = resolve_lang(lang)
    if directory.exists() and any(directory.iterdir()):
        raise UsageError(
            "demo_not_empty",
            zh=f"{directory} 不是空目录，为免覆盖已有文件，未写入。",
            en=f"{directory} is not empty; nothing was written, to avoid overwriting files.",
            hint_zh="换一个新目录名。",
            hint_en="Choose a new folder.",
        )
    generated = build_demo(standards, seed)
    count = write_demo(directory, generated)
    typer.echo(
        pick(
            language,
            f"已在 {directory} 生成合成示例标准仓：{count} 个文件"
            f"（{standards} 项虚构标准，种子 {seed}）。",
            f"Wrote a synthetic warehouse to {directory}: {count} files "
            f"({standards} invented standards, seed {seed}).",
        )
    )
    if history:
        from jgsw_std.demo.history import build_history

        made = build_history(directory, generated, commits=commits, seed=seed)
        typer.echo(
            pick(
                language,
                f"已生成 git 历史：{made.commits} 次提交（其中合并 {made.merges} 次），"
                f"{made.first} 至 {made.last}，{made.authors} 位虚构作者。",
                f"Created the git history: {made.commits} commits ({made.merges} merges), "
                f"{made.first} to {made.last}, {made.authors} invented authors.",
            )
        )


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
