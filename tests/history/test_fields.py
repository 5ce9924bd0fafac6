"""Field-level differences: what `history` and `diff` print for each kind of edit."""

from __future__ import annotations

import datetime as dt

from jgsw_std.history.fields import FieldChange, diff_values, flow


def texts(before: object, after: object, lang: str = "zh") -> list[str]:
    return [change.text(lang) for change in diff_values(before, after)]


def test_scalar_change_reads_old_arrow_new() -> None:
    assert texts({"status": "drafting"}, {"status": "published"}) == [
        "status: drafting → published"
    ]


def test_first_review_is_plus_one_entry_not_a_whole_list() -> None:
    before = {"code": "DB50/T 1056-2020"}
    after = {
        "code": "DB50/T 1056-2020",
        "reviews": [{"date": "2025-10-20", "conclusion": "continue"}],
    }
    assert texts(before, after) == ["reviews: +1 {date: 2025-10-20, conclusion: continue}"]


def test_another_review_appended() -> None:
    one = {"date": "2020-10-20", "conclusion": "continue"}
    two = {"date": "2025-10-20", "conclusion": "revise"}
    assert texts({"reviews": [one]}, {"reviews": [one, two]}) == [
        "reviews: +1 {date: 2025-10-20, conclusion: revise}"
    ]


def test_removed_entries_and_absent_fields_in_both_languages() -> None:
    before = {"published": "2025-03-01", "usage": [{"year": 2024, "applying": 3, "applicable": 9}]}
    after: dict[str, object] = {}
    assert texts(before, after) == [
        "published: 2025-03-01 → （无）",
        "usage: -1 {year: 2024, applying: 3, applicable: 9}",
    ]
    assert texts(after, {"published": "2025-03-01"}, "en") == ["published: (none) → 2025-03-01"]


def test_entry_edited_in_place_is_named_by_its_first_field() -> None:
    before = {"reviews": [{"date": "2021-04-01", "conclusion": "continue"}]}
    after = {"reviews": [{"date": "2021-04-01", "conclusion": "revise"}]}
    assert texts(before, after) == ["reviews[2021-04-01].conclusion: continue → revise"]


def test_nested_mapping_uses_dotted_names() -> None:
    before = {"plan": {"year": 2024, "kind": "new"}, "mechanism": {"staff": {"full_time": 1}}}
    after = {"plan": {"year": 2025, "kind": "new"}, "mechanism": {"staff": {"full_time": 2}}}
    assert texts(before, after) == ["plan.year: 2024 → 2025", "mechanism.staff.full_time: 1 → 2"]


def test_scalar_lists_and_reordering() -> None:
    assert texts({"items": ["a", "b"]}, {"items": ["b", "c"]}) == ["items: +1 c", "items: -1 a"]
    assert texts({"items": ["a", "b"]}, {"items": ["b", "a"]}) == ["items: 顺序调整"]


def test_layout_only_changes_nothing() -> None:
    same = {
        "code": "X 1-2020",
        "reviews": [{"date": dt.date(2020, 1, 1), "conclusion": "continue"}],
    }
    assert diff_values(same, dict(same)) == []
    # a value that is the same but typed differently (date object vs text) is a change
    assert diff_values({"d": "2020-01-01"}, {"d": dt.date(2020, 1, 1)}) != []


def test_json_form_keeps_values_and_text() -> None:
    change = FieldChange("reviews", "added", None, [{"date": dt.date(2025, 10, 20)}])
    assert change.as_dict() == {
        "field": "reviews",
        "op": "added",
        "before": None,
        "after": [{"date": "2025-10-20"}],
        "text": "reviews: +1 {date: 2025-10-20}",
    }
    assert flow([1, {"a": None, "b": True}]) == "[1, {a: null, b: true}]"
