"""Each rule's declaration of what it reads (rules/reads.py) names everything it reads.

A check in which a few files changed keeps the findings of every rule whose
declared fields did not change (rules/reuse.py), so a field a rule reads but
does not declare would leave stale findings. Here, on a demo warehouse (with
the fields the demo leaves out given to some standards), every field a rule
does not declare is changed in every record, as far as the record stays
valid: taken from another record, removed where that one has none, or nudged
(text gains a letter, a date a day, a number one). The rule's findings must
stay exactly as they were.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from jgsw_std.demo.generator import build_demo, write_demo
from jgsw_std.load import cache
from jgsw_std.load.files import SourceFile
from jgsw_std.load.parse import parse_bytes
from jgsw_std.load.records import kind_of
from jgsw_std.load.validate import _MODELS
from jgsw_std.load.warehouse import Warehouse, build_warehouse
from jgsw_std.problems import PlainProblem
from jgsw_std.rules import quality
from jgsw_std.rules.reads import BY_AREA, READS, Reads
from jgsw_std.rules.registry import CheckContext, ensure_loaded
from jgsw_std.rules.runner import select_rules

AS_OF = dt.date(2025, 12, 31)
RECORD_KINDS = ("standard", "district", "expert", "material", "feedback")
#: Each record takes the fields of the record this many places on, or (0) nudges its own.
SHIFTS = (0, 1, 7)
Docs = dict[str, Any]  # path -> parsed document


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Docs:
    root = tmp_path_factory.mktemp("reads") / "wh"
    write_demo(root, build_demo(300, 1))
    out: Docs = {}
    for path in sorted((root / "data").rglob("*.yaml")):
        out[path.relative_to(root).as_posix()] = parse_bytes(path.read_bytes())[0]
    return _enriched(out)


def _enriched(docs: Docs) -> Docs:
    """Fields the demo leaves out, given to some standards: English titles, citations
    (some of repealed standards), collaboration groups and faulty documents; and
    materials with an unknown area or a faulty address."""
    framework = docs["data/framework.yaml"]
    groups = [g["code"] for g in framework.get("collab_groups") or []]
    rels = [rel for rel in docs if kind_of(rel) == "standard"]
    codes = [docs[rel]["code"] for rel in rels]
    repealed = [docs[rel]["code"] for rel in rels if docs[rel].get("status") == "repealed"]
    out = dict(docs)
    for index, rel in enumerate(rels):
        doc = dict(docs[rel])
        if index % 3 == 0:
            doc["title_en"] = f"Standard number {index}"
        if index % 4 == 0:
            doc["references"] = [codes[(index + 1) % len(codes)], *repealed[index % 3 :][:1]]
        if index % 5 == 0 and groups:
            doc["collab_group"] = groups[index % len(groups)]
        if index % 7 == 0:  # documents M904 and M906 find fault with
            doc["documents"] = [
                *(doc.get("documents") or []),
                {"kind": "other", "title": f"草案 {index}", "url": "ftp://example.org/draft"},
                {"kind": "interpretation"},
            ]
        if _valid("standard", doc):
            out[rel] = doc
    for index, rel in enumerate(rel for rel in docs if kind_of(rel) == "material"):
        if index % 2 == 0:  # an area M907 does not know
            out[rel] = {**docs[rel], "areas": ["no-such-area"]}
        else:  # an address M904 refuses
            out[rel] = {**docs[rel], "url": "ftp://example.org/material"}
    return out


def _warehouse(docs: Docs) -> Warehouse:
    sources = [
        SourceFile(rel, json.dumps(doc, ensure_ascii=False).encode("utf-8"))
        for rel, doc in docs.items()
    ]
    return build_warehouse(sources)


def _findings(wh: Warehouse, codes: list[str]) -> dict[str, list[PlainProblem]]:
    ctx = CheckContext.on(wh, AS_OF)
    return {r.code: [p.to_plain() for p in r(wh, ctx)] for r in select_rules() if r.code in codes}


@pytest.fixture(scope="module")
def found(docs: Docs) -> dict[str, list[PlainProblem]]:
    """Every declared rule's findings on the demo as it is."""
    cache.disable()
    try:
        return _findings(_warehouse(docs), list(READS))
    finally:
        cache.reset("zh")


@pytest.fixture(autouse=True)
def no_cache() -> Iterator[None]:
    cache.disable()  # every warehouse here is validated afresh
    yield
    cache.reset("zh")


def _refused(kind: str, doc: dict[str, Any]) -> set[str]:
    """The top-level fields validation refuses ("" for the document as a whole)."""
    model: type[BaseModel] = _MODELS[kind]  # type: ignore[assignment]
    try:
        model.model_validate(doc)
    except ValidationError as exc:
        return {str(e["loc"][0]) if e["loc"] else "" for e in exc.errors()}
    return set()


