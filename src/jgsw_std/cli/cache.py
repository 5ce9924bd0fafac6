"""`jgsw cache info|clear`: where the cache of earlier runs is, and emptying it."""

from __future__ import annotations

from typing import Annotated

import typer

from jgsw_std.cli.common import LangOption, emit

cache_app = typer.Typer(
    name="cache",
    help="缓存：以前运行留下的解析结果和完整输出。 / The cache of earlier runs (parsed files "
    "and finished results).",
    no_args_is_help=True,
)


@cache_app.command("info")
def info(
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="输出格式：text（给人看）或 json。 / Output: text (people) or json.",
        ),
    ] = "text",
    lang: LangOption = None,
) -> None:
    """缓存位置与大小 / Where the cache is (JGSW_CACHE_DIR), its size and what it holds."""
    from jgsw_std.app.cache import cache_info
    from jgsw_std.i18n import resolve_lang
    from jgsw_std.output.cache import WRITERS
    from jgsw_std.output.formats import writer_for

    language = resolve_lang(lang)
    writer = writer_for(WRITERS, fmt)
    emit(writer(cache_info(), language))


@cache_app.command("clear")
def clear(lang: LangOption = None) -> None:
    """清除缓存 / Delete the cache; the next run of each command computes afresh."""
    from jgsw_std.app.cache import clear_cache
    from jgsw_std.i18n import resolve_lang
    from jgsw_std.output.cache import cleared_text

    language = resolve_lang(lang)
    emit(cleared_text(clear_cache(), language))


def register(app: typer.Typer) -> None:
    app.add_typer(cache_app)
