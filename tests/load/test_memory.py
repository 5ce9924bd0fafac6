"""What keeps a 50,000-standard warehouse under 500 MB changes nothing that is read.

Parsed documents are dropped once validated (and read again if asked for),
files are read chunk by chunk, and large warehouses share their models' sets
of given fields. Each step is checked against the plain result.
"""

from __future__ import annotations

import copy
import datetime as dt
import pickle
from pathlib import Path

import pytest
from tests.conftest import MiniFactory

from jgsw_std.app.check import check_warehouse
from jgsw_std.load import cache, compact, records_cache
from jgsw_std.load import warehouse as loader
from jgsw_std.load.parse import parse_bytes

DAY = dt.date(2025, 12, 31)


def _findings(root: Path) -> list[tuple[str, int, int, str]]:
    wh = loader.load_worktree(root)
    return [(p.path, p.line, p.col, p.code) for p in check_warehouse(wh, DAY).problems]


def test_dropped_documents_change_no_finding_and_are_read_again_when_asked_for(
    demo_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = _findings(demo_root)
    monkeypatch.setattr(loader, "LARGE", 1)  # every warehouse is large: documents go
    cache.reset("zh")
    wh = loader.load_worktree(demo_root)
    entry = next(e for e in wh.files.values() if e.kind == "standard")
    assert entry._data is None and entry.keys is not None and "code" in entry.keys
    assert entry.data == parse_bytes(entry.source.data)[0]  # read again, and the same
    assert _findings(demo_root) == kept  # placing problems needed only the keys


def test_reading_in_chunks_gives_the_same_findings(
    demo_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = _findings(demo_root)
    monkeypatch.setattr(loader, "CHUNK", 7)  # about 50 chunks of the demo
    assert _findings(demo_root) == whole


def test_shared_field_sets_change_no_model(
    demo_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache.disable()  # validated afresh (models from the cache share their sets too)
    plain = loader.load_worktree(demo_root)
    monkeypatch.setattr(loader, "SHARE_FROM", 1)
    cache.reset("zh")  # no parse kept in memory from the first load
    cache.disable()
    shared = loader.load_worktree(demo_root)
    cache.reset("zh")
    assert [r.model for r in shared.standards] == [r.model for r in plain.standards]
    sets = {id(r.model.model_fields_set) for r in shared.standards}
    # one object for each distinct set of given fields (the demo's standards give
    # a few dozen combinations), where each of 300 models had its own
    distinct = {frozenset(r.model.model_fields_set) for r in shared.standards}
    assert len(sets) == len(distinct) < len(shared.standards) / 4
    assert len({id(r.model.model_fields_set) for r in plain.standards}) == len(plain.standards)
    nested = [rev for r in shared.standards for rev in r.model.reviews]
    assert nested and all(isinstance(rev.model_fields_set, frozenset) for rev in nested)
    assert _findings(demo_root) == _findings(demo_root)


def test_shared_empty_lists_change_no_model_no_report_and_refuse_to_grow(
    demo_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.reports.conftest import context_of

    plain = loader.load_worktree(demo_root)
    monkeypatch.setattr(loader, "SHARE_FROM", 1)
    cache.reset("zh")
    shared = loader.load_worktree(demo_root)
    assert [r.model for r in shared.standards] == [r.model for r in plain.standards]
    dumped = [r.model.model_dump(mode="json") for r in shared.standards]
    assert dumped == [r.model.model_dump(mode="json") for r in plain.standards]
    assert [r.model.model_dump_json() for r in shared.standards] == [
        r.model.model_dump_json() for r in plain.standards
    ]
    empty = [r.model.references for r in shared.standards]
    assert empty and all(refs is compact.NO_ITEMS for refs in empty)  # one list for all
    assert all(type(r.model.references) is list for r in plain.standards)
    given = [r.model.items for r in shared.standards if r.model.items]
    assert given and all(type(items) is list for items in given)  # a list with items is kept
    for change in (
        lambda x: x.append("DB50/T 1-2020"),
        lambda x: x.extend(["a"]),
        lambda x: x.insert(0, "a"),
        lambda x: x.__iadd__(["a"]),
        lambda x: x.__setitem__(slice(0, 0), ["a"]),
    ):
        with pytest.raises(TypeError):
            change(compact.NO_ITEMS)
    assert compact.NO_ITEMS == []
    copied = copy.deepcopy(compact.NO_ITEMS)
    assert type(copied) is list and type(pickle.loads(pickle.dumps(compact.NO_ITEMS))) is list
    copied.append("a")  # a copy is an ordinary list
    assert compact.NO_ITEMS == [] and len(compact.NO_ITEMS) == 0
    assert context_of(shared) == context_of(plain)


def test_a_shared_set_cannot_be_changed_through_one_model(demo_root: Path) -> None:
    wh = loader.load_worktree(demo_root)
    models = [r.model for r in wh.standards[:3]]
    compact.share_fields_sets(models)
    with pytest.raises(AttributeError):
        models[0].title = "changed"  # pydantic would add to the shared set: refused


def test_cache_writes_past_the_budget_happen_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mini: MiniFactory
) -> None:
    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path / "cache"))
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    monkeypatch.setattr(cache, "LATER_BUDGET", 10)  # bytes: any record goes past it
    monkeypatch.setattr(records_cache, "LARGE", 0)  # and every warehouse is large
    cache.reset("zh")
    wh = mini({})
    wh.load()
    store = cache.store()
    assert store is not None
    written = store.conn.execute("SELECT count(*) FROM records").fetchone()[0]
    assert written == len(wh.load().files)  # written already, before any flush
    cache.reset("zh")
