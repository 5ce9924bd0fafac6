"""Adding an entry to a list changes only the new lines: every comment stays (exact text)."""

from __future__ import annotations

import datetime as dt

from jgsw_std.edit.lists import add_entry
from jgsw_std.model.district import District
from jgsw_std.model.standard import Standard

REL = "data/standards/logistics/db50-t-1056-2020.yaml"
REVIEW = {"date": dt.date(2025, 10, 20), "conclusion": "continue"}

WITH_COMMENTS = """\
# yaml-language-server: $schema=../../../schemas/standard.schema.json
code: DB50/T 1056-2020
title: 党政机关物业管理服务规范
status: published
published: 2020-11-01
effective: 2021-02-01
# 复审记录（上方注释）
reviews:  # 旁注：按日期排列
  - {date: 2020-12-01, conclusion: continue}  # 第一次复审
  # 列表内的注释
  - {date: 2024-03-01, conclusion: revise}  # 第二次复审，旁注
# 复审记录（下方注释）

usage:
  - {year: 2024, applying: 38, applicable: 42}
source: 渝市监公告〔2020〕25号
"""


def test_comments_above_beside_and_below_the_list_are_kept() -> None:
    out = add_entry(WITH_COMMENTS, REL, "reviews", REVIEW, Standard, "date")
    assert out == WITH_COMMENTS.replace(
        "  - {date: 2024-03-01, conclusion: revise}  # 第二次复审，旁注\n",
        "  - {date: 2024-03-01, conclusion: revise}  # 第二次复审，旁注\n"
        "  - {date: 2025-10-20, conclusion: continue}\n",
    )


def test_an_earlier_entry_goes_in_date_order_before_the_comment_that_heads_the_next() -> None:
    review = {"date": dt.date(2022, 5, 1), "conclusion": "continue"}
    out = add_entry(WITH_COMMENTS, REL, "reviews", review, Standard, "date")
    assert out == WITH_COMMENTS.replace(
        "  # 列表内的注释\n",
        "  - {date: 2022-05-01, conclusion: continue}\n  # 列表内的注释\n",
    )


def test_a_missing_list_is_created_at_its_place_in_the_contract() -> None:
    evaluation = {"date": dt.date(2022, 6, 30), "method": "DB50/T 1053-2020", "score": 91.5}
    out = add_entry(WITH_COMMENTS, REL, "evaluations", evaluation, Standard, "date")
    assert out == WITH_COMMENTS.replace(
        "\nusage:\n",
        "\nevaluations:\n  - {date: 2022-06-30, method: DB50/T 1053-2020, score: 91.5}\nusage:\n",
    )


def test_a_missing_list_goes_before_the_comments_above_the_next_key() -> None:
    text = "code: DB50/T 1056-2020\ntitle: 标题\n# 来源说明\nsource: 公告\n"
    out = add_entry(text, REL, "reviews", REVIEW, Standard, "date")
    assert out == (
        "code: DB50/T 1056-2020\ntitle: 标题\n"
        "reviews:\n  - {date: 2025-10-20, conclusion: continue}\n"
        "# 来源说明\nsource: 公告\n"
    )


def test_a_missing_list_at_the_end_of_the_file() -> None:
    text = "code: DB50/T 1056-2020\ntitle: 标题  # 末尾\n"
    out = add_entry(
        text, REL, "usage", {"year": 2024, "applying": 3, "applicable": 4}, Standard, "year"
    )
    assert out == text + "usage:\n  - {year: 2024, applying: 3, applicable: 4}\n"


def test_an_empty_list_keeps_the_comment_beside_it() -> None:
    text = "code: DB50/T 1056-2020\ntitle: 标题\nreviews: []  # 尚无\nsource: 公告\n"
    out = add_entry(text, REL, "reviews", REVIEW, Standard, "date")
    assert out == (
        "code: DB50/T 1056-2020\ntitle: 标题\nreviews:  # 尚无\n"
        "  - {date: 2025-10-20, conclusion: continue}\nsource: 公告\n"
    )


def test_block_style_items_get_a_block_style_item() -> None:
    text = (
        "slug: shapingba\nname: 沙坪坝区\nactivities:\n"
        "  - date: 2022-03-15\n    kind: meeting\n    title: 推进会\n    # 会议纪要另存\n"
        "source: 区县资料\n"
    )
    entry = {
        "date": dt.date(2022, 6, 10),
        "kind": "training",
        "title": "培训: 标准化",
        "attendees": 120,
    }
    out = add_entry(text, "data/districts/shapingba.yaml", "activities", entry, District, "date")
    assert out == text.replace(
        "    # 会议纪要另存\n",
        "    # 会议纪要另存\n  - date: 2022-06-10\n    kind: training\n"
        '    title: "培训: 标准化"\n    attendees: 120\n',
    )


