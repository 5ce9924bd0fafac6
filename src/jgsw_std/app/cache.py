"""The cache use case: what the cache holds, and emptying it (`jgsw cache info|clear`)."""

from __future__ import annotations

from dataclasses import dataclass

from jgsw_std.errors import DataError
from jgsw_std.load import cache
from jgsw_std.load.cache_info import CacheInfo, clear
from jgsw_std.load.cache_info import info as cache_info_of_store


@dataclass(frozen=True)
class Cleared:
    path: str
    freed: int  # bytes


def cache_info() -> CacheInfo:
    """Where the cache is and what it holds; a damaged file is described, not an error."""
    return cache_info_of_store()


def clear_cache() -> Cleared:
    """Delete the cache; a file that cannot be removed stops the run with the reason."""
    path = cache.cache_path()
    try:
        freed = clear()
    except OSError as exc:
        raise DataError(
            "cache_clear_failed",
            zh=f"无法删除缓存 {path}：{exc.strerror or exc}",
            en=f"cannot delete the cache {path}: {exc.strerror or exc}",
            hint_zh="关闭正在运行的 jgsw 后重试，或检查该目录的写权限。",
            hint_en="Close any running jgsw and try again, or check that the folder is writable.",
        ) from exc
    return Cleared(str(path), freed)
