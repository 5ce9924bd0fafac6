"""The site use case: compute every page of the information platform (检索、统计、共享、公开).

One AsOf serves the report's sections (indicators, framework table,
districts, duties, trend), the catalogue, the due list and every standard's
page; the indicators are computed again for the plan's end; git is read in
bulk once (history/site_log.py). The result is a plan of pages and tables;
output/site.py renders and writes only what changed, and builds the search
index.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jgsw_std.errors import UsageError
from jgsw_std.progress import SILENT, Progress

#: The window of the due list, in days (as `jgsw due`).
DUE_DAYS = 90


@dataclass
class SiteRequest:
    out: Path
    root: Path | None = None
    lang: str = "zh"
    as_of: dt.date = field(default_factory=dt.date.today)
    search: bool = True  # build the Pagefind index
    now: dt.datetime | None = None  # generated-at; fixed in tests


@dataclass
class SitePlan:
    """Everything the writer needs: pages, the shared context and the download tables."""

    out: Path
    pages: list[Any]  # reports.site.base.Page: the standards' first, the rest after rest()
    common: dict[str, Any]  # what every page shares (labels, language, the demo flag)
    tables: list[Any]  # edit.sheet_layout.Table: the catalogue's downloads
    search: bool
    lang: str
    counts: dict[str, int]
    left_out: int  # files that failed validation: not on the site
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step (bench/)
    #: computes the other pages and the tables into this plan (the writer calls it once)
    rest: Callable[[], None] = lambda: None


def pagefind_missing() -> UsageError:
    return UsageError(
        "pagefind_missing",
        zh="jgsw site 需要 Pagefind（扩展版，能切分中文词）来建立检索索引，但没有安装。",
        en="jgsw site needs Pagefind (the extended build, which segments Chinese) for its "
        "search index, and it is not installed.",
        hint_zh='安装：python -m pip install "jgsw-std[site]"（或 "pagefind[extended]"）；'
        "离线安装见 README“离线与 Windows”。只要页面、不要检索时加 --no-search。",
        hint_en='Install it: python -m pip install "jgsw-std[site]" (or '
        '"pagefind[extended]"); for an offline machine see README, "Working offline". '
        "Add --no-search to build the pages without search.",
    )


def require_pagefind() -> None:
    """Stop before any work when the search index cannot be built."""
    import os

    if os.environ.get("PAGEFIND_BINARY_PATH"):
        return
    if importlib.util.find_spec("pagefind_bin_extended") is None:
        raise pagefind_missing()


def _out_dir(out: Path) -> Path:
    """The folder to write: new, empty, or a site jgsw built before (never someone's files)."""
    from jgsw_std.reports.site.manifest import MANIFEST

    out = out.expanduser()
    if out.exists() and not out.is_dir():
        raise UsageError(
            "site_out_file",
            zh=f"{out} 是文件，不是目录。",
            en=f"{out} is a file, not a folder.",
        )
    if out.is_dir() and any(out.iterdir()) and not (out / MANIFEST).is_file():
        raise UsageError(
            "site_out_not_empty",
            zh=f"{out} 不是空目录，也不是 jgsw site 生成的网站；为免覆盖其中的文件，未写入。",
            en=f"{out} is neither empty nor a site jgsw built; nothing was written, so that "
            "none of its files is overwritten.",
            hint_zh="换一个新目录，或先清空该目录。",
            hint_en="Give a new folder, or empty this one first.",
        )
    return out


def _duty_rows(calendar: Any, lang: str, links: Any, wh: Any) -> list[dict[str, Any]]:
    from jgsw_std.lifecycle.duties import DUTY_NAMES

    rows: list[dict[str, Any]] = []
    for group in calendar.groups:
        for duty in group.duties:
            left = duty.days_left(calendar.as_of)
            if left < 0:
                when = f"{-left} days overdue" if lang == "en" else f"逾期 {-left} 天"
            elif left == 0:
                when = "due today" if lang == "en" else "今天到期"
            else:
                when = f"in {left} days" if lang == "en" else f"还有 {left} 天"
            zh, en = DUTY_NAMES[duty.kind]
            yearly = duty.kind in ("meeting", "training", "summary")
            year = duty.key.rsplit(":", 1)[-1]
            what = (
                (year if lang == "en" else f"{year} 年度") if yearly else f"{duty.key} {duty.label}"
            )
            rec = wh.standard(duty.key) if not yearly else None
            rows.append(
                {
                    "owner": duty.owner,
                    "due": duty.due.isoformat(),
                    "days_left": left,
                    "overdue": left < 0,
                    "when": when,
                    "kind": duty.kind,
                    "kind_label": en if lang == "en" else zh,
                    "what": what,
                    "url": links.standard(rec) if rec is not None else links.unit(duty.owner),
                    "path": duty.path,
                }
            )
    return rows


class _Clock:
    def __init__(self) -> None:
        import time

        self._now = time.perf_counter
        self._last = self._now()
        self.laps: dict[str, float] = {}

    def lap(self, name: str) -> None:
        now = self._now()
        self.laps[name] = now - self._last
        self._last = now


def plan_site(request: SiteRequest, progress: Progress = SILENT) -> SitePlan:
    """Open the warehouse and compute the standards' pages; :attr:`SitePlan.rest` the others.

    The standards' pages come first because the search index is built from
    them: the writer starts it and computes the rest meanwhile (the report's
    sections, the catalogue, the downloads), two cores at work instead of one.
    """
    from jgsw_std import __version__
    from jgsw_std.app.check import judge_on
    from jgsw_std.app.due import due_calendar
    from jgsw_std.app.open import open_warehouse
    from jgsw_std.history.site_log import read_site_history
    from jgsw_std.metrics.scope import parse_scope
    from jgsw_std.reports.context import ReportOptions, report_inputs
    from jgsw_std.reports.site.base import Links, SiteInputs
    from jgsw_std.reports.site.labels import site_labels
    from jgsw_std.reports.site.materials import build_material_pages
    from jgsw_std.reports.site.standard import build_standard_pages
    from jgsw_std.reports.version import generated_at

    clock = _Clock()
    if request.search:
        require_pagefind()
    out = _out_dir(request.out)
    with progress.step("读取标准仓", "reading the warehouse"):
        wh = open_warehouse(request.root)
    clock.lap("load")
    lang = request.lang
    options = ReportOptions(
        as_of=request.as_of, scope=parse_scope("city", wh), lang=lang, now=request.now
    )
    with progress.step("读取到期事项与修改历史", "reading the due list and the history"):
        at = judge_on(wh, request.as_of)
        links = Links(wh)
        calendar = due_calendar(at, DUE_DAYS)
        paths = [r.path for r in wh.standards]
        history = read_site_history(wh.root, paths) if wh.root else None
    clock.lap("due list and git history")
    inp = report_inputs(at, options)
    inp.t = site_labels(lang)  # the report's words and the site's
    plan = wh.indicators
    site = SiteInputs(
        inp=inp,
        final_date=plan.plan.end if plan is not None and plan.plan is not None else None,
        duties=_duty_rows(calendar, lang, links, wh),
        due_days=DUE_DAYS,
        history=history,
        links=links,
        generated_at=generated_at(request.now),
        generator=f"jgsw {__version__}",
    )
    # the searched pages first (standards', materials'): the index is built from them
    with progress.step("生成标准页面", "making the standards' pages"):
        searched = [*build_standard_pages(site), *build_material_pages(site)]
    clock.lap("standard pages")
    common = {
        "lang": lang,
        "t": inp.t,
        "synthetic": wh.synthetic,
        "as_of": request.as_of.isoformat(),
        "generator": f"jgsw {__version__}",
    }
    left_out = sum(1 for e in wh.files.values() if e.kind != "unknown" and not e.valid)
    result = SitePlan(
        out=out,
        pages=searched,
        common=common,
        tables=[],
        search=request.search,
        lang=lang,
        counts={"standards": len(wh.standards), "districts": len(wh.districts)},
        left_out=left_out,
        timings=clock.laps,
    )
    result.rest = lambda: _rest(result, site, options, clock)
    return result


def _rest(plan: SitePlan, site: Any, options: Any, clock: _Clock) -> None:
    """The other pages and the downloads: computed while the search index is built."""
    from jgsw_std.app.export import standards_rows
    from jgsw_std.app.report import report_context
    from jgsw_std.edit.sheet_layout import SHEET_STANDARDS, STANDARD_COLUMNS, Table, sheet_name
    from jgsw_std.metrics.registries import registry_figures
    from jgsw_std.metrics.registry import compute_all
    from jgsw_std.reports.context import report_inputs
    from jgsw_std.reports.sections.summary import build_summary
    from jgsw_std.reports.site import build_other_pages
    from jgsw_std.reports.site.catalogue import catalogue_rows
    from jgsw_std.reports.site.figures import registry_rows

    at, wh, lang = site.inp.at, site.wh, site.lang
    site.report = report_context(wh, options, at=at)
    clock.lap("report")
    indicators = wh.indicators
    final = None
    if indicators is not None and site.final_date == options.as_of:
        final = site.report["summary"]  # the same date: the same figures
    elif indicators is not None and site.final_date is not None:
        at_end = at.on(site.final_date)
        results = compute_all(at_end, indicators, "city")
        final = build_summary(results, indicators, report_inputs(at_end, options))
    # the warehouse's own figures (专家库, 信息反馈) on both dates, as `jgsw status` gives them
    today = registry_figures(at, options.scope)
    at_plan_end = None  # a column for the plan's end exactly when the indicators have one
    if final is not None and site.final_date is not None:
        at_plan_end = (
            today
            if site.final_date == options.as_of
            else registry_figures(at.on(site.final_date), options.scope)
        )
    registries = registry_rows(today, at_plan_end, lang)
    rows = catalogue_rows(site)
    plan.pages = [*build_other_pages(site, rows, final, registries), *plan.pages]
    table = Table(sheet_name(SHEET_STANDARDS, lang), STANDARD_COLUMNS, standards_rows(at, lang))
    plan.tables = [table]
    clock.lap("other pages")
