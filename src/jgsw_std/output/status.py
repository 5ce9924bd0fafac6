"""Writers for `jgsw status`: a table for people, the documented JSON for tools."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from jgsw_std.app.status import StatusOutcome
from jgsw_std.i18n import one_line, word
from jgsw_std.output.status_registries import print_registries, registries_document
from jgsw_std.reports.figures import indicator_label

if TYPE_CHECKING:
    from rich.console import Console

    from jgsw_std.metrics.base import MetricResult, RecordRef

FORMAT = "jgsw-status/1"
#: status -> rich style; the word itself always says the status, colour only helps
_STYLES = {
    "met": "green",
    "on-track": "cyan",
    "behind": "yellow",
    "not-met": "bold red",
    "unsettled": "magenta",
    "no-data": "dim",
}


def status_document(outcome: StatusOutcome, lang: str) -> dict[str, Any]:
    """The JSON document of ``jgsw status --format json`` (docs/status.md)."""
    plan = outcome.indicators.plan
    by_id = {i.id: i for i in outcome.indicators.indicators}
    items = []
    for result in outcome.results:
        ind = by_id[result.indicator_id]
        items.append(
            {
                **result.to_dict(lang),
                "group": ind.group,
                "label": indicator_label(ind, lang),
                "text": (ind.text_en or ind.text) if lang == "en" else ind.text,
                "deadline": outcome.indicators.deadline(ind).isoformat(),
                "status_label": word(f"ind.{result.status}", lang),
            }
        )
    wh = outcome.warehouse
    return {
        "format": FORMAT,
        "as_of": outcome.as_of.isoformat(),
        "scope": outcome.scope.key,
        "scope_label": outcome.scope.label(wh, lang),
        "lang": lang,
        "plan": {
            "name": plan.name,
            "document": plan.document,
            "start": plan.start.isoformat(),
            "end": plan.end.isoformat(),
            "file": outcome.indicators_file,
        },
        "warehouse": {
            "root": str(wh.root) if wh.root else None,
            "revision": wh.revision,
            "standards": len(wh.standards),
            "districts": len(wh.districts),
            "experts": len(wh.experts),
            "materials": len(wh.materials),
            "feedback": len(wh.feedback),
            "file_errors": outcome.data_errors,
        },
        "summary": outcome.summary(),
        "indicators": items,
        # the warehouse's own figures (专家库, 信息反馈); null with --indicator
        "registries": registries_document(outcome.registries, lang)
        if outcome.registries is not None
        else None,
    }


def data_error_note(count: int, lang: str) -> str:
    if lang == "en":
        return f"note: {count} file problems keep records out of these figures; run jgsw check."
    return f"注意：有 {count} 个文件问题，相关记录未计入这些数字；运行 jgsw check 查看。"


def render_text(outcome: StatusOutcome, lang: str, *, explain: bool, color: bool) -> str:
    """The rich table grouped by the plan's four groups, then the explanations."""
    import io
    import shutil

    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from jgsw_std.i18n import word
    from jgsw_std.model.indicators import GROUPS
    from jgsw_std.reports import figures as view

    width = shutil.get_terminal_size((120, 40)).columns if color else 120
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=max(width, 80),
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
    )
    plan, wh = outcome.indicators.plan, outcome.warehouse
    console.print(
        Text(f"{plan.name}（{plan.document}）" if plan.document else plan.name, style="bold")
    )
    console.print(
        Text(
            f"{word('view.as-of', lang)} {outcome.as_of}  {word('view.scope', lang)}"
            f"{': ' if lang == 'en' else '：'}"
            f"{outcome.scope.label(wh, lang)}  ({outcome.scope.key})"
        )
    )
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    # Short columns never wrap; the indicator name and the notes share what is left.
    table.add_column(word("view.id", lang), justify="right", no_wrap=True)
    table.add_column(word("view.indicator", lang), ratio=3, overflow="fold")
    table.add_column(word("view.target", lang), justify="right", no_wrap=True)
    table.add_column(word("view.value", lang), justify="right", no_wrap=True)
    table.add_column(word("view.status", lang), no_wrap=True)
    table.add_column(word("view.why", lang), ratio=5, overflow="fold")
    by_id = {i.id: i for i in outcome.indicators.indicators}
    for group in GROUPS:
        rows = [r for r in outcome.results if by_id[r.indicator_id].group == group]
        if not rows:
            continue
        if table.row_count:
            table.add_section()
        table.add_row("", Text(word(f"group.{group}", lang), style="bold"), "", "", "", "")
        for result in rows:
            notes = [
                *view.range_lines(result, lang),
                result.why(lang),
                *view.figure_lines(result, lang),
            ]
            if pace := view.expected_text(result, lang):
                notes.append(pace)
            table.add_row(
                str(result.indicator_id),
                view.indicator_label(by_id[result.indicator_id], lang),
                view.target_text(result, lang),
                view.value_text(result, lang),
                Text(word(f"ind.{result.status}", lang), style=_STYLES[result.status]),
                "\n".join(n for n in notes if n),
            )
    console.print(table)
    sep = ", " if lang == "en" else "，"
    console.print(
        Text(sep.join(f"{word(f'ind.{s}', lang)} {n}" for s, n in outcome.summary().items()))
    )
    if explain:
        for result in outcome.results:
            _explain(console, result, view.indicator_label(by_id[result.indicator_id], lang), lang)
    if outcome.registries is not None:
        print_registries(
            console, outcome.registries, outcome.scope.label(wh, lang), lang, explain=explain
        )
    return buffer.getvalue()


