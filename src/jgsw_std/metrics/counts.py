"""Counted achievements of the units: pilots (12, 13), demonstration sites (14),
articles (19) and training person-times (20).

Each count is of dated records on or before D. A record without the date it
needs is counted both ways (the count becomes a range); a training without
its attendance leaves the count without an upper bound ("至少 N 人次"). A
count with nothing behind it (no record that counts or could count) is
"no data", never 0.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from jgsw_std.lifecycle.known import (
    NO,
    YES,
    Entry,
    Fact,
    Known,
    Outcome,
    any_of,
    both,
    known,
    maybe,
)
from jgsw_std.lifecycle.units import activity_fact
from jgsw_std.metrics.base import MetricResult, RecordRef, RefKind
from jgsw_std.metrics.common import count_of, new_result, plan_window, span, why
from jgsw_std.metrics.judge import judged
from jgsw_std.metrics.scope import Scope
from jgsw_std.model.district import Pilot

if TYPE_CHECKING:
    from jgsw_std.lifecycle.asof import AsOf
    from jgsw_std.load.warehouse import DistrictRecord
    from jgsw_std.model.indicators import Indicator, IndicatorSet


def _ref(kind: RefKind, rec: DistrictRecord, key: str, label: str, zh: str, en: str) -> RecordRef:
    return RecordRef(kind, f"{rec.slug}:{key}", f"{rec.model.name} {label}", rec.path, zh, en)


def _fact(rec: DistrictRecord, key: str, label: str, field: str) -> Fact:
    name = f"{rec.model.name}「{label}」"
    return Fact(f"{rec.slug}:{key}", name, rec.path, field, name=name)


def _show(value: float) -> str:
    return f"{value:,.0f}"


def _count(result: MetricResult, entries: list[Entry[RecordRef]], zh: str, en: str) -> MetricResult:
    """The count of entries for; no data when no record counts or could count either way."""
    if not any(e.outcome != Outcome.OUT for e in entries):
        n = len(entries)
        tail_zh, tail_en = (
            (f"（{n} 项记录在截至日期之后）", f" ({n} dated later)") if n else ("", "")
        )
        return why(result, f"无可计的记录{tail_zh}。", f"Nothing recorded to count{tail_en}.")
    count_of(result, entries)
    n = len(result.unknown)
    tail_zh = f"另有 {n} 项记录日期不详，按两种可能计入范围。" if n else ""
    tail_en = f" {n} records lack the date and are counted both ways." if n else ""
    return why(
        result,
        zh.format(n=span(result, _show)) + tail_zh,
        en.format(n=span(result, _show, "en")) + tail_en,
    )


def _first_date(pilot: Pilot) -> dt.date | None:
    dates = [d for d in (pilot.applied, pilot.started, pilot.accepted) if d is not None]
    return min(dates) if dates else None


def _accepted(pilot: Pilot, as_of: dt.date) -> Known | None:
    """Whether one pilot was accepted by ``as_of``; None when it began after the date."""
    if pilot.accepted is not None and pilot.accepted <= as_of:
        return YES
    first = _first_date(pilot)
    if first is None:
        return maybe()  # no date at all: the caller names the fact
    return NO if first <= as_of else None


def _level_fact(rec: DistrictRecord, index: int) -> Fact:
    """The missing ``level`` of the unit's pilot at ``index``: municipal or national."""
    return _fact(rec, f"pilots[{index}]", rec.model.pilots[index].topic or "试点", "pilot-level")


def _municipal(rec: DistrictRecord, as_of: dt.date) -> tuple[Known, str, str] | None:
    """Whether a unit's municipal pilot was accepted by ``as_of``, with the note why.

    A pilot without its level may be the municipal one: accepted by then, it
    leaves the unit open (naming the level that settles it).
    """
    pilots = [p for p in rec.model.pilots if p.level == "municipal"]
    unleveled = [i for i, p in enumerate(rec.model.pilots) if p.level is None]
    if not pilots and not unleveled:
        return None
    accepted = [p.accepted for p in pilots if p.accepted is not None and p.accepted <= as_of]
    if accepted:
        return YES, f"{min(accepted)} 通过验收", f"accepted {min(accepted)}"
    answers: list[Known] = []
    if any(_first_date(p) is None for p in pilots):
        answers.append(maybe(_fact(rec, "municipal", "市级试点", "pilot")))
    elif any((d := _first_date(p)) is not None and d <= as_of for p in pilots):
        answers.append(NO)
    for index in unleveled:
        pilot = rec.model.pilots[index]
        done = _accepted(pilot, as_of)
        if done is None:
            continue
        if done.maybe:
            done = maybe(_fact(rec, f"pilots[{index}]", pilot.topic or "试点", "pilot"))
        answers.append(both(maybe(_level_fact(rec, index)), done))
    if not answers:
        return None  # every pilot began after the date
    answer = any_of(answers)
    if answer.no:
        return NO, f"截至 {as_of} 尚未验收", f"not accepted by {as_of}"
    if any(f.field == "pilot-level" for f in answer.facts):
        return answer, "有未记级别（level）的试点", "a pilot has no level recorded"
    return answer, "试点日期不详", "pilot dates not recorded"


