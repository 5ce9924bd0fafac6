"""Minimal, deterministic YAML text for generated files (no ruamel on this hot path).

Generating 10,000 files through a round-trip emitter would take seconds; these
records are simple, so a few lines that quote only when needed suffice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from jgsw_std.edit.quoting import needs_quotes, quote


def scalar(value: Any, flow: bool = False) -> str:
    """One scalar as YAML text that reads back as the same value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    # One quoting rule for generated and formatted files, so that a fresh demo
    # warehouse is already in the canonical form `jgsw fmt --check` expects.
    if needs_quotes(text, flow):
        return quote(text)
    return text


def flow_map(mapping: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {scalar(v, flow=True)}" for k, v in mapping.items()) + "}"


def flow_list(items: list[Any]) -> str:
    return "[" + ", ".join(scalar(v, flow=True) for v in items) + "]"


def document(fields: dict[str, Any], header: list[str]) -> str:
    """A mapping, one field a line; lists of mappings as `- {flow}` lines."""
    lines = [f"# {h}" if h else "#" for h in header]
    for key, value in fields.items():
        if isinstance(value, list):
            if not value or not isinstance(value[0], dict):
                lines.append(f"{key}: {flow_list(value)}")
            else:
                lines.append(f"{key}:")
                lines.extend(f"  - {flow_map(v)}" for v in value)
        elif isinstance(value, dict):
            if all(not isinstance(v, (dict, list)) for v in value.values()):
                lines.append(f"{key}: {flow_map(value)}")
            else:
                lines.append(f"{key}:")
                for sub_key, sub_value in value.items():
                    if isinstance(sub_value, dict):
                        lines.append(f"  {sub_key}: {flow_map(sub_value)}")
                    else:
                        lines.append(f"  {sub_key}: {scalar(sub_value)}")
        else:
            lines.append(f"{key}: {scalar(value)}")
    return "\n".join(lines) + "\n"
