"""The one way a command picks its writer from a format table."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from jgsw_std.errors import UsageError

W = TypeVar("W")


def writer_for(table: Mapping[str, W], fmt: str) -> W:
    """The writer registered for ``fmt``; an unknown name stops the run with the choices."""
    found = table.get(fmt)
    if found is None:
        raise UsageError(
            "bad_format",
            zh=f"不支持的输出格式 {fmt}；可选：{', '.join(table)}",
            en=f"unknown format {fmt}; choose one of {', '.join(table)}",
        )
    return found
