"""Helpers for rule tests: a warehouse in, the (path, line, col, code) it gets out."""

from __future__ import annotations

import datetime as dt

from jgsw_std.load.warehouse import Warehouse
from jgsw_std.rules.registry import CheckContext
from jgsw_std.rules.runner import CheckOptions, run_checks

Finding = tuple[str, int, int, str]

#: The plan's last day, the as-of date most rule tests use.
END = dt.date(2025, 12, 31)


def findings(
    wh: Warehouse,
    code: str,
    as_of: dt.date = END,
    thresholds: dict[str, float] | None = None,
) -> list[Finding]:
    """What ``code`` reports on ``wh`` as of ``as_of``, placed and sorted as `check` does."""
    ctx = CheckContext.on(wh, as_of, thresholds)
    result = run_checks(wh, ctx, CheckOptions(select=[code]))
    return [(p.path, p.line, p.col, p.code) for p in result.problems]


def messages(
    wh: Warehouse,
    code: str,
    as_of: dt.date = END,
    lang: str = "zh",
    thresholds: dict[str, float] | None = None,
) -> list[str]:
    ctx = CheckContext.on(wh, as_of, thresholds)
    result = run_checks(wh, ctx, CheckOptions(select=[code]))
    return [p.message(lang) for p in result.problems]
