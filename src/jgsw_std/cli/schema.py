"""`jgsw schema [-o DIR] [--check]`: JSON Schema for editors, one file per kind."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jgsw_std.cli.common import LangOption, RootOption


def schema(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="DIR",
            help="写入的目录（默认为标准仓中的 schemas/）。 / Folder to write to (default: "
            "schemas/ in the warehouse).",
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="不写入；目录中的 schema 过时则以 1 退出。 / Write nothing; exit 1 if the "
            "folder's schemas are out of date.",
        ),
    ] = False,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """生成编辑器用的 JSON Schema / Write the JSON Schema of each file kind.

    装有 YAML 语言服务器的编辑器（VS Code + Red Hat YAML）读取每个数据文件首行的
    `# yaml-language-server: $schema=...`，在输入时补全字段、显示说明并标出错误。

    Editors with a YAML language server (VS Code + Red Hat YAML) read the
    `# yaml-language-server: $schema=...` line at the top of each data file and
    complete fields, show descriptions and flag errors as you type.
    """
    from jgsw_std.app.schema import run_schema
    from jgsw_std.i18n import pick, resolve_lang
    from jgsw_std.output.edits import schema_stale_lines, schema_written_text

    language = resolve_lang(lang)
    result = run_schema(root, output, check)
    if check:
        typer.echo(schema_stale_lines(result, language), nl=False)
        if result.stale:
            typer.echo(
                pick(
                    language, "运行 jgsw schema 重新生成。", "Run jgsw schema to regenerate them."
                ),
                err=True,
            )
        raise typer.Exit(1 if result.stale else 0)
    typer.echo(schema_written_text(result, language))


def register(app: typer.Typer) -> None:
    app.command("schema")(schema)
