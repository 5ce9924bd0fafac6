"""The find use case: the standards that match a query, best first, with filters.

The records searched are reports/searchable.py's, the same fields the site's
search reads. They come from the search index in the user's cache when it was
built from the files as they are now (load/search_index.py), else from the
loaded warehouse, which then builds the index for the next search. Both roads
score with app/find_match.py, so they give the same answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jgsw_std.app.find_match import Fields, Near, Query, nearest, score
from jgsw_std.errors import UsageError
from jgsw_std.i18n import WORDS, word
from jgsw_std.model.code_match import fold
from jgsw_std.model.codes import joint_twin
from jgsw_std.progress import SILENT, Progress
from jgsw_std.reports.searchable import SearchDoc

#: The longest query searched: codes and titles are far shorter.
MAX_QUERY = 200
#: --status values: the states of lifecycle/state.py, by key or by their words.
STATES = ("in-force", "upcoming", "superseded", "repealed", "in-progress", "unknown")


@dataclass
class FindRequest:
    query: str
    root: Path | None = None
    areas: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)
    in_force_at: dt.date | None = None
    as_of: dt.date = field(default_factory=dt.date.today)
    limit: int = 20
    use_index: bool = True


@dataclass
class Hit:
    doc: SearchDoc
    score: int
    field: str  # the field that matched best: code, title, title_en, items, owner, documents
    state: str  # the state on the request's as-of date


@dataclass
class FindResult:
    query: str
    as_of: dt.date
    hits: list[Hit]  # best first, at most the limit
    total: int  # every match that passed the filters
    nearest: list[Near]  # when nothing matched: the closest codes
    filters: dict[str, list[str]]  # what the filters kept, as given
    left_out: int  # files that failed validation: not searched
    indexed: bool  # answered from the index


@dataclass
class Source:
    """The records a search looks at, and what the filters are checked against."""

    docs: Callable[[Query], list[SearchDoc]]  # the candidates for a query
    every: Callable[[], list[Near]]  # every record, lightly (for "nearest")
    areas: dict[str, list[str]]  # code -> names (zh, en)
    owners: dict[str, list[str]]  # slug -> names (zh, en)
    left_out: int
    indexed: bool


def _known(value: str, names: dict[str, list[str]], what: str) -> str:
    """The code a filter value names (a code, or a name in either language)."""
    wanted = fold(value.strip())
    for code, labels in names.items():
        if wanted == fold(code) or wanted in (fold(x) for x in labels):
            return code
    shown = "、".join(f"{c}（{n[0]}）" if n and n[0] != c else c for c, n in names.items())
    raise UsageError(
        f"unknown_{what}",
        zh=f"没有这个{_WHAT[what][0]}：{value}。可选：{shown or '（无）'}",
        en=f"no {_WHAT[what][1]} {value!r}; choose from: {', '.join(names) or '(none)'}",
    )


_WHAT = {
    "area": ("业务方面", "area"),
    "owner": ("牵头单位", "lead unit"),
    "level": ("标准层级", "level"),
    "status": ("状态", "status"),
}


def _word_names(prefix: str, keys: tuple[str, ...]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key in keys:
        zh, en = WORDS.get(f"{prefix}.{key}", (key, key))
        out[key] = [zh, en, zh.removesuffix("标准")]
    return out


LEVELS = ("national", "industry", "local", "group", "enterprise", "internal")


def _filters(request: FindRequest, source: Source) -> Callable[[SearchDoc], bool]:
    areas = {_known(v, source.areas, "area") for v in request.areas}
    owners = {_known(v, source.owners, "owner") for v in request.owners}
    levels = {_known(v, _word_names("level", LEVELS), "level") for v in request.levels}
    states = {_known(v, _word_names("state", STATES), "status") for v in request.statuses}

    def keep(doc: SearchDoc) -> bool:
        if areas and doc.area not in areas:
            return False
        if owners and doc.owner not in owners:
            return False
        if levels and doc.level not in levels:
            return False
        if states and doc.state(request.as_of) not in states:
            return False
        return request.in_force_at is None or doc.state(request.in_force_at) == "in-force"

    return keep


def _hits(
    query: Query, request: FindRequest, source: Source, keep: Callable[[SearchDoc], bool]
) -> list[Hit]:
    hits: list[Hit] = []
    for doc in source.docs(query):
        points, where = score(query, Fields(doc))
        if points and keep(doc):
            hits.append(Hit(doc, points, where, doc.state(request.as_of)))
    return hits


def search(request: FindRequest, source: Source) -> FindResult:
    """Score, filter and rank the source's records for the request."""
    query = Query(request.query)
    keep = _filters(request, source)
    hits = _hits(query, request, source, keep)
    twin = None if hits else joint_twin(request.query.strip())
    if twin is not None:
        # DOMAIN.md: DB50/T 10004-2023 (= DB51/T 10004-2023): the other province's code
        hits = _hits(Query(twin), request, source, keep)
    # best first; among equals, standards in force, then the newest, then by code
    hits.sort(key=lambda h: (-h.score, h.state != "in-force", -h.doc.year, h.doc.code))
    filters = {
        "area": request.areas,
        "level": request.levels,
        "status": request.statuses,
        "owner": request.owners,
        "in_force_at": [request.in_force_at.isoformat()] if request.in_force_at else [],
    }
    return FindResult(
        query=request.query,
        as_of=request.as_of,
        hits=hits[: request.limit],
        total=len(hits),
        nearest=[] if hits else nearest(query, source.every()),
        filters={k: v for k, v in filters.items() if v},
        left_out=source.left_out,
        indexed=source.indexed,
    )


def run_find(request: FindRequest, progress: Progress = SILENT) -> FindResult:
    """Open the warehouse (or its index) and search it."""
    from jgsw_std.load.root import find_root

    if not request.query.strip():
        raise UsageError(
            "empty_query",
            zh="检索词为空。",
            en="the query is empty.",
            hint_zh="例如：jgsw find 物业，或 jgsw find DB50T1056。",
            hint_en="For example: jgsw find property, or jgsw find DB50T1056.",
        )
    if len(request.query) > MAX_QUERY:
        raise UsageError(
            "long_query",
            zh=f"检索词太长（{len(request.query)} 个字符，最多 {MAX_QUERY} 个）。",
            en=f"the query is too long ({len(request.query)} characters, at most {MAX_QUERY}).",
        )
    root = find_root(request.root)
    # from the index a search takes a fraction of a second; its first run (or a
    # stale index) reads the whole warehouse, which the bar then shows
    with progress.step("读取检索索引或标准仓", "reading the index or the warehouse"):
        if request.use_index:
            from jgsw_std.app.find_source import indexed_source

            source = indexed_source(root)
        else:
            from jgsw_std.app.find_source import loaded_source

            source = loaded_source(root, build=False)
    return search(request, source)


def result_rows(result: FindResult, lang: str) -> list[dict[str, Any]]:
    """The hits as plain rows (code, title, status, area...), for the writers."""
    return [
        {
            "code": h.doc.code,
            "title": (h.doc.title_en or h.doc.title) if lang == "en" else h.doc.title,
            "status": h.state,
            "status_label": word(f"state.{h.state}", lang),
            "area": h.doc.area,
            "area_label": h.doc.area_name.pick(lang),
            "level": h.doc.level,
            "owner": h.doc.owner,
            "year": h.doc.year,
            "score": h.score,
            "matched": h.field,
            "path": h.doc.path,
        }
        for h in result.hits
    ]
