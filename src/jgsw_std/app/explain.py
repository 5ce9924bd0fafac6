"""The explain use case: one code's documentation, or the list of every code."""

from __future__ import annotations

from jgsw_std.errors import UsageError
from jgsw_std.problems.catalogue import Code
from jgsw_std.rules.registry import all_codes, find_code


def explain(code: str | None) -> list[Code]:
    """Every code (no ``code`` given), or the one asked for; an unknown code stops the run."""
    if code is None:
        return all_codes()
    found = find_code(code)
    if found is None:
        raise UsageError(
            "unknown_code",
            zh=f"没有代码为 {code} 的检查规则。",
            en=f"no rule has the code {code}.",
            hint_zh="运行 jgsw explain 查看全部规则。",
            hint_en="Run jgsw explain to list every rule.",
        )
    return [found]
