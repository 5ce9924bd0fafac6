"""The status use case: open the warehouse, pick the plan, compute every indicator.

`jgsw status` is a thin layer over :func:`run_status`; its writers are in
output/status.py (the JSON shape is documented in docs/status.md). Options
that change *which* records are read (a git revision, another root) belong on
:class:`StatusRequest`, so the command stays thin.

The finished output of a status of the working tree is remembered like
check's (:func:`finish_status`, app/finished.py); this module is imported on
that warm path, so the loader and the metrics are imported inside functions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from jgsw_std.app import finished
from jgsw_std.app.finished import Finished, View
from jgsw_std.errors import DataError
from jgsw_std.load.root import find_root
from jgsw_std.problems import Severity
from jgsw_std.progress import SILENT, Progress

if TYPE_CHECKING:
    from jgsw_std.load.warehouse import Warehouse
    from jgsw_std.metrics.base import MetricResult
    from jgsw_std.metrics.registries import RegistryFigures
    from jgsw_std.metrics.scope import Scope
    from jgsw_std.model.indicators import IndicatorSet


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
        from jgsw_std.metrics.base import STATUSES

        return {s: sum(1 for r in self.results if r.status == s) for s in STATUSES}


def read_indicators(path: Path) -> IndicatorSet:
    """Another plan's indicators file (``--indicators``); unreadable stops the run."""
    from jgsw_std.load.warehouse import load_indicator_file

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
    from jgsw_std.app.open import open_warehouse
    from jgsw_std.lifecycle.asof import AsOf
    from jgsw_std.load.records import INDICATORS_PATH
    from jgsw_std.metrics.registries import registry_figures
    from jgsw_std.metrics.registry import compute_all, compute_one, indicators_of
    from jgsw_std.metrics.scope import parse_scope

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


# -- the finished output, remembered ------------------------------------------------


def _result_key(
    request: StatusRequest, view: View, explain: bool, root: Path, tree: str
) -> str | None:
    settings = finished.settings_digest(root)  # status reads none today; one day it may
    if settings is None:
        return None
    options: dict[str, object] = {
        "as_of": request.as_of.isoformat(),
        "scope": request.scope,
        "grouping_as_of": request.grouping_as_of.isoformat() if request.grouping_as_of else None,
        "indicator": request.indicator,
        "explain": explain,
        "settings": settings,
    }
    if request.indicators_path is not None:
        digest = finished.file_digest(request.indicators_path)
        if digest is None:
            return None  # the run says what is wrong with it
        options["indicators"] = [str(request.indicators_path), digest]
    return finished.result_key("status", root, tree, view, options)


def _cacheable(request: StatusRequest) -> bool:
    from jgsw_std.load import cache

    return request.rev is None and cache.enabled()


def cached_status(request: StatusRequest, view: View, explain: bool) -> Finished | None:
    """The remembered output of this status, if nothing it depends on has changed."""
    if not _cacheable(request):
        return None
    root = find_root(request.root)
    tree = finished.worktree_tree(root)
    key = _result_key(request, view, explain, root, tree) if tree is not None else None
    return finished.lookup(key, root) if key is not None else None


def finish_status(
    request: StatusRequest,
    view: View,
    explain: bool,
    render: Callable[[StatusOutcome], Finished],
    progress: Progress = SILENT,
) -> Finished:
    """The status output: remembered, or computed, shown with ``render`` and remembered."""
    import time

    found = cached_status(request, view, explain)
    if found is not None:
        return found
    started = time.time_ns()
    outcome = run_status(request, progress)
    done = render(outcome)
    wh = outcome.warehouse
    if _cacheable(request) and wh.root is not None:
        tree = finished.tree_digest({rel: e.source.blob for rel, e in wh.files.items()})
        # no metric reads a document's file today; should one, it is watched like check's
        watch = finished.watch_of(wh.attachments)
        key = _result_key(request, view, explain, wh.root, tree) if tree is not None else None
        del outcome, wh  # the warehouse goes before the output is copied into the cache
        if key is not None and watch is not None:
            done.watch, done.watched_ns = watch, started
            finished.remember(key, done)
    return done
