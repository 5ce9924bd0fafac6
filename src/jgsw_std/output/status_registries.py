"""`jgsw status`: the warehouse's own figures after the plan's 20 (专家库, 信息反馈).

The figures are :func:`jgsw_std.metrics.registries.registry_figures`'; this
module only lays them out, as a section of the text view and as the
``registries`` object of the JSON document (docs/status.md).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from jgsw_std.history.trend import figure_dict as _figure_dict
from jgsw_std.i18n import pick
from jgsw_std.lifecycle.registries import FeedbackFigures
from jgsw_std.metrics.registries import FeedbackGroup, FeedbackItem, RegistryFigures
from jgsw_std.metrics.registry_figure import in_time_range, in_time_rate
from jgsw_std.reports.registry_words import (
    days_text,
    feedback_sentence,
    feedback_why,
    pool_why,
    rate_text,
)

if TYPE_CHECKING:
    from rich.console import Console

#: Standards the text view lists by default (the most feedback first); --explain: all.
TOP_STANDARDS = 10


# -- JSON -----------------------------------------------------------------------------


def _figures_dict(figures: FeedbackFigures) -> dict[str, Any]:
    rate = in_time_rate(figures)
    return {
        "received": figures.received,
        "answered": figures.answered,
        "answered_undated": figures.answered_undated,
        "answered_in_time": figures.answered_in_time,
        "answers_due": rate[1] if rate else 0,
        "in_time_rate": round(rate[0] / rate[1], 6) if rate else None,
        **_in_time_span(figures),
        "late": figures.late,
        "closed": figures.closed,
        "open": figures.open,
        "median_days": figures.median_days,
    }


def _in_time_span(figures: FeedbackFigures) -> dict[str, Any]:
    """The in-time rate's range when answers without their date leave it open (else nothing).

    As in the ``figures`` list: ``in_time_rate`` then holds a value only where
    both ends meet, so it never claims more than the records show; the ends
    and their parts are added (``in_time_low`` is null while no answer need
    be due at all).
    """
    span = in_time_range(figures) if figures.in_time_unknown else None
    if span is None:
        return {}
    (low_done, low_due), (high_done, high_due) = span
    low = round(low_done / low_due, 6) if low_due else None
    high = round(high_done / high_due, 6)
    return {
        "in_time_rate": low if low == high else None,
        "in_time_low": low,
        "in_time_high": high,
        "in_time_low_parts": [low_done, low_due],
        "in_time_high_parts": [high_done, high_due],
    }


def _group_dicts(groups: tuple[FeedbackGroup, ...], lang: str) -> list[dict[str, Any]]:
    return [
        {"key": g.key, "label": g.label(lang), **_figures_dict(g.figures)}
        for g in groups
        if g.figures.received
    ]


def registries_document(fig: RegistryFigures, lang: str) -> dict[str, Any]:
    """The ``registries`` object of `jgsw status --format json` (docs/status.md)."""
    pool, fb = fig.pool, fig.feedback
    as_of = fig.as_of.isoformat()
    experts = {
        "status": "ok" if pool.kept else "no-data",
        "why": pool_why(pool, lang),
        "scope": "city",  # the pool is the city's, whatever --scope says
        "in_pool": pool.in_pool if pool.kept else None,
        "minimum": pool.minimum,
        "areas": [
            {
                "area": a.code,
                "label": a.label(lang),
                "main": a.main,
                "count": a.count,
                "short": a.short,
                "experts": [{"slug": slug, "name": name} for slug, name in a.experts],
            }
            for a in pool.areas
        ],
        "short": [a.code for a in pool.short],
    }
    feedback = {
        "status": "ok" if fb.has_data else "no-data",
        "why": feedback_why(fb, as_of, lang),
        "scope": fig.scope,
        "by": "from",  # a scope counts the items its units raised
        "response_days": fb.response_days,
        "revision_days": fb.revision_days,
        "total": _figures_dict(fb.total) if fb.has_data else None,
        "by_year": _group_dicts(fb.by_year, lang),
        "by_unit": _group_dicts(fb.by_unit, lang),
        "by_standard": _group_dicts(fb.by_standard, lang),
        "unanswered_late": list(fb.unanswered_late),
        "revision_overdue": list(fb.revision_overdue),
        "open": [
            {
                "id": i.id,
                "standard": i.standard,
                "title": i.title,
                "unit": i.unit,
                "received": i.received.isoformat(),
                "answer_due": i.answer_due.isoformat(),
                "answered": i.answered.isoformat() if i.answered else None,
                "action": i.action,
                "state": i.state,
                "path": i.path,
            }
            for i in fb.open_items
        ],
    }
    return {
        "as_of": as_of,
        "experts": experts,
        "feedback": feedback,
        "figures": [
            {"key": f.key, "label": f.label(lang), "unit": f.unit, **_figure_dict(f)}
            for f in fig.flat()
        ],
    }


# -- text ------------------------------------------------------------------------------


def _say(console: Console, text: str, style: str = "") -> None:
    """One line of prose: never cut by the console (a terminal wraps it)."""
    from rich.text import Text

    console.print(Text(text, style=style), soft_wrap=True)


def print_registries(
    console: Console, fig: RegistryFigures, scope_label: str, lang: str, *, explain: bool
) -> None:
    """The section after the indicators: the pool by area, then the feedback figures."""
    console.print()
    _say(
        console,
        pick(
            lang,
            "标准仓自有数据（规划 20 项指标之外）",
            "The warehouse's own figures (beside the plan's 20 indicators)",
        ),
        "bold",
    )
    _pool(console, fig, lang)
    _feedback(console, fig, scope_label, lang, explain)


def _table(first: str, columns: list[str]) -> Any:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column(first, overflow="fold", ratio=3)
    for name in columns:
        table.add_column(name, justify="right", no_wrap=True)
    return table


def _pool(console: Console, fig: RegistryFigures, lang: str) -> None:
    from rich.text import Text

    pool = fig.pool
    if not pool.kept:
        why = pool_why(pool, lang)
        _say(console, pick(lang, f"专家库：无数据（{why}）", f"Expert pool: no data ({why})"))
        return
    _say(
        console,
        pick(
            lang,
            f"专家库（全市共用，不分范围）：截至 {fig.as_of} 在库专家 {pool.in_pool} 名；"
            f"每个主干业务领域至少应有 {pool.minimum} 名",
            f"Expert pool (the city's, for every scope): {pool.in_pool} experts in the pool "
            f"on {fig.as_of}; each main area needs at least {pool.minimum}",
        ),
    )
    table = _table(
        pick(lang, "业务方面", "Area"),
        [pick(lang, "主干", "Main"), pick(lang, "在库专家", "In pool"), pick(lang, "状态", "")],
    )
    for area in pool.areas:
        lack = pool.minimum - area.count
        state = pick(lang, f"不足（少 {lack} 名）", f"short by {lack}") if area.short else ""
        table.add_row(
            area.label(lang),
            pick(lang, "是", "yes") if area.main else "",
            str(area.count),
            Text(state, style="yellow" if state else ""),
        )
    console.print(table)
    if pool.short:
        names = pick(lang, "、", ", ").join(
            pick(lang, f"{a.label_zh}（{a.count} 名）", f"{a.label_en} ({a.count})")
            for a in pool.short
        )
        _say(
            console,
            pick(
                lang,
                f"在库专家不足 {pool.minimum} 名的主干业务领域（jgsw check E904）：{names}",
                f"Main areas with fewer than {pool.minimum} experts (jgsw check E904): {names}",
            ),
        )


def _feedback(console: Console, fig: RegistryFigures, scope: str, lang: str, explain: bool) -> None:
    fb = fig.feedback
    console.print()
    if not fb.has_data:
        why = feedback_why(fb, fig.as_of.isoformat(), lang)
        _say(console, pick(lang, f"信息反馈：无数据（{why}）", f"Feedback: no data ({why})"))
        return
    sentence = feedback_sentence(fb.total, len(fb.unanswered_late), lang)
    _say(
        console,
        pick(
            lang,
            f"信息反馈（{scope}，按提出单位；答复期限 {fb.response_days} 天）：{sentence}",
            f"Feedback ({scope}, by the unit that raised it; {fb.response_days} days to "
            f"answer): {sentence}",
        ),
    )
    by_id = {item.id: item for item in fb.open_items}
    if fb.unanswered_late:
        listed = pick(lang, "、", ", ").join(
            pick(lang, f"{i}（{by_id[i].standard}）", f"{i} ({by_id[i].standard})")
            for i in fb.unanswered_late
        )
        _say(
            console,
            pick(
                lang,
                f"逾期未答复（jgsw check F905）：{listed}",
                f"Unanswered past the limit (jgsw check F905): {listed}",
            ),
        )
    if fb.revision_overdue:
        listed = pick(lang, "、", ", ").join(fb.revision_overdue)
        _say(
            console,
            pick(
                lang,
                f"答复将修订、逾期仍未安排修订（jgsw check F906）：{listed}",
                f"Answered 'revise', no revision by its day (jgsw check F906): {listed}",
            ),
        )
    _groups(console, pick(lang, "年度", "Year"), list(fb.by_year), lang, lambda g: g.key)
    _groups(
        console,
        pick(lang, "提出单位", "Unit"),
        list(fb.by_unit),
        lang,
        lambda g: pick(lang, f"{g.label_zh}（{g.key}）", f"{g.label_en} ({g.key})"),
    )
    standards = [g for g in fb.by_standard if g.figures.received]
    shown = standards
    if not explain and len(standards) > TOP_STANDARDS:
        shown = sorted(standards, key=lambda g: (-g.figures.received, -g.figures.open, g.key))
        shown = sorted(shown[:TOP_STANDARDS], key=lambda g: g.key)
        _say(
            console,
            pick(
                lang,
                f"按标准：收到反馈最多的 {len(shown)} 项（共 {len(standards)} 项；--explain "
                "列出全部）",
                f"By standard: the {len(shown)} with most feedback (of {len(standards)}; "
                "--explain lists all)",
            ),
        )
    head = pick(lang, "标准", "Standard")
    _groups(console, head, shown, lang, lambda g: f"{g.key} {g.label(lang)}".strip())
    if explain and fb.open_items:
        _say(console, pick(lang, "未闭环的反馈：", "Feedback still open:"))
        for item in fb.open_items:
            _say(console, f"  {item.id}  {item.standard}  {item.unit}  {item.received}  "
                 f"{_item_state(item, lang)}  {item.path}")  # fmt: skip


def _item_state(item: FeedbackItem, lang: str) -> str:
    if item.state == "unanswered":
        return pick(lang, f"待答复（{item.answer_due} 前）", f"to answer by {item.answer_due}")
    if item.state == "unanswered-late":
        return pick(
            lang, f"逾期未答复（{item.answer_due} 到期）", f"unanswered, due {item.answer_due}"
        )
    return pick(lang, f"{item.answered} 已答复，未闭环", f"answered {item.answered}, not closed")


def _groups(
    console: Console,
    head: str,
    groups: list[FeedbackGroup],
    lang: str,
    name: Callable[[FeedbackGroup], str],
) -> None:
    rows = [g for g in groups if g.figures.received]
    if not rows:
        return
    table = _table(
        head,
        [
            pick(lang, "收到", "Received"),
            pick(lang, "已答复", "Answered"),
            pick(lang, "按时答复率", "In time"),
            pick(lang, "超期", "Late"),
            pick(lang, "已闭环", "Closed"),
            pick(lang, "未闭环", "Open"),
            pick(lang, "用时中位数（天）", "Median days"),
        ],
    )
    for group in rows:
        f = group.figures
        table.add_row(
            name(group),
            str(f.received),
            str(f.answered),
            rate_text(f, lang),
            str(f.late),
            str(f.closed),
            str(f.open),
            days_text(f.median_days, lang, unit=False),
        )
    console.print(table)
