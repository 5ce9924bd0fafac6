"""Positions recorded while parsing with libyaml, and the lookups they answer.

Free of PyYAML on purpose: a warehouse read by the fast reader never needs
libyaml, and importing it costs start-up time on every run.
"""

from __future__ import annotations

from typing import Any

#: Where the parts of a document start, two levels deep, as recorded while parsing:
#: (root line, root col, {top key: (key line, key col, value line, value col, children)})
#: with children a tuple of item (line, col) for a list, a dict of child key ->
#: (key line, key col, value line, value col) for a mapping, else None. All 1-based.
Outline = tuple[int, int, dict[Any, tuple[int, int, int, int, Any]]]


def from_outline(
    outline: Outline, loc: tuple[str | int, ...], key: bool = False
) -> tuple[int, int] | None:
    """The position :meth:`Locator.locate` would give, from a parse-time outline.

    Answers paths up to two levels deep; None for deeper ones (the caller then
    composes the file). The fall-backs mirror the Locator: a missing step gives
    its parent's position.
    """
    root_line, root_col, table = outline
    if not loc:
        return root_line, root_col
    entry = table.get(loc[0])
    if entry is None:
        return root_line, root_col
    key_line, key_col, value_line, value_col, children = entry
    parent = (key_line, key_col) if key else (value_line, value_col)
    if len(loc) == 1:
        return parent
    if len(loc) > 2:
        return None
    step = loc[1]
    if isinstance(children, tuple) and isinstance(step, int) and not isinstance(step, bool):
        if 0 <= step < len(children):
            item_line, item_col = children[step]
            return item_line, item_col
        return parent
    if isinstance(children, dict) and (child := children.get(step)) is not None:
        return (child[0], child[1]) if key else (child[2], child[3])
    return parent
