"""State steps give the same answer as state_at on every date that matters."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

from jgsw_std.lifecycle.state import state_at
from jgsw_std.lifecycle.timeline import DAWN, state_on, state_steps
from jgsw_std.load.warehouse import load_worktree

ONE = dt.timedelta(days=1)


def test_steps_agree_with_state_at_around_every_turning_point(demo_root: Path) -> None:
    wh = load_worktree(demo_root)
    checked = 0
    kinds: set[str] = set()
    for rec in wh.standards:
        steps = state_steps(wh, rec)
        assert steps[0][0] == DAWN
        assert all(a[1] != b[1] for a, b in itertools.pairwise(steps))
        std = rec.model
        days = {d for d in (std.published, std.effective, std.repealed) if d is not None}
        days |= {start for start, _ in steps[1:]}
        days |= {dt.date(2019, 1, 1), dt.date(2025, 12, 31), dt.date(2030, 6, 1)}
        for day in days:
            for probe in (day - ONE, day, day + ONE):
                assert state_on(steps, probe) == state_at(wh, rec, probe), (rec.code, probe)
                checked += 1
        kinds.update(state for _, state in steps)
    assert checked > 3000
    # the demo has every state somewhere, so each branch of state_at was compared
    assert {"in-force", "upcoming", "superseded", "repealed", "in-progress"} <= kinds
