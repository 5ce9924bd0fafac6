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


def tell(scaffold: Scaffold, lang: str | None) -> None:
    from jgsw_std.i18n import resolve_lang
    from jgsw_std.output.edits import created_text

    typer.echo(created_text(scaffold, resolve_lang(lang)), nl=False)


def _ask_items(choices: list[tuple[str, str]], lang: str) -> list[str]:
    """Ask which business items the new standard belongs to (numbers or codes)."""
    from jgsw_std.i18n import pick

    typer.echo(pick(lang, "本方面的业务事项：", "Business items of this area:"), err=True)
    for number, (code, name) in enumerate(choices, start=1):
        typer.echo(f"  {number}. {code}  {name}", err=True)
    answer = typer.prompt(
        pick(
            lang,
            "归入哪些事项？（序号或代码，多个用逗号分隔）",
            "Which items? (numbers or codes, a,b)",
        ),
        default="",
        show_default=False,
        err=True,
    )
    return items_from_answer(answer, choices)


def items_from_answer(answer: str, choices: list[tuple[str, str]]) -> list[str]:
    """``1, 3`` or ``vehicles.quota 2`` -> item codes (a number picks from ``choices``)."""
    import re

    out: list[str] = []
    for token in re.split(r"[\s,，、;；]+", answer.strip()):
        if token.isdigit() and 1 <= int(token) <= len(choices):
            out.append(choices[int(token) - 1][0])
        elif token:
            out.append(token)
    return list(dict.fromkeys(out))


def _at_a_terminal() -> bool:
    import sys

    return sys.stdin.isatty() and sys.stderr.isatty()


@new_app.command("standard")
def standard(
    code: Annotated[
        str,
        typer.Option(
            "--code",
            metavar="CODE",
            help="标准编号，如 DB50/T 1234-2025（可不加引号）。 / Standard code, e.g. "
            "DB50/T 1234-2025 (quotes optional).",
        ),
    ],
    title: Annotated[
        str, typer.Option("--title", metavar="TEXT", help="标准名称。 / Title (标准名称).")
    ],
    area: Annotated[
        str,
        typer.Option(
            "--area",
            metavar="AREA",
            help="方面的代码或名称，如 vehicles 或 公务用车。 / Area code or name, e.g. vehicles "
            "or 公务用车.",
        ),
    ],
    category: Annotated[
        str | None,
        typer.Option(
            "--category",
            metavar="CATEGORY",
            help="体系大类：general（基础通用）、operation（运行保障）、evaluation（监督评价）；"
            "默认按标题推断。 / general | operation | evaluation (default: from the title).",
            show_default=False,
        ),
    ] = None,
    item: Annotated[
        list[str] | None,
        typer.Option(
            "--item",
            "--items",
            metavar="ITEM",
            help="业务事项代码，如 vehicles.disposal；可重复或用逗号分隔。未指定时在终端中询问，"
            "否则不写入（items 为空会被报告为 G505）。 / Business item code, e.g. "
            "vehicles.disposal; repeatable or a,b. Asked for at a terminal when missing; "
            "elsewhere the file is not written (empty items is G505).",
            show_default=False,
        ),
    ] = None,
    owner: Annotated[
        str | None,
        typer.Option(
            "--owner",
            metavar="SLUG",
            help="牵头单位（地区 slug）。 / Lead unit (district slug).",
            show_default=False,
        ),
    ] = None,
    status: Annotated[
        str,
        typer.Option(
            "--status",
            metavar="STATUS",
            help="planned（立项）、drafting（起草）、consultation（征求意见）、"
            "technical-review（技术审查）或 approval（报批）。 / planned | drafting | "
            "consultation | technical-review | approval.",
        ),
    ] = "planned",
    title_en: Annotated[
        str | None,
        typer.Option(
            "--title-en", metavar="TEXT", help="英文名称。 / English title.", show_default=False
        ),
    ] = None,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """新建标准文件 / Write data/standards/<area>/<slug>.yaml for a new standard."""
    from jgsw_std.app.new import create_standard
    from jgsw_std.cli.common import split_codes
    from jgsw_std.edit.scaffold import ItemsNeeded
    from jgsw_std.i18n import resolve_lang

    fields = {
        "code": code,
        "title": title,
        "area": area,
        "category": category,
        "owner": owner,
        "status": status,
        "title_en": title_en,
    }
    try:
        scaffold = create_standard(root, items=split_codes(item), **fields)
    except ItemsNeeded as needed:
        if not _at_a_terminal():
            raise
        chosen = _ask_items(needed.choices, resolve_lang(lang))
        if not chosen:
            raise
        scaffold = create_standard(root, items=chosen, **fields)
    tell(scaffold, lang)


@new_app.command("district")
def district(
    slug: Annotated[
        str,
        typer.Option(
            "--slug",
            metavar="SLUG",
            help="标识和文件名，如 shapingba。 / Identifier and file name, e.g. shapingba.",
        ),
    ],
    name: Annotated[
        str,
        typer.Option("--name", metavar="TEXT", help="名称，如 沙坪坝区。 / Name, e.g. 沙坪坝区."),
    ],
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            metavar="KIND",
            help="city（市级）、district（区）、county（县）、autonomous-county（自治县）或 "
            "zone（开发区）。 / city | district | county | autonomous-county | zone.",
        ),
    ] = "district",
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            metavar="REGION",
            help="main-urban（主城都市区）、northeast（渝东北）或 southeast（渝东南）。 / "
            "main-urban | northeast | southeast.",
            show_default=False,
        ),
    ] = None,
    subregion: Annotated[
        str | None,
        typer.Option(
            "--subregion",
            metavar="SUBREGION",
            help="central（中心城区）或 new（主城新区），仅限主城都市区。 / central | new "
            "(main-urban only).",
            show_default=False,
        ),
    ] = None,
    name_en: Annotated[
        str | None,
        typer.Option(
            "--name-en", metavar="TEXT", help="英文名称。 / English name.", show_default=False
        ),
    ] = None,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """新建地区文件 / Write data/districts/<slug>.yaml for a new district-level unit."""
    from jgsw_std.app.new import create_district

    scaffold = create_district(
        root, slug=slug, name=name, kind=kind, region=region, subregion=subregion, name_en=name_en
    )
    tell(scaffold, lang)


def register(app: typer.Typer) -> None:
    # the registries' commands live in their own module; importing it adds them to new_app
    from jgsw_std.cli import new_registries  # noqa: F401

    app.add_typer(new_app)