@judged("cumulative")
def municipal_pilots(
    at: AsOf, iset: IndicatorSet, indicator: Indicator, scope: Scope
) -> MetricResult:
    """Indicator 12: districts with a municipal pilot accepted (验收) on or before D.

    A pilot with no date at all may have been accepted by then: open. One
    begun by D but not accepted counts against (0).
    """
    result = new_result(indicator, at.date, scope, "count")
    entries: list[Entry[RecordRef]] = []
    for rec in scope.units(at.wh):
        found = _municipal(rec, at.date)
        if found is None:
            continue
        answer, zh, en = found
        ref = _ref("pilot", rec, "municipal", "市级试点", zh, en)
        entries.append(Entry.of(ref, known(True), answer))
    return _count(
        result,
        entries,
        "{n} 个区县的市级试点已通过验收。",
        "Districts with a municipal pilot accepted: {n}.",
    )


@judged("cumulative")
def national_pilots(
    at: AsOf, iset: IndicatorSet, indicator: Indicator, scope: Scope
) -> MetricResult:
    """Indicator 13: national pilot applications on or before D.

    A pilot without an application date but started or accepted by D was
    evidently applied for by then; one with no date at all is open. The
    national 区域统筹建设试点 the city carries out is indicator 11's milestone,
    recorded in indicators.yaml, not here (DOMAIN.md, "Pilots").
    """
    result = new_result(indicator, at.date, scope, "count")
    entries: list[Entry[RecordRef]] = []
    for rec in scope.units(at.wh):
        entries += _unleveled_applications(rec, at.date)
        for index, pilot in enumerate(p for p in rec.model.pilots if p.level == "national"):
            first = _first_date(pilot)
            key = f"national-{index + 1}"
            if first is None:
                ref = _ref(
                    "pilot", rec, key, pilot.topic, "申报日期不详", "application date not recorded"
                )
                entries.append(
                    Entry(ref, Outcome.FOR | Outcome.OUT, (_fact(rec, key, pilot.topic, "pilot"),))
                )
            else:
                ref = _ref("pilot", rec, key, pilot.topic, f"{first} 申报", f"applied {first}")
                entries.append(Entry(ref, Outcome.FOR if first <= at.date else Outcome.OUT))
    return _count(result, entries, "已申报国家级试点 {n} 个。", "National pilot applications: {n}.")


def _unleveled_applications(rec: DistrictRecord, as_of: dt.date) -> list[Entry[RecordRef]]:
    """Pilots without their level: each may be a national application (counted both ways)."""
    out: list[Entry[RecordRef]] = []
    for index, pilot in enumerate(rec.model.pilots):
        if pilot.level is not None:
            continue
        first = _first_date(pilot)
        if first is not None and first > as_of:
            continue  # whatever its level, not applied for by the date
        key = f"pilots[{index}]"
        facts = [_level_fact(rec, index)]
        if first is None:
            facts.append(_fact(rec, key, pilot.topic or "试点", "pilot"))
            zh, en = "级别和日期不详", "level and dates not recorded"
        else:
            zh, en = f"{first} 起，级别不详", f"from {first}, level not recorded"
        ref = _ref("pilot", rec, key, pilot.topic, zh, en)
        out.append(Entry(ref, Outcome.FOR | Outcome.OUT, tuple(facts)))
    return out


@judged("cumulative")
def demo_sites(at: AsOf, iset: IndicatorSet, indicator: Indicator, scope: Scope) -> MetricResult:
    """Indicator 14: demonstration sites established on or before D."""
    result = new_result(indicator, at.date, scope, "count")
    entries: list[Entry[RecordRef]] = []
    for rec in scope.units(at.wh):
        for site in rec.model.demo_sites:
            day = site.established
            if day is None:
                ref = _ref("site", rec, site.name, site.name, "建成日期不详", "date not recorded")
                fact = _fact(rec, site.name, site.name, "established")
                entries.append(Entry(ref, Outcome.FOR | Outcome.OUT, (fact,)))
            else:
                ref = _ref("site", rec, site.name, site.name, f"{day} 建成", f"established {day}")
                entries.append(Entry(ref, Outcome.FOR if day <= at.date else Outcome.OUT))
    return _count(
        result, entries, "已建成标准化示范点 {n} 个。", "Demonstration sites established: {n}."
    )