def _valid(kind: str, doc: dict[str, Any]) -> bool:
    return not _refused(kind, doc)


def _nudged(value: Any) -> Any:
    """A value a little different: text gains a letter, a date a day, a number one."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value + 1
    if isinstance(value, str):
        try:
            return (dt.date.fromisoformat(value) + dt.timedelta(days=1)).isoformat()
        except ValueError:
            return value + "z"
    if isinstance(value, list):
        return [_nudged(item) for item in value]
    if isinstance(value, dict):
        return {key: _nudged(item) for key, item in value.items()}
    return value


def _changed_doc(kind: str, doc: dict[str, Any], donor: dict[str, Any], fields: set[str]) -> Any:
    """``doc`` with ``fields`` as ``donor`` has them, except those that make it invalid."""
    trial = {k: v for k, v in doc.items() if k not in fields}
    trial.update((k, v) for k, v in donor.items() if k in fields)
    for _ in range(len(fields) + 1):
        bad = _refused(kind, trial)
        if not bad:
            return trial
        if "" in bad or not bad & fields:
            return doc
        for name in bad & fields:  # refused: its own value back
            if name in doc:
                trial[name] = doc[name]
            else:
                trial.pop(name, None)
    return doc


def _perturbed(docs: Docs, reads: Reads, shift: int) -> Docs:
    """Every field ``reads`` does not name, in every record, changed (see the module)."""
    by_kind: dict[str, list[str]] = {}
    for rel in docs:
        by_kind.setdefault(kind_of(rel), []).append(rel)
    out = dict(docs)
    for kind, rels in by_kind.items():
        if kind not in RECORD_KINDS:
            continue
        declared = reads.get(kind, frozenset())
        if declared is None:
            continue  # every field of this kind is read
        fields = {name for rel in rels for name in docs[rel]} - declared
        for index, rel in enumerate(rels):
            doc = docs[rel]
            if shift:
                donor = docs[rels[(index + shift) % len(rels)]]
            else:
                donor = {name: _nudged(value) for name, value in doc.items()}
            out[rel] = _changed_doc(kind, doc, donor, fields)
    return out


def _groups() -> dict[str, list[str]]:
    """The declared rules, grouped by their declarations (each group perturbed once)."""
    out: dict[str, list[str]] = {}
    for code, reads in READS.items():
        key = json.dumps({k: sorted(v) if v is not None else None for k, v in reads.items()})
        out.setdefault(key, []).append(code)
    return out


def test_every_declared_code_is_a_rule() -> None:
    ensure_loaded()
    codes = {r.code for r in select_rules()}
    assert set(READS) <= codes
    assert set(BY_AREA) <= set(READS)


@pytest.mark.parametrize("shift", SHIFTS)
@pytest.mark.parametrize("group", list(_groups().values()), ids=lambda codes: "-".join(codes))
def test_fields_a_rule_does_not_declare_do_not_change_its_findings(
    docs: Docs, found: dict[str, list[PlainProblem]], group: list[str], shift: int
) -> None:
    changed = _perturbed(docs, READS[group[0]], shift)
    assert changed != docs
    after = _findings(_warehouse(changed), group)
    for code in group:
        assert after[code] == found[code], f"{code} reads a field it does not declare"


def _changed_fields(before: Docs, after: Docs) -> Mapping[str, set[str]]:
    out: dict[str, set[str]] = {}
    for rel, doc in after.items():
        was = before[rel]
        names = {k for k in was.keys() | doc.keys() if was.get(k) != doc.get(k)}
        out.setdefault(kind_of(rel), set()).update(names)
    return out


@pytest.mark.parametrize("shift", SHIFTS)
def test_perturbing_reaches_most_fields(docs: Docs, shift: int) -> None:
    """With nothing declared, most fields of each kind change somewhere."""
    changed = _changed_fields(docs, _perturbed(docs, {}, shift))
    for kind in RECORD_KINDS:
        every = {name for rel, doc in docs.items() if kind_of(rel) == kind for name in doc}
        assert len(changed[kind]) >= len(every) // 2, kind


def test_likely_duplicates_by_area_are_the_whole_run_s(docs: Docs) -> None:
    """Q701 run on each area alone finds exactly its findings in that area (BY_AREA)."""
    wh = _warehouse(docs)
    ctx = CheckContext.on(wh, AS_OF)
    whole = [p.to_plain() for p in quality.likely_duplicate(wh, ctx)]
    assert whole  # the demo has likely duplicates to find
    area_of = {rec.path: rec.model.area or "" for rec in wh.standards}
    parts: list[PlainProblem] = []
    for area in sorted(set(area_of.values())):
        found = [p.to_plain() for p in quality.likely_duplicates_in(wh, ctx, {area})]
        assert all(area_of[p[0]] == area for p in found)
        parts.extend(found)
    assert sorted(parts, key=repr) == sorted(whole, key=repr)
