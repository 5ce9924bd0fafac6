"""The canonical form: byte-stable on canonical files, idempotent, comments kept."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from jgsw_std.edit.canonical import canonical_text, fix_modeline, schema_ref
from jgsw_std.edit.fmt import format_bytes
from jgsw_std.edit.quoting import needs_quotes, normalize_date
from jgsw_std.errors import DataError

STD = "data/standards/logistics/db50-t-1056-2020.yaml"

CANONICAL = """\
# yaml-language-server: $schema=../../../schemas/standard.schema.json
# 物业管理服务规范：头部注释
code: DB50/T 1056-2020
title: 党政机关物业管理服务规范  # 名称以发布公告为准
level: local
category: operation
area: logistics
items: [logistics.property]

# 发布、实施日期见公告
status: published
plan: {year: 2020, kind: new}
published: 2020-11-01
effective: 2021-02-01
references: [GB/T 41568-2022]
# 复审记录：上方注释
reviews:  # 旁注
  - {date: 2025-10-20, conclusion: continue}  # 第一次复审
  - {date: 2026-01-10, conclusion: revise, note: "yes"}
# 下方注释

usage:
  - {year: 2024, applying: 38, applicable: 42}
source: 渝市监公告〔2020〕25号, 第 3 条
"""


def test_canonical_file_with_comments_changes_no_byte() -> None:
    assert canonical_text(CANONICAL, STD) == CANONICAL


def test_shuffled_file_becomes_canonical_and_stays_so() -> None:
    messy = """\
# 物业管理服务规范：头部注释
title: '党政机关物业管理服务规范'  # 名称以发布公告为准
code: "DB50/T 1056-2020"
category: operation
level: local
area: logistics
items: [logistics.property]

# 发布、实施日期见公告
status: published
published: 2020/11/1
plan: {kind: new, year: 2020}
effective: '2021-02-01'
# yaml-language-server: $schema=../wrong.json
"""
    expected = """\
# yaml-language-server: $schema=../../../schemas/standard.schema.json
# 物业管理服务规范：头部注释
code: DB50/T 1056-2020
title: 党政机关物业管理服务规范    # 名称以发布公告为准
level: local
category: operation
area: logistics
items: [logistics.property]

# 发布、实施日期见公告
status: published
plan: {year: 2020, kind: new}
published: 2020-11-01
effective: 2021-02-01
"""
    # A comment beside a value keeps its column (people align them), so dropping
    # the quotes leaves it two columns further from the value.
    once = canonical_text(messy, STD)
    assert once == expected
    assert canonical_text(once, STD) == once


def test_a_key_moves_with_the_comment_directly_above_it() -> None:
    text = """\
code: DB50/T 1056-2020
title: 标题
source: 公告
# 这条注释属于 status
status: published
"""
    assert canonical_text(text, STD) == (
        "# yaml-language-server: $schema=../../../schemas/standard.schema.json\n"
        "code: DB50/T 1056-2020\n"
        "title: 标题\n"
        "# 这条注释属于 status\n"
        "status: published\n"
        "source: 公告\n"
    )


def test_block_list_item_keeps_its_dash_when_keys_move() -> None:
    text = """\
plan: {name: 规划, start: 2021-01-01, end: 2025-12-31}
indicators:
  - group: mechanism
    id: 2
    # 文字取自规划原文
    text: 成立技术委员会。
    metric: milestone
"""
    assert canonical_text(text, "data/indicators.yaml") == (
        "# yaml-language-server: $schema=../schemas/indicators.schema.json\n"
        "plan: {name: 规划, start: 2021-01-01, end: 2025-12-31}\n"
        "indicators:\n"
        "  - id: 2\n"
        "    group: mechanism\n"
        "    # 文字取自规划原文\n"
        "    text: 成立技术委员会。\n"
        "    metric: milestone\n"
    )


def test_unknown_keys_stay_after_the_key_they_followed_and_dates_that_do_not_exist_stay() -> None:
    text = """\
