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

DryRun = Annotated[bool, typer.Option("--dry-run", help="Show the change and write nothing.")]
DateOption = Annotated[str, typer.Option("--date", help="YYYY-MM-DD.", show_default=False)]
NoteOption = Annotated[str | None, typer.Option("--note", help="A remark.", show_default=False)]
ExpertOption = Annotated[
    list[str] | None,
    typer.Option(
        "--expert", help="An expert who took part (slug; repeatable).", show_default=False
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
    code: Annotated[str, typer.Argument(help='Standard code, e.g. "DB50/T 1056-2020".')],
    date: DateOption,
    conclusion: Annotated[
        str,
        typer.Option("--conclusion", help="continue | revise | repeal (继续有效/修订/废止)."),
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
    code: Annotated[str, typer.Argument(help="Standard code.")],
    date: DateOption,
    score: Annotated[float, typer.Option("--score", help="Score, 0-100.")],
    method: Annotated[
        str | None,
        typer.Option(
            "--method", help="Evaluation method, e.g. DB50/T 1053-2020.", show_default=False
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
    code: Annotated[str, typer.Argument(help="Standard code.")],
    year: Annotated[int, typer.Option("--year", help="Year counted.")],
    applying: Annotated[int, typer.Option("--applying", help="Units applying the standard.")],
    applicable: Annotated[int, typer.Option("--applicable", help="Units it applies to.")],
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
        str, typer.Argument(help="District identifier, e.g. shapingba (city: chongqing).")
    ],
    date: DateOption,
    kind: Annotated[
        str,
        typer.Option(
            "--kind", help="meeting | training | publicity | exchange (会议/培训/宣贯/交流)."
        ),
    ],
    title: Annotated[str, typer.Option("--title", help="Title of the activity.")],
    attendees: Annotated[
        int | None,
        typer.Option("--attendees", help="Person-times (trainings).", show_default=False),
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Where this is documented.", show_default=False)
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
    ident: Annotated[str, typer.Argument(help="Feedback id, e.g. 2024-0012.")],
    date: DateOption,
    by: Annotated[str, typer.Option("--by", help="The unit that answered (district slug).")],
    action: Annotated[
        str,
        typer.Option(
            "--action", help="interpretation | revise | no-change | other (解释/修订/不修改/其他)."
        ),
    ],
    text: Annotated[
        str | None, typer.Option("--text", help="The answer.", show_default=False)
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
    ident: Annotated[str, typer.Argument(help="Feedback id, e.g. 2024-0012.")],
    date: DateOption,
    dry_run: DryRun = False,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """记录反馈闭环 / Record the day a feedback item's loop closed (its action done)."""
    _run_feedback("closed", ident, {"date": date}, dry_run, root, lang)


def register(app: typer.Typer) -> None:
    app.add_typer(record_app)
