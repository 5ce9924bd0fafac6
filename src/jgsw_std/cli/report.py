"""`jgsw report`: the evaluation report as one HTML file (or Markdown)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jgsw_std.cli.common import AsOfOption, LangOption, RevOption, RootOption, parse_as_of


def report(
    root: RootOption = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="html (one self-contained file: works offline, prints on A4), md "
            "(GitHub/GitLab Markdown), or json (the data templates receive).",
        ),
    ] = "html",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write; '-' prints to stdout. "
            "Default: jgsw-report-<scope>-<as-of>.<format> in the current folder.",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    scope: Annotated[
        str,
        typer.Option(
            "--scope",
            help="city, region:main-urban|northeast|southeast, subregion:central|new "
            "or district:<slug>.",
        ),
    ] = "city",
    grouping_as_of: Annotated[
        str | None,
        typer.Option(
            "--grouping-as-of",
            help="Read regions and subregions as grouped on this date (default: the plan's "
            "grouping_date, else its start).",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = None,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            help="Your own template file, or a folder laid out like templates/ "
            "(html/, md/); what it lacks comes from the defaults.",
            show_default=False,
        ),
    ] = None,
    indicators: Annotated[
        Path | None,
        typer.Option(
            "--indicators",
            help="Another plan's indicators file (e.g. the 15th plan's targets) instead of "
            "data/indicators.yaml.",
            show_default=False,
        ),
    ] = None,
    rev: RevOption = None,
) -> None:
    """生成评估报告 / Write the report: indicators, framework, catalogue, duties, districts."""
    from jgsw_std.app.report import ReportRequest, make_report
    from jgsw_std.cli.common import emit
    from jgsw_std.i18n import resolve_lang
    from jgsw_std.output.formats import writer_for
    from jgsw_std.output.report import (
        WRITERS,
        checks_warning,
        default_name,
        done_message,
        format_name,
    )

    language = resolve_lang(lang)
    name = format_name(fmt)
    writer = writer_for(WRITERS, name)
    outcome = make_report(
        ReportRequest(
            root=root,
            fmt=name,
            as_of=parse_as_of(as_of),
            scope=scope,
            lang=language,
            template=template,
            indicators=indicators,
            rev=rev,
            grouping_as_of=parse_as_of(grouping_as_of, "--grouping-as-of")
            if grouping_as_of
            else None,
        )
    )
    text = writer(outcome.context, template)
    if output is not None and str(output) == "-":
        emit(text)
        return
    target = output or Path(default_name(outcome))
    emit(text, target)
    typer.echo(done_message(outcome, target, language))
    warning = checks_warning(outcome, language)
    if warning:
        typer.echo(warning, err=True)


def register(app: typer.Typer) -> None:
    app.command("report")(report)
