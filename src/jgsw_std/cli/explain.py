"""`jgsw explain CODE`: a rule's documentation; without CODE, the list of rules."""

from __future__ import annotations

from typing import Annotated

import typer

from jgsw_std.cli.common import LangOption


def explain(
    code: Annotated[
        str | None, typer.Argument(help="A problem code (D405) or rule name; omit to list all.")
    ] = None,
    lang: LangOption = None,
) -> None:
    """说明检查规则 / Print what a problem code means and how to fix it."""
    from jgsw_std.errors import UsageError
    from jgsw_std.i18n import resolve_lang
    from jgsw_std.rules.registry import RULES, ensure_loaded, find_rule

    language = resolve_lang(lang)
    ensure_loaded()
    if code is None:
        for rule_ in sorted(RULES.values(), key=lambda r: r.code):
            title = rule_.doc.splitlines()[0] if rule_.doc else ""
            typer.echo(f"{rule_.code}  {rule_.severity.value:<7}  {rule_.name:<30}  {title}")
        return
    found = find_rule(code)
    if found is None:
        raise UsageError(
            "unknown_code",
            zh=f"没有代码为 {code} 的检查规则。",
            en=f"no rule has the code {code}.",
            hint_zh="运行 jgsw explain 查看全部规则。",
            hint_en="Run jgsw explain to list every rule.",
        )
    template = found.en if language == "en" else found.zh
    hint = found.hint_en if language == "en" else found.hint_zh
    typer.echo(f"{found.code} {found.name} ({found.severity.value})")
    typer.echo("")
    typer.echo(found.doc)
    typer.echo("")
    typer.echo(("Message: " if language == "en" else "提示信息：") + template)
    if hint:
        typer.echo(("Fix: " if language == "en" else "修改建议：") + hint)


def register(app: typer.Typer) -> None:
    app.command("explain")(explain)
