"""The models of a working tree's last load, kept between runs (load/models_cache.py).

A load after a change validates only the files it has not met: the others'
models come back whole from the ``loaded`` table. What it gives must be what a
load without the cache gives; a value that is damaged, foreign or written by
another jgsw is never used; and a pickle that names anything but a model
cannot make jgsw run it.
"""

from __future__ import annotations

import pickle
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import MINI_FRAMEWORK, MiniFactory

from jgsw_std.load import cache, models_cache, validate
from jgsw_std.load.warehouse import Warehouse, load_worktree

A = "data/standards/vehicles/db50-t-7-2020.yaml"
B = "data/standards/vehicles/jgsw-8-2020.yaml"
STANDARD = """\
code: {code}
title: {title}
level: {level}
category: general
area: vehicles
items: [vehicles.quota]
owner: chongqing
status: published
published: 2020-03-01
effective: 2020-06-01
"""


#: the shared empty cache (tests/conftest.py's ``fresh``), with a 1 ms settling margin
pytestmark = pytest.mark.usefixtures("quick_settle")


@pytest.fixture
def validated(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files validated from now on (from a parse or from the records table)."""
    seen: list[str] = []
    real_entry, real_revive = validate.validate_entry, validate._revive

    def entry(one: Any, parsed: Any) -> Any:
        seen.append(one.rel)
        return real_entry(one, parsed)

    def revive(one: Any, record: Any) -> Any:
        seen.append(one.rel)
        return real_revive(one, record)

    monkeypatch.setattr(validate, "validate_entry", entry)
    monkeypatch.setattr(validate, "_revive", revive)
    return seen


def _write(root: Path, rel: str, code: str, title: str, level: str = "local") -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    text = STANDARD.format(code=code, title=title, level=level)
    path.write_text(text, encoding="utf-8", newline="\n")


def _two(mini: MiniFactory, framework: str = MINI_FRAMEWORK) -> Path:
    root = mini(framework=framework).root
    _write(root, A, "DB50/T 7-2020", "公务用车编制管理规范")
    _write(root, B, "JGSW 8-2020", "公务用车处置管理规范", level="internal")
    return root


def _load(root: Path) -> Warehouse:
    """One run's load of the working tree, its writes made as a run's end makes them."""
    cache.reset("zh")
    time.sleep(0.01)  # past the settling margin
    wh = load_worktree(root)
    cache.flush()
    return wh


def _seen(wh: Warehouse) -> list[Any]:
    """What the load gave: each standard's model, path, parsed code and items; the problems."""
    standards = [(r.model, r.path, r.parsed, r.code, r.items) for r in wh.standards]
    others = [(d.model, d.path) for d in wh.districts]
    keys = {rel: entry.keys for rel, entry in wh.files.items()}
    return [standards, others, keys, [p.to_plain() for p in wh.problems]]


def _without_cache(root: Path) -> Warehouse:
    cache.reset("zh")
    cache.disable()
    return load_worktree(root)


def _rows(table: str = "loaded") -> list[tuple[Any, ...]]:
    with sqlite3.connect(cache.cache_path()) as conn:
        return conn.execute(f"SELECT * FROM {table}").fetchall()  # a test's table


def test_a_load_after_one_change_validates_only_that_file(
    fresh: Path, mini: MiniFactory, validated: list[str]
) -> None:
    root = _two(mini)
    _load(root)
    assert _rows(), "the first load keeps its models"
    _write(root, A, "DB50/T 7-2020", "公务用车编制管理规范（修订）")
    validated.clear()
    wh = _load(root)
    assert validated == [A]
    assert wh.files[B].valid and wh.files[B].keys == wh.files[A].keys
    assert _seen(wh) == _seen(_without_cache(root))


def test_nothing_new_read_leaves_the_kept_models_as_they_were(
    fresh: Path, mini: MiniFactory, validated: list[str]
) -> None:
    root = _two(mini)
    _load(root)
    before = _rows()
    time.sleep(1.1)  # a rewrite would carry a later time
    validated.clear()
    _load(root)
    assert validated == []
    assert _rows() == before


def test_a_removed_file_is_forgotten(fresh: Path, mini: MiniFactory) -> None:
    root = _two(mini)
    _load(root)
    (root / A).unlink()
    wh = _load(root)
    assert [r.path for r in wh.standards] == [B]
    recalled, _ = models_cache.recall(root)
    kept = [blob for blob, kind in recalled if kind == "standard"]
    assert kept == [cache.blob_id((root / B).read_bytes())]


def test_parsed_codes_follow_the_internal_prefixes_of_now(fresh: Path, mini: MiniFactory) -> None:
    """``JGSW 8-2020`` is internal only where framework.yaml declares JGSW."""
    declared = MINI_FRAMEWORK + "internal_prefixes: [JGSW]\n"
    root = _two(mini, framework=declared)
    wh = _load(root)
    assert wh.standard("JGSW 8-2020").parsed.level == "internal"  # type: ignore[union-attr]
    (root / "data" / "framework.yaml").write_text(MINI_FRAMEWORK, encoding="utf-8")
    wh = _load(root)
    assert wh.standard("JGSW 8-2020").parsed.level == "industry"  # type: ignore[union-attr]
    assert _seen(wh) == _seen(_without_cache(root))


def _replace_values(value: bytes) -> None:
    with sqlite3.connect(cache.cache_path()) as conn:
        conn.execute("UPDATE loaded SET value = ?", (value,))


class _NotAModel:
    """A pickle that asks the model maker for something that is not a model."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (models_cache._model, (dict, {}, frozenset()))


class _Runs:
    """A pickle that, unpickled without care, would call ``marker.touch()``."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.touch, (self.marker,))


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda marker: b"\x80\x05not a pickle", id="damaged"),
        pytest.param(lambda marker: pickle.dumps([_Runs(marker)]), id="names-a-function"),
        pytest.param(
            lambda marker: pickle.dumps([("x", "standard", 1, [], None, (), None)]),
            id="not-a-model",
        ),
        pytest.param(lambda marker: pickle.dumps({"a": 1}), id="not-a-list"),
        pytest.param(lambda marker: pickle.dumps([_NotAModel()]), id="maker-without-a-model"),
    ],
)
def test_a_value_that_is_not_a_kept_load_is_not_used(
    fresh: Path, mini: MiniFactory, validated: list[str], tmp_path: Path, make: Any
) -> None:
    root = _two(mini)
    _load(root)
    marker = tmp_path / "ran"
    _replace_values(make(marker))
    assert models_cache.recall(root) == ({}, None)
    validated.clear()
    wh = _load(root)
    assert not marker.exists()
    assert sorted(validated) == sorted(rel for rel in wh.files if rel.endswith(".yaml"))
    assert _seen(wh) == _seen(_without_cache(root))


