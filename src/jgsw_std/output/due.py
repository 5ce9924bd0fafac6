"""Writers for `jgsw due`: text for people, json and csv for tools.

The text leads with the news: how many duties fall due in the window, how
many have just become overdue and how many have been overdue for long, by
kind of duty and by unit; then the duties due, then the newly overdue; the
long overdue only with ``--all``, and no more than ``--limit`` in all. JSON
and CSV hold every duty counted, each with its standing, for tools to filter.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter
from collections.abc import Callable

from jgsw_std.app.due import STANDINGS, Calendar, Section, Standing, standing
from jgsw_std.edit.sheet_layout import guard_formula
from jgsw_std.i18n import one_line, pick
from jgsw_std.lifecycle.duties import DUTY_NAMES, Duty

CSV_COLUMNS = (
    "owner",
    "owner_name",
    "due",
    "days_left",
    "overdue",
    "standing",
    "kind",
    "kind_name",
    "key",
    "label",
    "path",
    "open_feedback",
)

#: (zh, en) headings of the three standings, as columns and as list titles
_STANDING_NAMES: dict[Standing, tuple[str, str]] = {
    "due": ("到期", "due"),
    "newly-overdue": ("新近逾期", "newly overdue"),
    "long-overdue": ("长期逾期", "long overdue"),
}
#: Units shown in the summary when there are more than two more; the others
#: are summed on one line.
TOP_UNITS = 10


def _when(duty: Duty, as_of: dt.date, lang: str) -> str:
    left = duty.days_left(as_of)
    if left < 0:
        return f"overdue {_days(-left)}" if lang == "en" else f"已逾期 {-left} 天"
    if left == 0:
        return "due today" if lang == "en" else "今天到期"
    return f"in {_days(left)}" if lang == "en" else f"还有 {left} 天"


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _what(duty: Duty, lang: str, open_items: list[str] | None = None) -> str:
    """The standard (code and title), the year of a unit's yearly duty, the feedback
    item and its standard, or the expert; a review names the feedback still open."""
    if duty.kind in ("meeting", "training", "summary"):
        year = duty.key.rsplit(":", 1)[-1]
        return year if lang == "en" else f"{year} 年度"
    if duty.kind in ("feedback-answer", "feedback-revision"):
        return one_line(
            pick(lang, f"反馈 {duty.key}（{duty.label}）", f"feedback {duty.key} ({duty.label})")
        )
    if duty.kind == "expert-term":
        return one_line(
            f"{duty.label}（{duty.key}）" if lang != "en" else f"{duty.label} ({duty.key})"
        )
    text = one_line(f"{duty.key} {duty.label}")
    if open_items:
        ids = pick(lang, "、", ", ").join(open_items)
        n = len(open_items)
        text += pick(
            lang, f"；尚有 {n} 条反馈未闭环：{ids}", f"; {n} feedback item(s) still open: {ids}"
        )
    return text


def _kind(kind: str, lang: str) -> str:
    zh, en = DUTY_NAMES[kind]
    return en if lang == "en" else zh


def _owner(name: str, slug: str | None, lang: str) -> str:
    if slug is None:
        return "No owner named" if lang == "en" else "未指定牵头单位"
    return f"{name or slug} ({slug})" if lang == "en" else f"{name or slug}（{slug}）"


def _width(text: str) -> int:
    """Columns a terminal gives the text: two for each wide (CJK) character."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _ljust(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _count(n: int) -> str:
    return f"{n:,}"


# -- text -------------------------------------------------------------------------


