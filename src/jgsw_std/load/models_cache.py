"""The models of a working tree's last load, kept in the cache's ``loaded`` table.

The ``records`` table gives each file's parsed document back, and the loader
validates it again: for 10,000 standards, fetching 10,000 rows, reading them
back from marshal form and validating them takes about 0.3 s, the largest
part of a check in which one file changed. Here the models the last load of
the same root built are kept whole, in a few pickles: reading them back takes
about half that, and the parsed codes come with them. The loader then
validates only the files whose blob id it has not met (load/warehouse.py).

Key: the root and a part number (a part holds :data:`PART` files, so that a
large warehouse's load holds one part's bytes at a time). Each row carries
the stamp it was written under: jgsw's code stamp and pydantic's version
(a pickle of a model is only good for the classes that wrote it), and the
internal prefixes of framework.yaml that the parsed codes were read with.
One set of rows per root, replaced by each load that met a valid file it
did not find here, or did not meet one it found.

A pickle can name any function to call, so these are read back by an
unpickler that names only what a model holds: jgsw's model classes and the
parsed code, ``datetime.date``, the builtin containers, the shared empty list
and :func:`_model`. A cache file that someone else could write cannot make
jgsw run anything. A value that does not read back, or whose shape is not
:data:`Kept`'s (its problems and positions included), or whose model is not
of its file's kind with every field set (load/validate.py), is ignored: the
files are validated from ``records`` or parsed again. What is not checked is
each field's value inside a model (checking it is validating again): a value
crafted to be wrong there, by someone who can write the user's cache file,
can make a run fail (never run code) until ``jgsw cache clear``.
"""

from __future__ import annotations

import io
import json
import pickle
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from jgsw_std.load import cache
from jgsw_std.load.compact import NoItems
from jgsw_std.load.outline import Outline
from jgsw_std.model.codes import ParsedCode
from jgsw_std.problems import PlainProblem, Severity

#: Files a part holds.
PART = 4096

#: What a part keeps of each file whose document validated.
Kept = tuple[
    str,  # blob id
    str,  # kind
    BaseModel,  # the model
    list[PlainProblem],  # the loader's problems (Y, S) for it
    Outline | None,  # the positions its parse recorded
    tuple[Any, ...] | None,  # the document's top-level keys
    ParsedCode | None,  # a standard's parsed code (with the stamp's prefixes)
]
#: What a recalled file gives back, by (blob id, kind).
Recalled = dict[tuple[str, str], Kept]

_BUILTINS = frozenset({"list", "dict", "set", "frozenset", "tuple", "str", "int", "float", "bool"})


#: Names a pickle may use besides the model classes: dates, the one shared empty
#: list of a large warehouse's models (load/compact.py), and the model maker.
_NAMES = frozenset(
    {
        ("datetime", "date"),
        ("jgsw_std.load.compact", "NO_ITEMS"),
        ("jgsw_std.load.models_cache", "_model"),
    }
)


class _ModelsOnly(pickle.Unpickler):
    """An unpickler that can name nothing but model classes, dates and containers."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "builtins" and name in _BUILTINS:
            return super().find_class(module, name)
        if (module, name) in _NAMES:
            return super().find_class(module, name)
        if module.startswith("jgsw_std.model.") and "." not in name:
            found = super().find_class(module, name)
            if isinstance(found, type) and (issubclass(found, BaseModel) or found is ParsedCode):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not kept in the models cache")


def _code() -> str:
    """The stamp's start: this jgsw and this pydantic (whose classes the pickles name)."""
    import pydantic

    return f"{cache.code_stamp()}|{pydantic.VERSION}|"


def stamp(prefixes: tuple[str, ...]) -> str:
    """What a part must have been written under to be read: jgsw, pydantic, the prefixes
    (as JSON: a prefix may hold any character, a comma or a bar too)."""
    return _code() + json.dumps(list(prefixes), ensure_ascii=False)


def recall(root: Path) -> tuple[Recalled, str | None]:
    """The files kept by the last load of ``root``, and the stamp they were written under.

    The stamp's end names the internal prefixes the parsed codes were read with;
    the caller uses those only if framework.yaml still declares the same.
    """
    store = cache.store()
    if store is None:
        return {}, None
    found: Recalled = {}
    written: str | None = None
    with cache.guard():
        # row by row: a large warehouse's load holds one part's bytes at a time
        rows = store.conn.execute(
            "SELECT stamp, value FROM loaded WHERE root = ? ORDER BY part", (str(root),)
        )
        for stamp_, value in rows:
            if written is None:
                if not isinstance(stamp_, str) or not stamp_.startswith(_code()):
                    return {}, None
                written = stamp_
            elif stamp_ != written:  # parts of two loads: trust neither
                return {}, None
            part = _read(value)
            if part is None:
                return {}, None
            for kept in part:
                found[(kept[0], kept[1])] = kept
    if written is None or not cache.enabled():  # nothing kept, or the store failed midway
        return {}, None
    return found, written


