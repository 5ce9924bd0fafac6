"""`jgsw explain CODE`: a rule's documentation; without CODE, the list of rules."""

from __future__ import annotations

from typing import Annotated

import typer

from jgsw_std.cli.common import LangOption, emit


def explain(
    code: Annotated[
        str | None,
        typer.Argument(
            metavar="CODE",
            help="问题代码（如 D405）或规则名；省略则列出全部。 / A problem code (D405) or rule "
            "name; omit to list all.",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = None,
) -> None:
    """说明检查规则 / Print what a problem code means and how to fix it."""
    from jgsw_std.app.explain import explain as run_explain
    from jgsw_std.i18n import resolve_lang
    from jgsw_std.output.explain import write_list, write_one

    language = resolve_lang(lang)
    codes = run_explain(code)
    emit(write_list(codes, language) if code is None else write_one(codes[0], language))


def register(app: typer.Typer) -> None:
    app.command("explain")(explain)
