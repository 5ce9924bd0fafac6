"""Writers for `jgsw find`: aligned text for people, json for tools."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable

from jgsw_std.app.find import FindResult, result_rows


def width(text: str) -> int:
    """Columns a text takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


def _filters_text(result: FindResult, lang: str) -> str:
    if not result.filters:
        return ""
    parts = [f"--{k.replace('_', '-')} {','.join(v)}" for k, v in result.filters.items()]
    return (
        (" (filters: " if lang == "en" else "（筛选：")
        + "; ".join(parts)
        + (")" if lang == "en" else "）")
    )


def render_text(result: FindResult, lang: str) -> str:
    """One line per standard: code, status, area, title; a heading with the count."""
    en = lang == "en"
    rows = result_rows(result, lang)
    if not rows:
        lines = [
            (
                f"No match for {result.query!r}{_filters_text(result, lang)}."
                if en
                else f"没有匹配“{result.query}”的标准{_filters_text(result, lang)}。"
            )
        ]
        if result.nearest:
            lines.append("Nearest codes:" if en else "最接近的编号：")
            for doc in result.nearest:
                title = (doc.title_en or doc.title) if en else doc.title
                lines.append(f"  {doc.code}  {title}")
        return "\n".join(lines) + "\n"
    shown = len(rows)
    if en:
        noun = "standard matches" if result.total == 1 else "standards match"
        head = f"{result.total} {noun} {result.query!r}{_filters_text(result, lang)}"
        head += f", best first (status as of {result.as_of})" + (
            f"; the first {shown} shown (--limit)." if shown < result.total else "."
        )
    else:
        head = f"找到 {result.total} 项匹配“{result.query}”的标准{_filters_text(result, lang)}"
        head += f"，按相关度排序（状态截至 {result.as_of}）" + (
            f"；显示前 {shown} 项（--limit）。" if shown < result.total else "。"
        )
    code_w = max(width(r["code"]) for r in rows)
    state_w = max(width(r["status_label"]) for r in rows)
    area_w = max(width(r["area_label"] or "-") for r in rows)
    lines = [head]
    for r in rows:
        lines.append(
            f"  {pad(r['code'], code_w)}  {pad(r['status_label'], state_w)}  "
            f"{pad(r['area_label'] or '-', area_w)}  {r['title']}"
        )
    if result.left_out:
        lines.append(
            f"Note: {result.left_out} files failed validation and were not searched (jgsw check)."
            if en
            else f"注意：{result.left_out} 个文件未通过校验，未参与检索（运行 jgsw check 查看）。"
        )
    return "\n".join(lines) + "\n"


def render_json(result: FindResult, lang: str) -> str:
    payload = {
        "version": 1,
        "query": result.query,
        "as_of": result.as_of.isoformat(),
        "total": result.total,
        "filters": result.filters,
        "results": result_rows(result, lang),
        "nearest": [{"code": d.code, "title": d.title, "path": d.path} for d in result.nearest],
        "left_out": result.left_out,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


WRITERS: dict[str, Callable[[FindResult, str], str]] = {"text": render_text, "json": render_json}
