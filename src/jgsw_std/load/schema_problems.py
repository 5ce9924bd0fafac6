"""Schema problems: pydantic validation errors turned into fixable messages."""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from jgsw_std.i18n import choice_list
from jgsw_std.model.base import PRIVATE_MASK
from jgsw_std.problems import Problem, Severity
from jgsw_std.problems.catalogue import declare

MISSING = declare(
    "S101",
    "missing-field",
    Severity.ERROR,
    zh="缺少必填字段 {field}",
    en="required field {field} is missing",
    hint_zh="补上 {field}: ...（见 docs/domain.md 的数据约定）。",
    hint_en="Add {field}: ... (see the data contract in docs/domain.md).",
    doc="A field the data contract marks as required is absent.",
)

UNKNOWN_FIELD = declare(
    "S102",
    "unknown-field",
    Severity.ERROR,
    zh="未知字段 {field}{suggestion_zh}",
    en="unknown field {field}{suggestion_en}",
    hint_zh="字段名须与数据约定一致；拼写错误的字段会被忽略，所以这里报错。",
    hint_en="Field names must match the data contract; a misspelt field would be ignored.",
    doc="""
    The file has a field the data contract does not define. Unknown fields are
    errors because a misspelt field (`efective:`) would otherwise be silently
    dropped. A close match is suggested.
    """,
)

BAD_VALUE = declare(
    "S103",
    "bad-value",
    Severity.ERROR,
    zh="字段 {field} 的值 {value} 不合要求：{detail}",
    en="field {field} has a bad value {value}: {detail}",
    hint_zh="按数据约定填写该字段的类型和取值。",
    hint_en="Use the type and values the data contract gives for this field.",
    doc="""
    A value has the wrong type (text where a number is expected, a single value
    where a list is expected) or is not one of the allowed values (e.g. `level`
    must be national, industry, local, group, enterprise or internal).
    """,
)

MALFORMED_CODE = declare(
    "S104",
    "malformed-code",
    Severity.ERROR,
    zh="标准编号 {value} 格式不对：{reason}",
    en="malformed standard code {value}: {reason}",
    hint_zh="编号形如 DB50/T 1056-2020、GB/T 41568-2022、T/CSUS 15-2021。",
    hint_en="Codes look like DB50/T 1056-2020, GB/T 41568-2022, T/CSUS 15-2021.",
    doc="""
    A standard code (in `code`, `supersedes`, `superseded_by` or `references`)
    cannot be read. Full-width slashes, em dashes and extra spaces are fixed
    silently; what remains must be PREFIX NUMBER-YEAR with a known prefix.
    """,
)

BAD_DATE = declare(
    "S105",
    "bad-date",
    Severity.ERROR,
    zh="字段 {field} 的日期 {value} 无效：{detail}",
    en="field {field} has an invalid date {value}: {detail}",
    hint_zh="日期写成 YYYY-MM-DD，且须是日历上存在的日期。",
    hint_en="Write dates as YYYY-MM-DD, and use a date that exists.",
    doc="A date is not in YYYY-MM-DD form, or does not exist (2021-02-30).",
)

