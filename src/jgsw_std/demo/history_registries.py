"""The registries' timelines in the demo's git history (see demo/history.py).

An expert is entered a few days after joining the pool and updated when
leaving it; a material when it is dated; a feedback item after it is
received, its answer and its closing each a few days after they happened. No
fact is committed before it happened, so `--rev` and `--as-of` stay apart.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from jgsw_std.demo.file_replay import Fact, FileTimeline, Lags
from jgsw_std.edit.quoting import render_document


def _file(
    rel: str, text: str, header: list[str], steps: list[tuple[dt.date, str, str, Any]]
) -> FileTimeline:
    """A file that appears on the first step's day and changes on the later ones.

    ``steps``: (day entered, fact kind, fact text, the record as entered that day).
    """
    steps = sorted(steps, key=lambda step: step[0])
    appear = steps[0][0]
    facts = [Fact(day, kind, what, district=kind == "feedback") for day, kind, what, _ in steps]

    def state(day: dt.date) -> tuple[str, str] | None:
        current = None
        for entered, _, _, record in steps:
            if entered <= day:
                current = record
        return None if current is None else (rel, render_document(current, header))

    return FileTimeline(rel, text, state, facts, appear)


def expert_file(
    lag: Lags, rel: str, text: str, header: list[str], rec: dict[str, Any]
) -> FileTimeline:
    """Entered after joining the pool; `left` added once the expert has left."""
    joined = lag.entered(rec["appointed"], rel + "|appointed")
    first = {k: v for k, v in rec.items() if k != "left"}
    steps: list[tuple[dt.date, str, str, Any]] = [(joined, "expert", rec["name"], first)]
    if "left" in rec:
        steps.append((lag.entered(rec["left"], rel + "|left"), "expert_left", rec["name"], rec))
    return _file(rel, text, header, steps)


def material_file(
    lag: Lags, rel: str, text: str, header: list[str], rec: dict[str, Any]
) -> FileTimeline:
    day = rec.get("date")
    entered = (
        lag.entered(day, rel + "|date")
        if isinstance(day, dt.date)
        else lag.entered(dt.date(2021, 1, 1), rel)
    )
    return _file(rel, text, header, [(entered, "material", rec["title"], rec)])


def feedback_file(
    lag: Lags, rel: str, text: str, header: list[str], rec: dict[str, Any]
) -> FileTimeline:
    """Entered after receipt; the response and the closing each entered after their day."""
    ident = rec["id"]
    received = lag.entered(rec["received"], rel + "|received", 1, 10)
    bare = {k: v for k, v in rec.items() if k not in ("response", "closed")}
    steps: list[tuple[dt.date, str, str, Any]] = [(received, "feedback", ident, bare)]
    response = rec.get("response")
    if response:
        answered = max(received, lag.entered(response["date"], rel + "|response", 1, 10))
        with_response = {k: v for k, v in rec.items() if k != "closed"}
        steps.append((answered, "response", ident, with_response))
        if "closed" in rec:
            closed = max(answered, lag.entered(rec["closed"], rel + "|closed", 1, 10))
            steps.append((closed, "closed", ident, rec))
    return _file(rel, text, header, steps)
