"""Feedback (family F, 信息反馈): each item answered in time, its promise kept, the loop closed.

The plan asks that feedback close the loop from drafting through
implementation to improvement. An item is answered within
`feedback_response_days` (framework.yaml, default 30) of its receipt; an answer
of `revise` is followed by a revision planned or published within
`feedback_revision_days` (default 365); and a standard falling due for review
lists the feedback still open on it. Everything is judged on the as-of date:
an answer or a closing dated later has not happened yet.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from jgsw_std.lifecycle.known import Fact
from jgsw_std.lifecycle.registries import (
    answer_due,
    answer_duty,
    is_open,
    maybe_unanswered_late,
    revision_duty,
    revision_maybe_owed,
    standard_of,
)
from jgsw_std.lifecycle.state import successors
from jgsw_std.load.warehouse import FeedbackRecord, StandardRecord, Warehouse
from jgsw_std.problems import Problem, Severity
from jgsw_std.rules.registry import CheckContext, rule


@rule(
    "F901",
    "feedback-unknown-standard",
    Severity.ERROR,
    zh="反馈所涉标准 {code} 不在标准仓中{suggestion_zh}",
    en="the feedback is about {code}, which is not in the warehouse{suggestion_en}",
    hint_zh="核对标准编号；标准仓中没有的标准先用 jgsw new standard 建立文件。",
    hint_en="Check the code; add a standard the warehouse lacks with jgsw new standard.",
)
def feedback_unknown_standard(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A feedback item is about a standard the warehouse does not have.

    Codes are compared after normalizing slashes, dashes and spaces. A standard
    whose own file has errors is known and not reported here.
    """
    for rec in wh.feedback:
        if wh.canonical(rec.code) in wh.by_code or rec.code in wh.broken_codes:
            continue
        close = difflib.get_close_matches(rec.code, list(wh.by_code), n=1, cutoff=0.8)
        yield feedback_unknown_standard.problem(
            rec.path,
            ("standard",),
            code=rec.code,
            suggestion_zh=f"；是不是 {close[0]}？" if close else "",
            suggestion_en=f"; did you mean {close[0]}?" if close else "",
        )


