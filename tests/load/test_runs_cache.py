"""The last check's blob ids and findings, kept in the cache's ``runs`` table."""

from __future__ import annotations

import datetime as dt

import pytest

from jgsw_std.load import cache, runs_cache
from jgsw_std.problems import PlainProblem

DATED: PlainProblem = (
    "data/standards/a/x.yaml",
    "D401",
    "error",
    {"effective": dt.date(2024, 2, 29), "published": dt.date(2024, 3, 1), "n": 3, "s": "t"},
    0,
    0,
    ("effective",),
    False,
)
PLAIN: PlainProblem = ("data/x.yaml", "N201", "error", {"ids": ["a", "b"]}, 0, 0, ("id", 2), True)


pytestmark = pytest.mark.usefixtures("fresh")  # each test its own empty cache


def _saved(run: runs_cache.Run, weight: int = 2) -> runs_cache.Run | None:
    runs_cache.save("k", lambda: run, weight)
    cache.flush()
    cache.reset("zh")
    return runs_cache.fetch("k")


def test_dates_come_back_as_dates() -> None:
    for plain in (DATED, PLAIN):
        back = runs_cache.unkeep(runs_cache.keep(plain))
        assert back == plain
        assert [type(v) for v in back[3].values()] == [type(v) for v in plain[3].values()]


def test_a_run_comes_back_as_it_was_kept() -> None:
    run = runs_cache.Run({"data/x.yaml": "b" * 40}, {"D401": [runs_cache.keep(DATED)]})
    back = _saved(run)
    assert back is not None
    assert back.blobs == run.blobs
    assert [runs_cache.unkeep(k) for k in back.findings["D401"]] == [DATED]


def test_a_large_run_is_encoded_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runs_cache, "LARGE", 1)
    made: list[int] = []

    def make() -> runs_cache.Run:
        made.append(1)
        return runs_cache.Run({"a": "b"}, {"N201": [runs_cache.keep(PLAIN)]})

    runs_cache.save("k", make, 2)
    assert made  # before the output is out: the findings may go
    cache.flush()
    back = runs_cache.fetch("k")
    assert back is not None and back.findings["N201"] == [runs_cache.keep(PLAIN)]


def test_a_finding_marshal_cannot_carry_leaves_nothing_kept() -> None:
    assert _saved(runs_cache.Run({"a": "b"}, {})) is not None
    odd: PlainProblem = ("a", "D401", "error", {"when": dt.datetime(2024, 1, 1)}, 0, 0, (), False)
    assert _saved(runs_cache.Run({"a": "b"}, {"D401": [runs_cache.keep(odd)]})) is None


def test_a_damaged_value_is_not_found() -> None:
    assert _saved(runs_cache.Run({"a": "b"}, {})) is not None
    store = cache.store()
    assert store is not None
    store.conn.execute("UPDATE runs SET value = ?", (b"not zlib",))
    assert runs_cache.fetch("k") is None


def test_nothing_is_kept_without_the_cache() -> None:
    cache.disable()
    runs_cache.save("k", lambda: runs_cache.Run({}, {}), 1)
    cache.flush()
    cache.reset("zh")
    assert runs_cache.fetch("k") is None
