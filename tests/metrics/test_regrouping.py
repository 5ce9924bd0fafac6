"""Regrouping (DOMAIN.md): breakdowns use the grouping in force on the plan's grouping date.

垫江 moved into 主城都市区 after the 2021 plan; the plan's indicators count it in
渝东北. A district keeps the plan's ``region``/``subregion`` and lists the later
change under ``regrouped``; ``plan.grouping_date`` (default the plan's start)
and ``--grouping-as-of`` choose whose grouping a scope reads.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from jgsw_std.lifecycle.asof import AsOf
from jgsw_std.metrics import compute_one
from jgsw_std.metrics.scope import Scope, parse_scope
from jgsw_std.model.district import District
from tests.conftest import MINI_INDICATORS, CliRunner, MiniFactory
from tests.metrics.build import END, city, merge, unit, warehouse

MOVED = {"date": "2024-02-21", "region": "main-urban", "subregion": "new", "source": "国土空间规划"}
TRAINING = [{"date": f"{y}-05-01", "kind": "training", "title": "培训"} for y in range(2021, 2025)]


def units() -> dict[str, str]:
    return merge(
        city(activities=TRAINING),
        unit(
            "dianjiang",
            "垫江县",
            kind="county",
            region="northeast",
            regrouped=[MOVED],
            activities=TRAINING,
        ),
        unit("wanzhou", "万州区", kind="district", region="northeast", activities=TRAINING[:1]),
    )


def test_grouping_at_a_date() -> None:
    model = District.model_validate(
        {"slug": "dianjiang", "name": "垫江县", "region": "northeast", "regrouped": [MOVED]}
    )
    assert model.grouping_at(None) == ("northeast", None)
    assert model.grouping_at(dt.date(2024, 2, 20)) == ("northeast", None)
    assert model.grouping_at(dt.date(2024, 2, 21)) == ("main-urban", "new")  # on the day
    assert model.grouping_at(dt.date(2030, 1, 1)) == ("main-urban", "new")


def test_a_regrouped_district_is_written_and_counted_where_the_plan_counted_it(
    mini: MiniFactory,
) -> None:
    wh = warehouse(mini, units=units())
    assert not [p for p in wh.problems if p.path.endswith("dianjiang.yaml")]
    at = AsOf(wh, END)
    northeast = compute_one(at, None, 17, "region:northeast")  # any indicator's scope
    assert northeast.scope == "region:northeast"
    plan_view = parse_scope("region:northeast", wh, dt.date(2021, 1, 1))
    assert [u.slug for u in plan_view.units(wh)] == ["dianjiang", "wanzhou"]
    later = parse_scope("subregion:new", wh, dt.date(2025, 1, 1))
    assert [u.slug for u in later.units(wh)] == ["dianjiang"]


PLAN_15 = MINI_INDICATORS.replace(
    "start: 2021-01-01, end: 2025-12-31}",
    "start: 2021-01-01, end: 2025-12-31, grouping_date: 2024-06-30}",
) + (
    "  - {id: 15, group: implementation, text: 每年培训。, metric: annual_training, target: 1.0}\n"
)


@pytest.mark.parametrize(
    ("indicators", "grouping", "northeast"),
    [
        (None, None, 10),  # the plan's start: 垫江 and 万州 in 渝东北, 2 units x 5 years
        (PLAN_15, None, 5),  # grouping_date 2024-06-30: 垫江 has moved
        (None, dt.date(2024, 6, 30), 5),  # --grouping-as-of overrides the default
        (PLAN_15, dt.date(2021, 1, 1), 10),  # and the plan's grouping_date
    ],
)
def test_the_grouping_date_picks_the_units_of_a_region(
    mini: MiniFactory, indicators: str | None, grouping: dt.date | None, northeast: int
) -> None:
    plan = (indicators or MINI_INDICATORS) + (
        ""
        if indicators
        else "  - {id: 15, group: implementation, text: 每年培训。, metric: annual_training, target: 1.0}\n"
    )
    wh = warehouse(mini, units=units(), indicators=plan)
    scope = Scope("region", "northeast", grouping)
    result = compute_one(AsOf(wh, END), None, 15, scope)
    assert result.low_parts is not None and result.low_parts[1] == northeast


def test_grouping_as_of_option(mini: MiniFactory, cli: CliRunner) -> None:
    plan = MINI_INDICATORS + (
        "  - {id: 15, group: implementation, text: 每年培训。, metric: annual_training, target: 1.0}\n"
    )
    wh = warehouse(mini, units=units(), indicators=plan)
    args = ("status", "--root", str(wh.root), "--as-of", "2025-12-31", "-i", "15", "-f", "json")
    by_plan = json.loads(cli(*args, "--scope", "subregion:new").stdout)
    assert by_plan["indicators"][0]["status"] == "no-data"  # nobody in 主城新区 in 2021
    moved = cli(*args, "--scope", "subregion:new", "--grouping-as-of", "2024-12-31")
    assert moved.exit_code == 0, moved.stderr
    figure = json.loads(moved.stdout)["indicators"][0]
    assert figure["low_parts"] == [4, 5]  # 垫江 alone: 2021-2024 trained, 2025 not
    bad = cli(*args, "--grouping-as-of", "2024-02-30")
    assert bad.exit_code == 1 and "--grouping-as-of" in bad.stderr


def test_the_report_groups_districts_on_the_grouping_date(
    mini: MiniFactory, cli: CliRunner
) -> None:
    wh = warehouse(mini, units=units())

    def group_of(*extra: str) -> str:
        result = cli(
            "report",
            "--root",
            str(wh.root),
            "--format",
            "json",
            "-o",
            "-",
            "--as-of",
            "2025-12-31",
            *extra,
        )
        assert result.exit_code == 0, result.stderr
        groups = json.loads(result.stdout)["districts"]["groups"]
        return str(next(g["key"] for g in groups for r in g["rows"] if r["slug"] == "dianjiang"))

    assert group_of() == "region.northeast"  # the plan's grouping
    assert group_of("--grouping-as-of", "2024-12-31") == "subregion.new"
