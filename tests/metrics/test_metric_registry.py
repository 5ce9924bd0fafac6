"""The registry, scopes and status rules, and every indicator on real and demo data."""

from __future__ import annotations

import datetime as dt
import typing
from pathlib import Path

import pytest

from jgsw_std.errors import UsageError
from jgsw_std.lifecycle.asof import AsOf
from jgsw_std.load.warehouse import Warehouse, load_worktree
from jgsw_std.metrics import REGISTRY, compute_all, compute_one
from jgsw_std.metrics.base import MetricResult
from jgsw_std.metrics.judge import judge, meets, plan_fraction
from jgsw_std.metrics.scope import REGIONS, SUBREGIONS, Scope, parse_scope
from jgsw_std.model.indicators import MetricName
from tests.conftest import REPO
from tests.metrics.build import END, plan

MID_TERM = dt.date(2023, 12, 31)


def all_scopes(wh: Warehouse) -> list[str]:
    """Every scope a breakdown reports: the city, regions, subregions, each unit."""
    out = ["city"]
    out += [f"region:{r}" for r in REGIONS]
    out += [f"subregion:{s}" for s in SUBREGIONS]
    out += [f"district:{rec.slug}" for rec in wh.districts]
    return out


def test_every_metric_name_of_the_contract_has_a_function() -> None:
    assert set(REGISTRY) == set(typing.get_args(MetricName))


def test_scopes_parse_and_reject() -> None:
    assert parse_scope("city") == Scope("city")
    assert parse_scope("region:northeast").key == "region:northeast"
    # the 主城都市区 subregions are accepted under either name
    assert parse_scope("region:central") == Scope("subregion", "central")
    assert parse_scope("subregion:new").key == "subregion:new"
    for bad in ("region:west", "district:", "county:x", "subregion:northeast"):
        with pytest.raises(UsageError):
            parse_scope(bad)


def test_district_scope_must_exist() -> None:
    wh = load_worktree(REPO)
    assert parse_scope("district:shapingba", wh).key == "district:shapingba"
    with pytest.raises(UsageError):
        parse_scope("district:atlantis", wh)
    scopes = all_scopes(wh)
    assert scopes[:6] == [
        "city",
        "region:main-urban",
        "region:northeast",
        "region:southeast",
        "subregion:central",
        "subregion:new",
    ]
    assert len(scopes) == 6 + 42  # 41 districts and the city itself


def _result(value: float | None, as_of: dt.date, target: float = 1.0) -> MetricResult:
    return MetricResult(1, "x", as_of, "city", "no-data", value=value, target=target)


def test_status_rules() -> None:
    iset = plan("coverage", 0.9)
    ind = iset.indicators[0]
    mid = dt.date(2023, 7, 2)  # 912 of 1825 days: about half way
    assert plan_fraction(iset, END, mid) == pytest.approx(912 / 1825)
    cases = [
        # value, date, pace, baseline -> status
        (None, END, "cumulative", None, "no-data"),
        (0.95, mid, "standing", None, "met"),  # the final target reached early
        (0.5, mid, "standing", None, "behind"),
        (0.5, END, "standing", None, "not-met"),
        (0.0, mid, "milestone", None, "on-track"),
        # line from 0.3 at the start to 0.9 at the end: 0.3 + 0.6 * 0.4997 = 0.5998 expected
        (0.6, mid, "cumulative", 0.3, "on-track"),
        (0.59, mid, "cumulative", 0.3, "behind"),
    ]
    for value, day, pace, base, expected in cases:
        result = _result(value, day, 0.9)
        baseline = _result(base, iset.plan.start, 0.9) if base is not None else None
        judge(result, iset, ind, pace, baseline)  # type: ignore[arg-type]
        assert result.status == expected, (value, day, pace)


def test_range_targets() -> None:
    result = MetricResult(
        13, "national_pilots", END, "city", "no-data", value=2, target_min=1, target_max=2
    )
    assert meets(result)
    result.value = 3  # more applications than the plan's 1-2
    assert not meets(result)


