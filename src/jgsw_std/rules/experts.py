"""The expert pool (family E, 专家库): who reviewed what, and whether each main area has enough.

A review or an effect evaluation may name the experts who took part
(``experts: [slug, ...]``); each must be in the pool (data/experts/) on the
review's date, and none may come from an organization that drafted the
standard (``drafters``). A warehouse that keeps no experts is not asked to
have any: the pool's size is judged only once data/experts/ holds a file.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator, Sequence

from jgsw_std.lifecycle.registries import same_organization, short_areas
from jgsw_std.load.warehouse import FRAMEWORK_PATH, ExpertRecord, StandardRecord, Warehouse
from jgsw_std.model.framework import GENERAL_AREA
from jgsw_std.model.standard import Evaluation, Review
from jgsw_std.problems import Problem, Severity
from jgsw_std.rules.registry import CheckContext, rule

#: (list on a standard, Chinese word, English word)
_ENTRIES = (("reviews", "复审", "review"), ("evaluations", "实施效果评价", "evaluation"))


_Named = tuple[StandardRecord, str, int, int, str, str, str]


def _named(wh: Warehouse, ctx: CheckContext) -> list[_Named]:
    """Every expert named on a review or evaluation (collected once per run):
    (standard, list key, entry index, position in experts, slug, what zh, what en)."""

    def build() -> list[_Named]:
        out: list[_Named] = []
        for rec in wh.standards:
            model = rec.model
            if not (model.reviews or model.evaluations):
                continue
            for key, zh, en in _ENTRIES:
                entries: Sequence[Review | Evaluation] = (
                    model.reviews if key == "reviews" else model.evaluations
                )
                for index, entry in enumerate(entries):
                    if entry.experts:
                        for position, slug in enumerate(entry.experts):
                            out.append((rec, key, index, position, slug, zh, en))
        return out

    return ctx.at.memo("named-experts", build)


def _entry_date(rec: StandardRecord, key: str, index: int) -> dt.date | None:
    """The review's or evaluation's date; None when it is not recorded."""
    entry = rec.model.reviews[index] if key == "reviews" else rec.model.evaluations[index]
    return entry.date


def _shown_date(rec: StandardRecord, key: str, index: int) -> str:
    day = _entry_date(rec, key, index)
    return day.isoformat() if day is not None else "—"


@rule(
    "E901",
    "unknown-expert",
    Severity.ERROR,
    zh="{what_zh}（{date}）列出的专家 {slug} 不在专家库中{suggestion_zh}",
    en="the {what_en} of {date} names expert {slug}, who is not in the expert pool{suggestion_en}",
    hint_zh="核对专家标识（data/experts/ 下的文件名），或先用 jgsw new expert 把专家录入专家库。",
    hint_en="Check the expert's identifier (the file name under data/experts/), or add the "
    "expert with jgsw new expert.",
)
def unknown_expert(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A review or an effect evaluation names an expert the pool does not have.

    `experts:` on a review or an evaluation lists slugs of data/experts/. A slug
    with no file there is reported, with the closest known slug when there is
    one. An expert whose own file has errors is not reported here: that file's
    problems say what is wrong.
    """
    known = wh.expert_by_slug
    broken = wh.unusable("expert", "slug") if wh.keeps("expert") else set()
    for rec, key, index, position, slug, zh, en in _named(wh, ctx):
        if slug in known or slug in broken:
            continue
        close = difflib.get_close_matches(slug, list(known), n=1, cutoff=0.7)
        yield unknown_expert.problem(
            rec.path,
            (key, index, "experts", position),
            slug=slug,
            date=_shown_date(rec, key, index),
            what_zh=zh,
            what_en=en,
            suggestion_zh=f"；是不是 {close[0]}？" if close else "",
            suggestion_en=f"; did you mean {close[0]}?" if close else "",
        )


def _outside(expert: ExpertRecord, day: dt.date) -> tuple[str, str]:
    """Why the expert was not in the pool on ``day``, in both languages."""
    model = expert.model
    if model.appointed > day:
        return f"{model.appointed} 才入库", f"joined the pool only on {model.appointed}"
    if model.left is not None and model.left < day:
        return f"已于 {model.left} 出库", f"left the pool on {model.left}"
    return f"聘期已于 {model.term_ends} 届满", f"the term ended on {model.term_ends}"


