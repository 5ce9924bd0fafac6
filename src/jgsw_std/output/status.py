"""Writers for `jgsw status`: a table for people, the documented JSON for tools."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from jgsw_std.app.status import StatusOutcome
from jgsw_std.i18n import one_line, word
from jgsw_std.reports.figures import indicator_label

if TYPE_CHECKING:
    from rich.console import Console

    from jgsw_std.metrics.base import MetricResult

FORMAT = "jgsw-status/1"
#: status -> rich style; the word itself always says the status, colour only helps
_STYLES = {
    "met": "green",
    "on-track": "cyan",
    "behind": "yellow",
    "not-met": "bold red",
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
            "file_errors": outcome.data_errors,
        },
        "summary": outcome.summary(),
        "indicators": items,
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
            notes = [result.why(lang), *view.figure_lines(result, lang)]
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
    return buffer.getvalue()


def _explain(console: Console, result: MetricResult, label: str, lang: str) -> None:
    """The records counted against the indicator; with no data, those lacking dates."""
    from rich.text import Text

    from jgsw_std.i18n import word

    en = lang == "en"
    no_data = result.status == "no-data"
    refs = result.unknown if no_data else result.counted_against
    if no_data and not refs:
        head = f"no data: {result.why_en}" if en else f"无数据：{result.why_zh}"
    elif no_data:
        head = (
            f"no data; {len(refs)} records lack the dates it needs:"
            if en
            else f"无数据；以下 {len(refs)} 项记录缺少所需日期："
        )
    else:
        head = f"{len(refs)} records counted against:" if en else f"计入不利的记录 {len(refs)} 项："
    console.print()
    console.print(Text(f"[{result.indicator_id}] {label}  {head}", style="bold"))
    for ref in refs:
        where = f"  {ref.path}" if ref.path else ""
        line = one_line(f"  {ref.key}  {ref.label}  {ref.why(lang)}{where}")
        console.print(Text(line), soft_wrap=True)
    if not no_data and result.unknown:
        n = len(result.unknown)
        console.print(
            Text(
                f"  ({n} more lack dates and are not counted)"
                if en
                else f"  （另有 {n} 项日期不详，未计入）"
            )
        )
    # second figures keep the indicator from its target too (3: summaries not sent)
    for key, fig in result.figures.items():
        if fig.counted_against:
            name = word(f"figure.{key}", lang)
            console.print(Text(f"  {name}{': ' if en else '：'}{len(fig.counted_against)}"))
            for ref in fig.counted_against:
                console.print(Text(f"    {ref.key}  {ref.label}  {ref.why(lang)}"), soft_wrap=True)


def write_json(outcome: StatusOutcome, lang: str, *, explain: bool, color: bool) -> str:
    return json.dumps(status_document(outcome, lang), ensure_ascii=False, indent=2) + "\n"


def write_text(outcome: StatusOutcome, lang: str, *, explain: bool, color: bool) -> str:
    return render_text(outcome, lang, explain=explain, color=color)


WRITERS: dict[str, Callable[..., str]] = {"text": write_text, "json": write_json}
