"""Geometry for the report's inline SVG charts, as plain numbers.

The HTML template draws these as ``<svg>`` with ``<text>`` labels, so Chinese
stays text rendered in the reader's own fonts (no images, no web fonts, no
network). Only positions are computed here; every value shown is one the
context already holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

WIDTH = 720  # viewBox width; the SVG scales to its container


def status_bar(segments: Sequence[tuple[str, str, int]]) -> dict[str, Any]:
    """One stacked bar of indicator counts by status: (status, label, count) in order.

    The legend is left to the page (HTML text wraps on a phone; SVG text would shrink).
    """
    total = sum(count for _, _, count in segments)
    bar_h = 28
    out: list[dict[str, Any]] = []
    x = 0.0
    for status, label, count in segments:
        width = WIDTH * count / total if total else 0.0
        if count:
            out.append(
                {
                    "status": status,
                    "x": round(x, 2),
                    "w": round(width, 2),
                    "count": count,
                    "label": label,
                    "text_x": round(x + width / 2, 2),
                    "show_text": width >= 18,
                }
            )
        x += width
    return {
        "width": WIDTH,
        "bar_h": bar_h,
        "bar_text_y": bar_h - 9,
        "segments": out,
        "legend": [{"status": s, "label": f"{label} {count}"} for s, label, count in segments],
        "total": total,
    }


def hbars(
    rows: Sequence[tuple[str, float, str, str] | tuple[str, float, str, str, float | None]],
    label_w: int = 150,
) -> dict[str, Any]:
    """Horizontal bars: (label, value, value text, css class[, high]) per row, scaled to
    the largest. A row whose figure is a range gives its ``high`` end: the bar runs to
    the low end and a whisker to the high end (dashed to the edge when unbounded)."""
    row_h, pad = 20, 4
    highs = [row[4] for row in rows if len(row) > 4 and row[4] is not None]
    top = max([row[1] for row in rows] + highs, default=0.0)
    area = WIDTH - label_w - 70
    bars = []
    for index, row in enumerate(rows):
        label, value, text, css = row[:4]
        width = area * value / top if top > 0 else 0.0
        y = index * row_h
        whisker = None
        if len(row) > 4 and row[4] != value:
            high = row[4]
            reach = area if high is None or top <= 0 else area * high / top
            whisker = {
                "x1": round(label_w + width, 2),
                "x2": round(label_w + reach, 2),
                "y": y + (row_h - pad) / 2,
                "open": high is None,
            }
        end = whisker["x2"] if whisker else label_w + width
        bars.append(
            {
                "label": label,
                "y": y,
                "text_y": y + row_h - pad - 3,
                "w": round(width, 2),
                "h": row_h - pad,
                "value_text": text,
                "value_x": round(float(end) + 6, 2),
                "css": css,
                "whisker": whisker,
            }
        )
    return {
        "width": WIDTH,
        "height": max(len(rows), 1) * row_h,
        "label_w": label_w,
        "label_x": label_w - 6,
        "bars": bars,
    }


Point = float | tuple[float, float] | None


def line_chart(
    periods: Sequence[str], series: Sequence[tuple[str, Sequence[Point]]]
) -> dict[str, Any]:
    """Rates (0-1) over periods: one polyline per series; gaps where a value is missing.

    A point may be a range ``(low, high)``: the line runs through the low end
    (what the records show for certain) and a band reaches up to the high end.
    """
    left, right, top, bottom = 48, 16, 12, 40
    height = 260
    plot_w = WIDTH - left - right
    plot_h = height - top - bottom
    step = plot_w / max(len(periods) - 1, 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        return round(left + i * step, 2), round(top + plot_h * (1 - max(0.0, min(1.0, v))), 2)

    lines = []
    for index, (name, values) in enumerate(series):
        runs: list[list[tuple[float, float]]] = [[]]
        band_runs: list[list[tuple[int, float, float]]] = [[]]
        dots = []
        for i, value in enumerate(values):
            if value is None:
                runs.append([])
                band_runs.append([])
                continue
            low, high = value if isinstance(value, tuple) else (value, value)
            point = xy(i, low)
            runs[-1].append(point)
            band_runs[-1].append((i, low, high))
            dots.append({"x": point[0], "y": point[1]})
        paths = [" ".join(f"{x},{y}" for x, y in run) for run in runs if run]
        bands = []
        for run in band_runs:
            if not any(high > low for _, low, high in run):
                continue
            lower = [xy(i, low) for i, low, _ in run]
            upper = [xy(i, high) for i, _, high in reversed(run)]
            if len(run) == 1:  # a lone range: a thin bar at its period
                (x, y_low), (_, y_high) = lower[0], upper[0]
                lower = [(x - 3, y_low), (x + 3, y_low)]
                upper = [(x + 3, y_high), (x - 3, y_high)]
            bands.append(" ".join(f"{x},{y}" for x, y in lower + upper))
        lines.append(
            {"name": name, "index": index % 6, "paths": paths, "dots": dots, "bands": bands}
        )
    ticks = [
        {"y": xy(0, v)[1], "text_y": xy(0, v)[1] + 4, "text": f"{int(v * 100)}%"}
        for v in (0, 0.25, 0.5, 0.75, 1.0)
    ]
    xlabels = [{"x": xy(i, 0)[0], "text": p} for i, p in enumerate(periods)]
    return {
        "width": WIDTH,
        "height": height,
        "left": left,
        "left_text": left - 6,
        "right": WIDTH - right,
        "top": top,
        "bottom": top + plot_h,
        "lines": lines,
        "ticks": ticks,
        "xlabels": xlabels,
        "xlabel_y": top + plot_h + 18,
    }
