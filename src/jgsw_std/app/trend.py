"""The trend use case: each indicator at the end of every month, quarter or year.

Each point is read from the commit current at the period's end and judged as
of that day: exactly ``jgsw status --rev <commit> --as-of <period end>``,
computed in bulk (see history/trend.py for how the log is replayed). The
report's trend section calls :func:`trend_or_none`, which returns None when
there is no history to read, so the section is simply left out.

A trend is a pure function of the commit it starts from, so its finished
output is remembered by that commit (:func:`finish_trend`); this module is
imported on that warm path, so git, the loader and the metrics are imported
inside the functions that use them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jgsw_std.app import finished
from jgsw_std.app.finished import Finished, View
from jgsw_std.errors import DataError, JgswError, UsageError
from jgsw_std.load.files import SourceFile
from jgsw_std.progress import SILENT, Progress, track

if TYPE_CHECKING:
    from jgsw_std.history.gitrepo import GitRepo
    from jgsw_std.history.log import LogEntry
    from jgsw_std.history.trend import Every, Period, Trend, TrendRow, TrendValue
    from jgsw_std.load.warehouse import Warehouse
    from jgsw_std.metrics.registry_figure import Figure

    Values = tuple[dict[int, TrendValue], str, dict[str, Figure]]

EVERY = ("month", "quarter", "year")  # as history.trend.EVERY, without importing it


def _values(wh: Warehouse, day: dt.date, scope: str) -> Values:
    """The indicators (with why there are none) and the registries' figures on ``day``."""
    from jgsw_std.history.trend import TrendValue
    from jgsw_std.lifecycle.asof import AsOf
    from jgsw_std.metrics.registries import registry_figures
    from jgsw_std.metrics.registry import compute_all
    from jgsw_std.metrics.scope import parse_scope

    grouping = wh.indicators.plan.grouping_day if wh.indicators is not None else None
    try:
        where = parse_scope(scope, wh, grouping)
    except (UsageError, DataError) as exc:  # e.g. a district that did not exist yet
        return {}, exc.key, {}
    at = AsOf(wh, day)
    registries = {f.key: f for f in registry_figures(at, where).flat()}
    if wh.indicators is None:
        return {}, "no-indicators", registries
    try:
        results = compute_all(at, wh.indicators, where)
    except (UsageError, DataError) as exc:
        return {}, exc.key, registries
    return {r.indicator_id: TrendValue.of(r) for r in results}, "", registries


def _plan_start(repo: GitRepo, files: dict[str, str]) -> dt.date | None:
    """The plan's start in a revision's indicators.yaml, read without the rest."""
    from jgsw_std.load.warehouse import INDICATORS_PATH, build_warehouse

    blob = files.get(INDICATORS_PATH)
    if blob is None:
        return None
    source = SourceFile(INDICATORS_PATH, repo.blobs.read(blob), blob)
    indicators = build_warehouse([source], root=repo.root).indicators
    return indicators.plan.start if indicators is not None else None


def _rows(wh: Warehouse) -> list[TrendRow]:
    from jgsw_std.history.trend import TrendRow
    from jgsw_std.reports.figures import indicator_label

    if wh.indicators is None:
        return []
    return [
        TrendRow(i.id, i.metric, indicator_label(i, "zh"), indicator_label(i, "en"))
        for i in wh.indicators.indicators
    ]


def compute_trend(
    root: Path | None,
    every: str = "year",
    since: dt.date | None = None,
    until: dt.date | None = None,
    rev: str = "HEAD",
    scope: str = "city",
    progress: Progress = SILENT,
) -> Trend:
    """Indicator values at the end of each period in [since, until].

    ``since`` defaults to the plan's start (the newest revision's
    indicators.yaml), ``until`` to today. Raises UsageError on a bad option
    and a clear error when there is no history (not a repository, no commits,
    a shallow clone).
    """
    if every not in EVERY:
        raise UsageError(
            "bad_every",
            zh=f"--every 的值 {every} 无效；可选：month、quarter、year。",
            en=f"--every {every} is not valid; choose month, quarter or year.",
        )
    from jgsw_std.history.revision import full_history

    with full_history(root, rev, "trend") as (repo, head):
        checked: Every = every  # type: ignore[assignment]  # one of EVERY, tested above
        return _trend(repo, head, checked, since, until, rev, scope, progress)


def _trend(
    repo: GitRepo,
    head: str,
    every: Every,
    since: dt.date | None,
    until: dt.date | None,
    rev: str,
    scope: str,
    progress: Progress = SILENT,
) -> Trend:
    from jgsw_std.history.log import walk_first_parent
    from jgsw_std.history.trend import Trend, TrendPoint, current_at, periods, snapshots

    with progress.step("读取提交历史", "reading the history"):
        chain = walk_first_parent(repo, head)
        last = len(chain) - 1
        head_files = snapshots(chain, {last})[last]
        if since is None:
            since = _plan_start(repo, head_files) or chain[0].commit.committed.date()
        until = until or dt.date.today()
        if since > until:
            raise UsageError(
                "bad_range",
                zh=f"--since {since} 晚于 --until {until}。",
                en=f"--since {since} is after --until {until}.",
            )
        wanted_periods = periods(every, since, until)
        at = {p: current_at(chain, p.end) for p in wanted_periods}
        states = snapshots(chain, {i for i in at.values() if i is not None} | {last})
        # Every blob any wanted revision holds, in one batch; git is done after this.
        contents = repo.blobs.read_many({b for files in states.values() for b in files.values()})
        latest = _plan_and_units(repo, states[last], contents)
    if latest.indicators is not None:
        from jgsw_std.metrics.scope import parse_scope

        parse_scope(scope, latest)  # a bad --scope stops the run before any work
    jobs = [(i, period) for period, i in at.items() if i is not None]
    work = _Work(repo.root, chain, states, contents, scope, progress)
    from jgsw_std.forking import split_work

    weights = [float(len(states[i])) for i, _ in jobs]
    computed = dict(zip(jobs, split_work(jobs, work, weights=weights), strict=True))
    points = []
    for period in wanted_periods:
        index = at[period]
        if index is None:
            points.append(TrendPoint(period.label, period.end, None, None, {}, "no-commit"))
            continue
        values, note, registries = computed[(index, period)]
        commit = chain[index].commit
        points.append(
            TrendPoint(
                period.label,
                period.end,
                commit.sha,
                commit.committed.isoformat(),
                values,
                note,
                registries,
            )
        )
    return Trend(every, since, until, scope, rev, head, _rows(latest), points)