def _headline(calendar: Calendar, lang: str) -> list[str]:
    day = dt.timedelta(days=1)
    due = calendar.section("due").total
    lines = [pick(lang, f"到期事项（截至 {calendar.as_of}）", f"Duties as of {calendar.as_of}")]
    lines.append(
        pick(
            lang,
            f"  未来 {calendar.days} 天内到期（{calendar.as_of} 至 {calendar.until}）："
            f"{_count(due)} 项",
            f"  due in the next {calendar.days} days ({calendar.as_of} to {calendar.until}): "
            f"{_count(due)}",
        )
    )
    if not calendar.include_overdue:
        lines.append(
            pick(
                lang,
                "  （--no-overdue：只看尚未到期的事项）",
                "  (--no-overdue: only duties still ahead)",
            )
        )
        return lines
    new = calendar.section("newly-overdue").total
    old = calendar.section("long-overdue")
    yesterday = calendar.as_of - day
    if calendar.since <= yesterday:
        lines.append(
            pick(
                lang,
                f"  新近逾期（{calendar.since} 至 {yesterday} 到期）：{_count(new)} 项",
                f"  newly overdue (due {calendar.since} to {yesterday}): {_count(new)}",
            )
        )
    folded = (
        ""
        if old.listed or not old.total
        else pick(
            lang, "，只计数不列出（加 --all 列出）", ", counted, not listed (--all lists them)"
        )
    )
    lines.append(
        pick(
            lang,
            f"  长期逾期（{calendar.since} 之前到期）：{_count(old.total)} 项{folded}",
            f"  long overdue (due before {calendar.since}): {_count(old.total)}{folded}",
        )
    )
    return lines


def _counts_table(
    rows: list[tuple[str, Counter[str]]], standings: tuple[Standing, ...], head: str, lang: str
) -> list[str]:
    width = max([_width(head), *(2 + _width(label) for label, _ in rows)]) + 2
    names = [pick(lang, *_STANDING_NAMES[s]) for s in standings]
    cells = [max(8, _width(n) + 2) for n in names]
    out = [
        _ljust(head, width)
        + "".join(" " * (c - _width(n)) + n for n, c in zip(names, cells, strict=True))
    ]
    for label, counts in rows:
        numbers = "".join(_count(counts[s]).rjust(c) for s, c in zip(standings, cells, strict=True))
        out.append(_ljust("  " + label, width) + numbers)
    return out


def _summary(calendar: Calendar, lang: str) -> list[str]:
    standings = STANDINGS if calendar.include_overdue else ("due",)
    by_kind = [(_kind(k, lang), c) for k, c in calendar.counts_by_kind().items()]
    if not by_kind:
        return []
    out = ["", *_counts_table(by_kind, standings, pick(lang, "按事项", "By kind"), lang)]
    units = calendar.counts_by_owner()
    # the busiest units first: what falls due, then what has just become late
    units.sort(key=lambda u: (-u[1]["due"] - u[1]["newly-overdue"], -u[1]["long-overdue"]))
    # a long list of units keeps the busiest and sums the others on one line
    top = TOP_UNITS if len(units) > TOP_UNITS + 2 else len(units)
    head = pick(lang, "按单位", "By unit")
    if top < len(units):
        head = pick(
            lang,
            f"按单位（前 {top} 个，共 {len(units)} 个）",
            f"By unit (top {top} of {len(units)})",
        )
    rows = [(_owner(g.name, g.owner, lang), c) for g, c in units[:top]]
    if top < len(units):
        rest: Counter[str] = Counter()
        for _, counts in units[top:]:
            rest.update(counts)
        others = len(units) - top
        rows.append((pick(lang, f"其余 {others} 个单位", f"{others} other units"), rest))
    return [*out, "", *_counts_table(rows, standings, head, lang)]


def _section_lines(
    section: Section, calendar: Calendar, lang: str, room: int | None
) -> tuple[list[str], int]:
    """The section's duties by owner, at most ``room`` of them; returns lines and how many."""
    title = {
        "due": pick(lang, f"即将到期（{section.total} 项）", f"Due ({section.total})"),
        "newly-overdue": pick(
            lang, f"新近逾期（{section.total} 项）", f"Newly overdue ({section.total})"
        ),
        "long-overdue": pick(
            lang, f"长期逾期（{section.total} 项）", f"Long overdue ({section.total})"
        ),
    }[section.standing]
    lines = ["", title]
    shown = 0
    for group in section.groups:
        if room is not None and shown >= room:
            break
        lines += ["", _owner(group.name, group.owner, lang)]
        for duty in group.duties:
            if room is not None and shown >= room:
                break
            lines.append(
                f"  {duty.due}  {_when(duty, calendar.as_of, lang)}  {_kind(duty.kind, lang)}  "
                f"{_what(duty, lang, calendar.open_on(duty))}"
            )
            shown += 1
    return lines, shown