@rule(
    "F902",
    "feedback-unknown-unit",
    Severity.ERROR,
    zh="{field_zh} {slug} 不是地区标识（data/districts/ 下没有该文件）",
    en="{field_en} {slug} is not a district (no such file under data/districts/)",
    hint_zh="写 data/districts/ 下的文件名，如 shapingba；市级写 chongqing。",
    hint_en="Write a file name under data/districts/, e.g. shapingba (the city: chongqing).",
)
def feedback_unknown_unit(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """The unit that raised a feedback item (`from`) or answered it (`response.by`) is
    not a district of the warehouse."""
    known = wh.district_by_slug
    for rec in wh.feedback:
        model = rec.model
        if model.from_ not in known:
            yield feedback_unknown_unit.problem(
                rec.path, ("from",), slug=model.from_, field_zh="提出单位", field_en="the unit"
            )
        by = model.response.by if model.response is not None else None
        if by is not None and by not in known:
            yield feedback_unknown_unit.problem(
                rec.path,
                ("response", "by"),
                slug=by,
                field_zh="答复单位",
                field_en="the answering unit",
            )


@rule(
    "F903",
    "response-before-received",
    Severity.ERROR,
    zh="答复日期 {date} 早于收到日期 {received}",
    en="answered on {date}, before it was received on {received}",
    hint_zh="核对 received 和 response.date。",
    hint_en="Check received and response.date.",
)
def response_before_received(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A feedback item is answered before it was received."""
    for rec in wh.feedback:
        model = rec.model
        answered = model.response.date if model.response is not None else None
        if answered is not None and answered < model.received:
            yield response_before_received.problem(
                rec.path, ("response", "date"), date=answered, received=model.received
            )


@rule(
    "F904",
    "closed-before-response",
    Severity.ERROR,
    zh="闭环日期 {closed} {why_zh}",
    en="closed on {closed} {why_en}",
    hint_zh="先记录答复（jgsw record feedback-response），处理措施落实后再写 closed。",
    hint_en="Record the response first (jgsw record feedback-response), then closed once the "
    "action is done.",
)
def closed_before_response(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A feedback item is closed before it was answered, or closed with no answer at all.

    `closed` says the loop is closed: the answer given and its action done, so
    it cannot come before the response.
    """
    for rec in wh.feedback:
        model = rec.model
        if model.closed is None:
            continue
        if model.response is None:
            yield closed_before_response.problem(
                rec.path,
                ("closed",),
                closed=model.closed,
                why_zh="，但没有答复记录",
                why_en="with no response on record",
            )
        elif model.response.date is not None and model.closed < model.response.date:
            answered = model.response.date
            yield closed_before_response.problem(
                rec.path,
                ("closed",),
                closed=model.closed,
                why_zh=f"早于答复日期 {answered}",
                why_en=f"before it was answered on {answered}",
            )


@rule(
    "F905",
    "feedback-unanswered",
    Severity.WARNING,
    zh="{received} 收到的反馈至 {as_of} 仍未答复，已超过 {days} 天的答复期限（{due}）",
    en="received on {received} and still unanswered on {as_of}, past the {days}-day limit ({due})",
    hint_zh="答复后用 jgsw record feedback-response 记录（日期、答复单位、处理方式）。",
    hint_en="Once answered, record it with jgsw record feedback-response (date, by, action).",
    maybe_zh="{received} 收到的反馈可能未在 {days} 天的答复期限（{due}）内答复：取决于 {settle}",
    maybe_en="received on {received}, perhaps not answered within the {days}-day limit "
    "({due}): it depends on {settle}",
)
def feedback_unanswered(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A feedback item is unanswered `feedback_response_days` (default 30) after receipt.

    The answer is due on the day receipt plus that many days; from the day
    after, an item with no response dated on or before the as-of date (and not
    closed) is reported. A response recorded without its date may have come in
    time or not: from the same day it is a possible finding (info) naming the
    date to add.
    """
    days = wh.framework.feedback_response_days
    for rec in wh.feedback:
        if maybe_unanswered_late(rec.model, ctx.as_of, days):
            yield feedback_unanswered.possible(
                rec.path,
                ("response",),
                key=True,
                settle=[_response_fact(rec, "feedback-response-date")],
                received=rec.model.received,
                days=days,
                due=answer_due(rec.model, days),
            )
            continue
        # the answer duty `jgsw due` lists; overdue means unanswered past the due day
        duty = answer_duty(wh, rec, ctx.as_of)
        if duty is not None and duty.overdue:
            yield feedback_unanswered.problem(
                rec.path,
                ("received",),
                received=rec.model.received,
                as_of=ctx.as_of,
                days=days,
                due=duty.due,
            )


@rule(
    "F906",
    "revision-not-made",
    Severity.WARNING,
    zh="{date} 答复将修订 {code}，至 {due} 仍未列入修订计划，也未发布修订版",
    en="answered on {date} that {code} would be revised; by {due} no revision was planned "
    "or published",
    hint_zh="为修订项目建立标准文件（jgsw new standard，supersedes 列出 {code}），"
    "或如决定不修订，更正答复的 action。",
    hint_en="Add the revision as a standard (jgsw new standard, supersedes listing {code}), "
    "or correct the response's action if it will not be revised.",
    maybe_zh="反馈的答复可能承诺修订 {code}，至今未列入修订计划，也未发布修订版：取决于 {settle}",
    maybe_en="the answer may have promised to revise {code}, and no revision is planned or "
    "published: it depends on {settle}",
)
def revision_not_made(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """An item answered `revise` has no revision of its standard `feedback_revision_days` on.

    A revision is a standard that replaces this one (its `supersedes` lists it,
    or this one's `superseded_by` names it), planned or published. Reported
    from the day after the answer's date plus `feedback_revision_days`
    (default 365) until a revision is recorded. An answer recorded without its
    `action` (it may be `revise`) or, answering `revise`, without its date (the
    due day is then unknown) is a possible finding (info) naming what to add,
    once the revision could be overdue.
    """
    revision_days = wh.framework.feedback_revision_days
    for rec in wh.feedback:
        missing = revision_maybe_owed(rec.model, ctx.as_of, revision_days)
        standard = standard_of(wh, rec) if missing else None
        if standard is not None and not successors(wh, standard.model):
            yield revision_not_made.possible(
                rec.path,
                ("response",),
                key=True,
                settle=[_response_fact(rec, field) for field in missing],
                code=rec.code,
            )
            continue
        # the revision duty `jgsw due` lists; overdue from the day after it was due
        duty = revision_duty(wh, rec, ctx.as_of)
        if duty is None or not duty.overdue:
            continue
        response = rec.model.response
        assert response is not None  # a revision duty follows an answer
        yield revision_not_made.problem(
            rec.path, ("response", "action"), date=response.date, code=rec.code, due=duty.due
        )


def _response_fact(rec: FeedbackRecord, field: str) -> Fact:
    """A missing field of the item's response (a FIELD_WORDS key)."""
    return Fact(rec.id, f"反馈 {rec.id}", rec.path, field)


def _open_by_code(wh: Warehouse, ctx: CheckContext) -> dict[str, list[FeedbackRecord]]:
    def build() -> dict[str, list[FeedbackRecord]]:
        out: dict[str, list[FeedbackRecord]] = {}
        for rec in wh.feedback:
            if is_open(rec.model, ctx.as_of):
                out.setdefault(rec.code, []).append(rec)
        return out

    return ctx.at.memo("open-feedback", build)


def _review_loc(rec: StandardRecord) -> tuple[tuple[str | int, ...], bool]:
    """Where L601 and L602 point: `reviews:`, or `effective:` when there is none."""
    return (("reviews",), True) if rec.model.reviews else (("effective",), False)


@rule(
    "F907",
    "open-feedback-at-review",
    Severity.INFO,
    zh="复审{when_zh}，尚有 {count} 条反馈未闭环：{ids}；复审时一并研究",
    en="the review {when_en} and {count} feedback item(s) are still open: {ids}; take them "
    "into the review",
    hint_zh="复审时逐条研究这些反馈，处理后记录答复和闭环日期。",
    hint_en="Consider each item at the review; record the responses and the closing dates.",
)
def open_feedback_at_review(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A standard falling due for review still has feedback open.

    The standards L601 (review overdue) and L602 (review due within
    `review_due_days`) report are listed with the feedback received on them
    by the as-of date and not closed by then, so that the review weighs it.
    """
    if not wh.feedback:
        return
    open_items = _open_by_code(wh, ctx)
    window = ctx.at.settings.review_due_days
    for rec, duty in ctx.at.duties.reviews:
        items = open_items.get(rec.code)
        if not items:
            continue
        # the standards L601 (overdue) and L602 (due soon) report
        if not (duty.overdue or duty.due_soon(ctx.as_of, window)):
            continue
        loc, key = _review_loc(rec)
        overdue = duty.overdue
        yield open_feedback_at_review.problem(
            rec.path,
            loc,
            key=key,
            count=len(items),
            ids=[item.id for item in items],
            when_zh=f"已于 {duty.due} 到期" if overdue else f"将于 {duty.due} 到期",
            when_en=f"was due on {duty.due}" if overdue else f"falls due on {duty.due}",
        )