def _read(value: Any) -> list[Kept] | None:
    if not isinstance(value, bytes):
        return None
    try:
        part = _ModelsOnly(io.BytesIO(value)).load()
    except Exception:  # any damage or foreign content: not used
        return None
    if not isinstance(part, list) or not all(_well_formed(kept) for kept in part):
        return None
    return part


def _well_formed(kept: Any) -> bool:
    """Whether a kept file has the shape :data:`Kept` says, its problems and positions
    included (the loader checks the model's class against the file's kind)."""
    return (
        isinstance(kept, tuple)
        and len(kept) == 7
        and isinstance(kept[0], str)
        and isinstance(kept[1], str)
        and isinstance(kept[2], BaseModel)
        and isinstance(kept[3], list)
        and all(_plain_problem(one) for one in kept[3])
        and (kept[4] is None or _outline(kept[4]))
        and (kept[5] is None or isinstance(kept[5], tuple))
        and (kept[6] is None or isinstance(kept[6], ParsedCode))
    )


_SEVERITIES = frozenset(severity.value for severity in Severity)


def _plain_problem(one: Any) -> bool:
    """A :data:`PlainProblem`: path, code, severity, args, line, column, key path, key."""
    return (
        type(one) is tuple
        and len(one) == 8
        and type(one[0]) is str
        and type(one[1]) is str
        and one[2] in _SEVERITIES
        and type(one[3]) is dict
        and type(one[4]) is int
        and type(one[5]) is int
        and type(one[6]) is tuple
        and type(one[7]) is bool
    )


def _outline(one: Any) -> bool:
    return (
        type(one) is tuple
        and len(one) == 3
        and type(one[0]) is int
        and type(one[1]) is int
        and type(one[2]) is dict
    )


def remember(
    root: Path, prefixes: tuple[str, ...], make: Callable[[], list[Kept]], count: int
) -> None:
    """Keep what ``make`` gives (``count`` files) as ``root``'s last load, once the
    output is out.

    ``make`` and the pickling are left to the final write (a detached process
    where there is one): the models are alive until then anyway.
    """
    if not cache.enabled():
        return
    written = stamp(prefixes)
    where = str(root)
    cache.later(lambda store: _write(store, where, written, make()), count, final=True)


def _write(store: cache.Store, root: str, written: str, items: list[Kept]) -> None:
    now = int(time.time())
    rows = []
    for part, start in enumerate(range(0, len(items), PART)):
        rows.append((root, part, written, _dumped(items[start : start + PART]), now))
    with store.writing() as conn:
        conn.execute("DELETE FROM loaded WHERE root = ?", (root,))
        conn.executemany("INSERT INTO loaded VALUES (?, ?, ?, ?, ?)", rows)


def _dumped(items: list[Kept]) -> bytes:
    """A part in pickle form (see :class:`_Pickler`)."""
    buffer = io.BytesIO()
    _Pickler(buffer).dump(items)
    return buffer.getvalue()


class _Pickler(pickle.Pickler):
    """Models in the form quickest to read back, each set of given fields once.

    A model is written as a call of :func:`_model` (one call to read it back,
    instead of pydantic's ``__setstate__`` on a four-key dict), with its set of
    given fields shared, frozen, with every model that has the same (as a
    large warehouse's models have them, load/compact.py): some 50,000 sets for
    10,000 standards are a hundred or so. The shared empty list of a large
    warehouse is named as itself, not copied into one ordinary list that every
    model of the part would then share.
    """

    def __init__(self, file: io.BytesIO) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._sets: dict[frozenset[str], frozenset[str]] = {}

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, BaseModel):
            given = frozenset(obj.__pydantic_fields_set__)
            shared = self._sets.setdefault(given, given)
            values, fields = obj.__dict__, type(obj).model_fields
            if len(values) != len(fields):  # a cached_property's value too: fields only
                values = {name: values[name] for name in fields if name in values}
            return _model, (type(obj), values, shared)
        if type(obj) is NoItems:
            return "NO_ITEMS"
        return NotImplemented


_SETATTR = object.__setattr__


def _model(cls: type[BaseModel], values: dict[str, Any], given: frozenset[str]) -> BaseModel:
    """A model as :class:`_Pickler` wrote it: its fields' values as validated, not again."""
    if not (isinstance(cls, type) and issubclass(cls, BaseModel)) or type(values) is not dict:
        raise pickle.UnpicklingError("not a model")
    model = cls.__new__(cls)
    _SETATTR(model, "__dict__", values)
    _SETATTR(model, "__pydantic_fields_set__", given)
    _SETATTR(model, "__pydantic_extra__", None)
    _SETATTR(model, "__pydantic_private__", None)
    return model


def prefixes_of(written: str | None) -> tuple[str, ...] | None:
    """The internal prefixes a stamp names (None: no stamp, or not one this jgsw wrote)."""
    if written is None or not written.startswith(_code()):
        return None
    try:
        found = json.loads(written[len(_code()) :])
    except ValueError:
        return None
    if not isinstance(found, list) or not all(isinstance(one, str) for one in found):
        return None
    return tuple(found)
