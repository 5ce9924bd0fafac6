"""A demo file's life in the replayed history: its states, facts and events.

demo/history.py replays every synthetic record from the plan's start; this
module holds what a single file's timeline is made of (shared with
demo/history_registries.py): the facts entered into it, the dated events
that change it, and the deterministic delays between a fact and its entry.
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from jgsw_std.load.yamlread import load

START = dt.date(2021, 1, 4)  # the first working Monday of the plan: the initial import
LAST_ENTRY = dt.date(2026, 7, 31)  # nothing is entered after this (generator's data end + a month)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Fact:
    """Something entered into the warehouse on ``at``: a message fragment."""

    at: dt.date
    kind: str  # review, published, activity... (what the commit message counts)
    what: str
    district: bool = False  # entered by district staff rather than the city bureau


@dataclass
class Event:
    """One file's new version, entered on ``at``."""

    at: dt.date
    path: str
    text: bytes | None  # None: the file is gone from ``path``
    facts: list[Fact]
    moved_from: str | None = None
    bundle: str | None = None  # events that must land in the same commit share this


def dates_of(value: Any) -> Any:
    """Parsed YAML keeps dates as text; the generator writes date objects."""
    if isinstance(value, dict):
        return {k: dates_of(v) for k, v in value.items()}
    if isinstance(value, list):
        return [dates_of(v) for v in value]
    if isinstance(value, str) and _DATE.match(value):
        return dt.date.fromisoformat(value)
    return value


def split_document(text: str) -> tuple[list[str], dict[str, Any]]:
    header: list[str] = []
    for line in text.split("\n"):
        if not line.startswith("#"):
            break
        header.append(line[2:] if line.startswith("# ") else "")
    data, _ = load(text)
    return header, dates_of(data)


class Lags:
    """Deterministic delays between a fact and its entry, independent of call order."""

    def __init__(self, seed: int) -> None:
        self.seed = seed

    def days(self, token: str, low: int, high: int) -> int:
        return low + zlib.crc32(f"{self.seed}|{token}".encode()) % (high - low + 1)

    def entered(self, day: dt.date, token: str, low: int = 1, high: int = 25) -> dt.date:
        at = day + dt.timedelta(days=self.days(token, low, high))
        return min(max(at, START), LAST_ENTRY)


@dataclass
class FileTimeline:
    """A file's life: its state on any day, and the days it changed."""

    final_path: str
    final_text: str
    state: Callable[[dt.date], tuple[str, str] | None]  # day -> (path, text) or absent
    facts: list[Fact] = field(default_factory=list)
    appear: dt.date = START
    bundles: dict[dt.date, str] = field(default_factory=dict)

    def events(self) -> list[Event]:
        days = sorted({self.appear, *(f.at for f in self.facts), *self.bundles})
        last_day = days[-1]
        by_day: dict[dt.date, list[Fact]] = {}
        for fact in self.facts:
            by_day.setdefault(fact.at, []).append(fact)
        out: list[Event] = []
        before: tuple[str, str] | None = None
        for day in days:
            now = self.state(day)
            if day == last_day and now is not None:
                now = (self.final_path, self.final_text)  # byte for byte what demo writes
            if now == before:
                continue
            facts = by_day.get(day, [])
            if before is not None and now is not None and before[0] != now[0]:
                # one event, so that no commit ever holds the record twice or not at all
                out.append(Event(day, now[0], now[1].encode("utf-8"), facts, before[0]))
            elif now is None:
                assert before is not None
                out.append(Event(day, before[0], None, facts))
            else:
                out.append(Event(day, now[0], now[1].encode("utf-8"), facts))
            out[-1].bundle = self.bundles.get(day)
            before = now
        return out


def constant(rel: str, text: str) -> Callable[[dt.date], tuple[str, str] | None]:
    def state(day: dt.date) -> tuple[str, str] | None:
        return rel, text

    return state
