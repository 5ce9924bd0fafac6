"""`jgsw trend`: each indicator at the end of every month, quarter or year.

Each point is read from the commit that was current at the period's end (the
newest commit on the first-parent chain committed on or before that day, in
the committer's own time zone) and judged as of that day: what had been
recorded by then, about what was true then. That is exactly
``jgsw status --rev <commit> --as-of <period end>``, computed in bulk:

- one ``git log --first-parent --raw`` walk gives every commit and the blob ids
  it changed, so each period's file list is rebuilt in memory (no ``ls-tree``
  and no tree traversal per revision);
- one ``cat-file --batch`` reads all the blobs those revisions need, once;
- the loader parses and validates each distinct blob once (its blob cache),
  so a revision that changed three files costs three parses;
- on Linux the points are computed in two processes when there are many.

The report's trend section calls :func:`trend_or_none`, which returns None
when there is no history to read, so the section is simply left out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from jgsw_std.errors import DataError, JgswError, UsageError
from jgsw_std.history.gitrepo import GitRepo, open_repo, shallow_error
from jgsw_std.history.log import LogEntry, walk_first_parent
from jgsw_std.history.revision import require_warehouse, revision_root
from jgsw_std.load.files import SourceFile
from jgsw_std.load.warehouse import Warehouse, warm_blob_cache
from jgsw_std.metrics.base import MetricResult

Every = Literal["month", "quarter", "year"]
EVERY: tuple[Every, ...] = ("month", "quarter", "year")


@dataclass(frozen=True)
class Period:
    label: str  # 2023, 2023-Q4, 2023-12
    end: dt.date


def _month_end(year: int, month: int) -> dt.date:
    if month == 12:  # no step into the next year: 9999-12 has no year 10000 after it
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def periods(every: Every, since: dt.date, until: dt.date) -> list[Period]:
    """Every period whose last day falls in [since, until], oldest first."""
    out: list[Period] = []
    step = {"month": 1, "quarter": 3, "year": 12}[every]
    year, month = since.year, since.month
    # the first period end on or after `since`
    month = ((month - 1) // step + 1) * step
    while True:
        end = _month_end(year, month)
        if end > until:
            return out
        if end >= since:
            if every == "year":
                label = str(year)
            elif every == "quarter":
                label = f"{year}-Q{month // 3}"
            else:
                label = f"{year}-{month:02d}"
            out.append(Period(label, end))
        month += step
        if month > 12:
            if year == dt.MAXYEAR:  # the calendar ends here
                return out
            year, month = year + 1, month - 12


@dataclass(frozen=True)
class TrendValue:
    """One indicator at one point: plain numbers, nothing to compute."""

    indicator_id: int
    metric: str
    status: str
    unit: str
    value: float | None
    numerator: float | None
    denominator: float | None
    target: float | None = None
    target_min: float | None = None
    target_max: float | None = None

    @classmethod
    def of(cls, result: MetricResult) -> TrendValue:
        return cls(
            result.indicator_id,
            result.metric,
            result.status,
            result.unit,
            result.value,
            result.numerator,
            result.denominator,
            result.target,
            result.target_min,
            result.target_max,
        )

    def as_dict(self) -> dict[str, Any]:
        """Plain numbers; whole counts as integers, as `jgsw status --format json` has them."""
        return {
            "id": self.indicator_id,
            "metric": self.metric,
            "status": self.status,
            "unit": self.unit,
            "value": number(self.value, self.unit),
            "numerator": number(self.numerator, "count"),
            "denominator": number(self.denominator, "count"),
            "target": number(self.target, self.unit),
            "target_min": number(self.target_min, self.unit),
            "target_max": number(self.target_max, self.unit),
        }


def number(value: float | None, unit: str) -> float | int | None:
    """A count that is whole as an int (``32``, not ``32.0``); rates exactly as computed."""
    if value is None:
        return None
    if unit in ("count", "done") and float(value).is_integer():
        return int(value)
    return float(value)


@dataclass(frozen=True)
class TrendPoint:
    period: str
    end: dt.date
    commit: str | None  # None: no commit yet at that date
    committed: str | None  # the commit's date and time (ISO, its own zone)
    values: dict[int, TrendValue] = field(default_factory=dict)
    note: str = ""  # why there are no values (no indicators file at that revision...)


@dataclass(frozen=True)
class TrendRow:
    """An indicator as the newest revision's plan names it."""

    indicator_id: int
    metric: str
    label_zh: str
    label_en: str

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_zh


