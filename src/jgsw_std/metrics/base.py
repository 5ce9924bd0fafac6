"""What every metric returns: value, target, status and the records behind it.

Reports, `status`, `trend` and `diff` all consume :class:`MetricResult`; none of
them recompute a figure. :meth:`MetricResult.to_dict` is the JSON shape that
``jgsw status --format json`` prints (documented in docs/status.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from jgsw_std.lifecycle.known import Combine, Entry, Measure, Settler, first_or_none

#: ``unsettled`` (待核实): the figure is a range that lies across the target, so
#: whether it is met waits on dates nobody recorded (see ``settle``).
Status = Literal["met", "not-met", "on-track", "behind", "unsettled", "no-data"]
STATUSES: tuple[Status, ...] = ("met", "on-track", "behind", "not-met", "unsettled", "no-data")
Unit = Literal["rate", "count", "done"]
RefKind = Literal[
    "standard",
    "district",
    "unit-year",
    "item",
    "area",
    "group",
    "evidence",
    "pilot",
    "site",
    "activity",
    "article",
]


# slots: the figures of a 50,000-standard report hold some 250,000 references at once
@dataclass(frozen=True, slots=True)
class RecordRef:
    """One record a figure counts: a standard, a district, a unit-year, an item."""

    kind: RefKind
    key: str  # code, slug, "slug:2023", item code, area code...
    label: str = ""  # title or name, for people
    path: str | None = None  # file that holds it, when there is one
    note: str = ""  # why it counts for or against (zh)
    note_en: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "key": self.key,
            "label": self.label,
            "path": self.path,
            "note": self.note,
            "note_en": self.note_en,
        }

    def why(self, lang: str) -> str:
        return self.note_en if lang == "en" else self.note


@dataclass
class Basis:
    """The entries behind a figure, kept so the judge can say what would settle it.

    ``groups`` are the figure's parts (one for a rate or a count, one per area
    for a minimum) and ``combine`` makes the figure from their bounds.
    """

    groups: dict[str, list[Entry[RecordRef]]]
    measure: Measure
    combine: Combine = first_or_none


@dataclass
class MetricResult:
    """One indicator's figure as of a date, for one scope."""

    indicator_id: int
    metric: str
    as_of: dt.date
    scope: str  # "city", "region:main-urban", "subregion:central", "district:shapingba"
    status: Status
    #: the headline figure (a rate 0-1, a count, 1.0 done) when the records fix it;
    #: None for no data and for a range (then ``low`` and ``high`` hold it)
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    #: the figure as a range: unknowns counted against (low) and for (high);
    #: equal for an exact figure, None for no data (``high`` also when unbounded)
    low: float | None = None
    high: float | None = None
    low_parts: tuple[int, int] | None = None  # a rate's (numerator, denominator) at each end
    high_parts: tuple[int, int] | None = None
    #: a rate whose every entry may yet fall out of it (then it would have no value)
    maybe_empty: bool = False
    unit: Unit = "rate"
    target: float | None = None  # value >= target
    target_min: float | None = None  # for {min, max} targets
    target_max: float | None = None
    why_zh: str = ""  # one line a person can act on
    why_en: str = ""
    counted_for: list[RecordRef] = field(default_factory=list)
    counted_against: list[RecordRef] = field(default_factory=list)
    unknown: list[RecordRef] = field(default_factory=list)  # open: counted both ways
    breakdown: dict[str, MetricResult] = field(default_factory=dict)  # e.g. per area
    extra: dict[str, Any] = field(default_factory=dict)  # expected pace value, low-usage list
    #: second figures the status also depends on ("summaries" of 3, "joint" of 7);
    #: each is judged like the headline, and the indicator takes the worse status.
    figures: dict[str, MetricResult] = field(default_factory=dict)
    #: the missing values that would settle the status, most decisive first
    settle: list[Settler] = field(default_factory=list)
    basis: Basis | None = field(default=None, repr=False, compare=False)

    def why(self, lang: str) -> str:
        return self.why_en if lang == "en" else self.why_zh

    @property
    def has_data(self) -> bool:
        """Some record stands behind the figure (a value or a range)."""
        return self.low is not None or self.value is not None

    @property
    def is_range(self) -> bool:
        """The figure is a range, not one value: unknowns were counted both ways."""
        return self.low is not None and (self.maybe_empty or self.value is None)

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """The stable JSON shape (docs/status.md); counts are integers, rates floats."""
        expected = self.extra.get("expected")
        low = self.extra.get("low_usage", [])
        period = self.extra.get("period")
        return {
            "id": self.indicator_id,
            "metric": self.metric,
            "scope": self.scope,
            "as_of": self.as_of.isoformat(),
            "status": self.status,
            "unit": self.unit,
            "value": _number(self.value, self.unit),
            "low": _number(self.low, self.unit),
            "high": _number(self.high, self.unit),
            "low_parts": list(self.low_parts) if self.low_parts else None,
            "high_parts": list(self.high_parts) if self.high_parts else None,
            "maybe_empty": self.maybe_empty,
            "numerator": _number(self.numerator, "count"),
            "denominator": _number(self.denominator, "count"),
            "target": _number(self.target, self.unit),
            "target_min": _number(self.target_min, self.unit),
            "target_max": _number(self.target_max, self.unit),
            "expected": None if expected is None else round(float(expected), 4),
            "period": None
            if period is None
            else {
                "start": period["start"].isoformat(),
                "end": period["end"].isoformat(),
                "clipped": period["clipped"],
            },
            "why": self.why(lang),
            "counts": {
                "for": len(self.counted_for),
                "against": len(self.counted_against),
                "unknown": len(self.unknown),
            },
            "counted_for": [r.as_dict() for r in self.counted_for],
            "counted_against": [r.as_dict() for r in self.counted_against],
            "unknown": [r.as_dict() for r in self.unknown],
            "settle": [
                {
                    "key": s.fact.key,
                    "label": s.fact.label,
                    "path": s.fact.path,
                    "field": s.fact.field,
                    "text": s.fact.text(lang),
                    "alone": s.alone,
                }
                for s in self.settle
            ],
            "low_usage": [r.as_dict() for r in low],
            "figures": {k: v.to_dict(lang) for k, v in self.figures.items()},
            "breakdown": {k: v.to_dict(lang) for k, v in self.breakdown.items()},
        }


def _number(value: float | None, unit: str) -> float | int | None:
    if value is None:
        return None
    if unit in ("count", "done") and float(value).is_integer():
        return int(value)
    return round(float(value), 6)
