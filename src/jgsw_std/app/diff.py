"""The diff use case: what changed in substance between two revisions of the warehouse.

Both sides are loaded like any warehouse (a revision through git in bulk, or
the working tree), then compared as data (history/compare.py): records added,
removed, moved and changed field by field; the problems `jgsw check` finds on
one side and not the other; and every indicator whose figure moved. A pull
request that adds one review shows that review and the indicator it moves,
nothing else.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from jgsw_std.app.check import check_warehouse
from jgsw_std.errors import DataError
from jgsw_std.history.compare import (
    SemanticDiff,
    Side,
    compare_indicators,
    compare_problems,
    compare_records,
    compare_registries,
    default_base,
)
from jgsw_std.history.gitrepo import open_repo
from jgsw_std.history.revision import require_warehouse, revision_root, warehouse_at
from jgsw_std.lifecycle.asof import AsOf
from jgsw_std.load.warehouse import Warehouse, build_warehouse, load_worktree
from jgsw_std.metrics.base import MetricResult
from jgsw_std.metrics.registries import registry_figures
from jgsw_std.metrics.registry import compute_all
from jgsw_std.metrics.registry_figure import Figure
from jgsw_std.metrics.scope import parse_scope
from jgsw_std.progress import SILENT, Progress


def _figures(wh: Warehouse, as_of: dt.date) -> dict[int, MetricResult]:
    if wh.indicators is None:
        return {}
    try:
        return {r.indicator_id: r for r in compute_all(AsOf(wh, as_of), wh.indicators, "city")}
    except DataError:
        return {}


def _registries(wh: Warehouse, as_of: dt.date) -> list[Figure]:
    """The warehouse's own figures for the city (a side that cannot tell: none)."""
    try:
        return registry_figures(AsOf(wh, as_of), parse_scope("city", wh)).flat()
    except DataError:
        return []


def _area_names(*sides: Warehouse) -> dict[str, tuple[str, str]]:
    """Area names for grouping the records, from the newest framework that has them."""
    from jgsw_std.model.framework import GENERAL_AREA

    names: dict[str, tuple[str, str]] = {}
    for wh in sides:
        fw = wh.framework
        for code in [GENERAL_AREA, *(area.code for area in fw.areas)]:
            names.setdefault(code, (fw.area_label(code, "zh"), fw.area_label(code, "en")))
    return names


def diff_revisions(
    root: Path | None,
    base: str | None = None,
    head: str | None = None,
    as_of: dt.date | None = None,
    progress: Progress = SILENT,
) -> SemanticDiff:
    """Compare ``base`` (default: see :func:`default_base`) with ``head`` (default: the
    working tree), judging problems and indicators as of ``as_of`` (default today)."""
    day = as_of or dt.date.today()
    where = revision_root(root)
    with open_repo(where) as repo:
        head_sha = repo.resolve(head or "HEAD")
        if base is None:
            base_sha, how = default_base(repo, head_sha)
        else:
            base_sha, how = repo.resolve(base), base
        require_warehouse(repo, root, [s for s in (head_sha, base_sha) if s])
        with progress.step("读取两个版本", "reading both revisions"):
            if head is None:
                head_side = Side("worktree", "")
                head_wh = load_worktree(where)
            else:
                head_side = Side("commit", head, repo.commit(head_sha))
                head_wh = warehouse_at(repo, head_sha)
            if base_sha:
                base_side = Side("commit", how, repo.commit(base_sha))
                base_wh = warehouse_at(repo, base_sha)
            else:
                base_side = Side("empty", how)
                base_wh = build_warehouse([], root=where, revision="")
    with progress.step("比较记录", "comparing the records"):
        records, moved, unchanged = compare_records(base_wh, head_wh)
    with progress.step("检查两个版本", "checking both revisions"):
        introduced, fixed, reworded = compare_problems(
            check_warehouse(base_wh, day).problems, check_warehouse(head_wh, day).problems, moved
        )
    with progress.step("计算指标", "computing the indicators"):
        indicators = compare_indicators(_figures(base_wh, day), _figures(head_wh, day))
        registries = compare_registries(_registries(base_wh, day), _registries(head_wh, day))
    return SemanticDiff(
        base=base_side,
        head=head_side,
        as_of=day,
        records=records,
        introduced=introduced,
        fixed=fixed,
        reworded=reworded,
        indicators=indicators,
        area_names=_area_names(head_wh, base_wh),
        indicator_sets=(base_wh.indicators, head_wh.indicators),
        unchanged_files=unchanged,
        registries=registries,
    )
