"""The check use case: load the warehouse, run every rule, settle the findings.

Commands and the report share this, so `check` and `report` never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from jgsw_std.load.warehouse import Warehouse
from jgsw_std.rules.registry import CheckContext
from jgsw_std.rules.runner import CheckOptions, CheckResult, run_checks
from jgsw_std.session import open_warehouse


@dataclass
class CheckRequest:
    root: Path | None = None
    as_of: dt.date = field(default_factory=dt.date.today)
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)


@dataclass
class CheckOutcome:
    warehouse: Warehouse
    result: CheckResult
    as_of: dt.date

    def exit_code(self, strict: bool) -> int:
        if self.result.errors:
            return 1
        if strict and self.result.warnings:
            return 2
        return 0


def settings_for(wh: Warehouse) -> tuple[dict[str, str], dict[str, float], list[str], list[str]]:
    """Severity overrides, thresholds, select and ignore from framework.yaml's check:."""
    check = wh.framework.check
    if check is None:
        return {}, {}, [], []
    return dict(check.severity), dict(check.thresholds), list(check.select), list(check.ignore)


def check_warehouse(
    wh: Warehouse, as_of: dt.date, select: list[str] | None = None, ignore: list[str] | None = None
) -> CheckResult:
    severity, thresholds, cfg_select, cfg_ignore = settings_for(wh)
    options = CheckOptions(
        select=select or cfg_select, ignore=[*cfg_ignore, *(ignore or [])], severity=severity
    )
    ctx = CheckContext(as_of=as_of, thresholds=thresholds)
    return run_checks(wh, ctx, options)


def run_check(request: CheckRequest) -> CheckOutcome:
    wh = open_warehouse(request.root)
    result = check_warehouse(wh, request.as_of, request.select, request.ignore)
    return CheckOutcome(wh, result, request.as_of)
