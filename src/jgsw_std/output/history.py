"""Writers for `jgsw history`: text for people, json for tools, md for pages and PRs."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from jgsw_std.history.record_log import HistoryEntry, RecordHistory
from jgsw_std.i18n import one_line, pick

_CHANGE = {
    "added": ("新建", "added"),
    "modified": ("修改", "modified"),
    "renamed": ("移动", "moved"),
    "deleted": ("删除", "deleted"),
    "re-added": ("重新添加", "re-added"),
}


def change_word(entry: HistoryEntry, lang: str) -> str:
    zh, en = _CHANGE[entry.change]
    return pick(lang, zh, en)


def when(entry: HistoryEntry) -> str:
    """Author date in the author's own time zone, to the minute."""
    return entry.commit.authored.strftime("%Y-%m-%d %H:%M %z")


def detail_lines(entry: HistoryEntry, lang: str) -> list[str]:
    """What changed, one line each: a move, the field changes, or a note."""
    lines: list[str] = []
    if entry.change == "renamed" and entry.old_path:
        lines.append(f"{entry.old_path} → {entry.path}")
    if entry.change in ("added", "deleted"):
        summary = entry.summary
        label = " ".join(str(summary[k]) for k in ("code", "slug", "title", "name") if k in summary)
        status = summary.get("status")
        if label:
            lines.append(label + (f" ({status})" if status else ""))
    lines.extend(change.text(lang) for change in entry.fields)
    if entry.unreadable:
        lines.append(
            pick(
                lang,
                "（文件无法解析，不能逐字段比较）",
                "(a version does not parse; no field diff)",
            )
        )
    elif entry.change in ("modified", "renamed", "re-added") and not entry.fields:
        if entry.change == "modified":
            lines.append(pick(lang, "（仅注释或格式变化）", "(comments or layout only)"))
        elif entry.change == "re-added":
            lines.append(pick(lang, "（与删除前相同）", "(same as before it was deleted)"))
    return [one_line(line) for line in lines]


def write_text(history: RecordHistory, lang: str) -> str:
    head = one_line(history.label or history.target)
    count = len(history.entries)
    out = [
        head,
        pick(
            lang,
            f"{history.path}：{count} 次提交修改过此记录（新的在前，含改名和移动）",
            f"{history.path}: changed by {count} commits (newest first, following moves)",
        ),
        "",
    ]
    for entry in history.entries:
        commit = entry.commit
        out.append(
            f"{commit.short}  {when(entry)}  {commit.author} <{commit.email}>  "
            f"[{change_word(entry, lang)}]"
        )
        out.append(f"    {one_line(commit.subject)}")
        out.extend(f"    {line}" for line in detail_lines(entry, lang))
        out.append("")
    return "\n".join(out)


def _md_cell(text: str) -> str:
    return one_line(text.replace("\n", " ")).replace("|", "\\|")


def write_md(history: RecordHistory, lang: str) -> str:
    head = history.label or history.target
    out = [
        f"### {pick(lang, '修改历史：', 'History: ')}{_md_cell(head)}",
        "",
        f"`{history.path}`",
        "",
        "| "
        + " | ".join(
            pick(lang, *pair)
            for pair in (
                ("提交", "commit"),
                ("日期", "date"),
                ("作者", "author"),
                ("说明", "message"),
                ("变化", "change"),
            )
        )
        + " |",
        "|---|---|---|---|---|",
    ]
    for entry in history.entries:
        commit = entry.commit
        details = "<br>".join(f"`{_md_cell(line)}`" for line in detail_lines(entry, lang))
        change = change_word(entry, lang) + (f"<br>{details}" if details else "")
        out.append(
            f"| `{commit.short}` | {commit.authored.date().isoformat()} | "
            f"{_md_cell(commit.author)} | {_md_cell(commit.subject)} | {change} |"
        )
    return "\n".join(out) + "\n"


def as_dict(history: RecordHistory, lang: str) -> dict[str, Any]:
    return {
        "format": "jgsw-history/1",
        "target": history.target,
        "path": history.path,
        "kind": history.kind,
        "label": history.label,
        "rev": history.rev,
        "entries": [
            {
                "commit": e.commit.sha,
                "short": e.commit.short,
                "author": e.commit.author,
                "email": e.commit.email,
                "date": e.commit.authored.isoformat(),
                "committed": e.commit.committed.isoformat(),
                "message": e.commit.message,
                "change": e.change,
                "path": e.path,
                "old_path": e.old_path,
                "summary": e.summary,
                "unreadable": e.unreadable,
                "fields": [f.as_dict(lang) for f in e.fields],
            }
            for e in history.entries
        ],
    }


def write_json(history: RecordHistory, lang: str) -> str:
    return json.dumps(as_dict(history, lang), ensure_ascii=False, indent=2) + "\n"


WRITERS: dict[str, Callable[[RecordHistory, str], str]] = {
    "text": write_text,
    "json": write_json,
    "md": write_md,
}
