"""`jgsw new expert|material|feedback`: the first file of a registry record.

The 专家库, 资料库 and 信息反馈 of the plan; `jgsw new standard|district` are in cli/new.py.
"""

from __future__ import annotations

from typing import Annotated

import typer

from jgsw_std.cli.common import LangOption, RootOption
from jgsw_std.cli.new import new_app, tell


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
    tell(scaffold, lang)


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
    tell(scaffold, lang)


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
    tell(scaffold, lang)
