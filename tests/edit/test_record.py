"""`record` end to end: lookup, validation first, encoding and line endings kept, safety."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from jgsw_std.edit.record import plan_record
from jgsw_std.edit.safe import FileChange, ValidationFailed, apply_changes
from jgsw_std.errors import DataError, UsageError
from jgsw_std.load.warehouse import load_worktree
from tests.conftest import MiniFactory

REL = "data/standards/vehicles/db50-t-7-2020.yaml"
TEXT = (
    "# yaml-language-server: $schema=../../../schemas/standard.schema.json\n"
    "code: DB50/T 7-2020\ntitle: 公务用车管理规范\nstatus: published\n"
    "published: 2020-01-01\neffective: 2020-03-01\n"
    "reviews:  # 复审\n  - {date: 2024-01-01, conclusion: continue}\n"
    "# 以下为来源\nsource: 公告\n"
)


@pytest.mark.parametrize("bom", [False, True])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_encoding_and_line_endings_are_kept(mini: MiniFactory, bom: bool, newline: str) -> None:
    raw = TEXT.replace("\n", newline).encode("utf-8")
    wh = mini({REL: (codecs.BOM_UTF8 + raw) if bom else raw})
    change = plan_record(
        wh.load(), "review", "DB50/T 7-2020", {"date": "2025-10-20", "conclusion": "continue"}
    )
    expected_text = TEXT.replace(
        "  - {date: 2024-01-01, conclusion: continue}\n",
        "  - {date: 2024-01-01, conclusion: continue}\n  - {date: 2025-10-20, conclusion: continue}\n",
    ).replace("\n", newline)
    expected = expected_text.encode("utf-8")
    assert change.after == ((codecs.BOM_UTF8 + expected) if bom else expected)
    apply_changes(wh.root, [change])
    assert (wh.root / REL).read_bytes() == change.after


def test_codes_are_matched_after_normalizing(mini: MiniFactory) -> None:
    wh = mini({REL: TEXT})
    change = plan_record(
        wh.load(), "usage", "DB50／T 7—2020", {"year": 2024, "applying": 3, "applicable": 4}
    )
    assert "+usage:\n+  - {year: 2024, applying: 3, applicable: 4}\n" in change.diff()


def test_a_bad_entry_is_refused_before_any_file_is_read(mini: MiniFactory) -> None:
    wh = mini({REL: TEXT})
    with pytest.raises(UsageError) as caught:
        plan_record(
            wh.load(), "review", "DB50/T 7-2020", {"date": "2025-02-30", "conclusion": "ok"}
        )
    message = caught.value.text("zh")
    assert "--date 的值 '2025-02-30' 不是有效日期" in message
    assert "--conclusion" in message


def test_a_second_identical_entry_is_refused(mini: MiniFactory) -> None:
    wh = mini({REL: TEXT})
    with pytest.raises(UsageError, match="already has this entry"):
        plan_record(
            wh.load(), "review", "DB50/T 7-2020", {"date": "2024-01-01", "conclusion": "revise"}
        )


def test_unknown_code_suggests_a_close_one(mini: MiniFactory) -> None:
    wh = mini({REL: TEXT})
    with pytest.raises(UsageError) as caught:
        plan_record(
            wh.load(), "review", "DB50/T 8-2020", {"date": "2025-01-01", "conclusion": "continue"}
        )
    assert "DB50/T 7-2020" in caught.value.text("en")


def test_a_file_with_errors_must_be_fixed_first(mini: MiniFactory) -> None:
    wh = mini({REL: TEXT.replace("status: published", "status: live")})
    with pytest.raises(DataError, match="fix them first"):
        plan_record(
            wh.load(), "review", "DB50/T 7-2020", {"date": "2025-01-01", "conclusion": "continue"}
        )


def test_activity_for_a_district(mini: MiniFactory) -> None:
    wh = mini()
    change = plan_record(
        wh.load(),
        "activity",
        "wanzhou",
        {"date": "2023-05-06", "kind": "培训", "title": "标准化培训", "attendees": 45},
    )
    assert change.rel == "data/districts/wanzhou.yaml"
    assert change.after is not None
    assert change.after.decode("utf-8").endswith(
        "activities:\n  - {date: 2023-05-06, kind: training, title: 标准化培训, attendees: 45}\n"
    )


def test_aliases_apply_to_enum_fields_only(mini: MiniFactory) -> None:
    wh = mini({REL: TEXT})
    activity = plan_record(
        wh.load(),
        "activity",
        "wanzhou",
        {"date": "2023-05-06", "kind": "training", "title": "培训"},
    )
    assert activity.after is not None
    assert activity.after.decode("utf-8").endswith(
        "activities:\n  - {date: 2023-05-06, kind: training, title: 培训}\n"
    )
    review = plan_record(
        wh.load(),
        "review",
        "DB50/T 7-2020",
        {"date": "2025-10-20", "conclusion": "修订", "note": "修订"},
    )
    assert "+  - {date: 2025-10-20, conclusion: revise, note: 修订}\n" in review.diff()
    evaluation = plan_record(
        wh.load(),
        "evaluation",
        "DB50/T 7-2020",
        {"date": "2025-10-20", "score": 90, "method": "交流"},
    )
    assert "method: 交流" in evaluation.diff()


def test_an_invalid_result_writes_nothing_at_all(mini: MiniFactory) -> None:
    wh = mini({REL: TEXT})
    good = FileChange(
        "data/districts/wanzhou.yaml",
        (wh.root / "data/districts/wanzhou.yaml").read_bytes(),
        "slug: wanzhou\nname: 万州\n".encode(),
    )
    bad = FileChange(REL, TEXT.encode(), TEXT.replace("2024-01-01", "2024-02-30").encode())
    with pytest.raises(ValidationFailed) as caught:
        apply_changes(wh.root, [good, bad])
    assert "reviews[0].date" in caught.value.text("en")
    assert (wh.root / REL).read_text("utf-8") == TEXT
    assert (wh.root / "data/districts/wanzhou.yaml").read_bytes() == good.before


def test_a_file_changed_since_it_was_read_is_not_overwritten(mini: MiniFactory) -> None:
    wh = mini({REL: TEXT})
    change = plan_record(
        wh.load(), "review", "DB50/T 7-2020", {"date": "2025-10-20", "conclusion": "continue"}
    )
    (wh.root / REL).write_text(TEXT + "# 编辑器中新加的一行\n", encoding="utf-8")
    with pytest.raises(DataError, match="changed on disk"):
        apply_changes(wh.root, [change])
    assert (wh.root / REL).read_text("utf-8").endswith("# 编辑器中新加的一行\n")


def test_writes_outside_data_are_refused(mini: MiniFactory, tmp_path: Path) -> None:
    wh = mini()
    with pytest.raises(UsageError, match="outside the warehouse"):
        apply_changes(wh.root, [FileChange("data/../evil.yaml", None, b"x: 1\n")])
    assert not (wh.root / "evil.yaml").exists()
    assert load_worktree(wh.root).problems is not None
