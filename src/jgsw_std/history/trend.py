"""Trend over git history: periods, the values of each point, and replaying the log.

The use case is app/trend.py; this module holds its result types and the two
pure steps that turn one ``git log --first-parent --raw`` walk into each
period's files, rebuilt in memory (no ``ls-tree`` and no tree traversal per
revision). Each point is read from the commit current at the period's end (the
newest commit on the first-parent chain committed on or before that day, in
the committer's own time zone) and judged as of that day: exactly
``jgsw status --rev <commit> --as-of <period end>``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from jgsw_std.history.log import LogEntry
from jgsw_std.metrics.base import MetricResult
from jgsw_std.metrics.registry_figure import Figure

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
    #: the figure's range (equal ends for one value; high None when unbounded)
    low: float | None = None
    high: float | None = None
    low_parts: tuple[int, int] | None = None
    high_parts: tuple[int, int] | None = None

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
            result.low,
            result.high,
            result.low_parts,
            result.high_parts,
        )

    @property
    def is_range(self) -> bool:
        return self.low is not None and self.value is None

    def as_dict(self) -> dict[str, Any]:
        """Plain numbers; whole counts as integers, as `jgsw status --format json` has them."""
        return {
            "id": self.indicator_id,
            "metric": self.metric,
            "status": self.status,
            "unit": self.unit,
            "value": number(self.value, self.unit),
            "low": number(self.low, self.unit),
            "high": number(self.high, self.unit),
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


def figure_dict(fig: Figure) -> dict[str, Any]:
    """A registry figure's ``value`` and ``parts``; with a range (undated answers) also
    ``low`` and ``high`` after the value, each end's parts and ``maybe_empty``, which a
    figure the records fix leaves out, so its JSON reads as it always did."""
    out: dict[str, Any] = {"value": number(fig.value, fig.unit)}
    if fig.is_range:
        out["low"] = number(fig.low, fig.unit)
        out["high"] = number(fig.high, fig.unit)
    out["parts"] = list(fig.parts) if fig.parts else None
    if fig.is_range:
        out["low_parts"] = list(fig.low_parts) if fig.low_parts else None
        out["high_parts"] = list(fig.high_parts) if fig.high_parts else None
        out["maybe_empty"] = fig.maybe_empty
    return out


@dataclass(frozen=True)
class TrendPoint:
    period: str
    end: dt.date
    commit: str | None  # None: no commit yet at that date
    committed: str | None  # the commit's date and time (ISO, its own zone)
    values: dict[int, TrendValue] = field(default_factory=dict)
    note: str = ""  # why there are no values (no indicators file at that revision...)
    #: the warehouse's own figures (专家库, 信息反馈) at the period's end, by key
    registries: dict[str, Figure] = field(default_factory=dict)


@dataclass(frozen=True)
class TrendRow:
    """An indicator as the newest revision's plan names it."""

    indicator_id: int
    metric: str
    label_zh: str
    label_en: str

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_zh


@dataclass(frozen=True)
class RegistryRow:
    """One of the warehouse's own figures, as the newest point that has it names it."""

    key: str
    label_zh: str
    label_en: str
    unit: str

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_zh


def registry_rows(points: list[TrendPoint]) -> list[RegistryRow]:
    """Every registry figure any point has: the newest point's order and names first,
    then figures only older points have (an area since removed), as they come."""
    rows: dict[str, RegistryRow] = {}
    for point in reversed(points):
        for fig in point.registries.values():
            if fig.key not in rows:
                rows[fig.key] = RegistryRow(fig.key, fig.label_zh, fig.label_en, fig.unit)
    return list(rows.values())


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

    @property
    def registry_rows(self) -> list[RegistryRow]:
        return registry_rows(self.points)

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
            # the warehouse's own figures (docs/status.md: `figures`), beside the plan's
            "registries": [
                {"key": r.key, "label": r.label_zh, "label_en": r.label_en, "unit": r.unit}
                for r in self.registry_rows
            ],
            "points": [
                {
                    "period": p.period,
                    "end": p.end.isoformat(),
                    "commit": p.commit,
                    "committed": p.committed,
                    "note": p.note,
                    "values": [v.as_dict() for v in p.values.values()],
                    "registries": [{"key": f.key, **figure_dict(f)} for f in p.registries.values()],
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
