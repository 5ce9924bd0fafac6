"""Writers for `jgsw explain`: the list of codes, or one code's documentation."""

from __future__ import annotations

from jgsw_std.problems.catalogue import Code
from jgsw_std.problems.docs import documentation, readable


def write_list(codes: list[Code], lang: str = "zh") -> str:
    """One line a code: code, severity, name and the first line of its documentation."""
    lines = []
    for entry in codes:
        doc = documentation(entry, lang)
        title = doc.splitlines()[0] if doc else ""
        lines.append(f"{entry.code}  {entry.severity.value:<7}  {entry.name:<30}  {title}")
    return "".join(line + "\n" for line in lines)


def write_one(entry: Code, lang: str) -> str:
    """The code's heading, documentation, message and fix, blanks named in words."""
    template = readable(entry.en if lang == "en" else entry.zh, lang)
    hint = readable(entry.hint(lang), lang)
    parts = [f"{entry.code} {entry.name} ({entry.severity.value})", ""]
    parts += [documentation(entry, lang), ""]
    parts.append(("Message: " if lang == "en" else "提示信息：") + template)
    maybe = entry.maybe_en if lang == "en" else entry.maybe_zh
    if maybe:
        label = (
            "When it depends on missing dates (info): "
            if lang == "en"
            else "取决于缺失日期时（提示）："
        )
        parts.append(label + readable(maybe, lang))
    if hint:
        parts.append(("Fix: " if lang == "en" else "修改建议：") + hint)
    return "".join(part + "\n" for part in parts)