def render_text(calendar: Calendar, lang: str) -> str:
    """The summary, then the duties due, the newly overdue and (--all) the long overdue."""
    lines = [*_headline(calendar, lang), *_summary(calendar, lang)]
    room = calendar.limit or None
    left_out = 0
    for section in calendar.sections:
        if not section.total or not section.listed:
            continue
        if room is not None and room <= 0:
            left_out += section.total
            continue
        block, shown = _section_lines(section, calendar, lang, room)
        lines += block
        left_out += section.total - shown
        if room is not None:
            room -= shown
    if not calendar.total:
        lines += ["", pick(lang, "没有到期事项。", "Nothing falls due.")]
    elif left_out:
        lines += [
            "",
            pick(
                lang,
                f"另有 {_count(left_out)} 项未列出（--limit 0 列出全部）。",
                f"{_count(left_out)} more not listed (--limit 0 lists them all).",
            ),
        ]
    return "\n".join(lines) + "\n"


# -- json and csv -------------------------------------------------------------------


def _row(duty: Duty, name: str, calendar: Calendar, lang: str) -> dict[str, object]:
    return {
        "owner": duty.owner,
        "owner_name": name,
        "due": duty.due.isoformat(),
        "days_left": duty.days_left(calendar.as_of),
        # late only once its day has passed: a duty due today is due, not overdue
        "overdue": duty.due < calendar.as_of,
        "standing": standing(duty, calendar.as_of, calendar.since),
        "kind": duty.kind,
        "kind_name": _kind(duty.kind, lang),
        "key": duty.key,
        "label": duty.label,
        "path": duty.path,
        # a review lists the feedback still open on its standard (F907)
        "open_feedback": calendar.open_on(duty),
    }


def render_json(calendar: Calendar, lang: str) -> str:
    import json

    def counts(counter: Counter[str]) -> dict[str, int]:
        return {name: counter[name] for name in STANDINGS}

    summary: dict[str, object] = {s.standing: s.total for s in calendar.sections}
    summary["by_kind"] = {k: counts(c) for k, c in calendar.counts_by_kind().items()}
    summary["by_owner"] = [
        {"owner": g.owner, "name": g.name, **counts(c)} for g, c in calendar.counts_by_owner()
    ]
    payload = {
        "version": 1,
        "as_of": calendar.as_of.isoformat(),
        "days": calendar.days,
        "until": calendar.until.isoformat(),
        "since": calendar.since.isoformat(),
        "total": calendar.total,
        "overdue": calendar.overdue,
        # counts by standing (due, newly-overdue, long-overdue), overall, by kind, by owner
        "summary": summary,
        "groups": [
            {
                "owner": group.owner,
                "name": group.name,
                "duties": [_row(d, group.name, calendar, lang) for d in group.duties],
            }
            for group in calendar.groups
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def render_csv(calendar: Calendar, lang: str) -> str:
    """One row per duty counted, by owner in calendar order; columns in CSV_COLUMNS."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for group in calendar.groups:
        for duty in group.duties:
            row = _row(duty, group.name, calendar, lang)
            row["overdue"] = "yes" if row["overdue"] else "no"
            row["open_feedback"] = " ".join(calendar.open_on(duty))
            writer.writerow({key: guard_formula(value) for key, value in row.items()})
    return buffer.getvalue()


WRITERS: dict[str, Callable[[Calendar, str], str]] = {
    "text": render_text,
    "json": render_json,
    "csv": render_csv,
}
