"""Dates in order and status agreeing with dates."""

from __future__ import annotations

from collections.abc import Iterator

from jgsw_std.load.warehouse import Warehouse
from jgsw_std.model.standard import IN_PROGRESS
from jgsw_std.problems import Problem, Severity
from jgsw_std.rules.registry import CheckContext, rule


@rule(
    "D401",
    "effective-before-published",
    Severity.ERROR,
    zh="实施日期 {effective} 早于发布日期 {published}",
    en="effective date {effective} is before the publication date {published}",
    hint_zh="核对发布公告：实施日期不早于发布日期。",
    hint_en="Check the announcement: a standard takes effect on or after publication.",
)
def effective_before_published(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A standard takes effect before it is published."""
    for rec in wh.standards:
        m = rec.model
        if m.published and m.effective and m.effective < m.published:
            yield effective_before_published.problem(
                rec.path, ("effective",), effective=m.effective, published=m.published
            )


@rule(
    "D402",
    "review-before-effective",
    Severity.ERROR,
    zh="复审日期 {date} 早于实施日期 {effective}",
    en="review dated {date} is before the effective date {effective}",
    hint_zh="复审针对实施中的标准；核对复审日期或实施日期。",
    hint_en="Reviews are of standards in force; check the review or the effective date.",
)
def review_before_effective(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A review (复审) is dated before the standard took effect."""
    for rec in wh.standards:
        eff = rec.model.effective
        if eff is None:
            continue
        for index, review in enumerate(rec.model.reviews):
            if review.date is not None and review.date < eff:
                yield review_before_effective.problem(
                    rec.path, ("reviews", index, "date"), date=review.date, effective=eff
                )


@rule(
    "D403",
    "evaluation-before-effective",
    Severity.ERROR,
    zh="实施效果评价日期 {date} 早于实施日期 {effective}",
    en="evaluation dated {date} is before the effective date {effective}",
    hint_zh="效果评价针对实施中的标准；核对评价日期或实施日期。",
    hint_en="Evaluations are of standards in force; check the dates.",
)
def evaluation_before_effective(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """An effect evaluation (实施效果评价) is dated before the standard took effect."""
    for rec in wh.standards:
        eff = rec.model.effective
        if eff is None:
            continue
        for index, evaluation in enumerate(rec.model.evaluations):
            if evaluation.date is not None and evaluation.date < eff:
                yield evaluation_before_effective.problem(
                    rec.path, ("evaluations", index, "date"), date=evaluation.date, effective=eff
                )


@rule(
    "D404",
    "repealed-before-published",
    Severity.ERROR,
    zh="废止日期 {repealed} 早于发布日期 {published}",
    en="repeal date {repealed} is before the publication date {published}",
    hint_zh="核对废止公告的日期。",
    hint_en="Check the date of the repeal announcement.",
)
def repealed_before_published(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A standard is repealed before it was published."""
    for rec in wh.standards:
        m = rec.model
        if m.repealed and m.published and m.repealed < m.published:
            yield repealed_before_published.problem(
                rec.path, ("repealed",), repealed=m.repealed, published=m.published
            )


@rule(
    "D405",
    "published-without-dates",
    Severity.ERROR,
    zh="状态为 {status}，但缺少{missing_zh}",
    en="status is {status} but {missing_en} missing",
    hint_zh="从发布公告中补上 published（发布日期）和 effective（实施日期）。",
    hint_en="Add published and effective from the publication announcement.",
)
def published_without_dates(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A published (or repealed) standard lacks its publication or effective date.

    Without them no date-based figure (in force, review due, evaluation due)
    can be computed for it; such a standard counts as "dates unknown".
    """
    for rec in wh.standards:
        m = rec.model
        if m.status not in ("published", "repealed"):
            continue
        missing = [name for name in ("published", "effective") if getattr(m, name) is None]
        if missing:
            zh = "、".join({"published": "发布日期", "effective": "实施日期"}[n] for n in missing)
            en = " and ".join(missing) + (" is" if len(missing) == 1 else " are")
            yield published_without_dates.problem(
                rec.path, ("status",), status=m.status, missing_zh=zh, missing_en=en
            )


@rule(
    "D406",
    "repealed-without-date",
    Severity.ERROR,
    zh="状态为 repealed（废止），但没有 repealed 日期",
    en="status is repealed but there is no repealed date",
    hint_zh="补上 repealed: YYYY-MM-DD（废止公告日期）。",
    hint_en="Add repealed: YYYY-MM-DD (the date of the repeal announcement).",
)
def repealed_without_date(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A repealed standard has no repeal date, so no one can tell when it left force."""
    for rec in wh.standards:
        if rec.model.status == "repealed" and rec.model.repealed is None:
            yield repealed_without_date.problem(rec.path, ("status",))


@rule(
    "D407",
    "in-progress-with-dates",
    Severity.ERROR,
    zh="状态为 {status}（尚未发布），却写了{fields_zh}",
    en="status is {status} (not yet published) but {fields_en} is set",
    hint_zh="已发布的标准把 status 改为 published；未发布的删去这些日期。",
    hint_en="If it is published, set status: published; otherwise remove the dates.",
)
def in_progress_with_dates(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A standard still being drafted carries a publication, effective or repeal date."""
    for rec in wh.standards:
        m = rec.model
        if m.status not in IN_PROGRESS:
            continue
        present = [n for n in ("published", "effective", "repealed") if getattr(m, n) is not None]
        if present:
            names = {"published": "发布日期", "effective": "实施日期", "repealed": "废止日期"}
            yield in_progress_with_dates.problem(
                rec.path,
                (present[0],),
                status=m.status,
                fields_zh="、".join(names[n] for n in present),
                fields_en=", ".join(present),
            )


@rule(
    "D408",
    "repeal-date-not-repealed",
    Severity.ERROR,
    zh="写了废止日期 {repealed}，但状态是 {status}",
    en="a repeal date {repealed} is set but the status is {status}",
    hint_zh="已废止的标准 status 改为 repealed；否则删去 repealed 日期。",
    hint_en="Set status: repealed, or remove the repealed date.",
)
def repeal_date_not_repealed(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A standard has a repeal date but its status is not `repealed`."""
    for rec in wh.standards:
        m = rec.model
        if (
            m.repealed is not None
            and m.status not in (None, "repealed")
            and m.status not in IN_PROGRESS
        ):
            yield repeal_date_not_repealed.problem(
                rec.path, ("repealed",), repealed=m.repealed, status=m.status
            )


@rule(
    "D409",
    "district-dates-order",
    Severity.ERROR,
    zh="{what_zh}：{later} 早于 {earlier}",
    en="{what_en}: {later} is before {earlier}",
    hint_zh="核对这两个日期。",
    hint_en="Check the two dates.",
)
def district_dates_order(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A district record's dates are out of order.

    A pilot accepted before it started or was applied for; an annual summary
    sent before the year it summarizes began (a summary may be sent in that
    year's December, so only an earlier date is reported).
    """
    for rec in wh.districts:
        for index, pilot in enumerate(rec.model.pilots):
            for field_name in ("started", "applied"):
                first = getattr(pilot, field_name)
                if pilot.accepted and first and pilot.accepted < first:
                    yield district_dates_order.problem(
                        rec.path,
                        ("pilots", index, "accepted"),
                        what_zh="试点验收日期早于"
                        + ("启动" if field_name == "started" else "申报")
                        + "日期",
                        what_en=f"pilot accepted before it was {field_name}",
                        later=pilot.accepted,
                        earlier=first,
                    )
        for index, summary in enumerate(rec.model.summaries):
            if summary.sent is not None and summary.year and summary.sent.year < summary.year:
                yield district_dates_order.problem(
                    rec.path,
                    ("summaries", index, "sent"),
                    what_zh=f"{summary.year} 年度总结的报送日期早于该年度",
                    what_en=f"the {summary.year} summary was sent before that year began",
                    later=summary.sent,
                    earlier=f"{summary.year}-01-01",
                )


@rule(
    "D410",
    "usage-exceeds-applicable",
    Severity.ERROR,
    zh="{year} 年运用单位数 {applying} 大于适用单位数 {applicable}",
    en="in {year}, applying ({applying}) exceeds applicable ({applicable})",
    hint_zh="applying 是实际运用该标准的单位数，不能多于 applicable（适用单位数）。",
    hint_en="applying counts units that apply the standard; it cannot exceed applicable.",
)
def usage_exceeds_applicable(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A usage count (标准综合运用率) has more applying units than applicable ones."""
    for rec in wh.standards:
        for index, usage in enumerate(rec.model.usage):
            if (
                usage.applying is not None
                and usage.applicable is not None
                and usage.applying > usage.applicable
            ):
                yield usage_exceeds_applicable.problem(
                    rec.path,
                    ("usage", index, "applying"),
                    year=usage.year,
                    applying=usage.applying,
                    applicable=usage.applicable,
                )
