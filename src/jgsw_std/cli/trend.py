"""`jgsw trend`: the indicators at the end of each month, quarter or year, from git."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jgsw_std.cli.common import LangOption, NoCacheOption, RootOption, apply_no_cache, show
from jgsw_std.cli.values import trend_request, view_of


def trend(
    every: Annotated[str, typer.Option("--every", help="Period: month, quarter or year.")] = "year",
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="First day of the range (YYYY-MM-DD). Default: the plan's start.",
            show_default=False,
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            help="Last day of the range (YYYY-MM-DD). Default: today.",
            show_default=False,
        ),
    ] = None,
    scope: Annotated[
        str,
        typer.Option(
            "--scope",
            help="city (default), region:main-urban|northeast|southeast, "
            "subregion:central|new, or district:SLUG.",
        ),
    ] = "city",
    rev: Annotated[
        str, typer.Option("--rev", help="Follow the history that leads to this revision.")
    ] = "HEAD",
    root: RootOption = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="Output: text (a table), json or csv.")
    ] = "text",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead.")
    ] = None,
    lang: LangOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """指标趋势 / Indicator values at each period's end, each read from the commit current then."""
    apply_no_cache(no_cache)
    from jgsw_std.app.finished import Finished
    from jgsw_std.app.trend import finish_trend
    from jgsw_std.history.trend import Trend
    from jgsw_std.i18n import resolve_lang
    from jgsw_std.output.formats import writer_for
    from jgsw_std.output.trend import WRITERS

    language = resolve_lang(lang)
    writer = writer_for(WRITERS, fmt)
    request = trend_request(root, every, since, until, rev, scope)

    def render(result: Trend) -> Finished:
        return Finished(writer(result, language))

    show(finish_trend(request, view_of(fmt, language, output), render), output)


def register(app: typer.Typer) -> None:
    app.command("trend")(trend)
