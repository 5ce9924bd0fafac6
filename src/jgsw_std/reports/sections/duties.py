"""Duties: what the bureaus have left undone, straight from `jgsw check`'s findings.

The rows are the settled problems of :func:`jgsw_std.app.check.check_warehouse`
for the same date, so the report and `jgsw check` list the same duties. Only
the duty families are shown here (G gaps, L lifecycle, Q quality, U districts);
validation findings (Y, S, N, R, D) are summed up on the cover.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from jgsw_std.problems import Problem
from jgsw_std.problems.catalogue import CATALOGUE
from jgsw_std.problems.result import CheckResult
from jgsw_std.reports.sections.base import Inputs

DUTY_FAMILIES = frozenset("GLQU")

#: Duty groups in the order the report shows them, each with the rule names it
#: collects. Names, not codes, so a renumbered code still lands in its group;
#: a duty rule no group names falls back to its family's group.
GROUPS: tuple[tuple[str, frozenset[str]], ...] = (
    ("review-overdue", frozenset({"review-overdue"})),
    ("review-due", frozenset({"review-due-soon"})),
    ("evaluation-due", frozenset({"evaluation-due"})),
    ("low-usage", frozenset({"low-usage"})),
    ("no-usage", frozenset({"usage-not-recorded"})),
    ("duplicates", frozenset({"likely-duplicate"})),
    ("superseded-refs", frozenset({"cites-obsolete-standard"})),
    (
        "revision",
        frozenset({"revision-not-planned", "revision-overdue", "repeal-not-carried-out"}),
    ),
    ("plan-overdue", frozenset({"planned-past-year"})),
)
FAMILY_GROUP = {"G": "gaps", "U": "districts", "Q": "quality", "L": "other"}
GROUP_ORDER: tuple[str, ...] = (
    *(key for key, _ in GROUPS),
    "gaps",
    "districts",
    "quality",
    "other",
)


def duty_group(problem: Problem) -> str | None:
    """The duty group a finding belongs to, or None for a validation finding."""
    if problem.code[:1] not in DUTY_FAMILIES:
        return None
    rule_ = CATALOGUE.get(problem.code)
    name = rule_.name if rule_ else ""
    for key, names in GROUPS:
        if name in names:
            return key
    return FAMILY_GROUP[problem.code[0]]


def _subjects(inp: Inputs) -> dict[str, tuple[str, str]]:
    """File path -> (what it is about, its title or name), for every record."""
    out = {rec.path: (rec.code, inp.title(rec)) for rec in inp.wh.standards}
    for d in inp.wh.districts:
        out[d.path] = (d.slug, inp.unit_names.get(d.slug, d.slug))
    return out


def duty_problems(result: CheckResult, paths: set[str] | None) -> list[Problem]:
    """The findings the duties section lists, for a scope's files (None: every file)."""
    return [
        p
        for p in result.problems
        if duty_group(p) is not None and (paths is None or p.path in paths)
    ]


def build_duties(result: CheckResult, paths: set[str] | None, inp: Inputs) -> dict[str, Any]:
    subjects = _subjects(inp)
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    # What to do is the same for every finding of a rule, so a group says it once
    # per rule (from its first finding) instead of on each of thousands of rows.
    advice: dict[str, dict[str, dict[str, str]]] = defaultdict(dict)
    for problem in duty_problems(result, paths):
        group = duty_group(problem)
        assert group is not None
        subject, title = subjects.get(problem.path, (problem.path, ""))
        if problem.code not in advice[group]:
            rule_ = CATALOGUE.get(problem.code)
            advice[group][problem.code] = {
                "code": problem.code,
                "name": rule_.name if rule_ else "",
                "hint": problem.hint(inp.lang),
            }
        grouped[group].append(
            {
                "code": problem.code,
                "severity": problem.severity.value,
                "severity_label": inp.t[f"sev.{problem.severity.value}"],
                "subject": subject,
                "title": title,
                "message": problem.message(inp.lang),
                "path": problem.path,
                "line": problem.line,
                "location": f"{problem.path}:{problem.line}" if problem.line else problem.path,
            }
        )
    groups: list[dict[str, Any]] = [
        {
            "key": key,
            "label": inp.t[f"duty.{key}"],
            "count": len(grouped[key]),
            "rules": list(advice[key].values()),
            "rows": grouped[key],
        }
        for key in GROUP_ORDER
        if grouped.get(key)
    ]
    total = sum(g["count"] for g in groups)
    return {
        "total": total,
        "total_text": inp.t["duty_total"].format(total=total),
        "groups": groups,
    }
