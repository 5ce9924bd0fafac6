"""Ranges in every view: trend cells and CSV, diff figures and deltas, chart bands and whiskers."""

from __future__ import annotations

import datetime as dt

from jgsw_std.history.compare import IndicatorDiff, compare_indicators
from jgsw_std.history.trend import Trend, TrendPoint, TrendRow, TrendValue
from jgsw_std.metrics.base import MetricResult, Status
from jgsw_std.output.diff import delta, figure
from jgsw_std.output.trend import cell, write_csv
from jgsw_std.reports import charts

END = dt.date(2025, 12, 31)


def rate(low: float, high: float | None, status: Status = "unsettled") -> MetricResult:
    value = low if high == low else None
    return MetricResult(
        5,
        "coverage",
        END,
        "city",
        status,
        value=value,
        low=low,
        high=high,
        target=0.9,
    )


def test_trend_cells_show_both_ends() -> None:
    def value(low: float | None, high: float | None, unit: str = "rate") -> TrendValue:
        exact = low if low == high else None
        return TrendValue(
            5, "coverage", "unsettled", unit, exact, None, None, 0.9, None, None, low, high
        )

    assert cell(value(0.105263, 0.157895), "zh") == "10.5%–15.8%"
    assert cell(value(0.5, 0.5), "zh") == "50.0%"
    assert cell(value(300, None, "count"), "zh") == "≥300"
    assert cell(value(None, None), "zh") == "-"
    assert value(0.1, 0.2).is_range and not value(0.5, 0.5).is_range


def test_trend_csv_has_low_and_high() -> None:
    point = TrendPoint(
        "2025",
        END,
        "abc",
        None,
        {5: TrendValue.of(rate(0.1, 0.2))},
    )
    trend = Trend(
        "year", END, END, "city", "HEAD", "abc", [TrendRow(5, "coverage", "覆盖率", "cov")], [point]
    )
    header, row = write_csv(trend, "zh").splitlines()
    columns = dict(zip(header.split(","), row.split(","), strict=True))
    assert (columns["value"], columns["low"], columns["high"]) == ("", "0.1", "0.2")


def test_diff_shows_ranges_and_moves_of_either_end() -> None:
    before, after = rate(0.1, 0.2, "not-met"), rate(0.15, 0.2, "not-met")
    assert figure(after, "zh") == "15%–20% 未达标（至多 20%）"
    moved = compare_indicators({5: before}, {5: after})
    assert [d.indicator_id for d in moved] == [5]  # the low end moved, the status did not
    assert delta(moved[0], "zh") == "下限 +5.0 个百分点，上限 0"
    assert delta(moved[0], "en") == "low +5.0 pp, high 0"
    # an exact figure keeps the plain delta
    exact = IndicatorDiff(5, "coverage", rate(0.5, 0.5, "not-met"), rate(0.6, 0.6, "not-met"))
    assert delta(exact, "zh") == "+10.0 个百分点"
    same = compare_indicators({5: rate(0.1, 0.2)}, {5: rate(0.1, 0.2)})
    assert same == []


def test_charts_draw_ranges() -> None:
    lines = charts.line_chart(["2024", "2025"], [("覆盖率", [0.2, (0.3, 0.5)])])
    (line,) = lines["lines"]
    assert len(line["bands"]) == 1 and len(line["paths"]) == 1
    flat = charts.line_chart(["2024", "2025"], [("覆盖率", [0.2, 0.3])])
    assert flat["lines"][0]["bands"] == []
    bars = charts.hbars([("甲", 100.0, "100–200", "city", 200.0), ("乙", 50.0, "≥50", "new", None)])
    first, second = bars["bars"]
    assert first["whisker"] is not None and not first["whisker"]["open"]
    assert second["whisker"] is not None and second["whisker"]["open"]
    assert first["whisker"]["x2"] > first["whisker"]["x1"]
    exact = charts.hbars([("丙", 100.0, "100", "city", 100.0)])
    assert exact["bars"][0]["whisker"] is None
