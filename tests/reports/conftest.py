"""Fixtures for the report tests: warehouses, a hostile one, and reports built from them."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from jgsw_std.app.report import report_context
from jgsw_std.load.warehouse import Warehouse, load_worktree
from jgsw_std.metrics.scope import parse_scope
from jgsw_std.reports.context import ReportOptions
from tests.conftest import CliRunner, MiniFactory

END = dt.date(2025, 12, 31)
MID = dt.date(2023, 12, 31)
#: A moment fixed for reproducible output (the cover's generated-at time).
NOW = dt.datetime(2026, 1, 5, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))

SCRIPT_TITLE = "<script>alert(1)</script>"
PIPE_TITLE = "公务用车 | 处置 *规范* _草案_ [1]"

#: Standards whose titles would break HTML or Markdown if printed unescaped.
HOSTILE_STANDARDS = {
    "data/standards/vehicles/db50-t-2001-2022.yaml": f"""\
        code: DB50/T 2001-2022
        title: "{SCRIPT_TITLE}"
        level: local
        category: operation
        area: vehicles
        items: [vehicles.quota]
        owner: shapingba
        status: published
        plan: {{year: 2022, kind: new}}
        published: 2022-01-10
        effective: 2022-03-01
    """,
    "data/standards/vehicles/db50-t-2002-2019.yaml": f"""\
        code: DB50/T 2002-2019
        title: "{PIPE_TITLE}\\n第二行"
        level: local
        category: evaluation
        area: vehicles
        items: [vehicles.disposal]
        owner: chongqing
        status: published
        plan: {{year: 2019, kind: new}}
        published: 2019-05-01
        effective: 2019-08-01
    """,
    "data/standards/logistics/db50-t-2003-2020.yaml": """\
        code: DB50/T 2003-2020
        title: 机关食堂 <b>粗体</b> & “引号”
        level: local
        category: operation
        area: logistics
        items: [logistics.catering]
        owner: chongqing
        status: published
        plan: {year: 2020, kind: new}
        published: 2020-02-01
        effective: 2020-04-01
    """,
}


@pytest.fixture
def hostile_root(mini: MiniFactory) -> Path:
    """A small warehouse whose standard titles carry markup, pipes and a newline."""
    return mini(HOSTILE_STANDARDS).root


@pytest.fixture(scope="session")
def demo_wh(demo_root: Path) -> Warehouse:
    return load_worktree(demo_root)


def context_of(
    wh: Warehouse, as_of: dt.date = END, scope: str = "city", lang: str = "zh"
) -> dict[str, Any]:
    opts = ReportOptions(as_of=as_of, scope=parse_scope(scope, wh), lang=lang, now=NOW)
    return report_context(wh, opts)


def report_json(cli: CliRunner, root: Path, *args: str) -> dict[str, Any]:
    """The report's context as `jgsw report --format json` prints it."""
    result = cli("report", "--root", str(root), "--format", "json", "-o", "-", *args)
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def cli_json(cli: CliRunner, *args: str) -> dict[str, Any]:
    """Any jgsw command's --format json output, parsed (exit code 0, 1 or 2 is fine)."""
    result = cli(*args, "--format", "json")
    assert result.exit_code in (0, 1, 2), result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


Rows = Callable[[dict[str, Any]], list[dict[str, Any]]]


def indicator_rows(ctx: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {row["id"]: row for group in ctx["summary"]["groups"] for row in group["rows"]}


def duty_rows(ctx: dict[str, Any]) -> list[dict[str, Any]]:
    return [row for group in ctx["duties"]["groups"] for row in group["rows"]]


def catalogue_rows(ctx: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        row
        for area in ctx["catalogue"]["areas"]
        for block in area["levels"]
        for row in block["rows"]
    ]


def district_rows(ctx: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["slug"]: row for group in ctx["districts"]["groups"] for row in group["rows"]}
