"""Where a standard stands on a date, whichever side of a supersession is written."""

from __future__ import annotations

import datetime as dt

from tests.conftest import MiniFactory

from jgsw_std.lifecycle.asof import AsOf
from jgsw_std.lifecycle.state import add_years

OLD = (
    "code: DB50/T 1-2015\ntitle: 旧规范\nlevel: local\narea: vehicles\nitems: [vehicles.quota]\n"
    "status: published\npublished: 2015-01-01\neffective: 2015-03-01\n"
)
NEW = (
    "code: DB50/T 2-2022\ntitle: 新规范\nlevel: local\narea: vehicles\nitems: [vehicles.quota]\n"
    "status: published\npublished: 2022-01-01\neffective: 2022-04-01\n"
    "supersedes: [DB50/T 1-2015]\n"
)


def test_a_standard_named_only_in_supersedes_leaves_force(mini: MiniFactory) -> None:
    # The old file has no superseded_by; the new one's supersedes is enough.
    wh = mini(
        {
            "data/standards/vehicles/db50-t-1-2015.yaml": OLD,
            "data/standards/vehicles/db50-t-2-2022.yaml": NEW,
        }
    ).load()
    old = wh.standard("DB50/T 1-2015")
    assert old is not None
    assert AsOf(wh, dt.date(2022, 3, 31)).state(old) == "in-force"
    assert AsOf(wh, dt.date(2022, 4, 1)).state(old) == "superseded"
    assert AsOf(wh, dt.date(2025, 12, 31)).in_force(old) is False


def test_leap_day_minus_a_year() -> None:
    assert add_years(dt.date(2024, 2, 29), -1) == dt.date(2023, 2, 28)
    assert add_years(dt.date(2024, 2, 29), 4) == dt.date(2028, 2, 29)


def test_short_item_codes_are_read_in_the_standards_area(mini: MiniFactory) -> None:
    # `items: [quota]` in a vehicles standard is vehicles.quota everywhere:
    # no R303, no G505, and the item counts as covered (no G501, coverage 5).
    short = OLD.replace("items: [vehicles.quota]", "items: [quota]")
    wh = mini({"data/standards/vehicles/db50-t-1-2015.yaml": short}).load()
    rec = wh.standard("DB50/T 1-2015")
    assert rec is not None and rec.items == ("vehicles.quota",)
    from jgsw_std.app.check import check_warehouse

    codes = {
        (p.code, p.args.get("item") or p.args.get("code"))
        for p in check_warehouse(wh, dt.date(2025, 12, 31)).problems
    }
    assert not {c for c, _ in codes} & {"R303", "G505"}
    assert ("G501", "vehicles.quota") not in codes
