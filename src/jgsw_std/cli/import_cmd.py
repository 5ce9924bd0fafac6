"""`jgsw import PATH.xlsx`: standards from a 体系明细表 workbook; diff first, --apply writes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jgsw_std.cli.common import LangOption, RootOption


def import_sheet(
    path: Annotated[Path, typer.Argument(help="The workbook (.xlsx), as jgsw export writes it.")],
    apply: Annotated[
        bool, typer.Option("--apply", help="Write the changes (default: only show them).")
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Also print the line diff of each file.")
    ] = False,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """从体系明细表导入标准 / Create or update standard files from a workbook.

    Shows what would change, field by field; writes only with --apply, and then
    all files or none. Unknown columns and unreadable cells are reported by
    sheet, row and column, and stop the import.
    """
    from jgsw_std.edit.sheet_import import describe_plan, plan_import
    from jgsw_std.edit.safe import apply_changes
    from jgsw_std.output.table import read_xlsx
    from jgsw_std.errors import UsageError
    from jgsw_std.i18n import pick, resolve_lang
    from jgsw_std.app.open import open_warehouse

    language = resolve_lang(lang)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(
            "no_workbook", zh=f"无法读取 {path}：{exc}", en=f"cannot read {path}: {exc}"
        ) from None
    try:
        sheets = read_xlsx(data)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise UsageError(
            "not_xlsx",
            zh=f"{path} 不是可读取的 xlsx 工作簿（{type(exc).__name__}）。",
            en=f"{path} is not a readable xlsx workbook ({type(exc).__name__}).",
        ) from None
    wh = open_warehouse(root)
    plan = plan_import(wh, sheets)
    typer.echo(describe_plan(plan, language), nl=False)
    if diff:
        for change in plan.file_changes:
            typer.echo(change.diff(), nl=False)
    if not plan.records:
        return
    if not apply:
        typer.echo(
            pick(
                language,
                "未写入；确认无误后加 --apply 写入。",
                "Nothing written; add --apply to write these changes.",
            ),
            err=True,
        )
        return
    assert wh.root is not None
    count = apply_changes(wh.root, plan.file_changes)
    typer.echo(pick(language, f"已写入 {count} 个文件。", f"Wrote {count} files."), err=True)


def register(app: typer.Typer) -> None:
    app.command("import")(import_sheet)