def test_another_jgsw_s_models_are_not_used(fresh: Path, mini: MiniFactory) -> None:
    root = _two(mini)
    _load(root)
    with sqlite3.connect(cache.cache_path()) as conn:
        conn.execute("UPDATE loaded SET stamp = 'another jgsw|2.0|'")
    assert models_cache.recall(root) == ({}, None)


def test_parts_of_two_loads_are_not_used(fresh: Path, mini: MiniFactory) -> None:
    root = _two(mini)
    _load(root)
    written = _rows()[0]
    with sqlite3.connect(cache.cache_path()) as conn:
        conn.execute(
            "INSERT INTO loaded VALUES (?, 1, ?, ?, ?)",
            (written[0], written[2] + "x", written[3], written[4]),
        )
    assert models_cache.recall(root) == ({}, None)


def test_without_the_cache_nothing_is_kept(
    fresh: Path, mini: MiniFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _two(mini)
    _load(root)
    monkeypatch.setenv(cache.ENV_OFF, "1")
    _write(root, A, "DB50/T 7-2020", "公务用车编制管理规范（修订）")
    before = _rows()
    _load(root)
    assert _rows() == before


def test_a_flush_midway_leaves_the_final_writes_for_the_last(fresh: Path) -> None:
    """Memory short midway (cache.later's budget), costly final work still waits."""
    done: list[str] = []
    cache.later(lambda store: done.append("final"), 1, final=True)
    cache.later(lambda store: done.append("records"), 1, cache.LATER_BUDGET + 1)
    assert done == ["records"]
    cache.flush()
    assert done == ["records", "final"]


def test_a_large_load_keeps_the_keys_of_the_kept_models(
    fresh: Path, mini: MiniFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large load drops every document (load/compact.py); a kept model has none to drop."""
    from jgsw_std.load import warehouse

    root = _two(mini)
    _load(root)
    monkeypatch.setattr(warehouse, "LARGE", 1)
    wh = _load(root)
    keys = wh.files[B].keys
    assert keys is not None and "code" in keys
    assert _seen(wh) == _seen(_without_cache(root))


def test_a_large_warehouse_s_shared_empty_list_comes_back_shared(
    fresh: Path, mini: MiniFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not one ordinary list that every model of a part would share (load/compact.py)."""
    from jgsw_std.load import warehouse
    from jgsw_std.load.compact import NO_ITEMS

    monkeypatch.setattr(warehouse, "SHARE_FROM", 1)
    root = _two(mini)
    first = _load(root).standard("JGSW 8-2020")
    assert first is not None and first.model.reviews is NO_ITEMS
    monkeypatch.setattr(warehouse, "SHARE_FROM", 10**9)  # no sharing on the way back
    recalled, _ = models_cache.recall(root)
    models = [kept[2] for kept in recalled.values() if kept[1] == "standard"]
    assert models and all(model.reviews is NO_ITEMS for model in models)  # type: ignore[attr-defined]
