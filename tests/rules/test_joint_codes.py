"""DOMAIN.md, "Standard codes": the Sichuan-Chongqing joint `DB50/T 10004-2023`
(= `DB51/T 10004-2023`). Either spelling names the same standard: feedback,
references and supersession written with Sichuan's code find Chongqing's file.
"""

from __future__ import annotations

import datetime as dt

from jgsw_std.lifecycle.asof import AsOf
from tests.conftest import MiniFactory
from tests.metrics.build import std, warehouse
from tests.rules.helpers import findings, messages

JOINT = std(
    "DB50/T 10004-2023",
    level="local",
    area="vehicles",
    items=["vehicles.quota"],
    joint=["sichuan"],
    status="published",
    published="2023-06-01",
    effective="2023-07-01",
)


def feedback_on(code: str) -> dict[str, str]:
    return {
        "data/feedback/2024/2024-0001.yaml": (
            f"id: 2024-0001\nstandard: {code}\nfrom: shapingba\nreceived: 2024-03-02\n"
            "text: 条款难以执行。\n"
            "response: {date: 2024-03-05, by: chongqing, action: interpretation}\n"
        )
    }


def test_feedback_written_with_the_sichuan_code_is_about_the_joint_standard(
    mini: MiniFactory,
) -> None:
    wh = warehouse(mini, JOINT, feedback_on("DB51/T 10004-2023"))
    assert findings(wh, "F901") == []
    assert [f.id for f in wh.feedback_by_code["DB50/T 10004-2023"]] == ["2024-0001"]
    assert wh.standard("DB51／T 10004—2023") is wh.standard("DB50/T 10004-2023")


def test_an_ordinary_local_code_has_no_sichuan_twin(mini: MiniFactory) -> None:
    plain = std("DB50/T 1004-2023", level="local", area="vehicles", items=["vehicles.quota"])
    wh = warehouse(mini, plain, feedback_on("DB51/T 1004-2023"))
    assert [code for *_, code in findings(wh, "F901")] == ["F901"]
    assert wh.standard("DB51/T 1004-2023") is None


def test_a_successor_naming_the_sichuan_code_replaces_the_joint_standard(
    mini: MiniFactory,
) -> None:
    successor = std(
        "DB50/T 10099-2025",
        level="local",
        area="vehicles",
        items=["vehicles.quota"],
        joint=["sichuan"],
        status="published",
        published="2025-01-01",
        effective="2025-03-01",
        supersedes=["DB51/T 10004-2023"],
    )
    wh = warehouse(mini, JOINT, successor)
    assert findings(wh, "R305") == []
    old = wh.standard("DB50/T 10004-2023")
    assert old is not None
    assert AsOf(wh, dt.date(2025, 2, 28)).state(old) == "in-force"
    assert AsOf(wh, dt.date(2025, 3, 1)).state(old) == "superseded"


def test_a_second_file_under_the_sichuan_code_is_the_same_standard_twice(
    mini: MiniFactory,
) -> None:
    # DB51/T 10004-2023 is DB50/T 10004-2023: two files for it hold one standard twice,
    # as two files with the same code do (N203 on the second, pointing at the first)
    sichuan = std(
        "DB51/T 10004-2023",
        level="local",
        area="vehicles",
        items=["vehicles.quota"],
        joint=["chongqing"],
        status="published",
        published="2023-06-01",
        effective="2023-07-01",
    )
    wh = warehouse(mini, JOINT, sichuan)
    assert findings(wh, "N203") == [
        ("data/standards/vehicles/db51-t-10004-2023.yaml", 1, 10, "N203")
    ]
    (message,) = messages(wh, "N203")
    assert "DB51/T 10004-2023" in message and "DB50/T 10004-2023" in message, message
    assert "data/standards/vehicles/db50-t-10004-2023.yaml" in message, message


def test_an_ordinary_sichuan_code_beside_chongqings_same_number_is_no_duplicate(
    mini: MiniFactory,
) -> None:
    plain = std("DB50/T 1004-2023", level="local", area="vehicles", items=["vehicles.quota"])
    other = std("DB51/T 1004-2023", level="local", area="vehicles", items=["vehicles.quota"])
    assert findings(warehouse(mini, plain, other), "N203") == []