def _explain(console: Console, result: MetricResult, label: str, lang: str) -> None:
    """The records behind an indicator: those counted against, the open ones (whose
    missing dates make the figure a range) and what would settle it, the plan
    period it counts, and its second figures."""
    from rich.text import Text

    from jgsw_std.i18n import word
    from jgsw_std.reports import figures as view

    en = lang == "en"
    console.print()
    head = view.verdict_text(result, lang)
    if result.status == "no-data":
        head += f": {result.why_en}" if en else f"：{result.why_zh}"
    console.print(Text(f"[{result.indicator_id}] {label}  {head}", style="bold"))
    if result.has_data:
        refs = result.counted_against
        console.print(
            Text(
                f"  {len(refs)} records counted against:"
                if en
                else f"  计入不利的记录 {len(refs)} 项："
            )
        )
        _refs(console, refs, lang, "    ")
    if result.unknown:
        n = len(result.unknown)
        console.print(
            Text(
                f"  {n} open: dates missing, counted both ways:"
                if en
                else f"  日期不详、按两种可能计入范围的记录 {n} 项："
            )
        )
        _refs(console, result.unknown, lang, "    ")
    if result.settle:
        console.print(
            Text(
                "  to settle it, record (most decisive first):"
                if en
                else "  补上以下数据可判定或缩小范围（影响最大的在前）："
            )
        )
        for index, settler in enumerate(result.settle, start=1):
            alone = (" (settles it alone)" if en else "（单独即可判定）") if settler.alone else ""
            where = f"  {settler.fact.path}" if settler.fact.path else ""
            console.print(
                Text(f"    {index}. {settler.fact.text(lang)}{alone}{where}"), soft_wrap=True
            )
    if period := _period_text(result, lang):
        console.print(Text(f"  {period}"), soft_wrap=True)
    # second figures keep the indicator from its target too (3: summaries not sent)
    for key, fig in result.figures.items():
        name = word(f"figure.{key}", lang)
        shown = f"{view.value_text(fig, lang)} {view.verdict_text(fig, lang)}"
        console.print(Text(f"  {name}{': ' if en else '：'}{shown}"))
        if fig.status == "no-data":
            console.print(Text(f"    {fig.why(lang)}"), soft_wrap=True)
        _refs(console, fig.counted_against, lang, "    ")
        _refs(console, fig.unknown, lang, "    ")


def _refs(console: Console, refs: list[RecordRef], lang: str, pad: str) -> None:
    from rich.text import Text

    for ref in refs:
        where = f"  {ref.path}" if ref.path else ""
        line = one_line(f"{pad}{ref.key}  {ref.label}  {ref.why(lang)}{where}")
        console.print(Text(line), soft_wrap=True)


def _period_text(result: MetricResult, lang: str) -> str:
    """The plan period a figure counts, and that records after it are left out (DOMAIN.md)."""
    period = result.extra.get("period")
    if period is None:
        return ""
    start, end = period["start"], period["end"]
    if lang == "en":
        text = f"counts the plan period {start} to {end}"
        if period["clipped"]:
            text += "; records after the plan's end belong to the next plan and are left out"
        return text + "."
    text = f"统计规划期 {start} 至 {end}"
    if period["clipped"]:
        text += "；截至日期已过规划期末，此后的记录属于下一规划，不计入"
    return text + "。"


def write_json(outcome: StatusOutcome, lang: str, *, explain: bool, color: bool) -> str:
    return json.dumps(status_document(outcome, lang), ensure_ascii=False, indent=2) + "\n"


def write_text(outcome: StatusOutcome, lang: str, *, explain: bool, color: bool) -> str:
    return render_text(outcome, lang, explain=explain, color=color)


WRITERS: dict[str, Callable[..., str]] = {"text": write_text, "json": write_json}
