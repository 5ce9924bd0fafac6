"""`jgsw export`: the 体系明细表 and the indicator table as xlsx, csv or json."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jgsw_std.cli.common import (
    AsOfOption,
    LangOption,
    NoCacheOption,
    QuietOption,
    RootOption,
    apply_no_cache,
)


def export(
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="xlsx、csv 或 json（json 的取值一律用代码，不随语言变化）。 / xlsx, csv or json "
            "(json values are codes, whatever the language).",
        ),
    ] = "xlsx",
    table: Annotated[
        str,
        typer.Option(
            "--table",
            "-t",
            metavar="TABLE",
            help="standards（体系明细表）、indicators（指标表）、experts（专家库）、materials"
            "（资料库）、feedback（信息反馈）或 all（全部）。 / standards, indicators, experts, "
            "materials, feedback or all.",
        ),
    ] = "all",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="要写入的文件（xlsx 必须指定；其他格式默认输出到屏幕，-o - 亦然）。 / File to "
            "write (required for xlsx; else stdout, also with -o -).",
            show_default=False,
        ),
    ] = None,
    include_private: Annotated[
        bool,
        typer.Option(
            "--include-private",
            help="同时导出个人信息（专家的电话和邮箱）。 / Also export personal data "
            "(experts' phone and email).",
        ),
    ] = False,
    as_of: AsOfOption = None,
    root: RootOption = None,
    lang: LangOption = None,
    quiet: QuietOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """导出体系明细表、指标表和台账 / Export the standards, indicators and registries.

    xlsx：每个表一个工作表（jgsw import 可读回体系明细表和各台账）。csv：一个表（默认体系明细表）。
    json：{"standards": [...], "indicators": [...], ...}，取值一律用数据约定的代码，不随 --lang
    变化。all 包括标准仓已有的台账；专家联系方式仅在加 --include-private 时导出。

    xlsx: one sheet per table (jgsw import reads the 体系明细表 and registry sheets back).
    csv: one table (default standards). json: {"standards": [...], "indicators": [...], ...},
    every value a code of the data contract (level: industry), whatever --lang says.
    `all` adds the registries the warehouse keeps. Experts' contact details are left
    out unless --include-private is given.
    """
    apply_no_cache(no_cache)
    from jgsw_std.app.export import TABLES, run_export
    from jgsw_std.cli.common import emit, parse_as_of
    from jgsw_std.cli.progress import progress_bar
    from jgsw_std.errors import UsageError
    from jgsw_std.fsutil import size_text, write_atomic
    from jgsw_std.i18n import pick, resolve_lang
    from jgsw_std.output.table import FORMATS, to_csv, to_json, to_xlsx

    language = resolve_lang(lang)
    if fmt not in FORMATS or table not in TABLES:
        raise UsageError(
            "bad_export",
            zh=f"--format 可选 {'、'.join(FORMATS)}；--table 可选 {'、'.join(TABLES)}。",
            en=f"--format is one of {', '.join(FORMATS)}; --table one of {', '.join(TABLES)}.",
        )
    if fmt == "csv" and table == "all":
        table = "standards"  # a csv file holds one table
    if output is not None and str(output) == "-":  # -o - is stdout, as for jgsw report
        if fmt == "xlsx":
            raise UsageError(
                "xlsx_not_stdout",
                zh="xlsx 是二进制文件，不能输出到标准输出（-o -）；请用 -o 指定文件名，"
                "或改用 -f csv / -f json。",
                en="xlsx is a binary file and cannot go to stdout (-o -); give a file name "
                "with -o, or use -f csv / -f json.",
            )
        output = None
    if fmt == "xlsx" and output is None:
        raise UsageError(
            "xlsx_needs_output",
            zh="xlsx 需要用 -o 指定文件，例如 -o 体系明细表.xlsx。",
            en="xlsx needs a file: -o standards.xlsx.",
        )
    day = parse_as_of(as_of)
    data: bytes | None = None
    with progress_bar(language, quiet) as progress:
        outcome = run_export(
            root,
            day,
            language,
            table,
            codes=fmt == "json",
            progress=progress,
            include_private=include_private,
        )
        tables = outcome.tables
        if fmt == "xlsx":
            with progress.step("写入工作簿", "writing the workbook"):
                data = to_xlsx(tables, language)
    if fmt == "csv":
        text = to_csv(tables[0], language)
        if output is None:
            emit(text)
        else:
            data = b"\xef\xbb\xbf" + text.encode("utf-8", "replace")  # BOM: Excel reads UTF-8
    elif fmt == "json":
        text = to_json(tables)
        if output is None:
            emit(text)
        else:
            data = text.encode("utf-8")
    if output is not None and data is not None:
        write_atomic(output, data)
    if outcome.left_out:
        left_out = outcome.left_out
        typer.echo(
            pick(
                language,
                f"注意：有 {left_out} 个文件未通过校验，其内容未导出；运行 jgsw check 查看原因。",
                f"note: {left_out} file{' was' if left_out == 1 else 's were'} left out of "
                "the export (failed validation); run jgsw check to see why.",
            ),
            err=True,
        )
    if output is not None and data is not None and not quiet:
        rows = sum(len(t.rows) for t in tables)
        size = size_text(len(data))
        typer.echo(
            pick(
                language,
                f"已导出 {rows} 行到 {output}（{size}）。",
                f"Exported {rows} rows to {output} ({size}).",
            ),
            err=True,
        )


def register(app: typer.Typer) -> None:
    app.command("export")(export)
