"""`jgsw check` and `jgsw status` agree on a demo warehouse, on every date tried.

Standards flagged review-overdue (L601) are indicator 17's denominator minus its
numerator, evaluation-due (L603) indicator 16's; usage-not-recorded (L609) is
what indicator 10 counts against, and its low-usage list is within L608's.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from jgsw_std.lifecycle.asof import AsOf
from jgsw_std.load.warehouse import Warehouse, load_worktree
from jgsw_std.metrics.base import MetricResult
from jgsw_std.metrics.registry import compute_all
from jgsw_std.rules.registry import CheckContext
from jgsw_std.rules.runner import CheckOptions, run_checks

DATES = [
    dt.date(2021, 6, 30),
    dt.date(2023, 12, 31),
    dt.date(2024, 2, 29),
    dt.date(2025, 12, 31),
    dt.date(2026, 6, 30),
]


@pytest.fixture(scope="module")
def demo(demo_root: Path) -> Warehouse:
    return load_worktree(demo_root)


def _flagged(wh: Warehouse, as_of: dt.date, code: str) -> set[str]:
    result = run_checks(wh, CheckContext.on(wh, as_of), CheckOptions(select=[code]))
    paths = [p.path for p in result.problems]
    assert len(paths) == len(set(paths))  # one problem per standard
    return set(paths)


def _indicator(wh: Warehouse, as_of: dt.date, ident: int) -> MetricResult:
    results = compute_all(AsOf(wh, as_of), wh.indicators, "city")
    return next(r for r in results if r.indicator_id == ident)


@pytest.mark.parametrize("as_of", DATES, ids=str)
def test_review_overdue_is_indicator_17_against(demo: Warehouse, as_of: dt.date) -> None:
    figure = _indicator(demo, as_of, 17)
    flagged = _flagged(demo, as_of, "L601")
    assert figure.denominator is not None and figure.numerator is not None
    assert len(flagged) == figure.denominator - figure.numerator
    assert flagged == {ref.path for ref in figure.counted_against}


@pytest.mark.parametrize("as_of", DATES, ids=str)
def test_evaluation_due_is_indicator_16_against(demo: Warehouse, as_of: dt.date) -> None:
    figure = _indicator(demo, as_of, 16)
    flagged = _flagged(demo, as_of, "L603")
    assert figure.denominator is not None and figure.numerator is not None
    assert len(flagged) == figure.denominator - figure.numerator
    assert flagged == {ref.path for ref in figure.counted_against}


@pytest.mark.parametrize("as_of", DATES, ids=str)
def test_usage_duties_match_indicator_10(demo: Warehouse, as_of: dt.date) -> None:
    figure = _indicator(demo, as_of, 10)
    assert _flagged(demo, as_of, "L609") == {ref.path for ref in figure.counted_against}
    low = {ref.path for ref in figure.extra.get("low_usage", [])}
    assert low <= _flagged(demo, as_of, "L608")


def test_the_demo_has_something_to_agree_on(demo: Warehouse) -> None:
    end = dt.date(2025, 12, 31)
    assert len(_flagged(demo, end, "L601")) > 10
    assert len(_flagged(demo, end, "L603")) > 10
    assert _indicator(demo, end, 17).numerator
