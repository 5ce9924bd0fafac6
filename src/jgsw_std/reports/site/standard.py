"""One page per standard: every field, its lifecycle, usage, links, duties and git history.

Registries added later (documents, feedback, experts) add a section to every
standard's page by appending a function to :data:`STANDARD_SECTIONS`; a
section is a titled table of plain cells (text, with a link where there is
one), so no template needs to change.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from jgsw_std.lifecycle.state import successors
from jgsw_std.model.code_match import code_forms
from jgsw_std.model.codes import normalize_code
from jgsw_std.reports.searchable import extra_titles
from jgsw_std.reports.site.base import Page, SiteInputs
from jgsw_std.reports.site.standard_registries import (
    expert_names,
    experts_section,
    feedback_section,
)

if TYPE_CHECKING:
    from jgsw_std.history.record_log import HistoryEntry
    from jgsw_std.load.warehouse import StandardRecord

Section = Callable[[SiteInputs, "StandardRecord"], dict[str, Any] | None]

#: The parts of a standard's page the search index is built from (the page's header).
SEARCHED = ("code", "title", "tokens", "search_text", "filters")
#: Chains longer than this are cut (R rules report the cycles that would loop).
CHAIN_LIMIT = 30


def _documents(site: SiteInputs, rec: StandardRecord) -> dict[str, Any] | None:
    """The standard's ``documents:`` (资料库), once the data contract's field exists."""
    docs = getattr(rec.model, "documents", None)
    if not docs:
        return None
    en = site.lang == "en"
    rows = []
    for doc in docs:
        url = getattr(doc, "url", None)
        where = getattr(doc, "path", None) or url or ""
        rows.append(
            [
                {"text": str(getattr(doc, "kind", "") or "")},
                {"text": str(getattr(doc, "title", "") or ""), "url": url},
                {"text": str(where), "code": True},
            ]
        )
    return {
        "key": "documents",
        "title": "Documents" if en else "资料",
        "columns": ["Kind", "Title", "Location"] if en else ["类别", "标题", "位置"],
        "rows": rows,
    }


#: Sections shown after the standard's own record, in order. A registry appends
#: ``(site, record) -> {"key", "title", "columns", "rows"} or None`` here.
STANDARD_SECTIONS: list[Section] = [_documents, feedback_section, experts_section]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class StandardPages:
    """Builds the standards' pages; the reverse links are indexed once for all of them."""

    def __init__(self, site: SiteInputs) -> None:
        self.site = site
        self.cited_by: dict[str, list[StandardRecord]] = defaultdict(list)
        self.named_successor: dict[str, list[StandardRecord]] = defaultdict(list)
        for rec in site.wh.standards:
            for code in rec.model.references:
                self.cited_by[normalize_code(code)].append(rec)
            if rec.model.superseded_by:
                self.named_successor[normalize_code(rec.model.superseded_by)].append(rec)

    # -- pieces ------------------------------------------------------------------------

    def fields(self, rec: StandardRecord) -> list[dict[str, Any]]:
        site, t, std = self.site, self.site.t, rec.model
        fw, lang = site.wh.framework, site.lang
        unit = site.wh.district_by_slug.get(std.owner) if std.owner else None

        def row(key: str, value: Any, url: str | None = None, **extra: Any) -> dict[str, Any]:
            return {
                "key": key,
                "label": t[f"field_{key}"],
                "text": _text(value),
                "url": url,
                **extra,
            }

        items = [fw.item_names[i].label(lang) if i in fw.item_names else i for i in rec.items]
        rows = [
            row("code", rec.code, code=True),
            row("title", std.title),
            row("title_en", std.title_en),
            row("level", site.inp.level_label(rec.parsed.level)),
            row("category", fw.category_label(std.category, lang) if std.category else None),
            row("area", site.inp.area_label(std.area) if std.area else None),
            row("items", "、".join(items) if lang != "en" else ", ".join(items)),
            row(
                "owner",
                site.inp.unit_names.get(std.owner, std.owner) if std.owner else None,
                site.links.unit(std.owner) if unit else None,
            ),
            row("joint", ", ".join(std.joint) if std.joint else None),
            row("collab_group", std.collab_group),
            row("status", t[f"status.{std.lifecycle}"]),
            row(
                "plan",
                f"{std.plan.year or ''} {t.get(f'plan_kind.{std.plan.kind}', '')}".strip()
                if std.plan
                else None,
            ),
            row("published", std.published),
            row("effective", std.effective),
            row("repealed", std.repealed),
            row("supersedes", None, links=[site.ref(c) for c in std.supersedes]),
            row(
                "superseded_by",
                None,
                links=[site.ref(std.superseded_by)] if std.superseded_by else [],
            ),
            row("references", None, links=[site.ref(c) for c in std.references]),
            row("source", std.source),
            row("file", rec.path, code=True),
        ]
        return [r for r in rows if r["text"] or r.get("links")]

    def item_words(self, rec: StandardRecord) -> list[str]:
        """The business items' names in both languages (the page shows one)."""
        names = self.site.wh.framework.item_names
        return [n for i in rec.items if i in names for n in (names[i].name, names[i].name_en or "")]

    def search_text(self, rec: StandardRecord, shown: str) -> str:
        """The words the search finds besides the code and the shown title: the title in
        the other language, business items and lead unit in both, document titles."""
        std = rec.model
        words = [w for w in (std.title, std.title_en or "") if w and w != shown]
        words += self.item_words(rec)
        unit = self.site.wh.district_by_slug.get(std.owner) if std.owner else None
        if unit is not None:
            words += [unit.model.name, unit.model.name_en or ""]
        words += extra_titles(self.site.wh, rec)
        return " ".join(dict.fromkeys(w for w in words if w))

    def experts_note(self, slugs: list[str] | None) -> list[str]:
        """ "专家：张伟、李娜" for a review's or evaluation's experts (names only)."""
        names = expert_names(self.site, slugs)
        if not names:
            return []
        return [self.site.t["ev_experts"].format(names=self.site.t["enum"].join(names))]

    def timeline(self, rec: StandardRecord) -> list[dict[str, Any]]:
        site, t, std = self.site, self.site.t, rec.model
        # date (None: recorded without one), kind, label, note
        events: list[tuple[dt.date | None, str, str, str]] = []
        if std.plan is not None:
            note = t.get(f"plan_kind.{std.plan.kind}", "")
            day = dt.date(std.plan.year, 1, 1) if std.plan.year is not None else None
            events.append((day, "planned", t["ev_planned"], note))
        if std.published:
            events.append((std.published, "published", t["ev_published"], ""))
        if std.effective:
            events.append((std.effective, "effective", t["ev_effective"], ""))
        for review in std.reviews:
            bits = [t[f"conclusion.{review.conclusion}"]] if review.conclusion else []
            bits += [review.note] if review.note else []
            bits += self.experts_note(review.experts)
            note = " · ".join(bits)
            events.append((review.date, "review", t["ev_review"], note))
        for evaluation in std.evaluations:
            bits = (
                [t["ev_score"].format(score=f"{evaluation.score:g}")]
                if evaluation.score is not None
                else []
            )
            bits += [b for b in (evaluation.method, evaluation.note) if b]
            bits += self.experts_note(evaluation.experts)
            events.append((evaluation.date, "evaluation", t["ev_evaluation"], " · ".join(bits)))
        for successor in successors(site.wh, std):
            if successor.model.effective:
                note = t["ev_by"].format(code=successor.code)
                events.append((successor.model.effective, "superseded", t["ev_superseded"], note))
        if std.repealed:
            events.append((std.repealed, "repealed", t["ev_repealed"], ""))
        # undated events last: when they happened is not known, only that they did
        events.sort(key=lambda e: (e[0] is None, e[0] or dt.date.min))
        return [
            {
                "date": (
                    t["ev_undated"]
                    if day is None
                    else str(day.year)
                    if kind == "planned"
                    else day.isoformat()
                ),
                "kind": kind,
                "label": label,
                "note": note,
                "future": day is not None and day > site.inp.as_of,
            }
            for day, kind, label, note in events
        ]

    def usage(self, rec: StandardRecord) -> list[dict[str, Any]]:
        rows = []
        # a count without its year first; a number not recorded shows as a dash
        for u in sorted(rec.model.usage, key=lambda u: u.year or 0):
            rate = u.rate
            rows.append(
                {
                    "year": u.year or "—",
                    "applying": "—" if u.applying is None else u.applying,
                    "applicable": "—" if u.applicable is None else u.applicable,
                    "pct": round(rate * 100) if rate is not None else None,
                    "low": rate is not None and rate < self.site.wh.framework.low_usage_rate,
                }
            )
        return rows

    def chain(self, rec: StandardRecord) -> list[dict[str, Any]]:
        """Older versions, this one, newer versions: oldest first."""
        wh = self.site.wh
        older: list[str] = []
        frontier = [rec]
        seen = {normalize_code(rec.code)}
        while frontier and len(older) < CHAIN_LIMIT:
            current = frontier.pop()
            codes = list(current.model.supersedes) + [
                r.code for r in self.named_successor.get(normalize_code(current.code), [])
            ]
            for code in codes:
                key = normalize_code(code)
                if key in seen:
                    continue
                seen.add(key)
                older.insert(0, code)
                found = wh.standard(code)
                if found is not None:
                    frontier.append(found)
        newer: list[str] = []
        frontier = [rec]
        while frontier and len(newer) < CHAIN_LIMIT:
            current = frontier.pop()
            for successor in successors(wh, current.model):
                key = normalize_code(successor.code)
                if key not in seen:
                    seen.add(key)
                    newer.append(successor.code)
                    frontier.append(successor)
        if not older and not newer:
            return []
        out = [self.site.ref(c) for c in older]
        out.append({**self.site.ref(rec.code), "current": True})
        out += [self.site.ref(c) for c in newer]
        return out

    def history(self, rec: StandardRecord) -> list[dict[str, Any]] | None:
        found = self.site.history
        if found is None:
            return None
        return [_entry(e, self.site) for e in found.records.get(rec.path, [])]

    # -- the page ------------------------------------------------------------------------

    def page(self, rec: StandardRecord) -> Page:
        site, t = self.site, self.site.t
        state = site.inp.at.state(rec)
        title = site.inp.title(rec)
        sections = [s for s in (section(site, rec) for section in STANDARD_SECTIONS) if s]
        context = {
            "std": {
                "code": rec.code,
                "title": title,
                "state": state,
                "state_label": t[f"state.{state}"],
                "fields": self.fields(rec),
                "timeline": self.timeline(rec),
                "usage": self.usage(rec),
                "chain": self.chain(rec),
                "cited": [site.ref(c) for c in rec.model.references],
                "cited_by": [
                    site.ref(r.code)
                    for r in sorted(
                        self.cited_by.get(normalize_code(rec.code), []), key=lambda r: r.code
                    )
                    if r is not rec
                ],
                "duties": site.duties_by_path.get(rec.path, []),
                "history": self.history(rec),
                "sections": sections,
                # what Pagefind indexes besides the visible text
                "tokens": code_forms(rec.parsed).page_tokens(),
                "search_text": self.search_text(rec, title),
                "filters": {
                    "status": t[f"state.{state}"],
                    "area": site.inp.area_label(rec.model.area) if rec.model.area else "",
                    "category": site.wh.framework.category_label(rec.model.category, site.lang)
                    if rec.model.category
                    else "",
                    "level": site.inp.level_label(rec.parsed.level),
                    "owner": site.inp.unit_names.get(rec.model.owner, rec.model.owner)
                    if rec.model.owner
                    else "",
                    "year": str(rec.parsed.year),
                },
            }
        }
        searched = {k: context["std"][k] for k in SEARCHED}
        return Page(
            site.links.standard(rec),
            "standard.html.j2",
            f"{rec.code} {title}",
            "catalogue",
            context,
            indexed=True,
            searched=searched,
        )


def _entry(entry: HistoryEntry, site: SiteInputs) -> dict[str, Any]:
    t, lang = site.t, site.lang
    lines = [f.text(lang) for f in entry.fields]
    if entry.change == "renamed" and entry.old_path:
        lines.insert(0, f"{entry.old_path} → {entry.path}")
    if not lines and entry.change == "modified" and not entry.unreadable:
        lines.append(t["comments_only"])
    commit = entry.commit
    return {
        "when": commit.authored.strftime("%Y-%m-%d %H:%M"),
        "author": commit.author,
        "commit": commit.short,
        "subject": commit.subject,
        "change": entry.change,
        "change_label": t[f"change.{entry.change}"],
        "lines": lines,
    }


def build_standard_pages(site: SiteInputs) -> list[Page]:
    pages = StandardPages(site)
    return [pages.page(rec) for rec in site.wh.standards]