# Pydantic error types -> (zh, en) detail; {ctx} keys are filled from the error.
_DETAILS: dict[str, tuple[str, str]] = {
    "literal_error": ("应为以下之一：{expected}", "must be one of {expected}"),
    "int_type": ("应为整数", "must be a whole number"),
    "int_parsing": ("应为整数", "must be a whole number"),
    "int_from_float": ("应为整数", "must be a whole number"),
    "float_type": ("应为数字", "must be a number"),
    "float_parsing": ("应为数字", "must be a number"),
    "string_type": ("应为文本", "must be text"),
    "bool_type": ("应为 true 或 false", "must be true or false"),
    "bool_parsing": ("应为 true 或 false", "must be true or false"),
    "list_type": ("应为列表（[a, b] 或逐行 - a）", "must be a list ([a, b] or - a lines)"),
    "dict_type": ("应为映射（键: 值）", "must be a mapping (key: value)"),
    "model_type": ("应为映射（键: 值）", "must be a mapping (key: value)"),
    "model_attributes_type": ("应为映射（键: 值）", "must be a mapping (key: value)"),
    "greater_than_equal": ("不能小于 {ge}", "must be at least {ge}"),
    "less_than_equal": ("不能大于 {le}", "must be at most {le}"),
    "greater_than": ("应大于 {gt}", "must be more than {gt}"),
    "less_than": ("应小于 {lt}", "must be less than {lt}"),
    "finite_number": (
        "应为有限的数（不能是 .nan 或 .inf）",
        "must be a finite number (not .nan or .inf)",
    ),
    "string_too_short": ("不能为空", "must not be empty"),
    "string_too_long": (
        "过长：最多 {max_length} 个字符",
        "too long: at most {max_length} characters",
    ),
    "string_pattern_mismatch": (
        "格式不对：只能用小写字母、数字和连字符",
        "bad format: use lower-case letters, digits, dashes",
    ),
    "plan_order": ("规划期结束日期早于开始日期", "the plan ends before it starts"),
    "range_empty": ("目标区间至少要写 min 或 max", "a target range needs min or max"),
    "range_order": ("目标区间的 max 小于 min", "the target range's max is below its min"),
    "union_tag_invalid": ("类型不对", "wrong type"),
}


def _field_path(loc: tuple[str | int, ...]) -> str:
    out = ""
    for step in loc:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "(file)"


#: Longest value shown in a message, in characters.
SHOWN = 60
_HUGE = 10**4000


def _shown(model: type[BaseModel], loc: tuple[str | int, ...], value: Any) -> str:
    """The value as a message may quote it: masked under a private field (an expert's contact)."""
    private: frozenset[str] = getattr(model, "private_fields", frozenset())
    if loc and loc[0] in private:
        return PRIVATE_MASK
    return _short(value)


def _short(value: Any) -> str:
    """A value as a message shows it: at most :data:`SHOWN` characters, built in bounded time.

    ``repr`` of a whole value would walk all of it first (a list of a million
    items, a structure of aliases standing for billions) and cannot write an
    integer of more than 4,300 digits at all.
    """
    text = _bounded_repr(value, 2) if not isinstance(value, str) else value[: SHOWN + 1]
    return text if len(text) <= SHOWN else text[: SHOWN - 3] + "..."


def _bounded_repr(value: Any, depth: int) -> str:
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int):
        # bit_length first: repr of a huge integer costs time, past 4,300 digits it fails
        if value.bit_length() <= 99:  # at most 30 digits
            return repr(value)
        if abs(value) < _HUGE:  # under Python's 4,300-digit limit for str()
            return str(value)[:21] + "…"
        # the reference reader keeps no more digits than this (yamlread._int)
        return "≤-10^4000" if value < 0 else "≥10^4000"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return repr(value[: SHOWN + 1])
    if isinstance(value, list | tuple):
        if depth <= 0:
            return "[...]" if value else "[]"
        inner = [_bounded_repr(item, depth - 1) for item in value[:4]]
        return "[" + ", ".join(inner) + (", ...]" if len(value) > 4 else "]")
    if isinstance(value, dict):
        if depth <= 0:
            return "{...}" if value else "{}"
        pairs = [
            f"{_bounded_repr(k, 0)}: {_bounded_repr(v, depth - 1)}"
            for k, v in list(value.items())[:4]
        ]
        return "{" + ", ".join(pairs) + (", ...}" if len(value) > 4 else "}")
    return f"<{type(value).__name__}>"


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside list[X] | None | Annotated[...] and the like."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_in(typing.get_args(annotation)[0])
    if origin in (list, tuple, set, typing.Union, types.UnionType, dict):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None


def fields_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """Field names allowed at ``loc`` inside ``model`` (for "did you mean")."""
    current: type[BaseModel] | None = model
    for step in loc:
        if isinstance(step, int) or current is None:
            continue
        info = _keys(current).get(step)
        if info is None:
            return []
        current = _model_in(info.annotation)
    return list(_keys(current)) if current is not None else []


def _keys(model: type[BaseModel]) -> dict[str, Any]:
    """The model's fields by the key a file writes (an alias, such as ``from``, if any)."""
    return {info.alias or name: info for name, info in model.model_fields.items()}


