"""Where `jgsw find` gets its records: the search index, or the warehouse itself.

The index is tried first; it answers only when it was built from the files
as they are now. Otherwise the warehouse is loaded, searched directly, and
the index written for the next search (quietly skipped when the cache folder
cannot be written).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from jgsw_std.app.find import Source
from jgsw_std.app.find_match import Near, Query, code_text, folded_text
from jgsw_std.model.code_match import CodeForms, compact
from jgsw_std.reports.searchable import SearchDoc

if TYPE_CHECKING:
    from jgsw_std.load.search_index import SearchIndex
    from jgsw_std.load.warehouse import Warehouse


def _names(wh: Warehouse) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    fw = wh.framework
    areas = {a.code: [a.label("zh"), a.label("en")] for a in fw.areas}
    areas.setdefault("general", [fw.area_label("general", "zh"), fw.area_label("general", "en")])
    owners = {d.slug: [d.model.name, d.model.name_en or d.model.name] for d in wh.districts}
    return areas, owners


def loaded_source(root: Path, build: bool = True) -> Source:
    """Load the warehouse and search its records; with ``build``, also write the index."""
    from jgsw_std.load.warehouse import load_worktree
    from jgsw_std.reports.searchable import search_docs

    wh = load_worktree(root)
    docs = search_docs(wh)
    areas, owners = _names(wh)
    left_out = sum(1 for e in wh.files.values() if e.kind != "unknown" and not e.valid)
    if build:
        from jgsw_std.load.search_index import build_index, signature

        info = {"areas": areas, "owners": owners, "left_out": left_out}
        build_index(
            root,
            signature(root),
            [d.as_row() for d in docs],
            [folded_text(d) for d in docs],
            [code_text(d) for d in docs],
            info,
        )
    return Source(
        docs=lambda _query: docs,
        every=lambda: [Near.of(d) for d in docs],
        areas=areas,
        owners=owners,
        left_out=left_out,
        indexed=False,
    )


def _candidates(index: SearchIndex, query: Query) -> set[int]:
    """Rows that may match: a superset of what find_match scores above zero."""
    found: set[int] = set()
    text_rows: set[int] = set()
    if query.code:
        found = index.code_candidates(query.code)
    for position, term in enumerate(query.terms):
        rows = index.text_candidates(term)
        term_code = compact(term)
        if term_code:  # the code field is searched in compact form (find_match.term_score)
            rows |= index.code_candidates(term_code)
        if position == 0:
            text_rows = rows
        else:
            text_rows &= rows
        if not text_rows:
            break
    if query.terms:
        found |= text_rows
    return found


def indexed_source(root: Path) -> Source:
    """The index when it is current, else the loaded warehouse (which writes the index)."""
    from jgsw_std.load.search_index import open_index, signature

    index = open_index(root, signature(root))
    if index is None:
        return loaded_source(root, build=True)
    info = index.meta()

    def docs(query: Query) -> list[SearchDoc]:
        return [SearchDoc.from_row(r) for r in index.rows(_candidates(index, query))]

    def every() -> list[Near]:
        return [
            Near(code, title, title_en, path, CodeForms(*forms))
            for code, title, title_en, path, forms in index.near_keys()
        ]

    return Source(
        docs=docs,
        every=every,
        areas=info.get("areas", {}),
        owners=info.get("owners", {}),
        left_out=int(info.get("left_out", 0)),
        indexed=True,
    )
