"""The models of a working tree's last load, kept between runs (load/models_cache.py).

A load after a change validates only the files it has not met: the others'
models come back whole from the ``loaded`` table. What it gives must be what a
load without the cache gives; a value that is damaged, foreign or written by
another jgsw is never used; and a pickle that names anything but a model
cannot make jgsw run it.
"""

from __future__ import annotations

import datetime as dt
import pickle
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import MINI_FRAMEWORK, MiniFactory

from jgsw_std.lifecycle.state import state_at
from jgsw_std.load import cache, models_cache, validate
from jgsw_std.load.warehouse import Warehouse, load_worktree
from jgsw_std.model.framework import Framework

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
    recalled, _ = models_cache.recall(root)  # read back as pickled: nothing shares them
    models = [kept[2] for kept in recalled.values() if kept[1] == "standard"]
    assert models and all(model.reviews is NO_ITEMS for model in models)  # type: ignore[attr-defined]


# -- review s20: what a load without the cache gives, in the corners -------------------


def test_two_files_of_the_same_bytes_get_a_model_each(fresh: Path, mini: MiniFactory) -> None:
    """A standard naming itself as its successor, twice: each file is the other's
    successor only if each has its own model (lifecycle/state.py asks by identity)."""
    root = mini().root
    text = STANDARD.format(code="DB50/T 9-2020", title="自指标准", level="local")
    text += "supersedes: [DB50/T 9-2020]\nsuperseded_by: DB50/T 9-2020\n"
    for rel in (A, A.replace("7-2020", "7-2020-copy")):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    _load(root)
    wh = _load(root)  # both recalled, or one recalled and one from the records
    assert len({id(r.model) for r in wh.standards}) == 2
    plain = _without_cache(root)
    on = dt.date(2025, 12, 30)
    assert [state_at(wh, r, on) for r in wh.standards] == [
        state_at(plain, r, on) for r in plain.standards
    ]
    assert _seen(wh) == _seen(plain)


@pytest.mark.parametrize(
    ("declared", "fixed"),
    [('["JGSW,CQ"]', "[JGSW, CQ]"), ('["X|JGSW"]', "[JGSW]")],
    ids=["comma", "bar"],
)
def test_prefixes_holding_a_comma_or_a_bar_are_told_apart(
    fresh: Path, mini: MiniFactory, declared: str, fixed: str
) -> None:
    root = _two(mini, framework=MINI_FRAMEWORK + f"internal_prefixes: {declared}\n")
    assert _load(root).standard("JGSW 8-2020").parsed.level == "industry"  # type: ignore[union-attr]
    framework = root / "data" / "framework.yaml"
    framework.write_text(MINI_FRAMEWORK + f"internal_prefixes: {fixed}\n", encoding="utf-8")
    wh = _load(root)
    assert wh.standard("JGSW 8-2020").parsed.level == "internal"  # type: ignore[union-attr]
    assert _seen(wh) == _seen(_without_cache(root))


@pytest.mark.parametrize("extra", ["invalid", "same-bytes"])
def test_nothing_new_is_rewritten_beside_an_invalid_file_or_a_copy(
    fresh: Path, mini: MiniFactory, extra: str
) -> None:
    """An invalid file is never kept, and one row serves two files of the same bytes:
    neither makes every load pickle the warehouse again."""
    root = _two(mini)
    other = root / A.replace("7-2020", "7-2020-extra")
    if extra == "invalid":
        other.write_text("code: [not, a, code]\n", encoding="utf-8")
    else:
        other.write_bytes((root / A).read_bytes())
    _load(root)
    before = _rows()
    time.sleep(1.1)  # a rewrite would carry a later time
    _load(root)
    assert _rows() == before


def _tampered(root: Path, change: Any) -> None:
    """Every kept file of the stored parts, changed by ``change``, stored again."""
    with sqlite3.connect(cache.cache_path()) as conn:
        rows = conn.execute("SELECT part, value FROM loaded").fetchall()
        for part, value in rows:
            kept = models_cache._read(value)
            assert kept is not None
            new = models_cache._dumped([change(one) for one in kept])
            conn.execute("UPDATE loaded SET value = ? WHERE part = ?", (new, part))


