"""Checks, one module per family. Each registers its codes in registry.RULES."""

from __future__ import annotations

#: Modules imported to fill the registry, in the order their checks run.
RULE_MODULES: tuple[str, ...] = (
    "naming",
    "references",
    "dates",
    "gaps",
    "duties",
    "quality",
    "units",
    "experts",
    "documents",
    "feedback",
)
