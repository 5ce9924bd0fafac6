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


def hbars(rows: Sequence[tuple[str, float, str, str]], label_w: int = 150) -> dict[str, Any]:
    """Horizontal bars: (label, value, value text, css class) per row, scaled to the largest."""
    row_h, pad = 20, 4
    top = max((value for _, value, _, _ in rows), default=0.0)
    area = WIDTH - label_w - 70
    bars = []
    for index, (label, value, text, css) in enumerate(rows):
        width = area * value / top if top > 0 else 0.0
        y = index * row_h
        bars.append(
            {
                "label": label,
                "y": y,
                "text_y": y + row_h - pad - 3,
                "w": round(width, 2),
                "h": row_h - pad,
                "value_text": text,
                "value_x": round(label_w + width + 6, 2),
                "css": css,
            }
        )
    return {
        "width": WIDTH,
        "height": max(len(rows), 1) * row_h,
        "label_w": label_w,
        "label_x": label_w - 6,
        "bars": bars,
    }


def line_chart(
    periods: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]]
) -> dict[str, Any]:
    """Rates (0-1) over periods: one polyline per series; gaps where a value is missing."""
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
        dots = []
        for i, value in enumerate(values):
            if value is None:
                runs.append([])
                continue
            point = xy(i, value)
            runs[-1].append(point)
            dots.append({"x": point[0], "y": point[1]})
        paths = [" ".join(f"{x},{y}" for x, y in run) for run in runs if run]
        lines.append({"name": name, "index": index % 6, "paths": paths, "dots": dots})
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
