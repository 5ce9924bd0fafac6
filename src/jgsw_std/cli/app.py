"""The jgsw command: the one error boundary.

Exit codes: 0 clean, 1 errors (in the data, or a run that cannot start),
2 warnings under --strict (or a malformed command line, typer's usage error),
3 a bug in jgsw.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import sys
from collections.abc import Callable

# pydantic scans installed packages' entry points for plugins when it is first
# imported (about 10 ms); jgsw uses none, so skip the scan before typer imports it.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import typer

EXIT_OK, EXIT_ERRORS, EXIT_WARNINGS, EXIT_BUG = 0, 1, 2, 3

#: Command name -> the module that registers it, in the order people meet them:
#: judge, explain, report; then history; then editing.
COMMANDS = {
    "check": "check",
    "explain": "explain",
    "status": "status",
    "report": "report",
    "due": "due",
    "find": "find",
    "site": "site",
    "history": "history",
    "diff": "diff",
    "trend": "trend",
    "new": "new",
    "record": "record",
    "fmt": "fmt",
    "schema": "schema",
    "export": "export",
    "import": "import_cmd",
    "demo": "demo",
    "cache": "cache",
}


def _root_callback() -> Callable[..., None]:
    """The root command: --version, and --root, --lang and --quiet before the command.

    Made in cli/common.py with the options it shares with the commands, so that
    typer is imported only when used (never for a remembered result).
    """
    from jgsw_std.cli.common import root_command

    return root_command


#: Options of the root command that take a value (skipped to find the command).
ROOT_VALUED = ("--root", "--lang")
ROOT_FLAGS = ("--quiet", "-q")


def _command_in(argv: list[str]) -> str | None:
    """The command a command line runs, if it names one; None for root options or help."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg in ROOT_VALUED:
            skip = True  # its value follows
            continue
        if arg in ROOT_FLAGS or arg.startswith(tuple(f"{o}=" for o in ROOT_VALUED)):
            continue
        if arg.startswith("-"):
            return None  # --help, --version or a mistake: typer answers with every command
        return arg if arg in COMMANDS else None
    return None


