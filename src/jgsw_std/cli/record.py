"""`jgsw record review|evaluation|usage|activity|feedback-response|feedback-closed`: add a
dated entry, keeping comments."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from jgsw_std.cli.common import LangOption, RootOption

record_app = typer.Typer(
    name="record",
    help="记录复审、评价、运用率、活动和反馈答复 / Record a review, evaluation, usage count, "
    "activity, or a feedback item's answer and closing.",
    no_args_is_help=True,
)

DryRun = Annotated[
    bool,
    typer.Option("--dry-run", help="只显示修改，不写入。 / Show the change and write nothing."),
]
DateOption = Annotated[
    str,
    typer.Option(
        "--date",
        metavar="DATE",
        help="日期，YYYY-MM-DD。 / The date, YYYY-MM-DD.",
        show_default=False,
    ),
]
NoteOption = Annotated[
    str | None,
    typer.Option("--note", metavar="TEXT", help="备注。 / A remark.", show_default=False),
]
CodeArgument = Annotated[
    str,
    typer.Argument(
        metavar="CODE",
        help="标准编号，如 DB50/T 1056-2020（可不加引号）。 / Standard code, e.g. "
        "DB50/T 1056-2020 (quotes optional).",
        show_default=False,
    ),
]
ExpertOption = Annotated[
    list[str] | None,
    typer.Option(
        "--expert",
        metavar="SLUG",
        help="参加的专家（专家库 slug，可重复）。 / An expert who took part (slug; repeatable).",
        show_default=False,
    ),
]


def _run(
    what: str, target: str, values: dict[str, Any], dry_run: bool, root: Any, lang: Any
) -> None:
    from jgsw_std.app.record import run_record
    from jgsw_std.i18n import resolve_lang
    from jgsw_std.output.edits import recorded_text

    language = resolve_lang(lang)
    outcome = run_record(root, what, target, values, dry_run)
    typer.echo(outcome.change.diff(), nl=False)
    typer.echo(recorded_text(outcome.change.rel, outcome.written, language), err=True)


@record_app.command("review")
def review(
    code: CodeArgument,
    date: DateOption,
    conclusion: Annotated[
        str,
        typer.Option(
            "--conclusion",
            metavar="CONCLUSION",
            help="复审结论：continue（继续有效）、revise（修订）或 repeal（废止），也可直接写中文。"
            " / "
            "continue | revise | repeal (or the Chinese word).",
        ),
    ],
    note: NoteOption = None,
    expert: ExpertOption = None,
    dry_run: DryRun = False,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """记录复审 / Record a periodic review of a standard."""
    values = {"date": date, "conclusion": conclusion, "experts": expert or None, "note": note}
    _run("review", code, values, dry_run, root, lang)


@record_app.command("evaluation")
def evaluation(
    code: CodeArgument,
    date: DateOption,
    score: Annotated[
        float, typer.Option("--score", metavar="N", help="得分，0-100。 / Score, 0-100.")
    ],
    method: Annotated[
        str | None,
        typer.Option(
            "--method",
            metavar="CODE",
            help="评价依据，如 DB50/T 1053-2020。 / Evaluation method, e.g. DB50/T 1053-2020.",
            show_default=False,
        ),
    ] = None,
    note: NoteOption = None,
    expert: ExpertOption = None,
    dry_run: DryRun = False,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """记录实施效果评价 / Record an effect evaluation of a standard."""
    values = {
        "date": date,
        "method": method,
        "score": score,
        "experts": expert or None,
        "note": note,
    }
    _run("evaluation", code, values, dry_run, root, lang)


@record_app.command("usage")
def usage(
    code: CodeArgument,
    year: Annotated[int, typer.Option("--year", metavar="YEAR", help="统计年度。 / Year counted.")],
    applying: Annotated[
        int,
        typer.Option(
            "--applying",
            metavar="N",
            help="运用该标准的单位数。 / Units applying the standard.",
        ),
    ],
    applicable: Annotated[
        int,
        typer.Option(
            "--applicable", metavar="N", help="适用该标准的单位数。 / Units it applies to."
        ),
    ],
    dry_run: DryRun = False,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """记录标准综合运用率统计 / Record a year's usage count of a standard."""
    values = {"year": year, "applying": applying, "applicable": applicable}
    _run("usage", code, values, dry_run, root, lang)


@record_app.command("activity")
def activity(
    slug: Annotated[
        str,
        typer.Argument(
            metavar="SLUG",
            help="地区标识，如 shapingba（市级为 chongqing）。 / District identifier, e.g. "
            "shapingba (city: chongqing).",
            show_default=False,
        ),
    ],
    date: DateOption,
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            metavar="KIND",
            help="meeting（会议）、training（培训）、publicity（宣贯）或 exchange（交流），"
            "也可直接写中文。 / meeting | training | publicity | exchange (or the Chinese word).",
        ),
    ],
    title: Annotated[
        str, typer.Option("--title", metavar="TEXT", help="活动名称。 / Title of the activity.")
    ],
    attendees: Annotated[
        int | None,
        typer.Option(
            "--attendees",
            metavar="N",
            help="参加人次（培训）。 / Person-times (trainings).",
            show_default=False,
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            metavar="TEXT",
            help="出处（文件、新闻等）。 / Where this is documented.",
            show_default=False,
        ),
    ] = None,
    dry_run: DryRun = False,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """记录会议、培训、宣贯、交流活动 / Record a district's meeting, training or other activity."""
    values = {"date": date, "kind": kind, "title": title, "attendees": attendees, "source": source}
    _run("activity", slug, values, dry_run, root, lang)


def _run_feedback(
    what: str, ident: str, values: dict[str, Any], dry_run: bool, root: Any, lang: Any
) -> None:
    from jgsw_std.app.record import run_feedback_record
    from jgsw_std.i18n import resolve_lang
    from jgsw_std.output.edits import recorded_text

    language = resolve_lang(lang)
    outcome = run_feedback_record(root, what, ident, values, dry_run)
    typer.echo(outcome.change.diff(), nl=False)
    typer.echo(recorded_text(outcome.change.rel, outcome.written, language), err=True)


@record_app.command("feedback-response")
def feedback_response(
    ident: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="反馈编号，如 2024-0012。 / Feedback id, e.g. 2024-0012."
        ),
    ],
    date: DateOption,
    by: Annotated[
        str,
        typer.Option(
            "--by",
            metavar="SLUG",
            help="答复单位（地区标识）。 / The unit that answered (district slug).",
        ),
    ],
    action: Annotated[
        str,
        typer.Option(
            "--action",
            metavar="ACTION",
            help="interpretation（解释）、revise（修订）、no-change（不修改）或 other（其他）。 "
            "/ interpretation | revise | no-change | other.",
        ),
    ],
    text: Annotated[
        str | None,
        typer.Option("--text", metavar="TEXT", help="答复内容。 / The answer.", show_default=False),
    ] = None,
    dry_run: DryRun = False,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """记录反馈的答复 / Record the answer to a feedback item."""
    values = {"date": date, "by": by, "action": action, "text": text}
    _run_feedback("response", ident, values, dry_run, root, lang)


@record_app.command("feedback-closed")
def feedback_closed(
    ident: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="反馈编号，如 2024-0012。 / Feedback id, e.g. 2024-0012."
        ),
    ],
    date: DateOption,
    dry_run: DryRun = False,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """记录反馈闭环 / Record the day a feedback item's loop closed (its action done)."""
    _run_feedback("closed", ident, {"date": date}, dry_run, root, lang)


def register(app: typer.Typer) -> None:
    app.add_typer(record_app)