def test_shipped_data_shows_a_value_or_a_range_wherever_records_bound_it() -> None:
    wh = load_worktree(REPO)
    results = compute_all(AsOf(wh, END), None)
    assert [r.indicator_id for r in results] == list(range(1, 21))
    for result in results:
        ident = result.indicator_id
        # a value or a range, or "no data" exactly when nothing stands behind it
        assert (result.low is None) == (result.status == "no-data"), ident
        if result.value is not None:
            assert result.low == result.value == result.high and not result.is_range, ident
        if result.low is not None:  # any number has records behind it
            assert result.counted_for or result.counted_against or result.unknown, ident
        if result.status == "unsettled":
            assert result.settle, ident  # it says what would settle it
    by_id = {r.indicator_id: r for r in results}
    # the joint DB50/T 10004-2023 has no dates, but its code says 2023: inside the plan
    joint = wh.standard("DB50/T 10004-2023")
    if joint is not None and joint.model.published is None:
        assert by_id[7].figures["joint"].low == 1
        assert by_id[7].figures["joint"].status == "met"
    # the city's 2021 training has no head count: indicator 20 has no upper bound
    city = wh.district_by_slug["chongqing"]
    if any(a.kind == "training" and a.attendees is None for a in city.model.activities):
        assert by_id[20].high is None and by_id[20].status in ("unsettled", "met")


@pytest.fixture(scope="module")
def demo_wh(demo_root: Path) -> Warehouse:
    return load_worktree(demo_root)


def test_demo_status_changes_between_mid_term_and_final(demo_wh: Warehouse) -> None:
    mid = {r.indicator_id: r for r in compute_all(AsOf(demo_wh, MID_TERM), None)}
    end = {r.indicator_id: r for r in compute_all(AsOf(demo_wh, END), None)}
    changed = {i for i in mid if mid[i].status != end[i].status}
    assert changed, "the two evaluations must differ somewhere"
    # Why: a milestone whose evidence is dated after the mid-term date and by the end
    # of the plan was not yet done on 2023-12-31 (on track: still time) and is done
    # on 2025-12-31 (met). The demo's indicators.yaml records such evidence.
    iset = demo_wh.indicators
    assert iset is not None
    later = [
        i.id
        for i in iset.indicators
        if i.evidence and MID_TERM < min(e.date for e in i.evidence) <= END
    ]
    assert later
    for ident in later:
        assert (mid[ident].status, end[ident].status) == ("on-track", "met")
        assert ident in changed


def test_demo_duties_agree_with_the_lifecycle_helpers(demo_wh: Warehouse) -> None:
    wh = demo_wh
    for day in (MID_TERM, END):
        review = compute_one(AsOf(wh, day), None, 17)
        evaluation = compute_one(AsOf(wh, day), None, 16)
        at = AsOf(wh, day)
        overdue = sorted(r.code for r in wh.standards if at.review_overdue(r))
        missing = sorted(r.code for r in wh.standards if at.evaluation_missing(r))
        assert sorted(r.key for r in review.counted_against) == overdue
        assert sorted(r.key for r in evaluation.counted_against) == missing
        assert review.low_parts is not None
        assert len(overdue) + len(review.unknown) == review.low_parts[1] - review.low_parts[0]


def test_demo_scopes_partition_the_units(demo_wh: Warehouse) -> None:
    # The three regions hold every district; the city file belongs to none of them.
    city = compute_one(AsOf(demo_wh, END), None, 15)
    parts = [
        compute_one(AsOf(demo_wh, END), None, 15, f"region:{r}")
        for r in ("main-urban", "northeast", "southeast")
    ]
    city_unit = compute_one(AsOf(demo_wh, END), None, 15, "district:chongqing")
    total = sum(p.denominator or 0 for p in parts) + (city_unit.denominator or 0)
    assert total == city.denominator
    # standards scope by owner: the regions' own standards are a subset of the city's
    main = compute_one(AsOf(demo_wh, END), None, 17, "region:main-urban")
    assert {r.key for r in main.counted_against} <= {
        r.key for r in compute_one(AsOf(demo_wh, END), None, 17).counted_against
    }
    assert all(
        r.status in ("met", "on-track", "behind", "not-met", "unsettled", "no-data")
        for r in compute_all(AsOf(demo_wh, END), None, "subregion:central")
    )


def test_next_plan_period(demo_wh: Warehouse) -> None:
    # The 15th plan (2026-2030) judged on 2025-12-31, before it starts: nothing of its
    # period is recorded yet, and the same metrics serve it.
    iset = plan("articles", 5, start="2026-01-01", end="2030-12-31")
    assert compute_one(AsOf(demo_wh, END), iset, 99).status == "no-data"
    with pytest.raises(UsageError):
        compute_one(AsOf(demo_wh, END), iset, 17)  # not an indicator of that plan