def test_a_one_line_flow_list_gets_the_entry_inside_it() -> None:
    text = (
        "code: DB50/T 1056-2020\ntitle: 标题\nreviews: [{date: 2020-12-01, conclusion: continue}]\n"
    )
    out = add_entry(text, REL, "reviews", REVIEW, Standard, "date")
    assert out == (
        "code: DB50/T 1056-2020\ntitle: 标题\n"
        "reviews: [{date: 2020-12-01, conclusion: continue}, {date: 2025-10-20, conclusion: continue}]\n"
    )


# Every list style a person or a tool writes: the entry lands in the right list.
# PyYAML's default style puts the dashes at column 0 under the key; a list may be
# last in the file or followed by another list, or by a comment at the dash's column.
HEAD = (
    "code: DB50/T 1056-2020\ntitle: t\nstatus: published\n"
    "published: 2020-11-01\neffective: 2021-02-01\n"
)
NEW_BLOCK = "- date: 2025-10-20\n  conclusion: continue\n"
NEW_FLOW = "- {date: 2025-10-20, conclusion: continue}\n"


def test_column_zero_dashes_followed_by_another_list() -> None:
    text = (
        HEAD
        + "reviews:\n- date: 2021-01-01\n  conclusion: continue\n"
        + "usage:\n- year: 2024\n  applying: 1\n  applicable: 2\n"
    )
    out = add_entry(text, REL, "reviews", REVIEW, Standard, "date")
    assert out == text.replace("usage:\n", NEW_BLOCK + "usage:\n")


def test_column_zero_flow_items_followed_by_another_list() -> None:
    text = (
        HEAD
        + "reviews:\n- {date: 2021-01-01, conclusion: continue}\n"
        + "usage:\n- {year: 2024, applying: 1, applicable: 2}\n"
    )
    out = add_entry(text, REL, "reviews", REVIEW, Standard, "date")
    assert out == text.replace("usage:\n", NEW_FLOW + "usage:\n")


def test_column_zero_list_last_in_the_file() -> None:
    text = HEAD + "reviews:\n- date: 2021-01-01\n  conclusion: continue\n"
    out = add_entry(text, REL, "reviews", REVIEW, Standard, "date")
    assert out == text + NEW_BLOCK


def test_column_zero_list_with_a_comment_at_the_dash_column_after_it() -> None:
    text = (
        HEAD
        + "reviews:\n- {date: 2021-01-01, conclusion: continue}\n# the next list\n"
        + "usage:\n- {year: 2024, applying: 1, applicable: 2}\n"
    )
    out = add_entry(text, REL, "reviews", REVIEW, Standard, "date")
    assert out == text.replace("# the next list\n", NEW_FLOW + "# the next list\n")


def test_indented_dashes_followed_by_another_list() -> None:
    text = (
        HEAD
        + "reviews:\n  - date: 2021-01-01\n    conclusion: continue\n"
        + "usage:\n  - year: 2024\n    applying: 1\n    applicable: 2\n"
    )
    out = add_entry(text, REL, "reviews", REVIEW, Standard, "date")
    indented = "".join("  " + line + "\n" for line in NEW_BLOCK.splitlines())
    assert out == text.replace("usage:\n", indented + "usage:\n")


def test_indented_list_with_a_comment_at_the_dash_column_after_the_last_item() -> None:
    text = (
        HEAD
        + "reviews:\n  - {date: 2021-01-01, conclusion: continue}\n  # more to come\n"
        + "usage:\n  - {year: 2024, applying: 1, applicable: 2}\n"
    )
    out = add_entry(text, REL, "reviews", REVIEW, Standard, "date")
    assert out == text.replace("  # more to come\n", "  " + NEW_FLOW + "  # more to come\n")


def test_an_entry_earlier_than_all_goes_first_in_a_column_zero_list() -> None:
    review = {"date": dt.date(2020, 12, 1), "conclusion": "continue"}
    text = HEAD + "reviews:\n- {date: 2021-01-01, conclusion: continue}\nusage: []\n"
    out = add_entry(text, REL, "reviews", review, Standard, "date")
    assert out == text.replace(
        "reviews:\n", "reviews:\n- {date: 2020-12-01, conclusion: continue}\n"
    )


def test_a_flow_list_over_several_lines_followed_by_another_list() -> None:
    import yaml

    text = (
        HEAD
        + "reviews: [\n  {date: 2021-01-01, conclusion: continue}\n]\n"
        + "usage: [{year: 2024, applying: 1, applicable: 2}]\n"
    )
    out = yaml.safe_load(add_entry(text, REL, "reviews", REVIEW, Standard, "date"))
    assert [str(r["date"]) for r in out["reviews"]] == ["2021-01-01", "2025-10-20"]
    assert out["usage"] == [{"year": 2024, "applying": 1, "applicable": 2}]
