"""The fast reader: YAML 1.2 scalars, duplicate keys, aliases, positions."""

from __future__ import annotations

import pytest

from jgsw_std.load.positions import locate
from jgsw_std.load.yamlread import YamlSyntaxError, load


def test_yaml_1_2_scalars_stay_text_where_1_1_would_convert() -> None:
    data, _ = load("a: NO\nb: yes\nc: on\nd: off\ne: 1:20\nf: 0o17\ng: 0x1F\nh: 012\n")
    assert data == {
        "a": "NO",
        "b": "yes",
        "c": "on",
        "d": "off",
        "e": "1:20",
        "f": 15,
        "g": 31,
        "h": 12,
    }


def test_core_schema_values() -> None:
    data, _ = load("t: true\nf: False\nn: ~\ne:\ni: -3\nx: 2.5\ninf: .inf\ns: '12'\n")
    assert data == {
        "t": True,
        "f": False,
        "n": None,
        "e": None,
        "i": -3,
        "x": 2.5,
        "inf": float("inf"),
        "s": "12",
    }


def test_dates_stay_text_for_the_schema_to_judge() -> None:
    data, _ = load("published: 2021-02-30\n")
    assert data == {"published": "2021-02-30"}


def test_duplicate_keys_are_reported_and_the_first_value_wins() -> None:
    data, dups = load("title: a\nlevel: local\ntitle: b\n")
    assert data["title"] == "a"
    assert [(d.key, d.line, d.col, d.first_line) for d in dups] == [("title", 3, 1, 1)]


def test_aliases_are_not_expanded_twice() -> None:
    data, _ = load("a: &x [1, 2]\nb: *x\n")
    assert data == {"a": [1, 2], "b": [1, 2]}


def test_syntax_error_position() -> None:
    with pytest.raises(YamlSyntaxError) as info:
        load("code: x\ntitle: a: b\n")
    assert (info.value.line, info.value.col) == (2, 9)


def test_locate_values_keys_and_missing_paths() -> None:
    text = "code: X\nreviews:\n  - {date: 2025-10-20, conclusion: continue}\n"
    assert locate(text, ("reviews", 0, "conclusion")) == (3, 36)
    assert locate(text, ("reviews", 0, "conclusion"), key=True) == (3, 24)
    assert locate(text, ("reviews", 0, "score")) == (3, 5)  # the entry lacking it
    assert locate(text, ()) == (1, 1)
