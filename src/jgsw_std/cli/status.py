"""`jgsw status`: the plan's indicators as of a date, for the city, a region or a district."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jgsw_std.cli.common import (
    AsOfOption,
    GroupingOption,
    LangOption,
    NoCacheOption,
    OutputOption,
    QuietOption,
    RevOption,
    RootOption,
    ScopeOption,
    apply_no_cache,
    parse_as_of,
    show,
)
from jgsw_std.cli.values import view_of


def status(
    root: RootOption = None,
    as_of: AsOfOption = None,
    rev: RevOption = None,
    scope: ScopeOption = "city",
    grouping_as_of: GroupingOption = None,
    indicator: Annotated[
        int | None,
        typer.Option(
            "--indicator",
            "-i",
            metavar="N",
            help="只看这一项指标（序号）。 / Only this indicator (its number).",
            show_default=False,
        ),
    ] = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="列出每项指标背后的记录：不利的、缺日期的，以及补上什么即可判定。 / List the "
            "records behind each indicator: those counted against it, the ones with dates "
            "missing, and what would settle it.",
        ),
    ] = False,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="输出格式：text（表格）或 json（见 docs/status.md）。 / Output: text (a table) "
            "or json (docs/status.md).",
        ),
    ] = "text",
    indicators: Annotated[
        Path | None,
        typer.Option(
            "--indicators",
            metavar="FILE",
            help="改用另一个规划的指标文件（如“十五五”规划），代替 data/indicators.yaml。 / "
            "Another plan's indicators file (e.g. the 15th plan's), instead of "
            "data/indicators.yaml.",
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    lang: LangOption = None,
    quiet: QuietOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """指标完成情况 / The plan's indicators as of a date: value, target, status, why."""
    from jgsw_std.app.finished import Finished
    from jgsw_std.app.status import StatusOutcome, StatusRequest, finish_status
    from jgsw_std.cli.progress import progress_bar
    from jgsw_std.i18n import resolve_lang
    from jgsw_std.output.formats import writer_for
    from jgsw_std.output.status import WRITERS, data_error_note

    apply_no_cache(no_cache)
    language = resolve_lang(lang)
    writer = writer_for(WRITERS, fmt)
    request = StatusRequest(
        root=root,
        as_of=parse_as_of(as_of),
        scope=scope,
        indicator=indicator,
        indicators_path=indicators,
        rev=rev,
        grouping_as_of=parse_as_of(grouping_as_of, "--grouping-as-of") if grouping_as_of else None,
    )
    view = view_of(fmt, language, output, width_matters=True)

    def render(outcome: StatusOutcome) -> Finished:
        note = data_error_note(outcome.data_errors, language) + "\n" if outcome.data_errors else ""
        return Finished(writer(outcome, language, explain=explain, color=view.color), note)

    with progress_bar(language, quiet) as progress:
        done = finish_status(request, view, explain, render, progress)
    show(done, output, language, quiet, note_first=True)


def register(app: typer.Typer) -> None:
    app.command("status")(status)