title: 标题
colour: red
code: DB50/T 1056-2020
published: 2021-02-30
"""
    out = canonical_text(text, STD)
    assert out.splitlines()[1:] == [
        "code: DB50/T 1056-2020",
        "title: 标题",
        "colour: red",
        "published: 2021-02-30",
    ]


def test_indentation_and_null_are_normalized() -> None:
    text = "slug: wanzhou\nname: 万州区\nsummaries:\n- year: 2022\n  sent: 2023-01-10\nsource:\n"
    out = canonical_text(text, "data/districts/wanzhou.yaml")
    assert out == (
        "# yaml-language-server: $schema=../../schemas/district.schema.json\n"
        "slug: wanzhou\nname: 万州区\nsummaries:\n  - year: 2022\n    sent: 2023-01-10\n"
        "source: null\n"
    )


def test_text_that_reads_as_something_else_is_quoted() -> None:
    text = 'code: DB50/T 1056-2020\ntitle: "2022"\ntitle_en: on\nsource: "a: b"\n'
    out = canonical_text(text, STD)
    assert 'title: "2022"' in out
    assert 'title_en: "on"' in out
    assert 'source: "a: b"' in out


@pytest.mark.parametrize(
    ("text", "flow", "quoted"),
    [
        ("党政机关物业管理服务规范", False, False),
        ("DB50/T 1056-2020", False, False),
        ("a, b", False, False),
        ("a, b", True, True),
        ("", False, True),
        ("yes", False, True),
        ("null", False, True),
        ("12", False, True),
        ("1:20", False, True),
        ("2021-02-01", False, True),
        ("- item", False, True),
        ("text # not a comment", False, True),
        ("key: value", False, True),
        (" padded", False, True),
        ("two\nlines", False, True),
    ],
)
def test_needs_quotes(text: str, flow: bool, quoted: bool) -> None:
    assert needs_quotes(text, flow) is quoted


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2021-2-1", "2021-02-01"),
        ("2021/02/01", "2021-02-01"),
        ("2021.2.1", "2021-02-01"),
        ("2021年2月1日", "2021-02-01"),
        ("2021-02-30", None),
        ("二〇二一年", None),
    ],
)
def test_normalize_date(text: str, iso: str | None) -> None:
    assert normalize_date(text) == iso


def test_modeline_path_depends_on_the_folder() -> None:
    assert schema_ref("data/framework.yaml", "framework") == "../schemas/framework.schema.json"
    assert schema_ref(STD, "standard") == "../../../schemas/standard.schema.json"
    assert fix_modeline("", "data/districts/x.yaml", "district") == (
        "# yaml-language-server: $schema=../../schemas/district.schema.json\n"
    )


@pytest.mark.parametrize("bom", [False, True])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_bom_and_line_endings_are_kept(bom: bool, newline: str) -> None:
    raw = CANONICAL.replace("level: local", "level: 'local'").replace("\n", newline).encode("utf-8")
    raw = codecs.BOM_UTF8 + raw if bom else raw
    out = format_bytes(STD, raw)
    expected = CANONICAL.replace("\n", newline).encode("utf-8")
    assert out == (codecs.BOM_UTF8 + expected if bom else expected)
    assert format_bytes(STD, out) == out


def test_syntax_error_stops_with_a_position() -> None:
    with pytest.raises(DataError) as caught:
        canonical_text("code: [unclosed\n", STD)
    assert STD in caught.value.text("en")


def test_every_shipped_data_file_is_canonical(repo_root: Path) -> None:
    data = repo_root / "data"
    files = sorted(data.rglob("*.yaml"))
    assert files
    for path in files:
        rel = path.relative_to(repo_root).as_posix()
        raw = path.read_bytes()
        assert format_bytes(rel, raw) == raw, rel


def test_a_fresh_demo_warehouse_is_canonical(demo_root: Path) -> None:
    files = sorted((demo_root / "data").rglob("*.yaml"))
    assert len(files) > 300
    for path in files:
        rel = path.relative_to(demo_root).as_posix()
        raw = path.read_bytes()
        assert format_bytes(rel, raw) == raw, rel


def test_a_modeline_in_the_header_keeps_its_place_and_a_stale_one_is_replaced() -> None:
    right = "# yaml-language-server: $schema=../../schemas/district.schema.json"
    kept = f"# 合成示例数据\n{right}\nslug: wanzhou\nname: 万州区\n"
    assert fix_modeline(kept, "data/districts/wanzhou.yaml", "district") == kept
    stale = "# 说明\n# yaml-language-server: $schema=old.json\nslug: wanzhou\n"
    assert fix_modeline(stale, "data/districts/wanzhou.yaml", "district") == (
        f"# 说明\n{right}\nslug: wanzhou\n"
    )


@pytest.mark.parametrize("text", ["[1, 2]\n", "- a\n- b\n", "hello\n", "42\n"])
def test_a_top_level_that_is_not_a_mapping_is_refused(text: str) -> None:
    with pytest.raises(DataError) as caught:
        canonical_text(text, STD)
    assert caught.value.key == "not_a_mapping"
    assert "not a mapping" in caught.value.text("en")
    caught.value.text("zh").encode("gbk")


def test_round_trip_load_of_a_deeply_nested_file_is_a_message() -> None:
    """ruamel composes in Python, one frame per level: the edit stops with a message."""
    from jgsw_std.edit import rt

    text = "deep:\n" + "- " * 3000 + "x\n"
    with pytest.raises(DataError) as caught:
        rt.load(text, "data/standards/deep.yaml")
    assert caught.value.key == "yaml_syntax"
    assert "data/standards/deep.yaml" in str(caught.value.zh)
