"""`jgsw report`: the evaluation report as one HTML file (or Markdown)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jgsw_std.cli.common import (
    AsOfOption,
    GroupingOption,
    LangOption,
    NoCacheOption,
    QuietOption,
    RevOption,
    RootOption,
    ScopeOption,
    apply_no_cache,
    parse_as_of,
)


def report(
    root: RootOption = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="html（单个自包含文件：离线可用，可打印为 A4）、md（GitHub/GitLab Markdown）"
            "或 json（模板收到的数据）。 / html (one self-contained file: works offline, prints "
            "on A4), md (GitHub/GitLab Markdown), or json (the data templates receive).",
        ),
    ] = "html",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="要写入的文件；'-' 输出到标准输出。默认：标准仓根目录下 reports/ 中的 "
            "jgsw-report-<范围>-<日期>.<格式>（git 忽略该目录）。 / File to write; '-' prints to "
            "stdout. Default: reports/jgsw-report-<scope>-<as-of>.<format> under the warehouse "
            "root (a folder git ignores).",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    scope: ScopeOption = "city",
    grouping_as_of: GroupingOption = None,
    lang: LangOption = None,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            metavar="PATH",
            help="自己的模板文件，或与 templates/ 结构相同的目录（html/、md/）；缺少的部分取默认模"
            "板。"
            " / Your own template file, or a folder laid out like templates/ "
            "(html/, md/); what it lacks comes from the defaults.",
            show_default=False,
        ),
    ] = None,
    indicators: Annotated[
        Path | None,
        typer.Option(
            "--indicators",
            metavar="FILE",
            help="改用另一个规划的指标文件（如“十五五”规划的目标），代替 data/indicators.yaml。 / "
            "Another plan's indicators file (e.g. the 15th plan's targets) instead of "
            "data/indicators.yaml.",
            show_default=False,
        ),
    ] = None,
    rev: RevOption = None,
    quiet: QuietOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """生成评估报告 / Write the report: indicators, framework, catalogue, duties, districts.

    中文字体：HTML 报告用本机的中文字体显示；没有中文字体的服务器上汉字会显示为方框。
    Debian/Ubuntu 安装 fonts-noto-cjk（sudo apt-get install fonts-noto-cjk），
    Windows 和 macOS 自带中文字体。jgsw report 在 Linux 上找不到中文字体时会提醒。

    Fonts: the HTML report shows Chinese in the reader's fonts; on a server with
    no CJK font every character is a box. Debian/Ubuntu: install fonts-noto-cjk;
    Windows and macOS have one built in. On Linux, jgsw report warns when it
    finds none.
    """
    apply_no_cache(no_cache)
    from jgsw_std.app.report import ReportRequest, make_report
    from jgsw_std.cli.progress import progress_bar
    from jgsw_std.cli.values import emit, emit_parts
    from jgsw_std.fsutil import ignored_folder
    from jgsw_std.i18n import resolve_lang
    from jgsw_std.output.formats import writer_for
    from jgsw_std.output.report import (
        WRITERS,
        checks_warning,
        default_folder,
        default_name,
        done_message,
        font_warning,
        format_name,
        link_files,
    )

    language = resolve_lang(lang)
    name = format_name(fmt)
    writer = writer_for(WRITERS, name)
    request = ReportRequest(
        root=root,
        fmt=name,
        as_of=parse_as_of(as_of),
        scope=scope,
        lang=language,
        template=template,
        indicators=indicators,
        rev=rev,
        grouping_as_of=parse_as_of(grouping_as_of, "--grouping-as-of") if grouping_as_of else None,
    )
    to_stdout = output is not None and str(output) == "-"
    text = ""
    with progress_bar(language, quiet) as progress:
        outcome = make_report(request, progress)
        target = None
        if not to_stdout:
            target = output or ignored_folder(default_folder(outcome)) / default_name(outcome)
        link_files(outcome, target)  # documents' files, relative to where it is written
        parts = writer(outcome.context, template)
        with progress.step("排版", "laying out"):
            if target is None:
                text = "".join(parts)  # whole, so that a failing template prints nothing
            else:
                # written as the template makes it (memory at 50,000 standards); the
                # line below says where it went
                size = emit_parts(parts, target)
    if target is None:
        emit(text)
        return
    if not quiet:
        typer.echo(done_message(outcome, target, language, size))
    for warning in (checks_warning(outcome, language), font_warning(outcome, language)):
        if warning:
            typer.echo(warning, err=True)


def register(app: typer.Typer) -> None:
    app.command("report")(report)
