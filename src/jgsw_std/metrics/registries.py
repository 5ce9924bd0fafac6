"""The warehouse's own figures beside the plan's 20: the expert pool and the feedback loop.

Not indicators of the plan: nothing here has a target. `status` shows them
after the indicators, the report in its 专家库 and 信息反馈 sections, `trend` at
each period's end and `diff` as deltas; every view reads :func:`registry_figures`.
The judgements are lifecycle/registries.py's (in the pool on a date, answered
in time, the answer and revision duties), the very ones the E and F checks
use, so the unanswered items listed here are exactly F905's, the broken
promises F906's, the short areas E904's.

"No data" is kept apart from 0. A warehouse without data/experts/ has no pool
figures at all (while one that keeps a pool counts an empty area as 0: E904
judges it too); feedback figures need at least one item received by the date
in the scope, since an unrecorded item is not an item that was never sent. A
median of no answers is no data, never 0 days.

Scopes: the pool is the city's, shared by every unit, so it is the same for
every ``--scope``. Feedback belongs to the unit that raised it (``from``): a
district's figures count the items it sent, the city's count every item.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from jgsw_std.lifecycle.registries import (
    FeedbackFigures,
    answer_due,
    feedback_figures,
    pool_at,
    pool_by_area,
    response_on,
    revision_duty,
    unanswered_late,
    undated_response,
)
from jgsw_std.metrics.registry_figure import (
    FEEDBACK_FIGURES,
    Figure,
    count_figure,
    in_time_figure,
)

if TYPE_CHECKING:
    from jgsw_std.lifecycle.asof import AsOf
    from jgsw_std.load.warehouse import FeedbackRecord, Warehouse
    from jgsw_std.metrics.scope import Scope

# -- the expert pool ---------------------------------------------------------------


@dataclass(frozen=True)
class AreaPool:
    """One area of the framework (or ``general``) and the experts in the pool for it."""

    code: str
    label_zh: str
    label_en: str
    main: bool
    #: (slug, name) of each expert in the pool on the date: never a contact
    experts: tuple[tuple[str, str], ...]
    short: bool  # a main area with fewer than the minimum (E904)

    @property
    def count(self) -> int:
        return len(self.experts)

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_zh


@dataclass(frozen=True)
class PoolFigures:
    """The pool on a date; ``kept`` False (no data/experts/): no data, not an empty pool."""

    kept: bool
    in_pool: int
    minimum: int  # min_experts_per_area of framework.yaml
    areas: tuple[AreaPool, ...]

    @property
    def short(self) -> list[AreaPool]:
        return [area for area in self.areas if area.short]


def pool_figures(wh: Warehouse, on: dt.date) -> PoolFigures:
    """Experts in the pool on ``on`` by area, framework areas first, then ``general``."""
    fw = wh.framework
    minimum = fw.min_experts_per_area
    if not wh.keeps("expert"):
        return PoolFigures(False, 0, minimum, ())
    mains = {area.code for area in fw.main_areas}
    # the pool is every expert in it that day, whether or not their `fields` name an area
    in_pool = len(pool_at(wh, on))
    areas = []
    for code, records in pool_by_area(wh, on).items():
        main = code in mains
        areas.append(
            AreaPool(
                code,
                fw.area_label(code, "zh"),
                fw.area_label(code, "en"),
                main,
                tuple((rec.slug, rec.model.name) for rec in records),
                main and len(records) < minimum,
            )
        )
    return PoolFigures(True, in_pool, minimum, tuple(areas))


# -- feedback ----------------------------------------------------------------------

ItemState = Literal["unanswered", "unanswered-late", "answered", "closed"]


@dataclass(frozen=True)
class FeedbackItem:
    """One item as it stands on the date (the report lists the open ones)."""

    id: str
    standard: str  # the code as written
    title: str  # the standard's title ("" when the warehouse lacks it)
    unit: str  # the unit that raised it
    received: dt.date
    answer_due: dt.date
    answered: dt.date | None  # the response, if dated on or before the date
    action: str | None
    state: ItemState
    path: str


@dataclass(frozen=True)
class FeedbackGroup:
    """The figures of the items of one standard, unit or year."""

    key: str
    label_zh: str
    label_en: str
    figures: FeedbackFigures

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_zh


@dataclass(frozen=True)
class FeedbackSummary:
    """The feedback of a scope on a date; no data when nothing was received by then."""

    kept: bool  # the warehouse has data/feedback/
    response_days: int
    revision_days: int
    total: FeedbackFigures
    by_standard: tuple[FeedbackGroup, ...]
    by_unit: tuple[FeedbackGroup, ...]
    by_year: tuple[FeedbackGroup, ...]
    #: every item received by the date and not closed, oldest first
    open_items: tuple[FeedbackItem, ...]
    #: ids unanswered past the due day: exactly the items F905 reports
    unanswered_late: tuple[str, ...]
    #: ids answered "revise" with no revision past its day: exactly F906's
    revision_overdue: tuple[str, ...]

    @property
    def has_data(self) -> bool:
        return self.total.received > 0


def item_state(rec: FeedbackRecord, on: dt.date, days: int) -> ItemState:
    """Where one item stands on ``on`` (received by then): closed, answered or not, late or not."""
    item = rec.model
    if item.closed is not None and item.closed <= on:
        return "closed"
    # an answer on record without its date: answered (F905 says it may have been late)
    if response_on(item, on) is not None or undated_response(item, on):
        return "answered"
    return "unanswered-late" if unanswered_late(item, on, days) else "unanswered"


def _groups(
    items: list[FeedbackRecord],
    on: dt.date,
    days: int,
    key: Callable[[FeedbackRecord], str],
    labels: Callable[[str], tuple[str, str]],
) -> tuple[FeedbackGroup, ...]:
    grouped: dict[str, list[FeedbackRecord]] = {}
    for rec in items:
        grouped.setdefault(key(rec), []).append(rec)
    out = []
    for name in sorted(grouped):
        figures = feedback_figures((r.model for r in grouped[name]), on, days)
        zh, en = labels(name)
        out.append(FeedbackGroup(name, zh, en, figures))
    return tuple(out)


def feedback_summary(
    wh: Warehouse, on: dt.date, items: Iterable[FeedbackRecord]
) -> FeedbackSummary:
    """The figures of ``items`` (a scope's) on ``on``, in total and by standard, unit and year."""
    fw = wh.framework
    days = fw.feedback_response_days
    received = sorted(
        (rec for rec in items if rec.model.received <= on),
        key=lambda r: (r.model.received, r.id),
    )

    def standard_labels(code: str) -> tuple[str, str]:
        found = wh.by_code.get(wh.canonical(code))
        if not found:
            return "", ""
        model = found[0].model
        return model.title, model.title_en or model.title

    def unit_labels(slug: str) -> tuple[str, str]:
        found = wh.district_by_slug.get(slug)
        if found is None:
            return slug, slug
        return found.model.name, found.model.name_en or slug

    open_items = []
    for rec in received:
        state = item_state(rec, on, days)
        if state == "closed":
            continue
        item = rec.model
        response = response_on(item, on)
        if response is None and undated_response(item, on):
            response = item.response  # answered on a day nobody recorded: shown undated
        title = standard_labels(rec.code)[0]
        open_items.append(
            FeedbackItem(
                rec.id,
                item.standard,
                title,
                item.from_,
                item.received,
                answer_due(item, days),
                response.date if response is not None else None,
                response.action if response is not None else None,
                state,
                rec.path,
            )
        )
    revision = []
    for rec in received:
        duty = revision_duty(wh, rec, on)
        if duty is not None and duty.overdue:
            revision.append(rec.id)
    return FeedbackSummary(
        kept=wh.keeps("feedback"),
        response_days=days,
        revision_days=fw.feedback_revision_days,
        total=feedback_figures((r.model for r in received), on, days),
        by_standard=_groups(received, on, days, lambda r: r.code, standard_labels),
        by_unit=_groups(received, on, days, lambda r: r.model.from_, unit_labels),
        by_year=_groups(received, on, days, lambda r: str(r.model.received.year), _same),
        open_items=tuple(open_items),
        unanswered_late=tuple(i.id for i in open_items if i.state == "unanswered-late"),
        revision_overdue=tuple(revision),
    )


def _same(text: str) -> tuple[str, str]:
    return text, text


def scope_feedback(wh: Warehouse, scope: Scope) -> list[FeedbackRecord]:
    """The items a scope counts: every item for the city, else those its units raised."""
    if scope.kind == "city":
        return list(wh.feedback)
    units = {rec.slug for rec in scope.units(wh)}
    return [rec for rec in wh.feedback if rec.model.from_ in units]


# -- both, and the flat list trend and diff compare ---------------------------------


@dataclass(frozen=True)
class RegistryFigures:
    """The pool and the feedback of a scope on a date."""

    as_of: dt.date
    scope: str  # the scope's key; the pool is the city's whatever it is
    pool: PoolFigures
    feedback: FeedbackSummary

    def flat(self) -> list[Figure]:
        """Every figure by a stable key: the pool, each area's experts, the feedback."""
        pool, fb = self.pool, self.feedback
        kept = pool.kept
        out = [
            Figure("experts.in_pool", "在库专家", "experts in the pool", "count",
                   pool.in_pool if kept else None),
            Figure("experts.short_areas", "专家不足的主干领域", "main areas short of experts",
                   "count", len(pool.short) if kept else None),
        ]  # fmt: skip
        for area in pool.areas:
            out.append(
                Figure(
                    f"experts.area.{area.code}",
                    f"{area.label_zh}在库专家",
                    f"experts for {area.label_en}",
                    "count",
                    area.count,
                )
            )
        out.extend(feedback_flat(fb))
        return out


def feedback_flat(fb: FeedbackSummary) -> list[Figure]:
    """The feedback figures in FEEDBACK_FIGURES' order, all no data without items.

    An answer on record without its date (``answered_undated``) may have been given
    after the date, and late: ``answered`` runs up to it, ``unanswered_late`` up to the
    undated answers past their due day, the in-time rate over :func:`in_time_range`.
    ``median_days`` is the dated answers' only (an undated wait is not known at all,
    so no range bounds it); received, closed and open carry their own dates.
    """
    total = fb.total
    out = []
    for key, zh, en, unit in FEEDBACK_FIGURES:
        if not fb.has_data:
            out.append(Figure(key, zh, en, unit, None))
        elif key == "feedback.answered":
            out.append(count_figure(key, zh, en, total.answered, total.answered_undated))
        elif key == "feedback.unanswered_late":
            late = len(fb.unanswered_late)
            out.append(count_figure(key, zh, en, late, total.undated_past_due))
        elif key == "feedback.in_time_rate":
            out.append(in_time_figure(key, zh, en, total))
        else:
            value = {
                "feedback.received": total.received,
                "feedback.closed": total.closed,
                "feedback.open": total.open,
                "feedback.median_days": total.median_days,
            }[key]
            out.append(Figure(key, zh, en, unit, value))
    return out


def registry_figures(at: AsOf, scope: Scope) -> RegistryFigures:
    """The registries' figures on ``at``'s date for ``scope`` (see the module's notes)."""
    wh = at.wh
    return RegistryFigures(
        at.date,
        scope.key,
        pool_figures(wh, at.date),
        feedback_summary(wh, at.date, scope_feedback(wh, scope)),
    )