def _plan_and_units(repo: GitRepo, files: dict[str, str], contents: dict[str, bytes]) -> Warehouse:
    """The newest revision's plan, framework and districts: row labels and --scope.

    Only these few files are read here; the standards are the workers' job.
    """
    from jgsw_std.load.warehouse import build_warehouse, kind_of

    wanted = {"framework", "indicators", "district"}
    sources = [
        SourceFile(rel, contents[blob], blob)
        for rel, blob in sorted(files.items())
        if kind_of(rel) in wanted
    ]
    return build_warehouse(sources, root=repo.root)


class _Work:
    """One worker's share of the points: parse its blobs, build, compute.

    Everything it needs is in memory (blob contents were read from git before
    any fork), so a forked child never talks to git.
    """

    def __init__(
        self,
        root: Path,
        chain: list[LogEntry],
        states: dict[int, dict[str, str]],
        contents: dict[str, bytes],
        scope: str,
        progress: Progress = SILENT,
    ) -> None:
        self.root, self.chain, self.states = root, chain, states
        self.contents, self.scope, self.progress = contents, scope, progress

    def __call__(self, part: list[tuple[int, Period]]) -> list[Values]:
        from jgsw_std.load.warehouse import build_warehouse, warm_blob_cache

        indices = sorted({index for index, _ in part})
        # Parse every distinct blob of this share in one bulk pass, once each.
        distinct = {(rel, blob) for i in indices for rel, blob in self.states[i].items()}
        warm_blob_cache(
            SourceFile(rel, self.contents[blob], blob) for rel, blob in sorted(distinct)
        )
        built: dict[int, Warehouse] = {}
        out = []
        # With two processes, this counts this process's share (the forked child's
        # copy of the bar draws nothing), which the split makes about half the work.
        for index, period in track(self.progress, part, "计算各期指标", "computing the periods"):
            if index not in built:
                sources = [
                    SourceFile(rel, self.contents[blob], blob)
                    for rel, blob in sorted(self.states[index].items())
                ]
                sha = self.chain[index].commit.sha
                built[index] = build_warehouse(sources, root=self.root, revision=sha)
            out.append(_values(built[index], period.end, self.scope))
        return out


def trend_or_none(
    root: Path | None,
    every: Every = "year",
    since: dt.date | None = None,
    until: dt.date | None = None,
    scope: str = "city",
    rev: str = "HEAD",
) -> Trend | None:
    """The trend for a report, or None when there is no history to draw it from.

    No git, not a repository, no commits yet, or a shallow clone: the report
    leaves its trend section out rather than failing.
    """
    if root is None:
        return None
    try:
        trend = compute_trend(root, every, since, until, rev, scope)
    except JgswError:
        return None
    if not any(point.values for point in trend.points):
        return None
    return trend


# -- the finished output, remembered ------------------------------------------------


@dataclass(frozen=True)
class TrendRequest:
    root: Path | None = None
    every: str = "year"
    since: dt.date | None = None
    until: dt.date | None = None
    rev: str = "HEAD"
    scope: str = "city"


def _result_key(request: TrendRequest, view: View) -> tuple[str, str] | None:
    """The key and the commit it names: the walk's start fixes every point's files.

    None when there is no commit to name (the full run then says why).
    """
    from jgsw_std.history.gitrepo import commit_id
    from jgsw_std.load import cache
    from jgsw_std.load.root import find_root

    if not cache.enabled():
        return None
    try:
        root = find_root(request.root)
    except UsageError:
        return None  # a revision without data/ on disk: not remembered
    head = commit_id(root, request.rev)
    if head is None:
        return None
    options = {
        "every": request.every,
        "since": request.since.isoformat() if request.since else None,
        "until": (request.until or dt.date.today()).isoformat(),
        "scope": request.scope,
        "rev": request.rev,
    }
    return finished.result_key("trend", root, head, view, options), head


def cached_trend(request: TrendRequest, view: View) -> Finished | None:
    """The remembered output of this trend, if the history it reads is the same."""
    found = _result_key(request, view)
    return finished.lookup(found[0]) if found is not None else None


def finish_trend(
    request: TrendRequest,
    view: View,
    render: Callable[[Trend], Finished],
    progress: Progress = SILENT,
) -> Finished:
    """The trend's output: remembered, or computed, shown with ``render`` and remembered.

    Stored only when the walk started from the commit the key names (a commit
    made meanwhile is never filed under the older one).
    """
    found = _result_key(request, view)
    if found is not None:
        done = finished.lookup(found[0])
        if done is not None:
            return done
    trend = compute_trend(
        request.root,
        request.every,
        request.since,
        request.until,
        request.rev,
        request.scope,
        progress,
    )
    done = render(trend)
    if found is not None and trend.head == found[1]:
        finished.remember(found[0], done)
    return done
