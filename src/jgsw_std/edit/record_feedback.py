"""`jgsw record feedback-response|feedback-closed`: answer a feedback item, close its loop.

The answer and the closing date are checked against the item first (an answer
before receipt, a second answer, a closing before the answer, or a closing
with no answer stop here, unwritten); the line goes in where the data contract
puts it without touching any other line (edit.lists.add_field), and the whole
file is validated again before anything is written.
"""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

from jgsw_std.edit.lists import add_field
from jgsw_std.edit.quoting import normalize_date, render_flow_map, render_scalar
from jgsw_std.edit.safe import FileChange, validate
from jgsw_std.edit.scaffold_registries import known_unit
from jgsw_std.edit.textio import decode, encode
from jgsw_std.errors import DataError, UsageError
from jgsw_std.load.warehouse import FeedbackRecord, Warehouse
from jgsw_std.model.feedback import Feedback

ACTIONS = ("interpretation", "revise", "no-change", "other")
ACTION_ALIASES = {
    "解释": "interpretation",
    "修订": "revise",
    "不修改": "no-change",
    "其他": "other",
}


def _item(wh: Warehouse, ident: str) -> FeedbackRecord:
    found = wh.feedback_by_id.get(ident.strip())
    if found is not None:
        return found
    if ident.strip() in wh.unusable("feedback", "id"):
        raise DataError(
            "target_invalid",
            zh=f"反馈 {ident} 的文件有错误，先修正（jgsw check）再记录。",
            en=f"the file of feedback {ident} has errors; fix them first (jgsw check).",
        )
    close = difflib.get_close_matches(ident, list(wh.feedback_by_id), n=1, cutoff=0.7)
    raise UsageError(
        "no_such_feedback",
        zh=f"没有编号为 {ident} 的反馈" + (f"；是不是 {close[0]}？" if close else "。"),
        en=f"no feedback {ident}" + (f"; did you mean {close[0]}?" if close else "."),
        hint_zh="编号即 data/feedback/<年份>/ 下的文件名，如 2024-0012；"
        "新反馈用 jgsw new feedback。",
        hint_en="The id is the file name under data/feedback/<year>/, e.g. 2024-0012.",
    )


def _day(text: str) -> dt.date:
    iso = normalize_date(text.strip())
    if iso is None:
        raise UsageError(
            "bad_date",
            zh=f"--date 的值 {text!r} 不是有效日期（写成 YYYY-MM-DD）。",
            en=f"--date: {text!r} is not a date (write YYYY-MM-DD).",
        )
    return dt.date.fromisoformat(iso)


def _change(wh: Warehouse, rec: FeedbackRecord, key: str, value: str) -> FileChange:
    assert wh.root is not None
    path = Path(wh.root).joinpath(*rec.path.split("/"))
    before = path.read_bytes()
    text, form = decode(before, rec.path)
    change = FileChange(
        rec.path, before, encode(add_field(text, rec.path, key, value, Feedback), form)
    )
    validate([change])
    return change


def plan_response(
    wh: Warehouse, ident: str, date: str, by: str, action: str, text: str | None = None
) -> FileChange:
    """The change that records the answer to feedback ``ident``; validated, not written."""
    rec = _item(wh, ident)
    item = rec.model
    if item.response is not None:
        raise UsageError(
            "already_answered",
            zh=f"反馈 {rec.id} 已于 {item.response.date} 答复，未重复记录。",
            en=f"feedback {rec.id} was answered on {item.response.date}; not recorded twice.",
            hint_zh="要更正答复，请直接编辑该文件。",
            hint_en="To correct the answer, edit the file.",
        )
    day = _day(date)
    if day < item.received:
        raise UsageError(
            "answer_before_receipt",
            zh=f"答复日期 {day} 早于收到日期 {item.received}，未记录。",
            en=f"the answer ({day}) cannot precede receipt ({item.received}); not recorded.",
        )
    chosen = ACTION_ALIASES.get(action.strip(), action.strip())
    if chosen not in ACTIONS:
        raise UsageError(
            "bad_action",
            zh=f"--action 的值 {action} 不在可选值之内：{'、'.join(ACTIONS)}"
            "（解释/修订/不修改/其他）",
            en=f"--action {action} is not one of {', '.join(ACTIONS)}",
        )
    fields: dict[str, object] = {
        "date": day,
        "by": known_unit(wh, by, "--by"),
        "action": chosen,
    }
    if text and text.strip():
        fields["text"] = text.strip()
    return _change(wh, rec, "response", render_flow_map(fields))


def plan_closed(wh: Warehouse, ident: str, date: str) -> FileChange:
    """The change that records the day the loop of feedback ``ident`` closed."""
    rec = _item(wh, ident)
    item = rec.model
    if item.closed is not None:
        raise UsageError(
            "already_closed",
            zh=f"反馈 {rec.id} 已于 {item.closed} 闭环，未重复记录。",
            en=f"feedback {rec.id} was closed on {item.closed}; not recorded twice.",
        )
    if item.response is None:
        raise UsageError(
            "not_answered",
            zh=f"反馈 {rec.id} 尚无答复记录：先用 jgsw record feedback-response 记录答复。",
            en=f"feedback {rec.id} has no answer yet: record it with jgsw record "
            "feedback-response first.",
        )
    day = _day(date)
    if item.response.date is not None and day < item.response.date:
        raise UsageError(
            "closed_before_answer",
            zh=f"闭环日期 {day} 早于答复日期 {item.response.date}，未记录。",
            en=f"the loop cannot close ({day}) before the answer ({item.response.date}); "
            "not recorded.",
        )
    return _change(wh, rec, "closed", render_scalar(day))