@judged("cumulative")
def articles(at: AsOf, iset: IndicatorSet, indicator: Indicator, scope: Scope) -> MetricResult:
    """Indicator 19: provincial-or-higher articles published in the plan period by D."""
    result = new_result(indicator, at.date, scope, "count")
    start, end = plan_window(iset, indicator, at.date, result)
    entries: list[Entry[RecordRef]] = []
    for rec in scope.units(at.wh):
        for index, art in enumerate(rec.model.articles):
            day = art.date
            key = day.isoformat() if day is not None else f"?:{art.title}"
            facts: list[Fact] = []
            if art.level is None:
                # a journal of unrecorded level may be below provincial: counted both ways
                facts.append(_fact(rec, f"articles[{index}]", art.title, "article-level"))
            if day is None:
                # published, date not recorded: inside the plan period or not
                facts.append(_fact(rec, key, art.title, "date"))
                zh, en = f"日期不详《{art.journal}》", f"date not recorded, {art.journal}"
                inside = Outcome.FOR | Outcome.OUT
            else:
                zh, en = f"{day}《{art.journal}》", f"{day} {art.journal}"
                inside = Outcome.FOR if start <= day <= end else Outcome.OUT
            if facts and inside != Outcome.OUT:
                if art.level is None:
                    zh, en = f"{zh}，刊物级别不详", f"{en}, journal level not recorded"
                ref = _ref("article", rec, key, art.title, zh, en)
                entries.append(Entry(ref, Outcome.FOR | Outcome.OUT, tuple(facts)))
            else:
                entries.append(Entry(_ref("article", rec, key, art.title, zh, en), inside))
    return _count(
        result,
        entries,
        "规划期内省级以上刊物发表 {n} 篇。",
        "Provincial-or-higher articles in the plan period: {n}.",
    )


@judged("cumulative")
def training_attendance(
    at: AsOf, iset: IndicatorSet, indicator: Indicator, scope: Scope
) -> MetricResult:
    """Indicator 20: person-times summed over trainings in the plan period by D.

    A training without its attendance adds an unknown number: the total has
    no upper bound ("至少 N"). A training without its date may or may not fall
    in the plan period: its attendance is counted both ways.
    """
    result = new_result(indicator, at.date, scope, "count")
    start, end = plan_window(iset, indicator, at.date, result)
    entries: list[Entry[RecordRef]] = []
    for rec in scope.units(at.wh):
        for index, act in enumerate(rec.model.activities):
            if act.kind is not None and act.kind != "training":
                continue
            day = act.date
            inside = (
                maybe(_fact(rec, f"activities[{index}]", act.title, "date"))
                if day is None
                else known(start <= day <= end)
            )
            if act.kind is None:  # a training or not: its attendance is counted both ways
                inside = both(inside, maybe(activity_fact(rec, index, "activity-kind")))
            if inside.no:
                continue
            key = f"{day or '?'}:{act.title}"
            facts = list(inside.facts)
            if act.attendees is None:
                facts.append(activity_fact(rec, index, "attendees"))
                zh, en = "参加人次未记录", "attendance not recorded"
            else:
                zh, en = f"{act.attendees} 人次", f"{act.attendees} person-times"
            if act.kind is None:
                zh = f"类型不详（可能是培训），{zh}"
                en = f"kind not recorded (maybe a training), {en}"
            if day is None:
                zh, en = f"日期不详，{zh}", f"date not recorded, {en}"
            else:
                zh, en = f"{day} {zh}", f"{day}: {en}"
            ref = _ref("activity", rec, key, act.title, zh, en)
            flags = Outcome.FOR if inside.yes else Outcome.FOR | Outcome.OUT
            weight = None if act.attendees is None else float(act.attendees)
            entries.append(Entry(ref, flags, tuple(facts), weight))
    if not entries:
        return why(result, "规划期内无培训记录。", "No training recorded in the plan period.")
    count_of(result, entries)
    known_ones = [e for e in entries if e.certain]
    n = len(entries) - len(known_ones)
    tail_zh = f"其中 {n} 场人次或日期未记录，按两种可能计入范围。" if n else ""
    tail_en = f" {n} of them lack a head count or a date, counted both ways." if n else ""
    return why(
        result,
        f"规划期内培训 {len(entries)} 场，共 {span(result, _show)} 人次。" + tail_zh,
        f"{len(entries)} trainings, {span(result, _show, 'en')} person-times in the plan period."
        + tail_en,
    )
