"""The rule registry: each check function with its code, and the thresholds rules read.

A check is a function ``(warehouse, ctx) -> problems`` decorated with
:func:`rule`, which declares its code in the catalogue
(:mod:`jgsw_std.problems.catalogue`) with the function's docstring as the
user documentation. Families: D dates and lifecycle consistency, G framework
gaps, L lifecycle duties, N names and placement, Q quality, R references,
U districts (units), and the registries: E experts, M documents, F feedback;
the loader declares Y and S itself.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from jgsw_std.problems import Problem, Severity
from jgsw_std.problems.catalogue import CATALOGUE, Code, lookup, register

if TYPE_CHECKING:
    from jgsw_std.lifecycle.asof import AsOf
    from jgsw_std.load.warehouse import Warehouse


@dataclass
class CheckContext:
    """What a check may depend on besides the warehouse: the date and the settings.

    ``at`` answers every "where does this standard stand on the date" question;
    it is built once per run and shared with the indicators.
    """

    at: AsOf
    thresholds: dict[str, float] = field(default_factory=dict)

    @classmethod
    def on(
        cls, wh: Warehouse, as_of: dt.date, thresholds: dict[str, float] | None = None
    ) -> CheckContext:
        """A context for ``wh`` on ``as_of``, with the duty settings the thresholds give."""
        from jgsw_std.lifecycle.asof import AsOf
        from jgsw_std.lifecycle.duties import DutySettings

        limits = thresholds or {}
        return cls(AsOf(wh, as_of, DutySettings.of(wh, limits)), dict(limits))

    @property
    def as_of(self) -> dt.date:
        return self.at.date

    def threshold(self, name: str, default: float) -> float:
        return float(self.thresholds.get(name, default))


CheckFn = Callable[["Warehouse", CheckContext], Iterable[Problem]]


@dataclass(frozen=True)
class Rule(Code):
    """A code with the check function that finds it."""

    check: CheckFn | None = None

    def __call__(self, wh: Warehouse, ctx: CheckContext) -> Iterable[Problem]:
        if self.check is None:
            return ()
        return self.check(wh, ctx)


#: The checks, by code, in the order their modules were imported.
RULES: dict[str, Rule] = {}

#: Thresholds a warehouse may set under ``check: thresholds:`` in framework.yaml or
#: ``[check.thresholds]`` in jgsw.toml: name -> (zh, en) description. Rule modules
#: declare the ones they read, so a misspelt name is an error, not silently ignored.
THRESHOLDS: dict[str, tuple[str, str]] = {}


def declare_threshold(name: str, *, zh: str, en: str) -> str:
    """Register a threshold name a check reads with ``ctx.threshold(name, default)``."""
    THRESHOLDS[name] = (zh, en)
    return name


def rule(
    code: str,
    name: str,
    severity: Severity,
    *,
    zh: str,
    en: str,
    hint_zh: str = "",
    hint_en: str = "",
    maybe_zh: str = "",
    maybe_en: str = "",
) -> Callable[[CheckFn], Rule]:
    """Register a warehouse check; its docstring is the user documentation.

    The decorated name becomes the Rule, so a check builds its problems with
    ``its_name.problem(path, loc, **args)``, and a possible finding (one that
    waits on a value nobody recorded) with ``its_name.possible(...)``, worded
    by ``maybe_zh``/``maybe_en``.
    """

    def decorate(fn: CheckFn) -> Rule:
        doc = inspect.cleandoc(fn.__doc__ or "")
        rule_ = Rule(code, name, severity, zh, en, hint_zh, hint_en, doc, maybe_zh, maybe_en, fn)
        register(rule_)
        RULES[code] = rule_
        return rule_

    return decorate


def find_code(text: str) -> Code | None:
    """Any code, the loader's or a rule's, by code (any case) or by name."""
    ensure_loaded()
    return lookup(text)


def all_codes() -> list[Code]:
    """Every code, sorted: what `jgsw explain` lists."""
    ensure_loaded()
    return sorted(CATALOGUE.values(), key=lambda c: c.code)


_LOADED = False


def ensure_loaded() -> None:
    """Import every rule module once so that the registry and the catalogue are complete."""
    global _LOADED
    if _LOADED:
        return
    import importlib

    # the loader's own codes are declared when it is imported
    import jgsw_std.load.warehouse  # noqa: F401
    from jgsw_std.rules import RULE_MODULES

    for module in RULE_MODULES:
        importlib.import_module(f"jgsw_std.rules.{module}")
    _LOADED = True
