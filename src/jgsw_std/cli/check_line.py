"""`jgsw check` from its option values to its exit code, without typer.

The typer command (cli/check.py) and the cache's fast path (cli/fast.py) both
run a check through here, so a check the fast path could not answer from the
cache runs at once, without starting typer (about 70 ms on every changed
run), and prints exactly what the typer command prints. :func:`check_line`
reads the options in the order the command always has (language, format,
--as-of, --select, --ignore), so the first bad one is the one reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jgsw_std.app.check import CheckRequest
    from jgsw_std.app.finished import View
    from jgsw_std.output.check import Writer


@dataclass(frozen=True)
class CheckLine:
    """A check command line, read and found valid: what to run and how to show it."""

    request: CheckRequest
    view: View
    writer: Writer
    fmt: str
    lang: str
    output: Path | None


def check_line(
    root: Path | None,
    fmt: str,
    select: list[str] | None,
    ignore: list[str] | None,
    as_of: str | None,
    rev: str | None,
    changed_since: str | None,
    output: Path | None,
    lang: str | None,
) -> CheckLine:
    """The run a check command line asks for; a bad value stops it (UsageError)."""
    from jgsw_std.app.check import CheckRequest
    from jgsw_std.cli.values import parse_as_of, split_codes, view_of
    from jgsw_std.i18n import resolve_lang
    from jgsw_std.output.check import WRITERS
    from jgsw_std.output.formats import writer_for
    from jgsw_std.rules.runner import require_known_codes

    language = resolve_lang(lang)
    writer = writer_for(WRITERS, fmt)
    request = CheckRequest(
        root=root,
        as_of=parse_as_of(as_of),
        select=require_known_codes(split_codes(select), "--select"),
        ignore=require_known_codes(split_codes(ignore), "--ignore"),
        changed_since=changed_since,
        rev=rev,
    )
    return CheckLine(request, view_of(fmt, language, output), writer, fmt, language, output)


def run_line(line: CheckLine, quiet: bool, strict: bool) -> int:
    """Run the check (or take it from the cache), print it, and return the exit code."""
    from jgsw_std.app.check import CheckOutcome, exit_code, finish_check
    from jgsw_std.app.finished import Finished
    from jgsw_std.cli.progress import progress_bar
    from jgsw_std.cli.values import show
    from jgsw_std.output.check import FindingsContext, summary_line

    view = line.view

    def render(outcome: CheckOutcome) -> Finished:
        ctx = FindingsContext(
            result=outcome.result,
            counts=outcome.warehouse.counts,
            lang=line.lang,
            root=str(outcome.warehouse.root or ""),
            as_of=outcome.as_of.isoformat(),
            color=view.color,
        )
        err = summary_line(ctx) + "\n" if view.to_file and line.fmt != "text" else ""
        result = outcome.result
        return Finished(line.writer(ctx), err, result.errors, result.warnings)

    with progress_bar(line.lang, quiet) as progress:
        done = finish_check(line.request, view, render, progress)
    show(done, line.output, line.lang, quiet)
    return exit_code(done, strict)
