"""Writers for `jgsw explain`: the list of codes, or one code's documentation."""

from __future__ import annotations

from jgsw_std.problems.catalogue import Code


def write_list(codes: list[Code]) -> str:
    """One line a code: code, severity, name and the first line of its documentation."""
    lines = []
    for entry in codes:
        title = entry.doc.splitlines()[0] if entry.doc else ""
        lines.append(f"{entry.code}  {entry.severity.value:<7}  {entry.name:<30}  {title}")
    return "".join(line + "\n" for line in lines)


def write_one(entry: Code, lang: str) -> str:
    """The code's heading, documentation, message template and fix."""
    template = entry.en if lang == "en" else entry.zh
    hint = entry.hint(lang)
    parts = [f"{entry.code} {entry.name} ({entry.severity.value})", "", entry.doc, ""]
    parts.append(("Message: " if lang == "en" else "提示信息：") + template)
    maybe = entry.maybe_en if lang == "en" else entry.maybe_zh
    if maybe:
        label = (
            "When it depends on missing dates (info): "
            if lang == "en"
            else "取决于缺失日期时（提示）："
        )
        parts.append(label + maybe)
    if hint:
        parts.append(("Fix: " if lang == "en" else "修改建议：") + hint)
    return "".join(part + "\n" for part in parts)
