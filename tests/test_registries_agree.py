"""`check`, `status` and `due` agree on the registries, whatever the dates say.

Demo warehouses have feedback responses, closings, expert terms and leaving
dates moved or removed at random, and are judged on many dates. On each:

- F905's items are the feedback figures' "unanswered past the limit" and the
  overdue answer duties of `due`; F906's are the figures' broken promises and
  the overdue revision duties;
- E904's areas are the pool's short main areas;
- a scope's feedback is the items its units raised: the districts' lists add
  up to the city's.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

import pytest

from jgsw_std.app.due import due_calendar
from jgsw_std.demo.generator import build_demo, write_demo
from jgsw_std.lifecycle.asof import AsOf
from jgsw_std.load.warehouse import Warehouse, load_worktree
from jgsw_std.metrics.registries import registry_figures
from jgsw_std.metrics.scope import parse_scope
from jgsw_std.rules.registry import CheckContext
from jgsw_std.rules.runner import CheckOptions, run_checks

SEEDS = range(4)
DATES = [dt.date(2022, 6, 30), dt.date(2023, 12, 31), dt.date(2024, 12, 31), dt.date(2025, 12, 31)]
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _shift(match: re.Match[str], rng: random.Random) -> str:
    day = dt.date.fromisoformat(match.group(0)) + dt.timedelta(days=rng.randint(-400, 400))
    return day.isoformat()


def _shaken(text: str, rng: random.Random) -> str:
    """Responses, closings and terms dropped or moved, actions turned to ``revise``."""
    out = []
    for line in text.splitlines():
        if line.startswith(("response:", "closed:", "term_ends:", "left:")):
            roll = rng.random()
            if roll < 0.25:
                continue
            if roll < 0.6:
                line = _DATE.sub(lambda m: _shift(m, rng), line, count=1)
            if line.startswith("response:") and rng.random() < 0.3:
                line = re.sub(r"action: [a-z-]+", "action: revise", line)
        out.append(line)
    if "appointed:" in text and "term_ends:" not in text and rng.random() < 0.3:
        out.append(f"term_ends: {dt.date(2023, 1, 1) + dt.timedelta(days=rng.randint(0, 1200))}")
    return "\n".join(out) + "\n"


@pytest.fixture(scope="module", params=list(SEEDS), ids=lambda s: f"seed{s}")
def shaken(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    seed = int(request.param)
    rng = random.Random(2000 + seed)
    demo = build_demo(40, seed=seed)
    for file in demo.files:
        if file.rel.startswith(("data/feedback/", "data/experts/")):
            file.text = _shaken(file.text, rng)
    root = tmp_path_factory.mktemp(f"reg{seed}") / "wh"
    write_demo(root, demo)
    return load_worktree(root)


@pytest.mark.parametrize("as_of", DATES, ids=str)
def test_check_status_and_due_agree(shaken: Warehouse, as_of: dt.date) -> None:
    wh = shaken
    codes = ["F905", "F906", "E904"]
    problems = run_checks(wh, CheckContext.on(wh, as_of), CheckOptions(select=codes)).problems
    ids = {code: {Path(p.path).stem for p in problems if p.code == code} for code in codes[:2]}
    short = {str(p.args["area_en"]) for p in problems if p.code == "E904"}
    at = AsOf(wh, as_of)
    figures = registry_figures(at, parse_scope("city", wh))
    assert set(figures.feedback.unanswered_late) == ids["F905"]
    assert set(figures.feedback.revision_overdue) == ids["F906"]
    assert {a.label_en for a in figures.pool.short} == short
    assert len(figures.feedback.unanswered_late) == len(ids["F905"])  # no item twice

    calendar = due_calendar(at, 0)
    overdue = {(d.kind, d.key) for g in calendar.groups for d in g.duties if d.overdue}
    assert {k for kind, k in overdue if kind == "feedback-answer"} == ids["F905"]
    assert {k for kind, k in overdue if kind == "feedback-revision"} == ids["F906"]

    # the districts' feedback adds up to the city's (every item's unit is a district)
    assert all(rec.model.from_ in wh.district_by_slug for rec in wh.feedback)
    parts: list[str] = []
    received = 0
    for unit in wh.districts:
        scoped = registry_figures(at, parse_scope(f"district:{unit.slug}", wh))
        assert scoped.pool == figures.pool  # the pool is the city's in every scope
        parts += scoped.feedback.unanswered_late
        received += scoped.feedback.total.received
    assert sorted(parts) == sorted(figures.feedback.unanswered_late)
    assert received == figures.feedback.total.received


def test_the_shaken_demos_exercise_every_side(tmp_path: Path) -> None:
    """Guards the agreement above against passing on warehouses where nothing is late."""
    seen: dict[str, int] = {"F905": 0, "F906": 0, "E904": 0}
    for seed in SEEDS:
        rng = random.Random(2000 + seed)
        demo = build_demo(40, seed=seed)
        for file in demo.files:
            if file.rel.startswith(("data/feedback/", "data/experts/")):
                file.text = _shaken(file.text, rng)
        write_demo(tmp_path / str(seed), demo)
        wh = load_worktree(tmp_path / str(seed))
        for as_of in DATES:
            result = run_checks(wh, CheckContext.on(wh, as_of), CheckOptions(select=list(seen)))
            for p in result.problems:
                seen[p.code] += 1
    assert all(count >= 3 for count in seen.values()), seen
