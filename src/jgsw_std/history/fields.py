"""Field-level difference of two versions of a record: what a person changed.

``status: drafting → published`` and ``reviews: +1 {date: 2025-10-20,
conclusion: continue}`` say what a line diff only shows. The inputs are the
plain values YAML parsing gives (dicts, lists, scalars, dates), so the diff is
about data, not layout: reordering keys or editing a comment changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any, Literal

from jgsw_std.model.base import PRIVATE_MASK

Op = Literal["changed", "set", "unset", "added", "removed", "reordered"]

#: Marker for a field that is absent on one side.
ABSENT = ("（无）", "(none)")


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One change of one field.

    ``changed``/``set``/``unset``: ``before`` and ``after`` are the values
    (None for the absent side). ``added``/``removed``: the list items, in
    ``after`` or ``before`` respectively. ``reordered``: both whole lists.
    """

    field: str
    op: Op
    before: Any = None
    after: Any = None

    def text(self, lang: str = "zh") -> str:
        absent = ABSENT[1] if lang == "en" else ABSENT[0]
        if self.op == "added":
            items = ", ".join(flow(v) for v in self.after)
            return f"{self.field}: +{len(self.after)} {items}"
        if self.op == "removed":
            items = ", ".join(flow(v) for v in self.before)
            return f"{self.field}: -{len(self.before)} {items}"
        if self.op == "reordered":
            word = "reordered" if lang == "en" else "顺序调整"
            return f"{self.field}: {word}"
        # null and an absent field mean the same in the data contract
        before = absent if self.op == "set" or self.before is None else flow(self.before)
        after = absent if self.op == "unset" or self.after is None else flow(self.after)
        return f"{self.field}: {before} → {after}"

    def as_dict(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "field": self.field,
            "op": self.op,
            "before": plain(self.before),
            "after": plain(self.after),
            "text": self.text(lang),
        }


def flow(value: Any) -> str:
    """A value as compact YAML flow text: ``{date: 2025-10-20, conclusion: continue}``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return str(value)


def plain(value: Any) -> Any:
    """JSON-ready: dates as ISO text, containers copied."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def _key(value: Any) -> Any:
    """A hashable, order-sensitive stand-in for a parsed value (for multiset diffs)."""
    if isinstance(value, dict):
        return ("{", tuple((str(k), _key(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("[", tuple(_key(v) for v in value))
    return (type(value).__name__, value)


def _identity(item: Any) -> Any:
    """What names a list entry across versions: its first field (date, year, level...)."""
    if isinstance(item, dict) and item:
        first = next(iter(item))
        return (first, _key(item[first]))
    return None


def mask_private(changes: list[FieldChange], private: frozenset[str]) -> list[FieldChange]:
    """``changes`` with the values of private fields (an expert's contact) hidden.

    That a private field changed still shows, once, as ``contact: (private) →
    (private)``; what it held never does.
    """
    if not private:
        return changes
    out: list[FieldChange] = []
    seen: set[str] = set()
    for change in changes:
        top = change.field.split(".", 1)[0].split("[", 1)[0]
        if top not in private:
            out.append(change)
            continue
        if top in seen:
            continue
        seen.add(top)
        if change.field == top and change.op in ("set", "unset"):
            before = PRIVATE_MASK if change.op == "unset" else None
            after = PRIVATE_MASK if change.op == "set" else None
            out.append(FieldChange(top, change.op, before, after))
        else:
            out.append(FieldChange(top, "changed", PRIVATE_MASK, PRIVATE_MASK))
    return out


def diff_values(before: Any, after: Any, path: str = "") -> list[FieldChange]:
    """Every field change from ``before`` to ``after`` (two parsed YAML documents)."""
    if isinstance(before, dict) and isinstance(after, dict):
        return _diff_maps(before, after, path)
    if isinstance(before, list) and isinstance(after, list):
        return _diff_lists(before, after, path)
    if _key(before) == _key(after):
        return []
    return [FieldChange(path or "(document)", "changed", before, after)]


def _diff_maps(before: dict[Any, Any], after: dict[Any, Any], path: str) -> list[FieldChange]:
    out: list[FieldChange] = []
    keys = list(before) + [k for k in after if k not in before]
    for key in keys:
        name = f"{path}.{key}" if path else str(key)
        old = before.get(key)
        new = after.get(key)
        # An absent list reads as an empty one: the first review is "+1 {...}".
        if isinstance(old, list) and new is None:
            new = []
        if isinstance(new, list) and old is None:
            old = []
        if key not in after and not isinstance(old, list):
            if old not in (None, {}):
                out.append(FieldChange(name, "unset", old, None))
        elif key not in before and not isinstance(new, list):
            if new not in (None, {}):
                out.append(FieldChange(name, "set", None, new))
        else:
            out.extend(diff_values(old, new, name))
    return out


def _diff_lists(before: list[Any], after: list[Any], path: str) -> list[FieldChange]:
    name = path or "(document)"
    if [_key(v) for v in before] == [_key(v) for v in after]:
        return []
    old, new = Counter(_key(v) for v in before), Counter(_key(v) for v in after)
    if old == new:
        return [FieldChange(name, "reordered", before, after)]
    gone, came = old - new, new - old
    removed = _take(before, gone)
    added = _take(after, came)
    out: list[FieldChange] = []
    # An entry edited in place (same date, new conclusion) reads better as a
    # change of that entry than as one removal and one addition.
    for old_item in list(removed):
        ident = _identity(old_item)
        if ident is None:
            continue
        matches = [a for a in added if _identity(a) == ident]
        others = [r for r in removed if _identity(r) == ident]
        if len(matches) == 1 and len(others) == 1:
            label = f"{name}[{flow(old_item[ident[0]])}]"
            out.extend(diff_values(old_item, matches[0], label))
            removed.remove(old_item)
            added.remove(matches[0])
    if added:
        out.append(FieldChange(name, "added", None, added))
    if removed:
        out.append(FieldChange(name, "removed", removed, None))
    return out


def _take(values: list[Any], wanted: Counter[Any]) -> list[Any]:
    """The entries of ``values`` counted in ``wanted``, in list order."""
    left = Counter(wanted)
    out = []
    for value in values:
        key = _key(value)
        if left[key] > 0:
            left[key] -= 1
            out.append(value)
    return out