def build_app(argv: list[str]) -> typer.Typer:
    """The typer app for this command line.

    Only the command being run is registered (all of them for help, a bare
    ``jgsw`` or an unknown name): typer converts every registered command's
    parameters on each run, and the others' modules need not be imported,
    about 40 ms of every start-up. typer itself is imported here, not with
    this module: a result remembered in the cache is printed without it.
    """
    import typer

    app = typer.Typer(
        name="jgsw",
        help="标准仓工具：校验、统计指标、出报告、审计历史。\n\n"
        "Standards warehouse toolkit for government-affairs administration "
        "standardization: check, indicators, reports, history.",
        no_args_is_help=True,
        # --install-completion / --show-completion: the shell asks `jgsw` itself for
        # completions with no command named, so every command is registered then.
        add_completion=True,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    from jgsw_std.cli.helptext import tidy_help

    tidy_help(rendering=not argv or any(a in ("-h", "--help") for a in argv))
    app.callback()(_root_callback())
    command = _command_in(argv)
    for module in [COMMANDS[command]] if command else COMMANDS.values():
        # Command modules import only typer at module level; the heavy work
        # lives in the functions.
        importlib.import_module(f"jgsw_std.cli.{module}").register(app)
    return app


def build_command(argv: list[str]) -> Any:
    """The click command of :func:`build_app`, with the help typer adds made bilingual."""
    import typer.main

    from jgsw_std.cli.helptext import completion_help

    command = typer.main.get_command(build_app(argv))
    completion_help(command)
    return command


def _fix_console_encoding() -> None:
    """Never crash on a console that cannot show a character (GBK on Windows).

    Chinese is in GBK; symbols such as ✓ are not: a console replaces what it
    cannot show. Output that goes to a file or a pipe is UTF-8 whatever the
    locale, because that is what JSON, CSV, SARIF and HTML readers expect.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        isatty = getattr(stream, "isatty", None)
        to_console = bool(isatty and isatty())
        with contextlib.suppress(ValueError, OSError):  # exotic streams keep their setting
            if stream is sys.stdout and not to_console:
                reconfigure(encoding="utf-8", errors="replace")
            else:
                reconfigure(errors="replace")


def _lang_from_argv(argv: list[str]) -> str:
    """The language for messages from the boundary itself (a bad --lang: Chinese)."""
    from jgsw_std.errors import UsageError
    from jgsw_std.i18n import resolve_lang

    value: str | None = None
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
    try:
        return resolve_lang(value)
    except UsageError:
        return resolve_lang(None)  # the command itself reports the bad value


def run(argv: list[str] | None = None, *, leave_writes: bool = False) -> int:
    """Run jgsw with ``argv`` and return the exit code; never raises.

    What the run has to add to the cache is written before it returns, unless
    ``leave_writes`` (the caller then calls ``cache.flush``, as :func:`main`
    does once the output is out).
    """
    from jgsw_std.cli.values import join_split_codes

    args = join_split_codes(list(sys.argv[1:] if argv is None else argv))
    lang = _lang_from_argv(args)
    from jgsw_std.load import cache

    cache.reset(lang)
    try:
        return _run(args, lang)
    finally:
        if not leave_writes:
            cache.flush()
        # what the run learnt (listings, blob ids) must not outlive it in this
        # process: the next caller may have written files meanwhile
        cache.forget_memos()


def _run(args: list[str], lang: str) -> int:
    from jgsw_std.errors import JgswError
    from jgsw_std.load import cache

    # A run builds hundreds of thousands of small acyclic objects (parsed YAML,
    # models) and then ends; the cyclic collector would walk them again and
    # again for nothing (about 0.6 s of a 10,000-standard check). Reference
    # counting still frees everything that is dropped.
    gc.disable()
    try:
        if cache.enabled():
            from jgsw_std.cli.fast import serve

            served = serve(args)  # a remembered result, printed before typer even starts
            if served is not None:
                return served
        # standalone mode: typer prints usage errors itself and exits with 2
        build_command(args)(args=args, prog_name="jgsw")
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else EXIT_ERRORS)
    except JgswError as exc:
        label = "error" if lang == "en" else "错误"
        sys.stderr.write(f"jgsw: {label}: {exc.text(lang)}\n")
        hint = exc.hint(lang)
        if hint:
            sys.stderr.write(f"  {hint}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the boundary: a bug, said plainly, without a wall of traceback
        _report_bug(exc, lang)
        return EXIT_BUG
    return EXIT_OK


def _report_bug(exc: Exception, lang: str) -> None:
    import os
    import traceback

    if os.environ.get("JGSW_DEBUG"):
        traceback.print_exc()
    frames = traceback.extract_tb(exc.__traceback__) if exc.__traceback__ else []
    place = ""
    if frames:
        last = frames[-1]
        place = f" ({os.path.basename(last.filename)}:{last.lineno})"
    if lang == "en":
        sys.stderr.write(
            f"jgsw: internal error, this is a bug in jgsw: {type(exc).__name__}: {exc}{place}\n"
            "  Please report it with the command you ran; JGSW_DEBUG=1 shows the traceback.\n"
        )
    else:
        sys.stderr.write(
            f"jgsw: 内部错误，这是 jgsw 的缺陷：{type(exc).__name__}: {exc}{place}\n"
            "  请连同所运行的命令一起反馈；设置 JGSW_DEBUG=1 可显示详细的调用栈。\n"
        )


def main() -> None:
    _fix_console_encoding()
    code = run(leave_writes=True)
    # Leave without tearing the interpreter down: finalization runs a full
    # garbage collection and frees every object one by one, about 0.15 s after
    # a 10,000-standard check, for memory the system takes back anyway. Every
    # file jgsw writes is closed (and renamed into place) before run() returns;
    # only the standard streams may still hold output.
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    # The output is out: now fill the cache (a large write in a detached process).
    from jgsw_std.load import cache

    with contextlib.suppress(Exception):
        cache.flush(detach=True)
    os._exit(code)
