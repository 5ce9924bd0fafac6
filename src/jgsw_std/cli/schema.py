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
            "--output", "-o", help="Folder to write to (default: schemas/ in the warehouse)."
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Write nothing; exit 1 if the folder's schemas are out of date."
        ),
    ] = False,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """生成编辑器用的 JSON Schema / Write the JSON Schema of each file kind.

    Editors with a YAML language server (VS Code + Red Hat YAML) read the
    `# yaml-language-server: $schema=...` line at the top of each data file and
    complete fields, show descriptions and flag errors as you type.
    """
    from jgsw_std.edit.schemas import all_schemas
    from jgsw_std.errors import JgswError
    from jgsw_std.fsutil import write_atomic
    from jgsw_std.i18n import pick, resolve_lang
    from jgsw_std.app.open import open_warehouse

    language = resolve_lang(lang)
    try:
        wh = open_warehouse(root)
    except JgswError:
        if output is None:
            raise
        wh = None  # no warehouse: generic schemas without this framework's areas
    target = (
        output if output is not None else (wh.root if wh and wh.root else Path.cwd()) / "schemas"
    )
    texts = all_schemas(wh.framework if wh is not None and wh.framework.areas else None)
    stale = [
        name
        for name, text in texts.items()
        if not (target / name).is_file() or (target / name).read_text("utf-8") != text
    ]
    if check:
        for name in stale:
            typer.echo(
                pick(language, f"需要更新：{target / name}", f"out of date: {target / name}")
            )
        if stale:
            typer.echo(
                pick(
                    language, "运行 jgsw schema 重新生成。", "Run jgsw schema to regenerate them."
                ),
                err=True,
            )
        raise typer.Exit(1 if stale else 0)
    for name in stale:
        write_atomic(target / name, texts[name].encode("utf-8"))
    typer.echo(
        pick(
            language,
            f"已写入 {target}：{len(texts)} 个 Schema（更新 {len(stale)} 个）。",
            f"Wrote {len(texts)} schemas to {target} ({len(stale)} updated).",
        )
    )


def register(app: typer.Typer) -> None:
    app.command("schema")(schema)
