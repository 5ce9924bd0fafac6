"""`jgsw record`: append a dated entry (review, evaluation, usage, activity) in place.

The entry is validated on its own first (a bad date or an unknown conclusion
stops here, with the field named), then added to the file's list without
touching any other line (edit.lists), then the whole file is validated again
before anything is written.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from jgsw_std.edit.lists import add_entry
from jgsw_std.edit.quoting import normalize_date
from jgsw_std.edit.safe import FileChange, current_bytes, validate
from jgsw_std.edit.textio import decode, encode
from jgsw_std.errors import DataError, UsageError
from jgsw_std.i18n import choice_list
from jgsw_std.load.warehouse import Warehouse, build_warehouse
from jgsw_std.model.codes import normalize_code
from jgsw_std.model.district import Activity, District
from jgsw_std.model.standard import Evaluation, Review, Standard, Usage


@dataclass(frozen=True)
class EntryKind:
    """Where one kind of entry lives and what makes two entries the same."""

    name: str  # review, evaluation, usage, activity: the `jgsw record` subcommand
    target: str  # "standard" or "district"
    key: str  # the list in the file
    model: type[BaseModel]
    order_key: str  # entries are kept in this field's order
    same: tuple[str, ...]  # fields that identify an entry (a second one is refused)


KINDS: dict[str, EntryKind] = {
    "review": EntryKind("review", "standard", "reviews", Review, "date", ("date",)),
    "evaluation": EntryKind("evaluation", "standard", "evaluations", Evaluation, "date", ("date",)),
    "usage": EntryKind("usage", "standard", "usage", Usage, "year", ("year",)),
    "activity": EntryKind(
        "activity", "district", "activities", Activity, "date", ("date", "kind", "title")
    ),
}

# Chinese words people use for the enum values, accepted on the command line.
# Only the enum-valued fields below take them; free text (title, note) is kept as typed.
ENUM_FIELDS: frozenset[str] = frozenset({"conclusion", "kind"})
ALIASES: dict[str, str] = {
    "继续有效": "continue",
    "修订": "revise",
    "废止": "repeal",
    "会议": "meeting",
    "培训": "training",
    "宣贯": "publicity",
    "宣传": "publicity",
    "交流": "exchange",
}


def _allowed(error: Any) -> list[str]:
    """The values a literal allows, from pydantic's "'a', 'b' or 'c'"."""
    return re.findall(r"'([^']*)'", str((error.get("ctx") or {}).get("expected", "")))


def _why_zh(error: Any) -> str:
    """The reason in Chinese for the errors a command-line value can have."""
    etype = str(error["type"])
    ctx = error.get("ctx") or {}
    if etype.startswith("date"):
        return "不是有效日期（写成 YYYY-MM-DD）"
    if etype == "literal_error":
        return f"不在可选值之内，可选：{choice_list(_allowed(error), 'zh')}（也可直接写中文名称）"
    if etype == "greater_than_equal":
        return f"不能小于 {ctx.get('ge')}"
    if etype == "less_than_equal":
        return f"不能大于 {ctx.get('le')}"
    if etype == "string_too_short":
        return "不能为空"
    return f"不合要求（{error['msg']}）"


def _entry(kind: EntryKind, values: dict[str, Any]) -> BaseModel:
    clean = {
        k: ALIASES.get(v, v) if k in ENUM_FIELDS and isinstance(v, str) else v
        for k, v in values.items()
    }
    clean = {k: v for k, v in clean.items() if v is not None}
    if isinstance(clean.get("date"), str):  # 2025/10/20 and 2025年10月20日 are dates too
        clean["date"] = normalize_date(clean["date"]) or clean["date"]
    try:
        return kind.model.model_validate(clean)
    except ValidationError as exc:
        zh: list[str] = []
        en: list[str] = []
        for error in exc.errors(include_url=False):
            option = "--" + (".".join(str(p) for p in error["loc"]) or kind.key).replace("_", "-")
            got = error.get("input")
            zh.append(f"{option} 的值 {got!r} {_why_zh(error)}")
            if str(error["type"]) == "literal_error":
                en.append(f"{option}: {got!r} is not one of {choice_list(_allowed(error), 'en')}")
            else:
                en.append(f"{option}: {error['msg']} (got {got!r})")
        command = f"jgsw record {kind.name} --help"
        raise UsageError(
            "bad_entry",
            zh="记录内容不合要求，未修改任何文件：" + "；".join(zh),
            en="the entry is not valid; no file was changed: " + "; ".join(en),
            hint_zh=f"日期写成 YYYY-MM-DD；每个选项的写法见 {command}。",
            hint_en=f"Write dates as YYYY-MM-DD; {command} lists every option and its values.",
        ) from None


def _standard_path(wh: Warehouse, code: str) -> tuple[str, Standard]:
    rec = wh.standard(code)
    if rec is not None:
        return rec.path, rec.model
    wanted = normalize_code(code)
    if wanted in wh.broken_codes:
        raise DataError(
            "target_invalid",
            zh=f"标准 {wanted} 的文件有错误，先修正（jgsw check）再记录。",
            en=f"the file of {wanted} has errors; fix them first (jgsw check).",
        )
    close = difflib.get_close_matches(wanted, list(wh.by_code), n=1, cutoff=0.7)
    raise UsageError(
        "no_such_standard",
        zh=f"标准仓中没有编号为 {wanted} 的标准" + (f"；是不是 {close[0]}？" if close else "。"),
        en=f"no standard {wanted} in the warehouse"
        + (f"; did you mean {close[0]}?" if close else "."),
        hint_zh="新标准先用 jgsw new standard 建立文件。",
        hint_en="Create a new standard's file with jgsw new standard first.",
    )


