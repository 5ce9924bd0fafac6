"""Writers for `jgsw trend`: a table for people, json and csv for tools and charts."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from jgsw_std.edit.sheet_layout import guard_formula
from jgsw_std.history.trend import RegistryRow, Trend, TrendPoint, TrendValue, number
from jgsw_std.i18n import pick, word
from jgsw_std.metrics.registry_figure import Figure

if TYPE_CHECKING:
    pass

#: Period columns per block of the text table, so a monthly trend stays readable.
COLUMNS_PER_BLOCK = 8
_EVERY = {
    "month": ("每月末", "month end"),
    "quarter": ("每季末", "quarter end"),
    "year": ("每年末", "year end"),
}


def _show(value: float, unit: str) -> str:
    if unit == "count":
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return f"{value * 100:.1f}%"


def cell(value: TrendValue | None, lang: str) -> str:
    """A compact figure: ``57.5%``, ``12``, ``完成``, a range ``10.5%–15.8%`` or ``≥300``;
    ``-`` for no value."""
    if value is None:
        return "-"
    low = value.low if value.low is not None else value.value
    if low is None:
        return "-"
    if value.unit == "done":
        return word("view.done" if low >= 1 else "view.not-done", lang)
    if not value.is_range:
        return _show(low, value.unit)
    if value.high is None:
        return f"≥{_show(low, value.unit)}"
    if value.high == low:  # one value, but it may yet have nothing to count
        return f"{_show(low, value.unit)}?"
    return f"{_show(low, value.unit)}–{_show(value.high, value.unit)}"


def _figure_number(value: float, unit: str) -> str:
    if unit == "rate":
        return f"{value * 100:.1f}%"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def figure_cell(fig: Figure | None) -> str:
    """A registry figure: ``10``, ``94.7%``, ``14`` (days), ``12.5``; a range as
    :func:`cell` shows the indicators', ``1–2``, ``50.0%–100.0%``, ``100.0%?`` (or no
    value at all); ``-`` for no data."""
    if fig is None or not fig.has_data:
        return "-"
    if fig.value is not None:  # one value (a rate's parts may still be open)
        return _figure_number(fig.value, fig.unit)
    assert fig.low is not None and fig.high is not None
    low = _figure_number(fig.low, fig.unit)
    if fig.high == fig.low:  # one value, but it may yet have nothing to count
        return f"{low}?"
    return f"{low}–{_figure_number(fig.high, fig.unit)}"


def _registry_rows(
    table: object, rows: list[RegistryRow], block: list[TrendPoint], lang: str
) -> None:
    """The warehouse's own figures under the indicators, one row each (areas indented)."""
    from rich.table import Table

    assert isinstance(table, Table)
    table.add_section()
    table.add_row(pick(lang, "标准仓自有数据", "The warehouse's own figures"), *("" for _ in block))
    for row in rows:
        label = row.label(lang)
        if row.key.startswith("experts.area."):
            label = "  " + label
        table.add_row(f"  {label}", *(figure_cell(p.registries.get(row.key)) for p in block))


def write_text(trend: Trend, lang: str) -> str:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=160,
        force_terminal=False,
        no_color=True,
        color_system=None,
        highlight=False,
        emoji=False,
    )
    every = pick(lang, *_EVERY[trend.every])
    scope = pick(lang, "全市", "whole city") if trend.scope == "city" else trend.scope
    console.print(
        Text(
            pick(lang, "指标趋势", "Indicator trend")
            + f" ({every}) {trend.since} - {trend.until} · {scope} · {trend.rev} {trend.head[:10]}"
        )
    )
    console.print(
        Text(
            pick(
                lang,
                "每个时点取当时最新的提交（--rev），并按该时点的日期计算（--as-of）。",
                "Each point reads the commit current then (--rev), "
                "judged as of that day (--as-of).",
            )
        )
    )
    if not trend.points:
        console.print(Text(pick(lang, "所选区间内没有时点。", "No period ends in that range.")))
        return buffer.getvalue()
    registry_rows = trend.registry_rows
    for start in range(0, len(trend.points), COLUMNS_PER_BLOCK):
        block = trend.points[start : start + COLUMNS_PER_BLOCK]
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
        table.add_column(word("view.indicator", lang), no_wrap=True)
        for point in block:
            table.add_column(point.period, justify="right", no_wrap=True)
        for row in trend.rows:
            label = f"{row.indicator_id} {row.label(lang)}"
            table.add_row(label, *(cell(p.values.get(row.indicator_id), lang) for p in block))
        if registry_rows:
            _registry_rows(table, registry_rows, block, lang)
        table.add_section()
        table.add_row(
            pick(lang, "提交", "commit"),
            *((p.commit[:7] if p.commit else pick(lang, "无", "none")) for p in block),
        )
        console.print(table)
    return buffer.getvalue()


def write_json(trend: Trend, lang: str) -> str:
    return json.dumps(trend.as_dict(), ensure_ascii=False, indent=2) + "\n"


CSV_COLUMNS = (
    "period",
    "end",
    "commit",
    "indicator",
    "metric",
    "label",
    "status",
    "unit",
    "value",
    "low",
    "high",
    "numerator",
    "denominator",
)


def write_csv(trend: Trend, lang: str) -> str:
    """Long form: one row per period and indicator, for spreadsheets and charts; then the
    warehouse's own figures, with an empty ``indicator`` and their key as ``metric``
    (``low`` = ``high`` = ``value``, or the range undated answers leave with ``value``
    empty unless both ends meet; a rate's parts, when the records fix them, as numerator
    and denominator)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    registry_rows = trend.registry_rows
    for point in trend.points:
        for row in trend.rows:
            value = point.values.get(row.indicator_id)
            writer.writerow(
                [
                    point.period,
                    point.end.isoformat(),
                    point.commit or "",
                    row.indicator_id,
                    row.metric,
                    guard_formula(row.label(lang)),
                    value.status if value else "",
                    value.unit if value else "",
                    _csv_number(value.value if value else None, value.unit if value else ""),
                    _csv_number(value.low if value else None, value.unit if value else ""),
                    _csv_number(value.high if value else None, value.unit if value else ""),
                    _csv_number(value.numerator if value else None, "count"),
                    _csv_number(value.denominator if value else None, "count"),
                ]
            )
        for reg in registry_rows:
            fig = point.registries.get(reg.key)
            shown = _csv_number(fig.value if fig else None, reg.unit)
            low = high = shown
            if fig is not None and fig.is_range:  # as an indicator's range: value only
                low = _csv_number(fig.low, reg.unit)  # when both ends meet
                high = _csv_number(fig.high, reg.unit)
            parts = fig.parts if fig is not None else None
            writer.writerow(
                [
                    point.period,
                    point.end.isoformat(),
                    point.commit or "",
                    "",
                    reg.key,
                    guard_formula(reg.label(lang)),
                    "" if fig is not None and fig.has_data else "no-data",
                    reg.unit,
                    shown,
                    low,
                    high,
                    parts[0] if parts else "",
                    parts[1] if parts else "",
                ]
            )
    return buffer.getvalue()


def _csv_number(value: float | None, unit: str) -> float | int | str:
    shown = number(value, unit)
    return "" if shown is None else shown


WRITERS: dict[str, Callable[[Trend, str], str]] = {
    "text": write_text,
    "json": write_json,
    "csv": write_csv,
}
