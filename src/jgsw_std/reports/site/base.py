"""What every page builder of the site receives and returns.

A :class:`Page` is a path in the site, a template and the page's own context:
plain JSON-able data whose links are relative to the site's root. The
templates prefix them with the way back to the root (``base``), so a page's
context, and with it the hash that decides whether the page is rewritten,
does not depend on where the page sits.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from jgsw_std.model.codes import code_slug, normalize_code

if TYPE_CHECKING:
    from jgsw_std.history.site_log import SiteHistory
    from jgsw_std.load.warehouse import StandardRecord, Warehouse
    from jgsw_std.reports.sections.base import Inputs


@dataclass
class Page:
    path: str  # in the site, POSIX: "standards/db50-t-1056-2020.html"
    template: str  # under templates/site/
    title: str
    nav: str  # the menu entry the page belongs to
    context: dict[str, Any] = field(default_factory=dict)
    indexed: bool = False  # searched: Pagefind indexes the page (the standards' pages)
    #: what the search index reads of the page (its searched header): when only the rest
    #: of the page changes (a review recorded), the index need not be rebuilt
    searched: dict[str, Any] | None = None

    @property
    def base(self) -> str:
        """The way from this page back to the site's root: "" or "../"."""
        return "../" * self.path.count("/")


class Links:
    """Where each standard and unit has its page; the one place page names are decided."""

    def __init__(self, wh: Warehouse) -> None:
        self._standards: dict[str, str] = {}  # file path -> page
        self._codes: dict[str, str] = {}  # normalized code -> page (the first file wins)
        used: set[str] = set()
        for rec in sorted(wh.standards, key=lambda r: r.path):
            stem = code_slug(rec.code) or "standard"
            name, n = stem, 2
            while name in used:  # two files with one code (N-rule error): both keep a page
                name, n = f"{stem}-{n}", n + 1
            used.add(name)
            self._standards[rec.path] = f"standards/{name}.html"
            self._codes.setdefault(normalize_code(rec.code), self._standards[rec.path])
        self._units = {d.slug: f"districts/{d.slug}.html" for d in wh.districts}

    def standard(self, rec: StandardRecord) -> str:
        return self._standards[rec.path]

    def standard_path(self, path: str) -> str | None:
        return self._standards.get(path)

    def code(self, code: str | None) -> str | None:
        """The page of the standard with this code, or None when the warehouse lacks it."""
        return self._codes.get(normalize_code(code)) if code else None

    def unit(self, slug: str | None) -> str | None:
        return self._units.get(slug) if slug else None


@dataclass
class SiteInputs:
    """Everything computed once for all pages."""

    inp: Inputs  # the date's AsOf, labels and the city scope (as the report's sections)
    final_date: dt.date | None  # the plan's end, when there is a plan
    duties: list[dict[str, Any]]  # due within the window or overdue (app/due.py's rows)
    due_days: int
    history: SiteHistory | None
    links: Links
    generated_at: str
    generator: str
    #: the report's context for the same date (its sections reused); set after the
    #: standards' pages, which do not need it, are written
    report: dict[str, Any] = field(default_factory=dict)

    @property
    def wh(self) -> Warehouse:
        return self.inp.wh

    @property
    def t(self) -> dict[str, str]:
        return self.inp.t

    @property
    def lang(self) -> str:
        return self.inp.lang

    @cached_property
    def duties_by_path(self) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        for duty in self.duties:
            out.setdefault(duty["path"], []).append(duty)
        return out

    @cached_property
    def duties_by_owner(self) -> dict[str | None, list[dict[str, Any]]]:
        out: dict[str | None, list[dict[str, Any]]] = {}
        for duty in self.duties:
            out.setdefault(duty["owner"], []).append(duty)
        return out

    def ref(self, code: str) -> dict[str, Any]:
        """A code as a link: its page, title and state when the warehouse has it."""
        rec = self.wh.standard(code)
        if rec is None:
            return {"code": code, "url": None, "title": "", "state": None, "state_label": ""}
        state = self.inp.at.state(rec)
        return {
            "code": rec.code,
            "url": self.links.standard(rec),
            "title": self.inp.title(rec),
            "state": state,
            "state_label": self.t[f"state.{state}"],
        }