def _without_code(one: Any) -> Any:
    model = one[2]
    values = {k: v for k, v in model.__dict__.items() if k != "code"}
    return (*one[:2], models_cache._model(type(model), values, frozenset()), *one[3:])


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda one: (*one[:3], [("x",)], *one[4:]), id="a-bad-problem"),
        pytest.param(lambda one: (*one[:4], ("x",), *one[5:]), id="a-bad-outline"),
        pytest.param(lambda one: (*one[:5], ["code"], one[6]), id="keys-not-a-tuple"),
        pytest.param(
            lambda one: (
                one[0],
                one[1],
                Framework() if one[1] != "framework" else one[2],
                *one[3:],
            ),
            id="another-kind",
        ),
        pytest.param(_without_code, id="a-field-missing"),
    ],
)
def test_a_kept_file_of_the_wrong_shape_is_validated_afresh(
    fresh: Path, mini: MiniFactory, change: Any
) -> None:
    from jgsw_std.app.check import check_warehouse

    root = _two(mini)
    _duplicate_key(root)  # a load problem to place
    _load(root)
    _tampered(root, change)
    wh = _load(root)  # no traceback: the kept files are not used
    plain = _without_cache(root)
    assert _seen(wh) == _seen(plain)
    on = dt.date(2025, 12, 31)
    placed = [(p.path, p.code, p.line, p.col) for p in check_warehouse(wh, on).problems]
    assert placed == [(p.path, p.code, p.line, p.col) for p in check_warehouse(plain, on).problems]


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("builtins", "eval"),
        ("builtins", "getattr"),
        ("builtins", "__import__"),
        ("os", "system"),
        ("jgsw_std.model.codes", "parse_code"),
        ("jgsw_std.load.cache", "reset"),
        ("pydantic", "BaseModel"),
    ],
)
def test_the_unpickler_names_nothing_that_runs_code(module: str, name: str) -> None:
    import io

    with pytest.raises(pickle.UnpicklingError):
        models_cache._ModelsOnly(io.BytesIO(b"")).find_class(module, name)


class _Evaluates:
    """A pickle that, unpickled without care, would evaluate Python."""

    def __init__(self, marker: Path) -> None:
        self.source = f"__import__('pathlib').Path({str(marker)!r}).touch()"

    def __reduce__(self) -> tuple[Any, ...]:
        return (eval, (self.source,))


def test_a_pickle_that_would_evaluate_python_is_ignored(fresh: Path, mini: MiniFactory) -> None:
    root = _two(mini)
    _load(root)
    marker = root.parent / "evaluated"
    _replace_values(pickle.dumps([_Evaluates(marker)]))
    assert models_cache.recall(root) == ({}, None)
    assert not marker.exists()


def _duplicate_key(root: Path) -> None:
    text = (root / B).read_text(encoding="utf-8")
    (root / B).write_text(text + "title: 公务用车处置管理规范\n", encoding="utf-8")


def test_a_kept_valid_file_keeps_its_load_problems(fresh: Path, mini: MiniFactory) -> None:
    root = _two(mini)
    _duplicate_key(root)  # valid, with a Y-code warning
    _load(root)
    _write(root, A, "DB50/T 7-2020", "公务用车编制管理规范（修订）")
    wh = _load(root)  # B recalled
    assert any(p.path == B for p in wh.problems)
    assert _seen(wh) == _seen(_without_cache(root))


def test_a_renamed_file_s_kept_problems_move_with_it(fresh: Path, mini: MiniFactory) -> None:
    root = _two(mini)
    _duplicate_key(root)
    _load(root)
    moved = B.replace("jgsw-8-2020", "jgsw-8-2020-moved")
    (root / B).rename(root / moved)
    wh = _load(root)
    assert {p.path for p in wh.problems} & {B, moved} == {moved}
    assert _seen(wh) == _seen(_without_cache(root))


def test_a_kept_file_s_document_is_parsed_once_when_asked_for(
    fresh: Path, mini: MiniFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`diff` asks a changed file's document several times (history/compare.py)."""
    from jgsw_std.load import parse

    root = _two(mini)
    _load(root)
    wh = _load(root)
    entry = wh.files[B]
    assert entry._dropped
    calls: list[bytes] = []
    real = parse.parse_bytes
    monkeypatch.setattr(parse, "parse_bytes", lambda data: calls.append(data) or real(data))
    first, second = entry.data, entry.data
    assert first == second == real((root / B).read_bytes())[0]
    assert len(calls) == 1
