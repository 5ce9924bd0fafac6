"""`jgsw site OUT_DIR`: the information platform as a static website (and `--serve` to preview)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jgsw_std.cli.common import AsOfOption, LangOption, QuietOption, RootOption, parse_as_of


def site(
    out: Annotated[
        Path,
        typer.Argument(
            metavar="OUT_DIR",
            help="网站写入的文件夹：新建、空的，或 jgsw 以前生成的网站（只重写变化的部分）。 / "
            "Folder to write the site into: new, empty, or a site jgsw built before (then only "
            "what changed is rewritten).",
        ),
    ],
    root: RootOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
    quiet: QuietOption = False,
    search: Annotated[
        bool,
        typer.Option(
            "--search/--no-search",
            help="用 Pagefind 生成检索索引（默认；需安装 jgsw-std[site]）。 / Build the search "
            "index with Pagefind (default; needs jgsw-std[site]).",
        ),
    ] = True,
    serve: Annotated[
        bool,
        typer.Option(
            "--serve",
            help="生成后在 http://127.0.0.1 上提供网站以便预览。 / After building, serve the site "
            "on http://127.0.0.1 to preview it.",
        ),
    ] = False,
    port: Annotated[
        int,
        typer.Option(
            "--port",
            min=0,
            max=65535,
            metavar="PORT",
            help="--serve 使用的端口（0：任一空闲端口）。 / Port for --serve (0: any free).",
        ),
    ] = 8000,
) -> None:
    """生成信息平台网站 / Build the information platform: catalogue, search, framework, districts.

    A static website: every standard, the catalogue with downloads, the
    framework table, each district, the due list and what changed each month.
    Any web server serves the folder; --serve previews it on this computer.
    """
    from jgsw_std.app.site import SiteRequest, plan_site
    from jgsw_std.cli.progress import progress_bar
    from jgsw_std.i18n import resolve_lang
    from jgsw_std.output.site import done_message, write_site

    language = resolve_lang(lang)
    request = SiteRequest(
        out=out, root=root, lang=language, as_of=parse_as_of(as_of), search=search
    )
    with progress_bar(language, quiet) as progress:
        plan = plan_site(request, progress)
        written = write_site(plan, progress)
    if not quiet:
        typer.echo(done_message(plan, written, language), nl=False)
    if plan.left_out:
        note = (
            f"Note: {plan.left_out} files failed validation and are not on the site (jgsw check)."
            if language == "en"
            else f"注意：{plan.left_out} 个文件未通过校验，未列入网站（运行 jgsw check 查看）。"
        )
        typer.echo(note, err=True)
    if serve:
        from jgsw_std.output.site_serve import serve as serve_site

        serve_site(plan.out, port, language)


def register(app: typer.Typer) -> None:
    app.command("site")(site)
