"""The rule registry: every problem code, its severity, message and user doc.

Codes are stable: they appear in CI logs, suppression comments and settings.
Families: Y file and YAML, S schema, N names and placement, R references,
D dates and lifecycle consistency, G framework gaps, L lifecycle duties,
Q quality, U districts (units).
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from jgsw_std.problems import Problem, Severity

if TYPE_CHECKING:
    from jgsw_std.load.warehouse import Warehouse


@dataclass
class CheckContext:
    """What a check may depend on besides the warehouse: the date and settings."""

    as_of: dt.date
    thresholds: dict[str, float] = field(default_factory=dict)

    def threshold(self, name: str, default: float) -> float:
        return float(self.thresholds.get(name, default))


CheckFn = Callable[["Warehouse", CheckContext], Iterable[Problem]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    zh: str
    en: str
    hint_zh: str
    hint_en: str
    doc: str
    check: CheckFn | None = None

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
        """A finding of this rule. ``key``/``line``/``col`` place it; ``args`` fill the
        message, so they must not use those three names."""
        return Problem(path, self.code, self.severity, args, line, col, loc, key)

    @property
    def family(self) -> str:
        return self.code[0]

    def __call__(self, wh: Warehouse, ctx: CheckContext) -> Iterable[Problem]:
        if self.check is None:
            return ()
        return self.check(wh, ctx)


RULES: dict[str, Rule] = {}

#: Thresholds a warehouse may set under ``check: thresholds:`` in framework.yaml or
#: ``[check.thresholds]`` in jgsw.toml: name -> (zh, en) description. Rule modules
#: declare the ones they read, so a misspelt name is an error, not silently ignored.
THRESHOLDS: dict[str, tuple[str, str]] = {}


def declare_threshold(name: str, *, zh: str, en: str) -> str:
    """Register a threshold name a check reads with ``ctx.threshold(name, default)``."""
    THRESHOLDS[name] = (zh, en)
    return name


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
) -> Rule:
    """Register a code emitted by the loader itself (no separate check function)."""
    if code in RULES:
        raise ValueError(f"duplicate rule code {code}")
    rule_ = Rule(code, name, severity, zh, en, hint_zh, hint_en, inspect.cleandoc(doc))
    RULES[code] = rule_
    return rule_


def rule(
    code: str,
    name: str,
    severity: Severity,
    *,
    zh: str,
    en: str,
    hint_zh: str = "",
    hint_en: str = "",
) -> Callable[[CheckFn], Rule]:
    """Register a warehouse check; its docstring is the user documentation.

    The decorated name becomes the Rule, so a check builds its problems with
    ``its_name.problem(path, loc, **args)``.
    """

    def register(fn: CheckFn) -> Rule:
        if code in RULES:
            raise ValueError(f"duplicate rule code {code}")
        doc = inspect.cleandoc(fn.__doc__ or "")
        rule_ = Rule(code, name, severity, zh, en, hint_zh, hint_en, doc, fn)
        RULES[code] = rule_
        return rule_

    return register


def get(code: str) -> Rule:
    return RULES[code]


def find_rule(text: str) -> Rule | None:
    """Look a rule up by code (any case) or by name."""
    ensure_loaded()
    key = text.strip()
    return RULES.get(key.upper()) or next((r for r in RULES.values() if r.name == key), None)


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
    rule_ = RULES.get(problem.code)
    if rule_ is None:
        return problem.code
    template = rule_.en if lang == "en" else rule_.zh
    return template.format_map(_localize(problem.args, lang))


def render_hint(problem: Problem, lang: str) -> str:
    rule_ = RULES.get(problem.code)
    if rule_ is None:
        return ""
    template = rule_.hint_en if lang == "en" else rule_.hint_zh
    if "{" not in template:  # most hints are fixed text: skip building the arguments
        return template
    return template.format_map(_localize(problem.args, lang))


_LOADED = False


def ensure_loaded() -> None:
    """Import every rule module once so that the registry is complete."""
    global _LOADED
    if _LOADED:
        return
    import importlib

    from jgsw_std.rules import RULE_MODULES

    for module in RULE_MODULES:
        importlib.import_module(f"jgsw_std.rules.{module}")
    _LOADED = True
