"""Answer a repeated `check`, `status` or `trend` from the cache before typer starts.

Typer turns every option value with pydantic, which alone costs more than a
remembered answer should (about 80 ms of imports). A plain command line of
`check`, `status` or `trend` is read here instead, the request and the view are built
with the same functions the typer commands use, and a finished result found
in the cache is printed. Anything else goes to typer as usual: another
command, an option spelt in a way this reader does not take (``-fjson``, a
value starting with ``-``), ``--help``, ``--no-cache``, a value it cannot
read, or simply no finished result to be had. So this reader never has to
refuse anything properly; typer does that.

The option tables below repeat the names the typer commands declare (and
the root command's, which may come before the command: ``jgsw --lang en -q
check``); tests/cli/test_cache_cli.py fails when the two drift apart. An
option given both before and after the command counts as typer counts it:
the command's own value wins, and ``--quiet`` anywhere is quiet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path

from jgsw_std.errors import JgswError

#: option as written -> (parameter name, takes a value, may be repeated)
Spelling = tuple[str, bool, bool]

#: The root command's options (cli/common.root_command), without --version.
ROOT_OPTIONS: dict[str, Spelling] = {
    "--root": ("root", True, False),
    "--lang": ("lang", True, False),
    "--quiet": ("quiet", False, False),
    "-q": ("quiet", False, False),
}

_COMMON: dict[str, Spelling] = {
    "--root": ("root", True, False),
    "--as-of": ("as_of", True, False),
    "--rev": ("rev", True, False),
    "--format": ("fmt", True, False),
    "-f": ("fmt", True, False),
    "--output": ("output", True, False),
    "-o": ("output", True, False),
    "--lang": ("lang", True, False),
    "--quiet": ("quiet", False, False),
    "-q": ("quiet", False, False),
    "--no-cache": ("no_cache", False, False),
}

CHECK_OPTIONS: dict[str, Spelling] = {
    **_COMMON,
    "--strict": ("strict", False, False),
    "--select": ("select", True, True),
    "--ignore": ("ignore", True, True),
    "--changed-since": ("changed_since", True, False),
}

STATUS_OPTIONS: dict[str, Spelling] = {
    **_COMMON,
    "--scope": ("scope", True, False),
    "--grouping-as-of": ("grouping_as_of", True, False),
    "--indicator": ("indicator", True, False),
    "-i": ("indicator", True, False),
    "--explain": ("explain", False, False),
    "--indicators": ("indicators", True, False),
}

TREND_OPTIONS: dict[str, Spelling] = {
    "--every": ("every", True, False),
    "--since": ("since", True, False),
    "--until": ("until", True, False),
    "--scope": ("scope", True, False),
    "--rev": ("rev", True, False),
    "--root": ("root", True, False),
    "--format": ("fmt", True, False),
    "-f": ("fmt", True, False),
    "--output": ("output", True, False),
    "-o": ("output", True, False),
    "--lang": ("lang", True, False),
    "--quiet": ("quiet", False, False),
    "-q": ("quiet", False, False),
    "--no-cache": ("no_cache", False, False),
}

Values = dict[str, object]
#: A server's answer: an exit code (a hit, printed), None (typer's to run), or the run
#: to make once the lookup is over (a miss it can run itself)
Answer = int | None | Callable[[], int]


def read_options(args: list[str], table: Mapping[str, Spelling]) -> Values | None:
    """The option values of ``args``, or None for anything this reader does not take."""
    values: Values = {}
    index = 0
    while index < len(args):
        arg = args[index]
        name, _, inline = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        spelling = table.get(name)
        if spelling is None:
            return None  # a positional argument, --help, -fjson, a mistake: typer's to answer
        param, takes_value, repeated = spelling
        if not takes_value:
            if "=" in arg:
                return None
            values[param] = True
            index += 1
            continue
        if "=" in arg:
            value = inline
        else:
            if index + 1 >= len(args):
                return None
            value = args[index + 1]
            index += 1
        if value.startswith("-"):
            return None
        index += 1
        if repeated:
            values.setdefault(param, [])
            values[param].append(value)  # type: ignore[attr-defined]  # a list, made above
        elif param in values:
            return None  # given twice: let typer decide which wins
        else:
            values[param] = value
    return values


def serve(argv: list[str]) -> int | None:
    """Print a remembered result for this command line and return its exit code, or None.

    A plain `check` that is not remembered runs here too, without typer
    (cli/check_line.py, which the typer command runs as well).
    """
    before, command, after = _split(argv)
    if command not in _SERVERS:
        return None
    table, server = _SERVERS[command]
    given = read_options(before, ROOT_OPTIONS)
    values = read_options(after, table)
    if given is None or values is None or values.get("no_cache"):
        return None
    for name, value in given.items():  # the command's own value wins (common._from_root)
        if not values.get(name):
            values[name] = value
    from jgsw_std.load import scan

    try:
        if command in _SCANNED and not values.get("rev") and not values.get("changed_since"):
            from jgsw_std.load.root import find_root

            # list and stat the files on a thread while this one imports the rest
            scan.start(find_root(_path(values, "root")))
        answer = server(values)
    except JgswError:
        return None  # typer runs the command and says what is wrong
    finally:
        scan.finish()  # nothing left running (a miss goes on to load, and may fork)
    # a miss this reader can run itself: its errors are the run's, reported as typer's are
    return answer() if callable(answer) else answer


def _split(argv: list[str]) -> tuple[list[str], str | None, list[str]]:
    """The root options before the command, the command, and what follows it."""
    index = 0
    while index < len(argv):
        arg = argv[index]
        spelling = ROOT_OPTIONS.get(arg.partition("=")[0] if arg.startswith("--") else arg)
        if spelling is None:
            break
        index += 2 if spelling[1] and "=" not in arg else 1
    if index >= len(argv) or argv[index].startswith("-"):
        return [], None, []  # --version, --help, a mistake: typer's to answer
    return argv[:index], argv[index], argv[index + 1 :]


def _path(values: Values, name: str) -> Path | None:
    value = values.get(name)
    return Path(str(value)) if value is not None else None


def _text(values: Values, name: str, default: str | None = None) -> str | None:
    value = values.get(name, default)
    return None if value is None else str(value)


def _check(values: Values) -> Answer:
    from jgsw_std.app.check import CheckRequest, cached_check, exit_code
    from jgsw_std.cli.values import parse_as_of, show, split_codes, view_of
    from jgsw_std.i18n import resolve_lang

    output = _path(values, "output")
    request = CheckRequest(
        root=_path(values, "root"),
        as_of=parse_as_of(_text(values, "as_of")),
        select=split_codes(values.get("select")),  # type: ignore[arg-type]  # list of str
        ignore=split_codes(values.get("ignore")),  # type: ignore[arg-type]
        changed_since=_text(values, "changed_since"),
        rev=_text(values, "rev"),
    )
    view = view_of(
        _text(values, "fmt", "text") or "text", resolve_lang(_text(values, "lang")), output
    )
    done = cached_check(request, view)
    if done is None:
        return _run_check(values)
    show(done, output, view.lang, bool(values.get("quiet")))
    return exit_code(done, bool(values.get("strict")))


def _run_check(values: Values) -> Callable[[], int]:
    """The check to run for a miss: read as the typer command reads it (a bad value: typer's)."""
    from jgsw_std.cli.check_line import check_line, run_line

    line = check_line(
        _path(values, "root"),
        _text(values, "fmt", "text") or "text",
        values.get("select"),  # type: ignore[arg-type]  # list of str
        values.get("ignore"),  # type: ignore[arg-type]
        _text(values, "as_of"),
        _text(values, "rev"),
        _text(values, "changed_since"),
        _path(values, "output"),
        _text(values, "lang"),
    )
    quiet, strict = bool(values.get("quiet")), bool(values.get("strict"))
    return lambda: run_line(line, quiet, strict)


def _status(values: Values) -> int | None:
    from jgsw_std.app.status import StatusRequest, cached_status
    from jgsw_std.cli.values import parse_as_of, show, view_of
    from jgsw_std.i18n import resolve_lang

    indicator = _text(values, "indicator")
    if indicator is not None and not indicator.isdigit():
        return None
    output = _path(values, "output")
    request = StatusRequest(
        root=_path(values, "root"),
        as_of=parse_as_of(_text(values, "as_of")),
        scope=_text(values, "scope", "city") or "city",
        indicator=int(indicator) if indicator is not None else None,
        indicators_path=_path(values, "indicators"),
        rev=_text(values, "rev"),
        grouping_as_of=_grouping(values),
    )
    fmt = _text(values, "fmt", "text") or "text"
    view = view_of(fmt, resolve_lang(_text(values, "lang")), output, width_matters=True)
    done = cached_status(request, view, bool(values.get("explain")))
    if done is None:
        return None
    show(done, output, view.lang, bool(values.get("quiet")), note_first=True)
    return 0


def _grouping(values: Values) -> dt.date | None:
    from jgsw_std.cli.values import parse_as_of

    text = _text(values, "grouping_as_of")
    return parse_as_of(text, "--grouping-as-of") if text else None


def _trend(values: Values) -> int | None:
    from jgsw_std.app.trend import cached_trend
    from jgsw_std.cli.values import show, trend_request, view_of
    from jgsw_std.i18n import resolve_lang

    output = _path(values, "output")
    request = trend_request(
        _path(values, "root"),
        _text(values, "every", "year") or "year",
        _text(values, "since"),
        _text(values, "until"),
        _text(values, "rev", "HEAD") or "HEAD",
        _text(values, "scope", "city") or "city",
    )
    fmt = _text(values, "fmt", "text") or "text"
    view = view_of(fmt, resolve_lang(_text(values, "lang")), output)
    done = cached_trend(request, view)
    if done is None:
        return None
    show(done, output, view.lang, bool(values.get("quiet")))
    return 0


#: Commands whose lookup lists and stats the working tree's files (trend reads git).
_SCANNED = ("check", "status")

_SERVERS: dict[str, tuple[Mapping[str, Spelling], Callable[[Values], Answer]]] = {
    "check": (CHECK_OPTIONS, _check),
    "status": (STATUS_OPTIONS, _status),
    "trend": (TREND_OPTIONS, _trend),
}
