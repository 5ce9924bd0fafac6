"""Positions and suppression comments kept per blob (load/places_cache.py) in settling.

A file whose bytes are unchanged is placed from the cache without its text
being read; any change of its bytes (a line added above a problem, a new
suppression comment) makes it a new blob, judged from its text again.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from jgsw_std.app.check import check_warehouse
from jgsw_std.load import cache
from jgsw_std.load.warehouse import Warehouse
from tests.conftest import MiniFactory

ON = dt.date(2025, 12, 31)
PATH = "data/standards/vehicles/db50-t-7-2020.yaml"
# In force since 2020 with no review and no evaluation: L601 at `effective`,
# L603 at `effective` (a key path of one step), both warnings.
GOOD = """\
code: DB50/T 7-2020
title: 公务用车编制管理规范
level: local
category: general
area: vehicles
items: [vehicles.quota]
owner: chongqing
status: published
published: 2020-03-01
effective: 2020-06-01
"""


@pytest.fixture
def texts_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every file whose text settling decodes from now on."""
    seen: list[str] = []
    real = Warehouse.text_of

    def spy(self: Warehouse, rel: str) -> str | None:
        seen.append(rel)
        return real(self, rel)

    monkeypatch.setattr(Warehouse, "text_of", spy)
    return seen


def _placed(wh: Warehouse) -> list[tuple[str, str, int, int]]:
    return [(p.path, p.code, p.line, p.col) for p in check_warehouse(wh, ON).problems]


def _next_run() -> None:
    cache.flush()  # the end of a run: what it learnt is written
    cache.reset("zh")  # a new run: this process's memory is gone, the file is not


def test_an_unchanged_file_is_placed_without_reading_its_text(
    fresh: Path, mini: MiniFactory, texts_read: list[str]
) -> None:
    wh = mini({PATH: GOOD})
    first = _placed(wh.load())
    assert PATH in texts_read and any(path == PATH for path, *_ in first)
    _next_run()
    texts_read.clear()
    second = _placed(wh.load())
    assert second == first
    assert PATH not in texts_read


def test_without_the_cache_every_file_is_read(
    fresh: Path, mini: MiniFactory, texts_read: list[str]
) -> None:
    wh = mini({PATH: GOOD})
    first = _placed(wh.load())
    _next_run()
    cache.disable()
    texts_read.clear()
    assert _placed(wh.load()) == first
    assert PATH in texts_read


def test_a_line_added_above_a_problem_moves_it(fresh: Path, mini: MiniFactory) -> None:
    wh = mini({PATH: GOOD})
    first = [p for p in _placed(wh.load()) if p[0] == PATH]
    _next_run()
    wh.write({PATH: "# 新增的一行注释\n" + GOOD})
    second = [p for p in _placed(wh.load()) if p[0] == PATH]
    assert second and [line for _, _, line, _ in second] == [line + 1 for _, _, line, _ in first]
    _next_run()
    cache.disable()
    assert [p for p in _placed(wh.load()) if p[0] == PATH] == second  # as without the cache


def test_a_suppression_comment_added_to_a_known_file_is_honoured(
    fresh: Path, mini: MiniFactory
) -> None:
    wh = mini({PATH: GOOD})
    assert any(code == "L603" and path == PATH for path, code, *_ in _placed(wh.load()))
    _next_run()
    wh.write({PATH: GOOD + "# jgsw: disable-file=L603\n"})
    result = check_warehouse(wh.load(), ON)
    assert not any(p.code == "L603" and p.path == PATH for p in result.problems)
    assert result.suppressed >= 1


def test_a_new_key_path_in_a_known_file_is_placed_from_its_text(
    fresh: Path, mini: MiniFactory, texts_read: list[str]
) -> None:
    wh = mini({PATH: GOOD})
    _placed(wh.load())
    _next_run()
    texts_read.clear()
    loaded = wh.load()
    # the same bytes, asked about a key path no run asked before (`title`, line 2)
    from jgsw_std.problems import Problem, Severity
    from jgsw_std.rules.runner import CheckOptions, settle

    found = settle(
        loaded, [Problem(PATH, "L603", Severity.WARNING, loc=("title",))], CheckOptions()
    )
    assert [(p.line, p.col) for p in found.problems] == [(2, 8)]
    assert texts_read == [PATH]


def test_another_jgsw_never_reads_these_places(
    fresh: Path, mini: MiniFactory, texts_read: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    wh = mini({PATH: GOOD})
    _placed(wh.load())
    _next_run()
    monkeypatch.setattr(cache, "_STAMP", ["another-jgsw"])  # an edited checkout, say
    texts_read.clear()
    _placed(wh.load())
    assert PATH in texts_read


def test_places_fetched_a_slice_at_a_time_give_the_same_answers(
    fresh: Path, mini: MiniFactory, texts_read: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from jgsw_std.rules import runner

    other = "data/standards/vehicles/db50-t-8-2020.yaml"
    wh = mini({PATH: GOOD, other: GOOD.replace("7-2020", "8-2020").replace("编制", "处置")})
    whole = _placed(wh.load())
    _next_run()
    monkeypatch.setattr(runner, "PLACES_SLICE", 1)
    texts_read.clear()
    assert _placed(wh.load()) == whole
    assert texts_read == []  # every file's places came back, slice by slice


def test_a_key_path_that_cannot_be_kept_is_placed_all_the_same(
    fresh: Path, mini: MiniFactory
) -> None:
    from jgsw_std.problems import Problem, Severity
    from jgsw_std.rules.runner import CheckOptions, settle

    loaded = mini({PATH: GOOD}).load()
    odd = Problem(PATH, "L603", Severity.WARNING, loc=("title", ["not", "hashable"]))  # type: ignore[arg-type]
    found = settle(loaded, [odd], CheckOptions())
    assert [(p.line, p.col) for p in found.problems] == [(2, 8)]