@rule(
    "E902",
    "expert-outside-pool",
    Severity.WARNING,
    zh="{what_zh}（{date}）列出的专家 {name}（{slug}）当日不在专家库内：{why_zh}",
    en="the {what_en} of {date} names expert {name} ({slug}), who was not in the pool "
    "that day: {why_en}",
    hint_zh="核对{what_zh}日期和专家的入库、聘期、出库日期；聘期续签时更新 term_ends。",
    hint_en="Check the date and the expert's appointed, term_ends and left dates; update "
    "term_ends when a term is renewed.",
)
def expert_outside_pool(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """An expert named on a review or evaluation was not in the pool on its date.

    An expert is in the pool on a date D when appointed on or before D and
    neither `term_ends` nor `left` is before D: the last day of a term still
    counts. A review before the expert joined, or after the term ended or the
    expert left, is reported. Reviews dated after the as-of date are not
    judged yet.
    """
    known = wh.expert_by_slug
    for rec, key, index, position, slug, zh, en in _named(wh, ctx):
        expert = known.get(slug)
        day = _entry_date(rec, key, index)
        # an undated review cannot be placed in or out of a term: nothing to judge yet
        if expert is None or day is None or day > ctx.as_of or expert.model.in_pool(day):
            continue
        why_zh, why_en = _outside(expert, day)
        yield expert_outside_pool.problem(
            rec.path,
            (key, index, "experts", position),
            name=expert.model.name,
            slug=slug,
            date=day,
            what_zh=zh,
            what_en=en,
            why_zh=why_zh,
            why_en=why_en,
        )


@rule(
    "E903",
    "reviewer-from-drafter",
    Severity.WARNING,
    zh="专家 {name}（{slug}）来自本标准的起草单位 {organization}，不宜参加{what_zh}（{date}）",
    en="expert {name} ({slug}) works for {organization}, which drafted this standard, and "
    "should not take part in its {what_en} ({date})",
    hint_zh="复审和评价应回避起草单位的专家：另请专家，或核对 drafters 与专家的工作单位。",
    hint_en="Reviews and evaluations should not involve the drafters' experts: ask another "
    "expert, or check drafters and the expert's organization.",
)
def reviewer_from_drafter(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """An expert from an organization that drafted the standard reviewed or evaluated it.

    A conflict of interest (回避): the standard's `drafters` lists the
    organizations that drafted it, and an expert's `organization` in that
    list should not sit on its review (复审) or its effect evaluation. Names
    are compared as written, spaces aside.
    """
    known = wh.expert_by_slug
    for rec, key, index, position, slug, zh, en in _named(wh, ctx):
        expert = known.get(slug)
        drafters = rec.model.drafters
        if expert is None or not drafters:
            continue
        organization = expert.model.organization
        if any(same_organization(organization, d) for d in drafters):
            yield reviewer_from_drafter.problem(
                rec.path,
                (key, index, "experts", position),
                name=expert.model.name,
                slug=slug,
                organization=organization,
                date=_shown_date(rec, key, index),
                what_zh=zh,
                what_en=en,
            )


@rule(
    "E904",
    "area-short-of-experts",
    Severity.WARNING,
    zh="主干业务领域 {area_zh} 在 {as_of} 只有 {count} 名在库专家，少于 {minimum} 名",
    en="main area {area_en} has {count} expert(s) in the pool on {as_of}, fewer than {minimum}",
    hint_zh="为该领域增补专家（jgsw new expert，fields 写该领域代码），或续聘聘期届满的专家。",
    hint_en="Add experts for the area (jgsw new expert, with the area in fields), or renew "
    "the terms that ended.",
)
def area_short_of_experts(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A main business area has fewer experts in the pool than `min_experts_per_area`.

    Counted on the as-of date: experts whose `fields` name the area and who are
    in the pool that day. The minimum is `min_experts_per_area` in
    framework.yaml (default 3). Only a warehouse that keeps an expert pool
    (any file under data/experts/) is judged.
    """
    if not wh.keeps("expert"):
        return
    fw = wh.framework
    for index, code, count in short_areas(wh, ctx.as_of):
        yield area_short_of_experts.problem(
            FRAMEWORK_PATH,
            ("areas", index, "code"),
            area_zh=fw.area_label(code, "zh"),
            area_en=fw.area_label(code, "en"),
            count=count,
            minimum=fw.min_experts_per_area,
            as_of=ctx.as_of,
        )


@rule(
    "E905",
    "expert-dates-order",
    Severity.ERROR,
    zh="{field_zh} {date} 早于入库日期 {appointed}",
    en="{field_en} {date} is before the date the expert joined the pool, {appointed}",
    hint_zh="核对入库日期 appointed 与 {field}。",
    hint_en="Check appointed and {field}.",
)
def expert_dates_order(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """An expert's term ends, or the expert left, before joining the pool."""
    words = {
        "term_ends": ("聘期届满日期", "the term end"),
        "left": ("出库日期", "the leaving date"),
    }
    for rec in wh.experts:
        model = rec.model
        for field_name, (zh, en) in words.items():
            day = getattr(model, field_name)
            if day is not None and day < model.appointed:
                yield expert_dates_order.problem(
                    rec.path,
                    (field_name,),
                    field=field_name,
                    field_zh=zh,
                    field_en=en,
                    date=day,
                    appointed=model.appointed,
                )


@rule(
    "E906",
    "unknown-expert-field",
    Severity.ERROR,
    zh="专业领域 {area} 不是 framework.yaml 中的业务方面",
    en="field {area} is not an area of framework.yaml",
    hint_zh="fields 写业务方面代码（如 vehicles）或 general。",
    hint_en="Write area codes (e.g. vehicles) or general in fields.",
)
def unknown_expert_field(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """An expert's `fields` names an area the framework does not have.

    The pool is counted by area (E904), so an unknown code would leave the
    expert out of every count.
    """
    known = wh.framework.area_by_code
    if not known:
        return
    for rec in wh.experts:
        for index, area in enumerate(rec.model.fields):
            if area != GENERAL_AREA and area not in known:
                yield unknown_expert_field.problem(rec.path, ("fields", index), area=area)
