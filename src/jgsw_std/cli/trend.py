"""`jgsw trend`: the indicators at the end of each month, quarter or year, from git."""

from __future__ import annotations

from typing import Annotated

import typer

from jgsw_std.cli.common import (
    LangOption,
    NoCacheOption,
    OutputOption,
    QuietOption,
    RootOption,
    ScopeOption,
    apply_no_cache,
    show,
)
from jgsw_std.cli.values import trend_request, view_of


def trend(
    every: Annotated[
        str,
        typer.Option(
            "--every",
            metavar="PERIOD",
            help="周期：month（月）、quarter（季度）或 year（年）。 / Period: month, quarter or "
            "year.",
        ),
    ] = "year",
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help="起始日期（YYYY-MM-DD）；默认为规划开始日期。 / First day of the range "
            "(YYYY-MM-DD). Default: the plan's start.",
            show_default=False,
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            metavar="DATE",
            help="截止日期（YYYY-MM-DD）；默认今天。 / Last day of the range (YYYY-MM-DD). "
            "Default: today.",
            show_default=False,
        ),
    ] = None,
    scope: ScopeOption = "city",
    rev: Annotated[
        str,
        typer.Option(
            "--rev",
            metavar="REV",
            help="沿通向此版本的历史计算。 / Follow the history that leads to this revision.",
        ),
    ] = "HEAD",
    root: RootOption = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="输出格式：text（表格）、json 或 csv。 / Output: text (a table), json or csv.",
        ),
    ] = "text",
    output: OutputOption = None,
    lang: LangOption = None,
    quiet: QuietOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """指标趋势 / Indicator values at each period's end, each read from the commit current then."""
    apply_no_cache(no_cache)
    from jgsw_std.app.finished import Finished
    from jgsw_std.app.trend import finish_trend
    from jgsw_std.cli.progress import progress_bar
    from jgsw_std.history.trend import Trend
    from jgsw_std.i18n import resolve_lang
    from jgsw_std.output.formats import writer_for
    from jgsw_std.output.trend import WRITERS

    language = resolve_lang(lang)
    writer = writer_for(WRITERS, fmt)
    request = trend_request(root, every, since, until, rev, scope)

    def render(result: Trend) -> Finished:
        return Finished(writer(result, language))

    with progress_bar(language, quiet) as progress:
        done = finish_trend(request, view_of(fmt, language, output), render, progress)
    show(done, output, language, quiet)


def register(app: typer.Typer) -> None:
    app.command("trend")(trend)
