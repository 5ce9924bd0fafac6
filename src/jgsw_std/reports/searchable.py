"""What a search knows about a standard: one plain record per standard, both languages.

`jgsw find` ranks these records (from the loaded warehouse or from its
index), and the site prints the same words into each standard's page for
Pagefind, so the terminal and the browser search the same fields: the code
in all its spellings, the titles, the business items, the lead unit and the
titles of the standard's documents.

Registries contribute words through :data:`TEXT_SOURCES`; a source returns
extra titles for a standard. Today that is the standard's own ``documents:``
(资料库). Materials (data/materials/) belong to no standard: the site gives
each its own searched page (reports/site/materials.py). Feedback adds nothing
on purpose: its text may quote or name the person who complained, and the
site never publishes it, so neither may the search index, which is published
with the site.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jgsw_std.lifecycle.timeline import Steps, state_on, state_steps
from jgsw_std.model.code_match import CodeForms, code_forms

if TYPE_CHECKING:
    from jgsw_std.lifecycle.state import State
    from jgsw_std.load.warehouse import StandardRecord, Warehouse


def _document_titles(wh: Warehouse, rec: StandardRecord) -> Iterable[str]:
    """Titles of the standard's ``documents:`` (the data contract's 资料库 entries).

    Read with getattr: the field arrives with the registries, and until then
    there is nothing to read.
    """
    for doc in getattr(rec.model, "documents", None) or ():
        title = getattr(doc, "title", None)
        if isinstance(title, str) and title.strip():
            yield title


#: Extra searchable titles of a standard, searched as document titles. A
#: registry appends ``(warehouse, record) -> titles`` here.
TEXT_SOURCES: list[Callable[[Warehouse, StandardRecord], Iterable[str]]] = [_document_titles]


@dataclass(frozen=True, slots=True)
class Pair:
    """A name in both languages (English falls back to Chinese)."""

    zh: str
    en: str

    def pick(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True, slots=True)
class SearchDoc:
    path: str
    code: str
    title: str
    title_en: str
    forms: CodeForms
    level: str  # level code from the code itself ("local"), "" when unknown
    category: str
    area: str
    area_name: Pair
    owner: str
    owner_name: Pair
    items: tuple[Pair, ...]
    documents: tuple[str, ...]
    year: int
    steps: Steps  # the state on every date (lifecycle/timeline.py)

    def state(self, day: dt.date) -> State:
        return state_on(self.steps, day)

    def as_row(self) -> dict[str, Any]:
        """Plain JSON-able data (the index stores it)."""
        return {
            "path": self.path,
            "code": self.code,
            "title": self.title,
            "title_en": self.title_en,
            "forms": list(_forms_tuple(self.forms)),
            "level": self.level,
            "category": self.category,
            "area": self.area,
            "area_name": [self.area_name.zh, self.area_name.en],
            "owner": self.owner,
            "owner_name": [self.owner_name.zh, self.owner_name.en],
            "items": [[p.zh, p.en] for p in self.items],
            "documents": list(self.documents),
            "year": self.year,
            "steps": [[d.isoformat(), s] for d, s in self.steps],
        }

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> SearchDoc:
        return cls(
            path=row["path"],
            code=row["code"],
            title=row["title"],
            title_en=row["title_en"],
            forms=CodeForms(*row["forms"]),
            level=row["level"],
            category=row["category"],
            area=row["area"],
            area_name=Pair(*row["area_name"]),
            owner=row["owner"],
            owner_name=Pair(*row["owner_name"]),
            items=tuple(Pair(*p) for p in row["items"]),
            documents=tuple(row["documents"]),
            year=row["year"],
            steps=tuple((dt.date.fromisoformat(d), s) for d, s in row["steps"]),
        )


def extra_titles(wh: Warehouse, rec: StandardRecord) -> tuple[str, ...]:
    """The titles every source of :data:`TEXT_SOURCES` gives for a standard, once each."""
    found: list[str] = []
    for source in TEXT_SOURCES:
        found.extend(source(wh, rec))
    return tuple(dict.fromkeys(found))


def _forms_tuple(forms: CodeForms) -> tuple[str, ...]:
    return (forms.full, forms.bare, forms.number, forms.number_year, forms.kind_number)


def _area_name(wh: Warehouse, area: str) -> Pair:
    if not area:
        return Pair("", "")
    return Pair(wh.framework.area_label(area, "zh"), wh.framework.area_label(area, "en"))


def search_doc(wh: Warehouse, rec: StandardRecord) -> SearchDoc:
    """The search record of one standard."""
    std = rec.model
    fw = wh.framework
    area = std.area or ""
    owner = std.owner or ""
    district = wh.district_by_slug.get(owner) if owner else None
    items: list[Pair] = []
    for code in rec.items:
        item = fw.item_names.get(code)
        items.append(Pair(item.label("zh"), item.label("en")) if item else Pair(code, code))
    return SearchDoc(
        path=rec.path,
        code=rec.code,
        title=std.title,
        title_en=std.title_en or "",
        forms=code_forms(rec.parsed),
        level=rec.parsed.level,
        category=std.category or "",
        area=area,
        area_name=_area_name(wh, area),
        owner=owner,
        owner_name=Pair(
            district.model.name if district else owner,
            (district.model.name_en or district.model.name) if district else owner,
        ),
        items=tuple(items),
        documents=extra_titles(wh, rec),
        year=rec.parsed.year,
        steps=state_steps(wh, rec),
    )


def search_docs(wh: Warehouse) -> list[SearchDoc]:
    return [search_doc(wh, rec) for rec in wh.standards]
