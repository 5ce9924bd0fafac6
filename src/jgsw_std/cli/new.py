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
    _tell(scaffold, lang)


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
    _tell(scaffold, lang)


@new_app.command("expert")
def expert(
    slug: Annotated[
        str,
        typer.Option(
            "--slug",
            metavar="SLUG",
            help="专家标识，也是文件名，如 zhang-wei。 / Identifier and file name, e.g. zhang-wei.",
        ),
    ],
    name: Annotated[
        str, typer.Option("--name", metavar="TEXT", help="姓名，如 张伟。 / Name, e.g. 张伟.")
    ],
    organization: Annotated[
        str,
        typer.Option("--organization", metavar="TEXT", help="所在单位。 / Where the expert works."),
    ],
    appointed: Annotated[
        str,
        typer.Option(
            "--appointed",
            metavar="DATE",
            help="入库日期，YYYY-MM-DD。 / Joined the pool, YYYY-MM-DD.",
        ),
    ],
    field: Annotated[
        list[str] | None,
        typer.Option(
            "--field",
            metavar="AREA",
            help="业务方面代码或名称（可重复）。 / Area code or name (repeatable).",
            show_default=False,
        ),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option(
            "--title", metavar="TEXT", help="职称。 / Professional title.", show_default=False
        ),
    ] = None,
    term_ends: Annotated[
        str | None,
        typer.Option(
            "--term-ends",
            metavar="DATE",
            help="任期届满日，YYYY-MM-DD。 / Last day of the term, YYYY-MM-DD.",
            show_default=False,
        ),
    ] = None,
    phone: Annotated[
        str | None,
        typer.Option(
            "--phone",
            metavar="TEXT",
            help="电话（个人信息，不公开）。 / Phone (private).",
            show_default=False,
        ),
    ] = None,
    email: Annotated[
        str | None,
        typer.Option(
            "--email",
            metavar="TEXT",
            help="电子邮箱（个人信息，不公开）。 / Email (private).",
            show_default=False,
        ),
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
    slug: Annotated[
        str,
        typer.Option(
            "--slug", metavar="SLUG", help="资料标识，也是文件名。 / Identifier and file name."
        ),
    ],
    title: Annotated[str, typer.Option("--title", metavar="TEXT", help="标题。 / Title.")],
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            metavar="KIND",
            help="policy（政策）、research（研究）、training（培训）、case（案例）"
            "或 other（其他）。 / policy | research | training | case | other.",
            show_default=False,
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="DATE", help="日期，YYYY-MM-DD。 / YYYY-MM-DD.", show_default=False
        ),
    ] = None,
    area: Annotated[
        list[str] | None,
        typer.Option(
            "--area",
            metavar="AREA",
            help="业务方面代码或名称（可重复）。 / Area code or name (repeatable).",
            show_default=False,
        ),
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option(
            "--tag",
            metavar="TEXT",
            help="标签（可重复）。 / A tag (repeatable).",
            show_default=False,
        ),
    ] = None,
    path: Annotated[
        str | None,
        typer.Option(
            "--path",
            metavar="FILE",
            help="文件路径，从标准仓根目录算起（同时记录其 SHA-256）。 "
            "/ The file, from the warehouse root (its SHA-256 is recorded).",
            show_default=False,
        ),
    ] = None,
    url: Annotated[
        str | None,
        typer.Option(
            "--url",
            metavar="URL",
            help="http 或 https 网址。 / An http(s) address.",
            show_default=False,
        ),
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
    standard: Annotated[
        str,
        typer.Option("--standard", metavar="CODE", help="所涉标准的编号。 / The standard's code."),
    ],
    from_unit: Annotated[
        str,
        typer.Option(
            "--from",
            metavar="SLUG",
            help="提出反馈的单位（地区标识）。 / The unit that raised it (district slug).",
        ),
    ],
    received: Annotated[
        str,
        typer.Option(
            "--received", metavar="DATE", help="收到日期，YYYY-MM-DD。 / Received, YYYY-MM-DD."
        ),
    ],
    text: Annotated[
        str, typer.Option("--text", metavar="TEXT", help="反馈内容。 / What was said.")
    ],
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            metavar="KIND",
            help="problem（问题）、suggestion（建议）或 question（疑问）。 "
            "/ problem | suggestion | question.",
            show_default=False,
        ),
    ] = None,
    clause: Annotated[
        str | None,
        typer.Option(
            "--clause",
            metavar="TEXT",
            help='所涉条款，如 "5.3"。 / Clause, e.g. "5.3".',
            show_default=False,
        ),
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
