"""`jgsw new standard|district|expert|material|feedback`: a valid, commented first file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from jgsw_std.cli.common import LangOption, RootOption

if TYPE_CHECKING:
    from jgsw_std.edit.scaffold import Scaffold

new_app = typer.Typer(
    name="new",
    help="新建标准、地区、专家、资料或反馈文件 / Create the file of a new standard, district, "
    "expert, material or feedback item.",
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


@new_app.command("expert")
def expert(
    slug: Annotated[str, typer.Option("--slug", help="Identifier and file name, e.g. zhang-wei.")],
    name: Annotated[str, typer.Option("--name", help="Name, e.g. 张伟.")],
    organization: Annotated[str, typer.Option("--organization", help="Where the expert works.")],
    appointed: Annotated[str, typer.Option("--appointed", help="Joined the pool, YYYY-MM-DD.")],
    field: Annotated[
        list[str] | None,
        typer.Option("--field", help="Area code or name (repeatable).", show_default=False),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="Professional title.", show_default=False)
    ] = None,
    term_ends: Annotated[
        str | None,
        typer.Option("--term-ends", help="Last day of the term, YYYY-MM-DD.", show_default=False),
    ] = None,
    phone: Annotated[
        str | None, typer.Option("--phone", help="Phone (private).", show_default=False)
    ] = None,
    email: Annotated[
        str | None, typer.Option("--email", help="Email (private).", show_default=False)
    ] = None,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """新建专家文件 / Write data/experts/<slug>.yaml for an expert of the pool."""
    from jgsw_std.app.new import create_expert

    scaffold = create_expert(
        root,
        slug=slug,
        name=name,
        organization=organization,
        appointed=appointed,
        fields=field or [],
        title=title,
        term_ends=term_ends,
        phone=phone,
        email=email,
    )
    _tell(scaffold, lang)


@new_app.command("material")
def material(
    slug: Annotated[str, typer.Option("--slug", help="Identifier and file name.")],
    title: Annotated[str, typer.Option("--title", help="Title.")],
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind", help="policy | research | training | case | other.", show_default=False
        ),
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="YYYY-MM-DD.", show_default=False)
    ] = None,
    area: Annotated[
        list[str] | None,
        typer.Option("--area", help="Area code or name (repeatable).", show_default=False),
    ] = None,
    tag: Annotated[
        list[str] | None, typer.Option("--tag", help="A tag (repeatable).", show_default=False)
    ] = None,
    path: Annotated[
        str | None,
        typer.Option(
            "--path",
            help="The file, from the warehouse root (its SHA-256 is recorded).",
            show_default=False,
        ),
    ] = None,
    url: Annotated[
        str | None, typer.Option("--url", help="An http(s) address.", show_default=False)
    ] = None,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """新建资料文件 / Write data/materials/<slug>.yaml for a document of the 资料库."""
    from jgsw_std.app.new import create_material

    scaffold = create_material(
        root,
        slug=slug,
        title=title,
        kind=kind,
        date=date,
        areas=area or [],
        tags=tag or [],
        path=path,
        url=url,
    )
    _tell(scaffold, lang)


@new_app.command("feedback")
def feedback(
    standard: Annotated[str, typer.Option("--standard", help="The standard's code.")],
    from_unit: Annotated[
        str, typer.Option("--from", help="The unit that raised it (district slug).")
    ],
    received: Annotated[str, typer.Option("--received", help="Received, YYYY-MM-DD.")],
    text: Annotated[str, typer.Option("--text", help="What was said.")],
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="problem | suggestion | question.", show_default=False),
    ] = None,
    clause: Annotated[
        str | None, typer.Option("--clause", help='Clause, e.g. "5.3".', show_default=False)
    ] = None,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """新建反馈 / Write data/feedback/<year>/<id>.yaml with the year's next free id."""
    from jgsw_std.app.new import create_feedback

    scaffold = create_feedback(
        root,
        standard=standard,
        from_unit=from_unit,
        received=received,
        text=text,
        kind=kind,
        clause=clause,
    )
    _tell(scaffold, lang)


def register(app: typer.Typer) -> None:
    app.add_typer(new_app)
