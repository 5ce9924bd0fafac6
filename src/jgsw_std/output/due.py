"""Writers for `jgsw due`: text for people, json and csv for tools."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from jgsw_std.app.due import Calendar
from jgsw_std.edit.sheet_layout import guard_formula
from jgsw_std.i18n import one_line
from jgsw_std.lifecycle.duties import DUTY_NAMES, Duty

CSV_COLUMNS = (
    "owner",
    "owner_name",
    "due",
    "days_left",
    "overdue",
    "kind",
    "kind_name",
    "key",
    "label",
    "path",
)


def _when(duty: Duty, as_of: dt.date, lang: str) -> str:
    left = duty.days_left(as_of)
    if left < 0:
        return f"overdue {-left} days" if lang == "en" else f"已逾期 {-left} 天"
    if left == 0:
        return "due today" if lang == "en" else "今天到期"
    return f"in {left} days" if lang == "en" else f"还有 {left} 天"


def _what(duty: Duty, lang: str) -> str:
    """The standard (code and title), or the year of a unit's yearly duty."""
    if duty.kind in ("meeting", "training", "summary"):
        year = duty.key.rsplit(":", 1)[-1]
        return year if lang == "en" else f"{year} 年度"
    return one_line(f"{duty.key} {duty.label}")


def _kind(duty: Duty, lang: str) -> str:
    zh, en = DUTY_NAMES[duty.kind]
    return en if lang == "en" else zh


def _owner(name: str, slug: str | None, lang: str) -> str:
    if slug is None:
        return "No owner named" if lang == "en" else "未指定牵头单位"
    return f"{name or slug} ({slug})" if lang == "en" else f"{name or slug}（{slug}）"


def render_text(calendar: Calendar, lang: str) -> str:
    """A heading, then one block per owner: date, how soon, duty, what."""
    until = calendar.until.isoformat()
    if lang == "en":
        head = (
            f"Duties due by {until} ({calendar.days} days from {calendar.as_of}): "
            f"{calendar.total}, {calendar.overdue} overdue."
        )
    else:
        head = (
            f"截至 {until}（{calendar.as_of} 起 {calendar.days} 天内）到期事项 "
            f"{calendar.total} 项，其中已逾期 {calendar.overdue} 项。"
        )
    lines = [head]
    for group in calendar.groups:
        lines.append("")
        lines.append(_owner(group.name, group.owner, lang))
        for duty in group.duties:
            lines.append(
                f"  {duty.due}  {_when(duty, calendar.as_of, lang)}  {_kind(duty, lang)}  "
                f"{_what(duty, lang)}"
            )
    if not calendar.groups:
        lines.append("Nothing falls due." if lang == "en" else "没有到期事项。")
    return "\n".join(lines) + "\n"


def _row(duty: Duty, name: str, calendar: Calendar, lang: str) -> dict[str, object]:
    return {
        "owner": duty.owner,
        "owner_name": name,
        "due": duty.due.isoformat(),
        "days_left": duty.days_left(calendar.as_of),
        "overdue": duty.overdue or duty.due < calendar.as_of,
        "kind": duty.kind,
        "kind_name": _kind(duty, lang),
        "key": duty.key,
        "label": duty.label,
        "path": duty.path,
    }


def render_json(calendar: Calendar, lang: str) -> str:
    import json

    payload = {
        "version": 1,
        "as_of": calendar.as_of.isoformat(),
        "days": calendar.days,
        "until": calendar.until.isoformat(),
        "total": calendar.total,
        "overdue": calendar.overdue,
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
    """One row per duty, grouped rows in calendar order; columns in CSV_COLUMNS."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for group in calendar.groups:
        for duty in group.duties:
            row = _row(duty, group.name, calendar, lang)
            row["overdue"] = "yes" if row["overdue"] else "no"
            writer.writerow({key: guard_formula(value) for key, value in row.items()})
    return buffer.getvalue()


WRITERS: dict[str, Callable[[Calendar, str], str]] = {
    "text": render_text,
    "json": render_json,
    "csv": render_csv,
}
