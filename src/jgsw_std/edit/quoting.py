"""The canonical way to write one scalar: plain when that is safe, else double quotes.

A value is written plain only if every reader a warehouse meets reads it back
as the same text: our YAML 1.2 reader, the editors' language server (YAML 1.2)
and older YAML 1.1 tools (where ``yes``, ``on`` and ``1:20`` are not text).
Everything else gets double quotes, the form people know from JSON.

This module imports nothing heavy: the demo generator writes thousands of files
through :func:`render_document` and must agree with ``jgsw fmt`` byte for byte.
It is the one scalar writer: every line of YAML jgsw writes itself comes from here.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from jgsw_std.load.yamlread import resolve_scalar

# Characters that start a YAML indicator when they come first.
_FIRST = frozenset("-?:,[]{}#&*!|>'\"%@`")
# YAML 1.1 booleans, nulls, numbers (with _ and sexagesimal) and timestamps:
# text in YAML 1.2, something else for 1.1 readers, so quoted to be safe.
_YAML11 = re.compile(
    r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|=|<<"
    r"|[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0[0-7_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?"
    r"|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+]?[0-9]+)?"
    r"|\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))"
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?)$"
)
_FLOW_SPECIAL = frozenset(",[]{}:")


def needs_quotes(text: str, flow: bool = False) -> bool:
    """True if ``text`` must be quoted to read back as this text (``flow``: inside [] or {})."""
    if not text or text != text.strip() or text[0] in _FIRST:
        return True
    if ": " in text or " #" in text or text.endswith(":") or "\t" in text:
        return True
    if any(ord(c) < 32 or c in "\x7f\ufeff\u2028\u2029\x85" for c in text):
        return True
    if flow and any(c in _FLOW_SPECIAL for c in text):
        return True
    if not isinstance(resolve_scalar(text), str):
        return True
    return bool(_YAML11.match(text))


def quote(text: str) -> str:
    """``text`` as a double-quoted YAML scalar."""
    out = text.replace("\\", "\\\\").replace('"', '\\"')
    out = out.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    return f'"{out}"'


def render_scalar(value: Any, flow: bool = False) -> str:
    """One scalar in canonical form, for text that jgsw writes itself."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return quote(text) if needs_quotes(text, flow) else text


def render_flow_map(mapping: dict[str, Any]) -> str:
    """``{key: value, ...}`` in the order given, values in canonical form."""
    inner = ", ".join(f"{k}: {render_flow_value(v)}" for k, v in mapping.items())
    return "{" + inner + "}"


def render_flow_value(value: Any) -> str:
    if isinstance(value, dict):
        return render_flow_map(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(render_flow_value(v) for v in value) + "]"
    return render_scalar(value, flow=True)


def render_document(fields: dict[str, Any], header: list[str]) -> str:
    """A whole file: comment lines, then one field a line; lists of mappings as
    `- {flow}` lines. For files jgsw generates in bulk (the demo): no round-trip
    emitter on that path, and the same quoting as `jgsw fmt`, so a fresh file is
    already in the canonical form."""
    lines = [f"# {h}" if h else "#" for h in header]
    for key, value in fields.items():
        if isinstance(value, list):
            if not value or not isinstance(value[0], dict):
                lines.append(f"{key}: {render_flow_value(value)}")
            else:
                lines.append(f"{key}:")
                lines.extend(f"  - {render_flow_map(v)}" for v in value)
        elif isinstance(value, dict):
            if all(not isinstance(v, (dict, list)) for v in value.values()):
                lines.append(f"{key}: {render_flow_map(value)}")
            else:
                lines.append(f"{key}:")
                for sub_key, sub_value in value.items():
                    if isinstance(sub_value, dict):
                        lines.append(f"  {sub_key}: {render_flow_map(sub_value)}")
                    else:
                        lines.append(f"  {sub_key}: {render_scalar(sub_value)}")
        else:
            lines.append(f"{key}: {render_scalar(value)}")
    return "\n".join(lines) + "\n"


# Dates people type: 2021-2-1, 2021/02/01, 2021.2.1, 2021年2月1日.
_LOOSE_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def normalize_date(text: str) -> str | None:
    """The ISO form (YYYY-MM-DD) of a date written another common way, if it is one."""
    match = _LOOSE_DATE.match(text)
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        return None