_MISSING = object()


def _real_loc(data: Any, loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """The longest prefix of ``loc`` that exists in ``data``.

    Pydantic adds union branch names (``float``, ``Range``) to locations; those
    are not keys in the file and must not reach the user.
    """
    out: list[str | int] = []
    node: Any = data
    for step in loc:
        child: Any = _MISSING
        if isinstance(node, dict):
            child = node.get(step, _MISSING)
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            child = node[step]
        if child is _MISSING:
            break
        node = child
        out.append(step)
    return tuple(out)


def _lookup(data: Any, loc: tuple[str | int, ...]) -> Any:
    node = data
    for step in loc:
        node = node[step]
    return node


_QUOTED = re.compile(r"'([^']*)'")
_ISO_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def problems_from_validation(
    path: str, exc: ValidationError, model: type[BaseModel], data: Any
) -> list[Problem]:
    """One Problem per distinct place, with the field path a person recognizes."""
    out: list[Problem] = []
    seen: set[tuple[tuple[str | int, ...], str]] = set()
    for error in exc.errors(include_url=False):
        etype = error["type"]
        loc = tuple(error["loc"])
        ctx = error.get("ctx") or {}
        if etype == "missing":
            parent = _real_loc(data, loc[:-1])
            if parent != loc[:-1]:
                continue  # a union branch complaining; the real error is reported elsewhere
            problem = MISSING.problem(path, parent, field=_field_path(loc))
        elif etype == "target_missing":
            real = _real_loc(data, loc)
            problem = MISSING.problem(path, real, field=_field_path((*real, "target")))
        elif etype == "extra_forbidden":
            name = str(loc[-1])
            close = difflib.get_close_matches(name, fields_at(model, loc[:-1]), n=1, cutoff=0.6)
            problem = UNKNOWN_FIELD.problem(
                path,
                loc,
                key=True,
                field=_field_path(loc),
                suggestion_zh=f"；是不是 {close[0]}？" if close else "",
                suggestion_en=f"; did you mean {close[0]}?" if close else "",
            )
        elif etype in ("malformed_code", "code_type"):
            real = _real_loc(data, loc)
            problem = MALFORMED_CODE.problem(
                path,
                real,
                value=_short(ctx.get("value", error.get("input"))),
                reason_en=ctx.get("reason", "not text"),
                reason_zh=ctx.get("reason_zh", "编号应为文本"),
            )
        elif etype.startswith("date_"):
            real = _real_loc(data, loc)
            value = error.get("input")
            impossible = isinstance(value, str) and bool(_ISO_SHAPE.match(value))
            problem = BAD_DATE.problem(
                path,
                real,
                field=_field_path(real),
                value=_shown(model, loc, value),
                detail_zh="日历上没有这一天" if impossible else "应写成 YYYY-MM-DD",
                detail_en="no such day" if impossible else "write YYYY-MM-DD",
            )
        else:
            real = _real_loc(data, loc)
            zh, en = _DETAILS.get(etype, ("", ""))
            values = {k: v for k, v in ctx.items()}
            values_zh = dict(values)
            if etype == "literal_error":
                allowed = _QUOTED.findall(str(ctx.get("expected", "")))
                got = error.get("input")
                close = difflib.get_close_matches(_short(got), allowed, n=1, cutoff=0.5)
                values["expected"] = ", ".join(allowed)
                # the codes people type, with their Chinese names: continue（继续有效）、...
                values_zh["expected"] = choice_list(allowed, "zh")
                if close:
                    zh += f"；是不是 {close[0]}？"
                    en += f"; did you mean {close[0]}?"
            value = _lookup(data, real) if real else error.get("input")
            problem = BAD_VALUE.problem(
                path,
                real,
                field=_field_path(real),
                value=_shown(model, loc, value),
                detail_zh=(zh or error["msg"]).format(**values_zh),
                detail_en=(en or error["msg"]).format(**values),
            )
        marker = (problem.loc, problem.code)
        if marker in seen:
            continue
        seen.add(marker)
        out.append(problem)
    return out
