"""The report use case: open the warehouse, compute, and build the context.

`jgsw report` is a thin layer over :func:`make_report`, whose context the
writers of output/report.py render (HTML, Markdown, or the context as JSON).
One AsOf serves the indicators, the checks and every section; on a large
warehouse the checks run in a forked child while the indicators and the
trend are computed here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jgsw_std.errors import UsageError
from jgsw_std.forking import PARALLEL_FROM, beside
from jgsw_std.load.warehouse import Warehouse
from jgsw_std.progress import SILENT, Progress
from jgsw_std.reports.context import ReportOptions

if TYPE_CHECKING:
    from jgsw_std.lifecycle.asof import AsOf


@dataclass
class ReportRequest:
    root: Path | None = None
    fmt: str = "html"
    as_of: dt.date = field(default_factory=dt.date.today)
    scope: str | None = None
    lang: str = "zh"
    template: Path | None = None
    indicators: Path | None = None
    rev: str | None = None
    now: dt.datetime | None = None
    #: whose 一区两群 grouping scopes and the district table use (None: the plan's)
    grouping_as_of: dt.date | None = None


@dataclass
class ReportOutcome:
    fmt: str  # html, md or json: which writer of output/report.py lays it out
    context: dict[str, Any]  # what the templates receive
    root: Path | None = None  # the warehouse's folder: the default report goes under it
    #: an HTML report on Linux: does this machine have a Chinese font (None: cannot tell)
    cjk_fonts: bool | None = None


def _indicator_file(path: Path, lang: str) -> Any:
    from jgsw_std.load.warehouse import load_indicator_file

    model, problems = load_indicator_file(path)
    if model is None:
        details = "; ".join(p.message(lang) for p in problems[:3])
        raise UsageError(
            "bad_indicators",
            zh=f"无法使用指标文件 {path}：{details}",
            en=f"cannot use the indicators file {path}: {details}",
            hint_zh="运行 jgsw check 检查该文件的格式；它应与 data/indicators.yaml 结构相同。",
            hint_en="It must have the shape of data/indicators.yaml.",
        )
    return model


def report_context(
    wh: Warehouse, options: ReportOptions, progress: Progress = SILENT, at: AsOf | None = None
) -> dict[str, Any]:
    """Compute everything a report shows about ``wh`` and lay it out as a template context.

    ``at`` is the run's AsOf when the caller has one (the site asks it more questions).
    """
    from jgsw_std.app.check import check_warehouse, judge_on
    from jgsw_std.app.trend import trend_or_none
    from jgsw_std.metrics.registry import compute_all
    from jgsw_std.reports.context import build_context, check_counts, report_inputs, scope_paths
    from jgsw_std.reports.sections.duties import build_duties
    from jgsw_std.reports.sections.summary import build_summary

    at = at if at is not None else judge_on(wh, options.as_of)
    inp = report_inputs(at, options)
    plan = options.indicators or wh.indicators

    def checked() -> tuple[dict[str, int], dict[str, Any]]:
        findings = check_warehouse(wh, options.as_of, at=at)
        return check_counts(findings), build_duties(findings, scope_paths(inp), inp)

    fork = len(wh.standards) >= PARALLEL_FROM
    with beside(checked, fork) as pending:  # the checks run while the rest is computed
        with progress.step("计算指标", "computing the indicators"):
            # laid out at once: the figures' records (their entries, every standard
            # counted for or against) are let go before the other sections are made
            summary = build_summary(compute_all(at, plan, options.scope) if plan else [], plan, inp)
        with progress.step("逐年趋势", "the yearly trend"):
            trend = trend_or_none(
                wh.root,
                "year",
                until=options.as_of,
                scope=options.scope.key,
                rev=wh.revision or "HEAD",
            )
        with progress.step("检查和各单位情况", "checks and the units"):
            return build_context(
                inp,
                options,
                summary=summary,
                unit_figures=compute_all,
                trend=trend,
                checked=pending.result,
            )


def make_report(request: ReportRequest, progress: Progress = SILENT) -> ReportOutcome:
    """Build and render one report; raises UsageError for a bad option or template."""
    from jgsw_std.app.open import open_warehouse
    from jgsw_std.metrics.scope import parse_scope
    from jgsw_std.reports.render import search_path

    fmt = request.fmt
    if fmt != "json":  # a missing template stops the run before any work
        search_path("html" if fmt == "html" else "md", request.template)
    indicators = _indicator_file(request.indicators, request.lang) if request.indicators else None
    with progress.step("读取标准仓", "reading the warehouse"):
        wh = open_warehouse(request.root, rev=request.rev)
    plan = indicators or wh.indicators
    grouping = request.grouping_as_of or (plan.plan.grouping_day if plan is not None else None)
    options = ReportOptions(
        as_of=request.as_of,
        scope=parse_scope(request.scope or "city", wh, grouping),
        lang=request.lang,
        indicators=indicators,
        indicators_source=request.indicators.as_posix()
        if request.indicators
        else "data/indicators.yaml",
        now=request.now,
    )
    context = report_context(wh, options, progress)
    fonts = None
    if fmt == "html":
        from jgsw_std.reports.fonts import cjk_font_available

        fonts = cjk_font_available()
    return ReportOutcome(fmt, context, wh.root, fonts)
