"""`jgsw status`: the plan's indicators as of a date, for the city, a region or a district."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jgsw_std.cli.common import (
    AsOfOption,
    LangOption,
    RevOption,
    RootOption,
    emit,
    parse_as_of,
    use_color,
)


def status(
    root: RootOption = None,
    as_of: AsOfOption = None,
    rev: RevOption = None,
    scope: Annotated[
        str,
        typer.Option(
            "--scope",
            help="city (default), region:main-urban|northeast|southeast, "
            "subregion:central|new, or district:SLUG.",
        ),
    ] = "city",
    grouping_as_of: Annotated[
        str | None,
        typer.Option(
            "--grouping-as-of",
            help="Read regions and subregions as grouped on this date (default: the plan's "
            "grouping_date, else its start).",
        ),
    ] = None,
    indicator: Annotated[
        int | None, typer.Option("--indicator", "-i", help="Only this indicator (its number).")
    ] = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="List the records behind each indicator: those counted against it, the "
            "ones with dates missing, and what would settle it.",
        ),
    ] = False,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="Output: text (a table) or json (docs/status.md).")
    ] = "text",
    indicators: Annotated[
        Path | None,
        typer.Option(
            "--indicators",
            help="Another plan's indicators file (e.g. the 15th plan's), instead of "
            "data/indicators.yaml.",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead.")
    ] = None,
    lang: LangOption = None,
) -> None:
    """指标完成情况 / The plan's indicators as of a date: value, target, status, why."""
    from jgsw_std.app.status import StatusRequest, run_status
    from jgsw_std.i18n import resolve_lang
    from jgsw_std.output.formats import writer_for
    from jgsw_std.output.status import WRITERS, data_error_note

    language = resolve_lang(lang)
    writer = writer_for(WRITERS, fmt)
    outcome = run_status(
        StatusRequest(
            root=root,
            as_of=parse_as_of(as_of),
            scope=scope,
            indicator=indicator,
            indicators_path=indicators,
            rev=rev,
            grouping_as_of=parse_as_of(grouping_as_of, "--grouping-as-of")
            if grouping_as_of
            else None,
        )
    )
    if outcome.data_errors:
        typer.echo(data_error_note(outcome.data_errors, language), err=True)
    color = fmt == "text" and output is None and use_color()
    emit(writer(outcome, language, explain=explain, color=color), output)


def register(app: typer.Typer) -> None:
    app.command("status")(status)
