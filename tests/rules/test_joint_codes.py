"""DOMAIN.md, "Standard codes": the Sichuan-Chongqing joint `DB50/T 10004-2023`
(= `DB51/T 10004-2023`). Either spelling names the same standard: feedback,
references and supersession written with Sichuan's code find Chongqing's file.
"""

from __future__ import annotations

import datetime as dt

from jgsw_std.lifecycle.asof import AsOf
from tests.conftest import MiniFactory
from tests.metrics.build import std, warehouse
from tests.rules.helpers import findings

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
