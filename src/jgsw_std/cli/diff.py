"""`jgsw diff [BASE [HEAD]]`: what changed in substance between two revisions."""

from __future__ import annotations

from typing import Annotated

import typer

from jgsw_std.cli.common import (
    AsOfOption,
    LangOption,
    NoCacheOption,
    OutputOption,
    QuietOption,
    RootOption,
    apply_no_cache,
    emit,
    parse_as_of,
)


def diff(
    base: Annotated[
        str | None,
        typer.Argument(
            metavar="BASE",
            help="比较的起点版本；默认为与默认分支（GITHUB_BASE_REF、origin/HEAD、main 或 master）"
            "的"
            "合并基点，没有则为 HEAD~1。 / Revision to compare from. Default: the merge base "
            "with the default branch (GITHUB_BASE_REF, origin/HEAD, main or master) when there "
            "is one, else HEAD~1.",
            show_default=False,
        ),
    ] = None,
    head: Annotated[
        str | None,
        typer.Argument(
            metavar="HEAD",
            help="比较的终点版本；默认为工作区。 / Revision to compare to. Default: the working "
            "tree.",
            show_default=False,
        ),
    ] = None,
    root: RootOption = None,
    as_of: AsOfOption = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="输出格式：text、json 或 md（作为拉取请求的评论发布）。 / Output: text, json, "
            "or md (to post as a pull-request comment).",
        ),
    ] = "text",
    output: OutputOption = None,
    max_chars: Annotated[
        int,
        typer.Option(
            "--max-chars",
            min=0,
            metavar="N",
            help="--format md 不超过 N 个字符（GitHub 不接受超过 65,536 个字符的评论）：先列指标和"
            "新增问题，再按方面列记录，最后说明未列出的数量；0 为不限。 / Keep --format md "
            "within N characters (GitHub refuses comments over 65,536): "
            "indicators and new problems first, then records by area, then how many were "
            "left out. 0: no limit.",
        ),
    ] = 60_000,
    lang: LangOption = None,
    quiet: QuietOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """语义差异 / What changed in substance between two revisions.

    逐字段列出新增、删除、移动和修改的记录，新出现和已解决的问题，以及变化了的指标。
    Records added, removed, moved and changed field by field; problems introduced
    and fixed; indicators that moved.
    """
    apply_no_cache(no_cache)
    from jgsw_std.app.diff import diff_revisions
    from jgsw_std.cli.progress import progress_bar
    from jgsw_std.i18n import resolve_lang
    from jgsw_std.output.diff import WRITERS
    from jgsw_std.output.formats import writer_for

    language = resolve_lang(lang)
    writer = writer_for(WRITERS, fmt)
    day = parse_as_of(as_of)
    with progress_bar(language, quiet) as progress:
        result = diff_revisions(root, base, head, day, progress)
    emit(writer(result, language, max_chars), output, language, quiet)


def register(app: typer.Typer) -> None:
    app.command("diff")(diff)
