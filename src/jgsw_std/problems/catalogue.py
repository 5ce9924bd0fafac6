"""The code catalogue: every problem code with its severity, messages, hint and documentation.

A code's metadata lives here, beside :class:`~jgsw_std.problems.Problem`; the
loader declares its own codes (Y, S) beside the loader, and the rules (D, G,
L, N, Q, R, U) beside their checks in ``rules/``. Codes are stable: they appear
in CI logs, suppression comments and settings.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from jgsw_std.i18n import one_line
from jgsw_std.problems import Problem, Severity


@dataclass(frozen=True)
class Code:
    """One problem code: what it is called, how severe, what it says and how to fix it."""

    code: str
    name: str
    severity: Severity
    zh: str
    en: str
    hint_zh: str
    hint_en: str
    doc: str
    #: how a *possible* finding reads: one that depends on a value nobody recorded
    #: (lifecycle/known.py); empty for codes that are always certain
    maybe_zh: str = ""
    maybe_en: str = ""

    def problem(
        self,
        path: str,
        loc: tuple[str | int, ...] = (),
        /,
        *,
        key: bool = False,
        line: int = 0,
        col: int = 0,
        **args: Any,
    ) -> Problem:
        """A finding of this code. ``key``/``line``/``col`` place it; ``args`` fill the
        message, so they must not use those three names."""
        return Problem(path, self.code, self.severity, args, line, col, loc, key)

    def possible(
        self,
        path: str,
        loc: tuple[str | int, ...] = (),
        /,
        *,
        settle: Sequence[Any] = (),
        key: bool = False,
        **args: Any,
    ) -> Problem:
        """A possible finding: it holds or not depending on values nobody recorded.

        Reported at info severity whatever the code's (an override may turn it
        off but not up), worded by ``maybe_zh``/``maybe_en``; ``settle`` are the
        missing values (lifecycle.known.Fact) that would decide it, named in
        the message as ``{settle}``.
        """
        words = {
            "settle_zh": "、".join(f.text("zh") for f in settle),
            "settle_en": "; ".join(f.text("en") for f in settle),
        }
        merged = {**args, **words, "possible": True}
        return Problem(path, self.code, Severity.INFO, merged, 0, 0, loc, key)

    def hint(self, lang: str) -> str:
        return self.hint_en if lang == "en" else self.hint_zh


#: Every code declared so far. The loader's codes are declared when it is
#: imported; the rules' when `rules.registry.ensure_loaded` imports them.
CATALOGUE: dict[str, Code] = {}


def register(entry: Code) -> Code:
    if entry.code in CATALOGUE:
        raise ValueError(f"duplicate problem code {entry.code}")
    CATALOGUE[entry.code] = entry
    return entry


def declare(
    code: str,
    name: str,
    severity: Severity,
    *,
    zh: str,
    en: str,
    hint_zh: str = "",
    hint_en: str = "",
    doc: str,
) -> Code:
    """Declare a code that has no check function of its own (the loader's)."""
    return register(Code(code, name, severity, zh, en, hint_zh, hint_en, inspect.cleandoc(doc)))


def lookup(text: str) -> Code | None:
    """A declared code by its code (any case) or its name."""
    key = text.strip()
    return CATALOGUE.get(key.upper()) or next(
        (c for c in CATALOGUE.values() if c.name == key), None
    )


class _Args(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


_LISTS = (list, tuple, set, frozenset)


def _localize(args: dict[str, Any], lang: str) -> _Args:
    """The arguments as a template sees them: lists joined, ``name_zh`` filling ``{name}``.

    Runs once or twice for every problem printed, so it does the least it can:
    most arguments are plain text, numbers or dates and pass through as they are.
    """
    out = _Args(args)
    suffix = "_en" if lang == "en" else "_zh"
    localized = None
    for key, value in args.items():
        if type(value) in _LISTS:
            out[key] = (", " if lang == "en" else "、").join(str(v) for v in value)
        if key.endswith(suffix):
            localized = [key] if localized is None else [*localized, key]
    if localized:  # name_zh fills {name} (after the loop: it wins over a plain name)
        for key in localized:
            out[key[:-3]] = args[key]
    return out


def render_message(problem: Problem, lang: str) -> str:
    entry = CATALOGUE.get(problem.code)
    if entry is None:
        return problem.code
    template = entry.en if lang == "en" else entry.zh
    if problem.args.get("possible") and entry.maybe_zh:
        template = entry.maybe_en if lang == "en" else entry.maybe_zh
    return one_line(template.format_map(_localize(problem.args, lang)))


def render_hint(problem: Problem, lang: str) -> str:
    entry = CATALOGUE.get(problem.code)
    if entry is None:
        return ""
    template = entry.hint(lang)
    if "{" not in template:  # most hints are fixed text: skip building the arguments
        return template
    return one_line(template.format_map(_localize(problem.args, lang)))
