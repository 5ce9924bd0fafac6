"""Add one entry to a list in a YAML file by inserting lines, never re-emitting the file.

ruamel gives the positions (which line each key and list item is on); the new
lines go in as text, so every other byte of the file, every comment above,
beside and below the list, and every blank line stays exactly as it was. Only
a one-line flow list (``reviews: [{...}]``), which has no room for a new line,
is re-emitted through the round trip.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

from jgsw_std.edit import rt
from jgsw_std.edit.contract import field_order
from jgsw_std.edit.quoting import render_flow_map, render_scalar


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _item_end(lines: list[str], item_line: int, dash_col: int) -> int:
    """Index after the last line of the list item starting at ``item_line``.

    Lines more indented than the dash belong to the item (a block mapping, a
    flow mapping spread over lines, a comment inside it); blank lines and
    comments at the dash's column or left of it come after the list.
    """
    last = item_line
    for index in range(item_line + 1, len(lines)):
        line = lines[index]
        if not line.strip():
            continue
        if _indent(line) <= dash_col:
            break
        last = index
    return last + 1


def _comment_head(lines: list[str], line: int, floor: int) -> int:
    start = line
    while start - 1 >= floor and _is_comment(lines[start - 1]):
        start -= 1
    return start


def entry_lines(entry: dict[str, Any], dash_col: int, flow: bool) -> list[str]:
    """The new list item as text, in canonical form."""
    pad = " " * dash_col
    if flow:
        return [f"{pad}- {render_flow_map(entry)}"]
    out: list[str] = []
    for index, (key, value) in enumerate(entry.items()):
        lead = f"{pad}- " if index == 0 else f"{pad}  "
        out.append(f"{lead}{key}: {render_scalar(value)}")
    return out


def _sort_value(value: Any) -> tuple[int, str]:
    if isinstance(value, int):
        return (0, f"{value:08d}")
    return (0, str(value)) if value is not None else (1, "")


def _insert_index(seq: Any, entry: dict[str, Any], order_key: str) -> int:
    """Keep the list in date (or year) order: after every entry not later than the new one."""
    new = _sort_value(entry.get(order_key))
    for index, item in enumerate(seq):
        old = item.get(order_key) if hasattr(item, "get") else None
        if old is not None and _sort_value(old) > new:
            return index
    return len(seq)


def _next_key_line(tree: Any, key: str, model: type[BaseModel]) -> int | None:
    """Line of the first key present in the file that comes after ``key`` in the contract."""
    order = field_order(model)
    later = set(order[order.index(key) + 1 :]) if key in order else set()
    lines = [tree.lc.key(k)[0] for k in tree if k in later]
    return min(lines) if lines else None


def add_entry(
    text: str,
    rel: str,
    key: str,
    entry: dict[str, Any],
    model: type[BaseModel],
    order_key: str,
) -> str:
    """``text`` with ``entry`` added to the top-level list ``key`` (created if absent)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    tree = rt.load(text, rel)
    lines = text.split("\n")
    value = tree.get(key) if isinstance(tree, CommentedMap) else None
    if isinstance(value, CommentedSeq) and len(value) > 0:
        if value.fa.flow_style():
            return _append_flow(tree, key, entry, order_key)
        index = _insert_index(value, entry, order_key)
        first_line = value.lc.item(0)[0]
        dash_col = _indent(lines[first_line])
        sample = value[min(index, len(value) - 1)]
        flow = not isinstance(sample, CommentedMap) or bool(sample.fa.flow_style())
        new = entry_lines(entry, dash_col, flow)
        if index < len(value):
            item_line = value.lc.item(index)[0]
            floor = value.lc.item(index - 1)[0] + 1 if index > 0 else tree.lc.key(key)[0] + 1
            at = _comment_head(lines, item_line, floor)
        else:
            at = _item_end(lines, value.lc.item(len(value) - 1)[0], dash_col)
        return "\n".join(lines[:at] + new + lines[at:])
    new = entry_lines(entry, 2, True)
    if key in tree:  # `reviews:`, `reviews: null` or `reviews: []`
        line_no = tree.lc.key(key)[0]
        line = lines[line_no]
        beside = re.search(r"\s+#.*$", line)
        lines[line_no] = f"{key}:{beside.group(0) if beside else ''}"
        return "\n".join(lines[: line_no + 1] + new + lines[line_no + 1 :])
    block = [f"{key}:", *new]
    after = _next_key_line(tree, key, model)
    if after is None:
        if lines and lines[-1] == "":
            return "\n".join(lines[:-1] + block) + "\n"
        return "\n".join(lines + block) + "\n"
    at = _comment_head(lines, after, 0)
    return "\n".join(lines[:at] + block + lines[at:])


def _append_flow(tree: Any, key: str, entry: dict[str, Any], order_key: str) -> str:
    from ruamel.yaml.comments import CommentedMap

    item = CommentedMap()
    for name, value in entry.items():
        item[name] = rt.DateText(value.isoformat()) if hasattr(value, "isoformat") else value
    item.fa.set_flow_style()
    seq = tree[key]
    seq.insert(_insert_index(seq, entry, order_key), item)
    return rt.dump(tree)


def add_field(text: str, rel: str, key: str, value: str, model: type[BaseModel]) -> str:
    """``text`` with the absent top-level ``key: value`` added where the contract puts it.

    ``value`` is already rendered (a scalar or a flow mapping). The line goes in
    front of the first later key of the contract (and the comments directly
    above it), else at the end; no other line of the file changes.
    """
    tree = rt.load(text, rel)
    lines = text.split("\n")
    line = f"{key}: {value}"
    after = _next_key_line(tree, key, model) if tree else None
    if after is None:
        if lines and lines[-1] == "":
            return "\n".join([*lines[:-1], line]) + "\n"
        return "\n".join([*lines, line]) + "\n"
    at = _comment_head(lines, after, 0)
    return "\n".join([*lines[:at], line, *lines[at:]])
