"""Likely duplicates kept per area by a digest of their inputs (load/memo_cache.py).

An area's pairs are computed again whenever anything the comparison reads of
that area changes (a title, a path, a supersession link, the threshold), and
only then; the answer is always the one computed without the cache.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from jgsw_std.load import cache
from jgsw_std.load.warehouse import Warehouse
from jgsw_std.rules import quality
from jgsw_std.rules.quality import find_duplicates
from tests.conftest import MiniFactory
from tests.rules.test_quality import p, std

Pairs = list[tuple[str, str, float, int]]


@pytest.fixture
def compared(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The areas whose standards are compared from now on (their first standard's path)."""
    seen: list[str] = []
    real = quality._area_duplicates

    def spy(recs: list, threshold: float, replacing: set[str]) -> Iterator:  # type: ignore[type-arg]
        seen.append(recs[0].path)
        return real(recs, threshold, replacing)

    monkeypatch.setattr(quality, "_area_duplicates", spy)
    return seen


def _pairs(wh: Warehouse, threshold: float = 0.8) -> Pairs:
    found = find_duplicates(wh.standards, threshold)
    return [(d.later.path, d.earlier.path, d.similarity, d.others) for d in found]


def _without_cache(wh: Warehouse, threshold: float = 0.8) -> Pairs:
    cache.disable()
    try:
        return _pairs(wh, threshold)
    finally:
        cache.reset("zh")


def _next_run() -> None:
    cache.flush()
    cache.reset("zh")


FILES = {
    **std("DB50/T 1-2020", "公务用车编制管理规范"),
    **std("DB50/T 2-2021", "公务用车编制管理规程"),
    **std("DB50/T 3-2020", "物业服务质量规范", area="logistics"),
    **std("DB50/T 4-2021", "物业服务质量指南", area="logistics"),
}


def test_a_second_run_compares_no_area_and_finds_the_same(
    fresh: Path, mini: MiniFactory, compared: list[str]
) -> None:
    wh = mini(FILES).load()
    first = _pairs(wh)
    assert len(first) == 2 and len(compared) == 2
    _next_run()
    compared.clear()
    assert _pairs(mini(FILES).load()) == first
    assert compared == []


def test_a_title_changed_compares_its_area_only(
    fresh: Path, mini: MiniFactory, compared: list[str]
) -> None:
    _pairs(mini(FILES).load())
    _next_run()
    compared.clear()
    changed = mini(
        {p("DB50/T 2-2021"): std("DB50/T 2-2021", "公务用车处置程序")[p("DB50/T 2-2021")]}
    ).load()
    found = _pairs(changed)
    assert compared == [p("DB50/T 1-2020")]  # vehicles again, not logistics
    assert found == _without_cache(changed)
    assert all(later.startswith("data/standards/logistics/") for later, *_ in found)


def test_another_threshold_compares_again(
    fresh: Path, mini: MiniFactory, compared: list[str]
) -> None:
    wh = mini(FILES).load()
    _pairs(wh, 0.8)
    _next_run()
    compared.clear()
    found = _pairs(wh, 0.99)
    assert len(compared) == 2
    assert found == _without_cache(wh, 0.99)


def test_a_supersession_link_added_compares_again(
    fresh: Path, mini: MiniFactory, compared: list[str]
) -> None:
    wh = mini(FILES).load()
    assert any(later == p("DB50/T 2-2021") for later, *_ in _pairs(wh))
    _next_run()
    compared.clear()
    newer = std("DB50/T 2-2021", "公务用车编制管理规程", "supersedes: [DB50/T 1-2020]\n")
    linked = mini(newer).load()
    found = _pairs(linked)
    assert p("DB50/T 1-2020") in compared
    assert not any(later == p("DB50/T 2-2021") for later, *_ in found)  # a revision, not a copy
    assert found == _without_cache(linked)


def test_a_moved_file_compares_again(fresh: Path, mini: MiniFactory, compared: list[str]) -> None:
    # The same two documents, the earlier one now sorting after the other: the
    # later file (the one reported) changes.
    wh = mini(FILES)
    before = _pairs(wh.load())
    _next_run()
    first = wh.root / p("DB50/T 1-2020")
    first.rename(first.with_name("z-last.yaml"))
    compared.clear()
    moved = wh.load()
    found = _pairs(moved)
    assert len(compared) == 1
    assert found == _without_cache(moved) and found != before