@dataclass
class Trend:
    every: Every
    since: dt.date
    until: dt.date
    scope: str
    rev: str
    head: str  # the commit the walk started from
    rows: list[TrendRow]
    points: list[TrendPoint]

    def as_dict(self) -> dict[str, Any]:
        return {
            "format": "jgsw-trend/1",
            "every": self.every,
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
            "scope": self.scope,
            "rev": self.rev,
            "head": self.head,
            "indicators": [
                {
                    "id": r.indicator_id,
                    "metric": r.metric,
                    "label": r.label_zh,
                    "label_en": r.label_en,
                }
                for r in self.rows
            ],
            "points": [
                {
                    "period": p.period,
                    "end": p.end.isoformat(),
                    "commit": p.commit,
                    "committed": p.committed,
                    "note": p.note,
                    "values": [v.as_dict() for v in p.values.values()],
                }
                for p in self.points
            ],
        }


# -- reading revisions in bulk ----------------------------------------------------


def current_at(chain: list[LogEntry], day: dt.date) -> int | None:
    """Index of the commit current at the end of ``day``: the newest on the chain
    committed on or before it (committer's local date), or None before the first."""
    for index in range(len(chain) - 1, -1, -1):
        if chain[index].commit.committed.date() <= day:
            return index
    return None


def snapshots(chain: list[LogEntry], wanted: set[int]) -> dict[int, dict[str, str]]:
    """``{index: {path: blob}}`` for the wanted commits, replaying the walk's changes."""
    files: dict[str, str] = {}
    out: dict[int, dict[str, str]] = {}
    last = max(wanted, default=-1)
    for index, entry in enumerate(chain[: last + 1]):
        for change in entry.changes:
            if change.old_path is not None and change.old_path != change.new_path:
                files.pop(change.old_path, None)
            if change.new_path is not None and change.new_blob is not None:
                files[change.new_path] = change.new_blob
            elif change.new_path is not None:
                files.pop(change.new_path, None)
        if index in wanted:
            out[index] = dict(files)
    return out


def _values(wh: Warehouse, day: dt.date, scope: str) -> tuple[dict[int, TrendValue], str]:
    from jgsw_std.metrics.registry import compute_all

    if wh.indicators is None:
        return {}, "no-indicators"
    try:
        results = compute_all(wh, wh.indicators, day, scope)
    except (UsageError, DataError) as exc:  # e.g. a district that did not exist yet
        return {}, exc.key
    return {r.indicator_id: TrendValue.of(r) for r in results}, ""


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
    from jgsw_std.metrics.view import indicator_label

    if wh.indicators is None:
        return []
    return [
        TrendRow(i.id, i.metric, indicator_label(i, "zh"), indicator_label(i, "en"))
        for i in wh.indicators.indicators
    ]


def compute_trend(
    root: Path | None,
    every: Every = "year",
    since: dt.date | None = None,
    until: dt.date | None = None,
    rev: str = "HEAD",
    scope: str = "city",
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
    where = revision_root(root)
    with open_repo(where) as repo:
        head = repo.resolve(rev)
        require_warehouse(repo, root, [head])
        if repo.is_shallow:
            raise shallow_error(
                "jgsw trend 需要完整的提交历史", "jgsw trend needs the full history"
            )
        return _trend(repo, head, every, since, until, rev, scope)


def _trend(
    repo: GitRepo,
    head: str,
    every: Every,
    since: dt.date | None,
    until: dt.date | None,
    rev: str,
    scope: str,
) -> Trend:
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
    work = _Work(repo.root, chain, states, contents, scope)
    from jgsw_std.forking import split_work

    weights = [float(len(states[i])) for i, _ in jobs]
    computed = dict(zip(jobs, split_work(jobs, work, weights=weights), strict=True))
    points = []
    for period in wanted_periods:
        index = at[period]
        if index is None:
            points.append(TrendPoint(period.label, period.end, None, None, {}, "no-commit"))
            continue
        values, note = computed[(index, period)]
        commit = chain[index].commit
        points.append(
            TrendPoint(
                period.label, period.end, commit.sha, commit.committed.isoformat(), values, note
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
    ) -> None:
        self.root, self.chain, self.states = root, chain, states
        self.contents, self.scope = contents, scope

    def __call__(self, part: list[tuple[int, Period]]) -> list[tuple[dict[int, TrendValue], str]]:
        from jgsw_std.load.warehouse import build_warehouse

        indices = sorted({index for index, _ in part})
        # Parse every distinct blob of this share in one bulk pass, once each.
        distinct = {(rel, blob) for i in indices for rel, blob in self.states[i].items()}
        warm_blob_cache(
            SourceFile(rel, self.contents[blob], blob) for rel, blob in sorted(distinct)
        )
        built: dict[int, Warehouse] = {}
        out = []
        for index, period in part:
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
) -> Trend | None:
    """The trend for a report, or None when there is no history to draw it from.

    No git, not a repository, no commits yet, or a shallow clone: the report
    leaves its trend section out rather than failing.
    """
    try:
        trend = compute_trend(root, every, since, until, "HEAD", scope)
    except JgswError:
        return None
    if not any(point.values for point in trend.points):
        return None
    return trend
