"""`jgsw new standard|district`: write a valid, commented first version of a file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from jgsw_std.cli.common import LangOption, RootOption

if TYPE_CHECKING:
    from jgsw_std.edit.scaffold import Scaffold

new_app = typer.Typer(
    name="new",
    help="新建标准或地区文件 / Create the file of a new standard or district.",
    no_args_is_help=True,
)


def _tell(scaffold: Scaffold, lang: str | None) -> None:
    from jgsw_std.i18n import resolve_lang
    from jgsw_std.output.edits import created_text

    typer.echo(created_text(scaffold, resolve_lang(lang)), nl=False)


@new_app.command("standard")
def standard(
    code: Annotated[str, typer.Option("--code", help='Standard code, e.g. "DB50/T 1234-2025".')],
    title: Annotated[str, typer.Option("--title", help="Title (标准名称).")],
    area: Annotated[
        str, typer.Option("--area", help="Area code or name, e.g. vehicles or 公务用车.")
    ],
    category: Annotated[
        str | None,
        typer.Option(
            "--category",
            help="general | operation | evaluation (default: from the title).",
            show_default=False,
        ),
    ] = None,
    item: Annotated[
        list[str] | None,
        typer.Option(
            "--item",
            help="Business item code, e.g. vehicles.disposal; repeatable.",
            show_default=False,
        ),
    ] = None,
    owner: Annotated[
        str | None, typer.Option("--owner", help="Lead unit (district slug).", show_default=False)
    ] = None,
    status: Annotated[
        str,
        typer.Option(
            "--status", help="planned | drafting | consultation | technical-review | approval."
        ),
    ] = "planned",
    title_en: Annotated[
        str | None, typer.Option("--title-en", help="English title.", show_default=False)
    ] = None,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """新建标准文件 / Write data/standards/<area>/<slug>.yaml for a new standard."""
    from jgsw_std.app.new import create_standard

    scaffold = create_standard(
        root,
        code=code,
        title=title,
        area=area,
        category=category,
        items=item or [],
        owner=owner,
        status=status,
        title_en=title_en,
    )
    _tell(scaffold, lang)


@new_app.command("district")
def district(
    slug: Annotated[str, typer.Option("--slug", help="Identifier and file name, e.g. shapingba.")],
    name: Annotated[str, typer.Option("--name", help="Name, e.g. 沙坪坝区.")],
    kind: Annotated[
        str, typer.Option("--kind", help="city | district | county | autonomous-county | zone.")
    ] = "district",
    region: Annotated[
        str | None,
        typer.Option("--region", help="main-urban | northeast | southeast.", show_default=False),
    ] = None,
    subregion: Annotated[
        str | None,
        typer.Option("--subregion", help="central | new (main-urban only).", show_default=False),
    ] = None,
    name_en: Annotated[
        str | None, typer.Option("--name-en", help="English name.", show_default=False)
    ] = None,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """新建地区文件 / Write data/districts/<slug>.yaml for a new district-level unit."""
    from jgsw_std.app.new import create_district

    scaffold = create_district(
        root, slug=slug, name=name, kind=kind, region=region, subregion=subregion, name_en=name_en
    )
    _tell(scaffold, lang)


def register(app: typer.Typer) -> None:
    app.add_typer(new_app)
