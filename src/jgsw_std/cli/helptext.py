"""What `--help` shows: bilingual help, and value names people expect.

Every option's help is written "中文 / English" where it is declared. What
typer itself adds is fixed here, once, for every command: the help option's
own line (``-h, --help``), the completion options' lines, the type column of
flags, which recent typer fills with a Python type name (``<bool>``) although
a flag takes no value, and the wrapping of Chinese, which has no spaces to
break at: rich would cut a long run of it short with "…"; folded instead, no
word of the help is lost. Options that take a value name it with ``metavar``
(DATE, CODE, SLUG, FILE, DIR, N) where they are declared.
"""

from __future__ import annotations

from typing import Any

HELP_OPTION = "显示本帮助并退出。 / Show this message and exit."
COMPLETION = {
    "install_completion": "为当前的 shell 安装命令补全（bash、zsh、fish、PowerShell）。 / "
    "Install completion for the current shell.",
    "show_completion": "显示当前 shell 的补全脚本，可复制或自行安装。 / Show completion for "
    "the current shell, to copy it or customize the installation.",
}

_DONE = False


def tidy_help(rendering: bool = False) -> None:
    """Patch typer's help once (idempotent; what a typer version lacks is left alone).

    ``rendering``: help is about to be printed, so also fold long Chinese lines
    (this imports rich, which other runs need not pay for).
    """
    global _DONE
    if rendering:
        _fold_chinese()
    if _DONE:
        return
    _DONE = True
    from typer import core

    for cls in (core.TyperCommand, core.TyperGroup):
        original = cls.get_help_option

        def get_help_option(self: Any, ctx: Any, _original: Any = original) -> Any:
            option = _original(self, ctx)
            if option is not None:
                option.help = HELP_OPTION
            return option

        cls.get_help_option = get_help_option  # type: ignore[method-assign]

    display = getattr(core.TyperOption, "display_type_rich", None)
    if display is not None:  # typer >= 0.2x: a type column, which a flag leaves empty

        def display_type_rich(self: Any, ctx: Any, _display: Any = display) -> Any:
            if getattr(self, "is_flag", False) and self.metavar is None:
                return None
            return _display(self, ctx)

        core.TyperOption.display_type_rich = display_type_rich  # type: ignore[method-assign]

    argument = getattr(core, "TyperArgument", None)
    shown = getattr(argument, "display_type_rich", None)
    if argument is not None and shown is not None:  # the name column already says CODE

        def argument_type(self: Any, ctx: Any, _shown: Any = shown) -> Any:
            return None if self.metavar is not None else _shown(self, ctx)

        argument.display_type_rich = argument_type


_FOLDED = False


def _fold_chinese() -> None:
    global _FOLDED
    if _FOLDED:
        return
    _FOLDED = True
    from rich.text import Text
    from typer import rich_utils

    make = getattr(rich_utils, "_make_rich_text", None)
    if make is None:
        return

    def make_rich_text(*args: Any, **kwargs: Any) -> Any:
        out = make(*args, **kwargs)
        if isinstance(out, Text):
            out.overflow = "fold"  # a run of Chinese longer than the column wraps
        return out

    rich_utils._make_rich_text = make_rich_text


def completion_help(command: Any) -> None:
    """Bilingual help for the --install-completion / --show-completion options."""
    for param in getattr(command, "params", []):
        text = COMPLETION.get(getattr(param, "name", "") or "")
        if text is not None:
            param.help = text