def _district_path(wh: Warehouse, slug: str) -> tuple[str, District]:
    rec = wh.district_by_slug.get(slug)
    if rec is not None:
        return rec.path, rec.model
    close = difflib.get_close_matches(slug, list(wh.district_by_slug), n=1, cutoff=0.6)
    raise UsageError(
        "no_such_district",
        zh=f"没有标识为 {slug} 的地区" + (f"；是不是 {close[0]}？" if close else "。"),
        en=f"no district {slug}" + (f"; did you mean {close[0]}?" if close else "."),
        hint_zh="地区标识即 data/districts/ 下的文件名，如 shapingba。",
        hint_en="The identifier is the file name under data/districts/, e.g. shapingba.",
    )


def _check_experts(wh: Warehouse, slugs: list[str] | None) -> None:
    """Experts named on a review or evaluation must be in the pool's files (E901 otherwise)."""
    for slug in slugs or []:
        if slug not in wh.expert_by_slug:
            close = difflib.get_close_matches(slug, list(wh.expert_by_slug), n=1, cutoff=0.6)
            raise UsageError(
                "no_such_expert",
                zh=f"专家库中没有标识为 {slug} 的专家"
                + (f"；是不是 {close[0]}？" if close else "。"),
                en=f"no expert {slug} in the pool"
                + (f"; did you mean {close[0]}?" if close else "."),
                hint_zh="专家标识即 data/experts/ 下的文件名；新专家用 jgsw new expert 录入。",
                hint_en="The identifier is the file name under data/experts/; add experts with "
                "jgsw new expert.",
            )


@dataclass(frozen=True)
class RecordPlan:
    """One entry to add to one file: planned from the loaded warehouse, applied to bytes."""

    kind: EntryKind
    entry: BaseModel
    rel: str
    model: type[BaseModel]  # Standard or District


def _duplicate(plan: RecordPlan, existing: list[BaseModel]) -> None:
    kind, entry, rel = plan.kind, plan.entry, plan.rel
    ident = tuple(getattr(entry, f) for f in kind.same)
    if any(tuple(getattr(old, f) for f in kind.same) == ident for old in existing):
        shown = ", ".join(f"{f}={getattr(entry, f)}" for f in kind.same)
        raise UsageError(
            "duplicate_entry",
            zh=f"{rel} 已有相同的记录（{shown}），未重复添加。",
            en=f"{rel} already has this entry ({shown}); not added twice.",
            hint_zh="要更正已有记录，请直接编辑该文件。",
            hint_en="To correct the existing entry, edit the file.",
        )


def _model_of(rel: str, data: bytes) -> BaseModel:
    """The record ``data`` holds now; a file that no longer validates stops the edit."""
    from jgsw_std.load.files import SourceFile

    wh = build_warehouse([SourceFile(rel, data)])
    found: list[Any] = [r.model for r in wh.standards] + [d.model for d in wh.districts]
    if not found:
        raise DataError(
            "target_invalid",
            zh=f"{rel} 有错误，先修正（jgsw check）再记录；未写入。",
            en=f"{rel} has errors; fix them first (jgsw check); nothing was written.",
        )
    model: BaseModel = found[0]
    return model


def record_into(plan: RecordPlan, before: bytes | None) -> FileChange:
    """The change that adds the planned entry to the file's current bytes ``before``."""
    if before is None:
        raise DataError(
            "target_gone",
            zh=f"{plan.rel} 已不存在（在读取后被删除或改名），未写入。",
            en=f"{plan.rel} no longer exists (removed or renamed meanwhile); nothing was written.",
        )
    kind = plan.kind
    _duplicate(plan, list(getattr(_model_of(plan.rel, before), kind.key)))
    text, form = decode(before, plan.rel)
    fields = plan.entry.model_dump(exclude_none=True)
    new_text = add_entry(text, plan.rel, kind.key, fields, plan.model, kind.order_key)
    return FileChange(plan.rel, before, encode(new_text, form))


def plan_record(wh: Warehouse, what: str, target: str, values: dict[str, Any]) -> FileChange:
    """The change that records one entry; validated, not yet written."""
    return plan_entry(wh, what, target, values)[1]


def plan_entry(
    wh: Warehouse, what: str, target: str, values: dict[str, Any]
) -> tuple[RecordPlan, FileChange]:
    """The entry and the change that records it; validated, not yet written."""
    kind = KINDS[what]
    entry = _entry(kind, values)
    _check_experts(wh, values.get("experts"))
    model: BaseModel
    if kind.target == "standard":
        rel, model = _standard_path(wh, target)
    else:
        rel, model = _district_path(wh, target)
    plan = RecordPlan(kind, entry, rel, type(model))
    _duplicate(plan, list(getattr(model, kind.key)))
    assert wh.root is not None
    change = record_into(plan, current_bytes(Path(wh.root), rel))
    validate([change], wh.root)
    return plan, change
