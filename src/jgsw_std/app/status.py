"""The status use case: open the warehouse, pick the plan, compute every indicator.

`jgsw status` is a thin layer over :func:`run_status`; its writers are in
output/status.py (the JSON shape is documented in docs/status.md). Options
that change *which* records are read (a git revision, another root) belong on
:class:`StatusRequest`, so the command stays thin.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from jgsw_std.app.open import open_warehouse
from jgsw_std.errors import DataError
from jgsw_std.lifecycle.asof import AsOf
from jgsw_std.load.warehouse import INDICATORS_PATH, Warehouse, load_indicator_file
from jgsw_std.metrics.base import STATUSES, MetricResult
from jgsw_std.metrics.registries import RegistryFigures, registry_figures
from jgsw_std.metrics.registry import compute_all, compute_one, indicators_of
from jgsw_std.metrics.scope import Scope, parse_scope
from jgsw_std.model.indicators import IndicatorSet
from jgsw_std.problems import Severity
from jgsw_std.progress import SILENT, Progress


@dataclass
class StatusRequest:
    root: Path | None = None
    as_of: dt.date = field(default_factory=dt.date.today)
    scope: str = "city"
    indicator: int | None = None
    indicators_path: Path | None = None
    rev: str | None = None  # read the warehouse as recorded at this git revision
    #: whose 一区两群 grouping scopes use (None: the plan's grouping_date, else its start)
    grouping_as_of: dt.date | None = None


@dataclass
class StatusOutcome:
    warehouse: Warehouse
    indicators: IndicatorSet
    indicators_file: str
    scope: Scope
    as_of: dt.date
    results: list[MetricResult]
    #: the warehouse's own figures (专家库, 信息反馈); None with --indicator (one indicator)
    registries: RegistryFigures | None = None

    @property
    def data_errors(self) -> int:
        """Files the loader could not use: their records are missing from every figure."""
        return sum(1 for p in self.warehouse.problems if p.severity == Severity.ERROR)

    def summary(self) -> dict[str, int]:
        return {s: sum(1 for r in self.results if r.status == s) for s in STATUSES}


def read_indicators(path: Path) -> IndicatorSet:
    """Another plan's indicators file (``--indicators``); unreadable stops the run."""
    iset, problems = load_indicator_file(path)
    if iset is not None:
        return iset
    first = problems[0] if problems else None
    detail_zh = first.message("zh") if first else "无法读取"
    detail_en = first.message("en") if first else "cannot be read"
    raise DataError(
        "bad_indicators",
        zh=f"指标文件 {path} 无法使用：{detail_zh}",
        en=f"Indicators file {path} cannot be used: {detail_en}",
        hint_zh="指标文件的写法与 data/indicators.yaml 相同（plan 和 indicators）。",
        hint_en="It is written like data/indicators.yaml (plan and indicators).",
    )


def run_status(request: StatusRequest, progress: Progress = SILENT) -> StatusOutcome:
    """Compute what `jgsw status` shows; bad options raise UsageError / DataError."""
    with progress.step("读取标准仓", "reading the warehouse"):
        wh = open_warehouse(request.root, rev=request.rev)
    given = read_indicators(request.indicators_path) if request.indicators_path else None
    iset = indicators_of(wh, given)
    scope = parse_scope(request.scope, wh, request.grouping_as_of or iset.plan.grouping_day)
    at = AsOf(wh, request.as_of)
    with progress.step("计算指标", "computing the indicators"):
        if request.indicator is None:
            results = compute_all(at, iset, scope)
            registries: RegistryFigures | None = registry_figures(at, scope)
        else:
            results = [compute_one(at, iset, request.indicator, scope)]
            registries = None
    source = str(request.indicators_path) if request.indicators_path else INDICATORS_PATH
    return StatusOutcome(wh, iset, source, scope, request.as_of, results, registries)
