"""`jgsw import PATH.xlsx`: standards and registries from a workbook; diff first, --apply writes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jgsw_std.cli.common import LangOption, QuietOption, RootOption


def import_sheet(
    path: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="工作簿（.xlsx），格式同 jgsw export 的输出。 / The workbook (.xlsx), as jgsw "
            "export writes it.",
            show_default=False,
        ),
    ],
    apply: Annotated[
        bool,
        typer.Option(
            "--apply",
            help="写入修改（默认只显示）。 / Write the changes (default: only show them).",
        ),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option(
            "--diff", help="同时显示每个文件的逐行差异。 / Also print the line diff of each file."
        ),
    ] = False,
    root: RootOption = None,
    lang: LangOption = None,
    quiet: QuietOption = False,
) -> None:
    """从体系明细表和台账导入 / Create or update standard and registry files from a workbook.

    读取体系明细表，以及专家库、资料库、信息反馈工作表（按表名或列名识别）。
    逐字段显示将要修改的内容；只有加 --apply 才写入，且要么全部写入，要么一个也不写。
    未知的列和无法读取的单元格按工作表、行、列报告，并中止导入。

    Reads the 体系明细表 sheet and the 专家库, 资料库 and 信息反馈 sheets (by name,
    or by their columns). Shows what would change, field by field; writes only
    with --apply, and then all files or none. Unknown columns and unreadable
    cells are reported by sheet, row and column, and stop the import.
    """
    from jgsw_std.app.import_sheet import run_import
    from jgsw_std.cli.progress import progress_bar
    from jgsw_std.edit.sheet_import import describe_plan
    from jgsw_std.i18n import resolve_lang
    from jgsw_std.output.edits import not_applied_text, wrote_files_text

    language = resolve_lang(lang)
    with progress_bar(language, quiet) as progress:
        outcome = run_import(root, path, apply, progress)
    for plan in outcome.plans:
        typer.echo(describe_plan(plan, language), nl=False)
        if diff:
            for change in plan.file_changes:
                typer.echo(change.diff(), nl=False)
    if not outcome.changed:
        return
    if outcome.written is None:
        typer.echo(not_applied_text(language), err=True)
        return
    typer.echo(wrote_files_text(outcome.written, language), err=True)


def register(app: typer.Typer) -> None:
    app.command("import")(import_sheet)
