"""Build a report's context: plain, JSON-able data from the metrics and the rules.

Nothing here decides a figure. Indicator values come from
``metrics.registry.compute_all`` and duties from ``check.check_warehouse``,
called once each for the same date and scope as `jgsw status` and `jgsw
check`; the catalogue and the framework table list records by their state on
that date as :mod:`jgsw_std.lifecycle` decides it. Templates only lay the
context out, so a user's own template cannot make the numbers disagree.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jgsw_std import __version__
from jgsw_std.check import check_warehouse
from jgsw_std.forking import PARALLEL_FROM, beside
from jgsw_std.problems import Severity
from jgsw_std.reports.labels import labels_for
from jgsw_std.reports.sections.base import Inputs
from jgsw_std.reports.sections.catalogue import build_catalogue
from jgsw_std.reports.sections.districts import build_districts
from jgsw_std.reports.sections.duties import build_duties
from jgsw_std.reports.sections.matrix import build_matrix
from jgsw_std.reports.sections.summary import build_summary
from jgsw_std.reports.sections.trend import build_trend, read_trend
from jgsw_std.reports.version import generated_at, read_version

if TYPE_CHECKING:
    from jgsw_std.load.warehouse import Warehouse
    from jgsw_std.metrics.scope import Scope
    from jgsw_std.model.indicators import IndicatorSet

#: Sections in reading order, with the label of each title; a section whose data
#: is None (the trend without history) is left out of the page and its contents.
SECTION_TITLES: dict[str, str] = {
    "summary": "sec_summary",
    "matrix": "sec_matrix",
    "catalogue": "sec_catalogue",
    "duties": "sec_duties",
    "districts": "sec_districts",
    "trend": "sec_trend",
}


@dataclass
class ReportOptions:
    """What a report is about, besides the warehouse."""

    as_of: dt.date
    scope: Scope
    lang: str = "zh"
    indicators: IndicatorSet | None = None  # another plan's targets (--indicators)
    indicators_source: str = "data/indicators.yaml"
    now: dt.datetime | None = None  # generated-at; fixed in tests
    history: bool = True  # read git history for the trend section (hidden when there is none)
    parallel: bool = True  # on a large warehouse, run the checks in a forked child


def heading_anchor(title: str) -> str:
    """The id GitHub and GitLab give a Markdown heading, for the outline's links."""
    kept = re.sub(r"[^\w\- ]", "", title.strip().lower())
    return kept.replace(" ", "-")


def is_synthetic(wh: Warehouse) -> bool:
    """Whether the records were written by `jgsw demo` (each says so in its source)."""
    from jgsw_std.demo.generator import SYNTHETIC

    sources = [s.model.source for s in wh.standards] + [d.model.source for d in wh.districts]
    return any(source == SYNTHETIC for source in sources)


def _cover(
    wh: Warehouse,
    opts: ReportOptions,
    t: dict[str, str],
    checks: dict[str, int],
    indicators: IndicatorSet | None,
) -> dict[str, Any]:
    plan = indicators.plan if indicators else None
    plan_name = ""
    if plan is not None:
        plan_name = (plan.name_en or plan.name) if opts.lang == "en" else plan.name
    version = read_version(wh.root, wh.revision)
    return {
        "title": t["report_title"],
        "plan": plan_name,
        "plan_document": plan.document if plan else None,
        "plan_start": plan.start.isoformat() if plan else None,
        "plan_end": plan.end.isoformat() if plan else None,
        "scope": opts.scope.key,
        "scope_label": opts.scope.label(wh, opts.lang),
        "as_of": opts.as_of.isoformat(),
        "generated_at": generated_at(opts.now),
        "generator": f"jgsw {__version__}",
        "version": version,
        "indicators_source": opts.indicators_source,
        "root": str(wh.root or ""),
        "counts": dict(wh.counts),
        "counts_text": t["counts_text"].format(**wh.counts),
        "checks": checks,
        "checks_text": t["checks_text"].format(**checks),
        "synthetic": is_synthetic(wh),
    }


def build_context(wh: Warehouse, opts: ReportOptions) -> dict[str, Any]:
    """Everything a template needs, as plain data (str, int, float, bool, None, list, dict)."""
    from jgsw_std.metrics.registry import compute_all

    t = labels_for(opts.lang)
    scope = opts.scope
    indicators = opts.indicators or wh.indicators
    inp = Inputs(wh, opts.as_of, opts.lang, t, scope, scope.standards(wh))

    units = scope.units(wh)
    paths = (
        None
        if scope.kind == "city"
        else ({rec.path for rec in inp.standards} | {d.path for d in units})
    )

    def checked() -> tuple[dict[str, int], dict[str, Any]]:
        findings = check_warehouse(wh, opts.as_of)
        counts = {
            "errors": findings.errors,
            "warnings": findings.warnings,
            "infos": findings.count(Severity.INFO),
            "suppressed": findings.suppressed,
        }
        return counts, build_duties(findings, paths, inp)

    fork = opts.parallel and len(wh.standards) >= PARALLEL_FROM
    with beside(checked, fork) as pending:  # the checks run while the indicators are computed
        results = compute_all(wh, indicators, opts.as_of, scope=scope.key) if indicators else []
        data: dict[str, Any] = {
            "summary": build_summary(results, indicators, inp),
            "matrix": build_matrix(inp),
            "catalogue": build_catalogue(inp),
            "duties": None,
            "districts": build_districts(units, indicators, compute_all, inp),
            "trend": build_trend(read_trend(wh, scope.key, inp), inp) if opts.history else None,
        }
        checks, data["duties"] = pending.result()
    sections = [
        {
            "key": key,
            "title": t[SECTION_TITLES[key]],
            "anchor": heading_anchor(t[SECTION_TITLES[key]]),
        }
        for key in SECTION_TITLES
        if data[key] is not None
    ]
    return {
        "lang": opts.lang,
        "t": t,
        "cover": _cover(wh, opts, t, checks, indicators),
        "sections": sections,
        **data,
    }
