"""A standard's page: its feedback (信息反馈) and its experts (drafters, reviewers, evaluators).

Two sections of :data:`jgsw_std.reports.site.standard.STANDARD_SECTIONS`.
Both are published, so both leave out what is personal: an expert appears by
name and organization, never with ``contact`` (DOMAIN.md: personal data); a
feedback item by its id, the unit that raised it and its dates, decision and
state, never its text (a complaint may name a person or quote one).

The feedback is the site's date's (``--as-of``): items received after it are
not yet on the page, and each item's state is the one the report and ``jgsw
status`` give on that date (metrics/registries.py), so the page and the
figures agree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jgsw_std.metrics.registries import item_state
from jgsw_std.model.codes import normalize_code

if TYPE_CHECKING:
    import datetime as dt

    from jgsw_std.load.warehouse import StandardRecord
    from jgsw_std.reports.site.base import SiteInputs

#: How each state of an item shows: the chip colours the indicators use
STATE_CHIPS = {
    "closed": "met",
    "answered": "on-track",
    "unanswered": "behind",
    "unanswered-late": "not-met",
}


def _date(day: dt.date | None) -> str:
    return day.isoformat() if day is not None else ""


def feedback_section(site: SiteInputs, rec: StandardRecord) -> dict[str, Any] | None:
    """The feedback received on this standard by the site's date, oldest first."""
    items = site.wh.feedback_by_code.get(normalize_code(rec.code))
    if not items:
        return None
    t, on = site.t, site.inp.as_of
    days = site.wh.framework.feedback_response_days
    rows = []
    for item in sorted(items, key=lambda r: (r.model.received, r.id)):
        fb = item.model
        if fb.received > on:
            continue
        state = item_state(item, on, days)
        # an answer without its date is shown (its date column empty) once it may be given
        response = (
            fb.response
            if fb.response is not None and (fb.response.date is None or fb.response.date <= on)
            else None
        )
        closed = fb.closed if fb.closed is not None and fb.closed <= on else None
        unit = fb.from_
        rows.append(
            [
                {"text": fb.id, "code": True},
                {"text": site.inp.unit_names.get(unit, unit), "url": site.links.unit(unit)},
                {"text": _date(fb.received)},
                {"text": _date(response.date) if response else ""},
                {"text": t[f"fb_action.{response.action}"] if response and response.action else ""},
                {"text": _date(closed)},
                {"text": t[f"fb_state.{state}"], "chip": STATE_CHIPS[state]},
            ]
        )
    if not rows:
        return None
    return {
        "key": "feedback",
        "title": t["sec_std_feedback"],
        "lead": t["std_feedback_lead"].format(days=days),
        "columns": [
            t["col_feedback_id"],
            t["col_unit"],
            t["col_received_on"],
            t["col_answered_on"],
            t["col_fb_action"],
            t["col_closed_on"],
            t["col_fb_state"],
        ],
        "rows": rows,
    }


def expert_names(site: SiteInputs, slugs: list[str] | None) -> list[str]:
    """The experts' names (their slugs when the pool lacks them): for the timeline."""
    pool = site.wh.expert_by_slug
    return [pool[s].model.name if s in pool else s for s in slugs or ()]


def experts_section(site: SiteInputs, rec: StandardRecord) -> dict[str, Any] | None:
    """Who drafted the standard and which experts reviewed or evaluated it, and when."""
    t, std = site.t, rec.model
    pool = site.wh.expert_by_slug
    rows: list[list[dict[str, Any]]] = [
        [{"text": t["role_drafter"]}, {"text": ""}, {"text": org}, {"text": ""}]
        for org in std.drafters
    ]
    events: list[tuple[str, dt.date | None, list[str] | None]] = [
        *((t["role_reviewer"], r.date, r.experts) for r in std.reviews),
        *((t["role_evaluator"], e.date, e.experts) for e in std.evaluations),
    ]
    for role, day, slugs in events:
        for slug in slugs or ():
            found = pool.get(slug)
            # name and organization only: never the contact (personal data)
            name = found.model.name if found else slug
            org = found.model.organization if found else t["expert_unknown"]
            when = _date(day) if day is not None else t["ev_undated"]
            rows.append([{"text": role}, {"text": name}, {"text": org}, {"text": when}])
    if not rows:
        return None
    return {
        "key": "experts",
        "title": t["sec_std_experts"],
        "columns": [t["col_role"], t["col_expert"], t["col_organization"], t["col_date"]],
        "rows": rows,
    }
