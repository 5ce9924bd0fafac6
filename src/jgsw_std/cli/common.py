"""Options and helpers every command shares."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

# The helpers that need no typer live in cli/values.py (the cache's fast path
# uses them before typer starts); they are re-exported here for the commands.
from jgsw_std.cli.values import EARLIEST as EARLIEST
from jgsw_std.cli.values import LATEST as LATEST
from jgsw_std.cli.values import emit as emit
from jgsw_std.cli.values import parse_as_of as parse_as_of
from jgsw_std.cli.values import show as show
from jgsw_std.cli.values import split_codes as split_codes
from jgsw_std.cli.values import use_color as use_color

RootOption = Annotated[
    Path | None,
    typer.Option(
        "--root",
        help="Warehouse root (the folder holding data/). Default: JGSW_ROOT, "
        "else the nearest parent of the current folder that holds data/indicators.yaml.",
        show_default=False,
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of messages and reports: zh (default) or en. Also JGSW_LANG.",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Judge the records as of this date (YYYY-MM-DD): what the records say was "
        "true that day. Default: today.",
        show_default=False,
    ),
]

RevOption = Annotated[
    str | None,
    typer.Option(
        "--rev",
        help="Read the warehouse as recorded at this git revision (commit, branch, tag, "
        "HEAD~3) instead of the working tree, which is left untouched: what had been "
        "recorded by then. Combine with --as-of for what those records said was true on a date.",
        show_default=False,
    ),
]

NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Neither read nor write the cache of earlier runs (also JGSW_NO_CACHE=1); "
        "`jgsw cache clear` empties it.",
    ),
]


def apply_no_cache(no_cache: bool) -> None:
    """``--no-cache``: this run neither reads nor writes the cache."""
    if no_cache:
        from jgsw_std.load import cache

        cache.disable()
