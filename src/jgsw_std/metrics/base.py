"""What every metric returns: value, target, status and the records behind it.

Reports, `status`, `trend` and `diff` all consume :class:`MetricResult`; none of
them recompute a figure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

Status = Literal["met", "not-met", "on-track", "behind", "no-data"]
STATUSES: tuple[Status, ...] = ("met", "on-track", "behind", "not-met", "no-data")


@dataclass(frozen=True)
class RecordRef:
    """One record a figure counts: a standard, a district, a unit-year, an item."""

    kind: Literal["standard", "district", "unit-year", "item", "area", "group", "evidence"]
    key: str  # code, slug, "slug:2023", item code, area code...
    label: str = ""  # title or name, for people
    path: str | None = None  # file that holds it, when there is one
    note: str = ""  # why it counts for or against (zh)
    note_en: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "key": self.key, "label": self.label,
            "path": self.path, "note": self.note, "note_en": self.note_en,
        }


@dataclass
class MetricResult:
    """One indicator's figure as of a date, for one scope."""

    indicator_id: int
    metric: str
    as_of: dt.date
    scope: str  # "city", "region:main-urban", "subregion:central", "district:shapingba"
    status: Status
    value: float | None = None  # the headline figure (a rate 0-1, a count, 1.0 done)
    numerator: float | None = None
    denominator: float | None = None
    unit: Literal["rate", "count", "done"] = "rate"
    target: float | None = None  # value >= target
    target_min: float | None = None  # for {min, max} targets
    target_max: float | None = None
    why_zh: str = ""  # one line a person can act on
    why_en: str = ""
    counted_for: list[RecordRef] = field(default_factory=list)
    counted_against: list[RecordRef] = field(default_factory=list)
    unknown: list[RecordRef] = field(default_factory=list)  # dates missing: not counted
    breakdown: dict[str, MetricResult] = field(default_factory=dict)  # e.g. per area
    extra: dict[str, Any] = field(default_factory=dict)  # second figures (indicator 3, 7, 10)

    def why(self, lang: str) -> str:
        return self.why_en if lang == "en" else self.why_zh
