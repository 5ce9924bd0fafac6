"""Writers for `jgsw cache info|clear`: a few lines for people, JSON for tools."""

from __future__ import annotations

import json
from collections.abc import Callable

from jgsw_std.app.cache import Cleared
from jgsw_std.i18n import one_line
from jgsw_std.load.cache_info import CacheInfo


def _size(count: int) -> str:
    return f"{count / 1_048_576:.1f} MB" if count >= 1_048_576 else f"{count / 1024:.0f} KB"


def info_text(found: CacheInfo, lang: str) -> str:
    """Where the cache is, its size and what it holds."""
    en = lang == "en"
    lines = [("cache: " if en else "缓存：") + one_line(str(found.path))]
    if found.turned_off:
        lines.append("turned off by JGSW_NO_CACHE" if en else "已由环境变量 JGSW_NO_CACHE 关闭")
    if found.size == 0:
        lines.append("empty (nothing remembered yet)" if en else "空（尚未缓存任何内容）")
        return "\n".join(lines) + "\n"
    lines.append(("size: " if en else "大小：") + _size(found.size))
    if found.problem:
        lines.append(
            f"cannot be read ({one_line(found.problem)}); `jgsw cache clear` removes it"
            if en
            else f"无法读取（{one_line(found.problem)}）；可运行 `jgsw cache clear` 删除"
        )
        return "\n".join(lines) + "\n"
    if en:
        lines.append(
            f"files parsed: {found.records} ({found.current} for this jgsw); "
            f"finished results: {found.results}; working trees: {found.roots}"
        )
    else:
        lines.append(
            f"已解析文件 {found.records} 个（当前版本可用 {found.current} 个），"
            f"完整结果 {found.results} 个，工作区 {found.roots} 个"
        )
    return "\n".join(lines) + "\n"


def info_json(found: CacheInfo, lang: str) -> str:
    payload = {
        "path": str(found.path),
        "bytes": found.size,
        "records": found.records,
        "current_records": found.current,
        "results": found.results,
        "roots": found.roots,
        "turned_off": found.turned_off,
        "problem": found.problem or None,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def cleared_text(done: Cleared, lang: str) -> str:
    path = one_line(str(done.path))
    if lang == "en":
        return f"removed the cache {path} ({_size(done.freed)})\n"
    return f"已删除缓存 {path}（{_size(done.freed)}）\n"


WRITERS: dict[str, Callable[[CacheInfo, str], str]] = {"text": info_text, "json": info_json}
