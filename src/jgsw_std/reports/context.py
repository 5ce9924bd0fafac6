"""Build a report's context: plain, JSON-able data from the metrics and the rules.

Nothing here decides a figure. Indicator values come from
``metrics.registry.compute_all`` and duties from ``check.check_warehouse``,
called once each for the same date and scope as `jgsw status` and `jgsw
check`; the catalogue and the framework table list records by their state on
that date as :mod:`jgsw_std.lifecycle.state` decides it. Templates only lay the
context out, so a user's own template cannot make the numbers disagree.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jgsw_std import __version__
from jgsw_std.problems import Severity
from jgsw_std.reports.labels import labels_for
from jgsw_std.reports.sections.base import Inputs
from jgsw_std.reports.sections.catalogue import build_catalogue
from jgsw_std.reports.sections.districts import Compute, build_districts
from jgsw_std.reports.sections.experts import build_experts
from jgsw_std.reports.sections.feedback import build_feedback
from jgsw_std.reports.sections.matrix import build_matrix
from jgsw_std.reports.sections.trend import build_trend
from jgsw_std.reports.version import generated_at, read_version

if TYPE_CHECKING:
    from jgsw_std.history.trend import Trend
    from jgsw_std.lifecycle.asof import AsOf
    from jgsw_std.load.warehouse import Warehouse
    from jgsw_std.metrics.scope import Scope
    from jgsw_std.model.indicators import IndicatorSet
    from jgsw_std.problems.result import CheckResult

#: Sections in reading order, with the label of each title; a section whose data
#: is None (the trend without history) is left out of the page and its contents.
SECTION_TITLES: dict[str, str] = {
    "summary": "sec_summary",
    "matrix": "sec_matrix",
    "catalogue": "sec_catalogue",
    "duties": "sec_duties",
    "districts": "sec_districts",
    "experts": "sec_experts",
    "feedback": "sec_feedback",
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


def heading_anchor(title: str) -> str:
    """The id GitHub and GitLab give a Markdown heading, for the outline's links."""
    kept = re.sub(r"[^\w\- ]", "", title.strip().lower())
    return kept.replace(" ", "-")


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
        "synthetic": wh.synthetic,
        # documents' files: linked relative to where the report is written, only when
        # it lies inside the warehouse (output/report.link_files sets files_base)
        "files_linkable": wh.root is not None and wh.revision is None,
        "files_base": None,
    }


def report_inputs(at: AsOf, opts: ReportOptions) -> Inputs:
    """What every section reads: the date's AsOf, the language and the scope's standards."""
    return Inputs(at, opts.lang, labels_for(opts.lang), opts.scope, opts.scope.standards(at.wh))


def scope_paths(inp: Inputs) -> set[str] | None:
    """The files a scope's duties come from: None for the city (all of them)."""
    if inp.scope.kind == "city":
        return None
    return {rec.path for rec in inp.standards} | {d.path for d in inp.scope.units(inp.wh)}


def check_counts(findings: CheckResult) -> dict[str, int]:
    return {
        "errors": findings.errors,
        "warnings": findings.warnings,
        "infos": findings.count(Severity.INFO),
        "suppressed": findings.suppressed,
    }


def build_context(
    inp: Inputs,
    opts: ReportOptions,
    *,
    summary: dict[str, Any],
    unit_figures: Compute,
    trend: Trend | None,
    checked: Callable[[], tuple[dict[str, int], dict[str, Any]]],
) -> dict[str, Any]:
    """Everything a template needs, as plain data (str, int, float, bool, None, list, dict).

    ``summary`` is the scope's indicators laid out (summary.build_summary: the
    figures themselves hold every record they count, so the caller lets them go
    before the rest is made); ``unit_figures`` computes one
    district's; ``checked`` gives the settled check's counts and the duties
    section, and is called last, so a check running meanwhile in another
    process overlaps the rest of the work.
    """
    from jgsw_std.metrics.registries import registry_figures

    wh, t = inp.wh, inp.t
    indicators = opts.indicators or wh.indicators
    registries = registry_figures(inp.at, inp.scope)
    data: dict[str, Any] = {
        "summary": summary,
        "matrix": build_matrix(inp),
        "catalogue": build_catalogue(inp),
        "duties": None,
        "districts": build_districts(inp.scope.units(wh), indicators, unit_figures, inp),
        "experts": build_experts(registries, inp),
        "feedback": build_feedback(registries, inp),
        "trend": build_trend(trend, inp),
    }
    checks, data["duties"] = checked()
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
