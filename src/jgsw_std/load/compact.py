"""Memory of a large warehouse: one copy of each set of given fields, one empty list.

pydantic keeps, on every model instance, the set of the fields the document
gave (``model_fields_set``). A standard and its nested reviews, evaluations,
usage counts and plan are about five models, and each set takes about 300
bytes: at 50,000 standards, some 75 MB of sets, nearly all equal to one of a
hundred or so. In a large warehouse each model gets the shared frozen copy
of its set instead. Frozen, so that a later attribute assignment (which
pydantic records by adding to the set) fails loudly instead of changing every
model that shares it; jgsw never assigns to a loaded model.

The same walk gives every empty list field (a standard's ``references:``,
``joint:``, ``documents:``...: some 300,000 at 50,000 standards, 72 bytes
each) one shared empty list that refuses to grow, for the same reason.

It costs a walk over every model (about 40 ms at 10,000 standards), so it is
done only from :data:`SHARE_FROM` standards, where memory, not time, is short.
The loader shares each model as it is made (:class:`Sharer`), so what is freed
is reused by the next files' models rather than left as holes.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

#: From this many standards (or records waiting to be cached), a warehouse is
#: large: memory, not time, is what runs short, and jgsw spends a little time
#: to save it (here; and records_cache.save encodes records at once).
LARGE = 20_000
#: Warehouses with at least this many standards share their models' field sets.
SHARE_FROM = LARGE

_SETATTR = object.__setattr__


def _refuse(*args: Any, **kwargs: Any) -> Any:
    raise TypeError("a loaded model's empty list is shared: it cannot be changed")


class NoItems(list[Any]):
    """The empty list every empty list field of a large warehouse's models shares.

    It reads as ``[]`` (equal to it, JSON and pydantic write it as ``[]``) and
    refuses every change, so that appending to one model's list fails loudly
    instead of changing every model that shares it.
    """

    __slots__ = ()
    append = extend = insert = remove = pop = clear = sort = reverse = _refuse
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse

    def __reduce__(self) -> tuple[Any, ...]:
        return list, ()  # a copy (pickle, deepcopy) is an ordinary empty list


#: The one shared empty list (see :class:`NoItems`).
NO_ITEMS = NoItems()


class Sharer:
    """Shares the field sets and empty lists of the models given to it, one at a time."""

    def __init__(self) -> None:
        self._sets: dict[frozenset[str], frozenset[str]] = {}
        self._nested: dict[type, tuple[str, ...]] = {}
        self._lists: dict[type, tuple[str, ...]] = {}

    def __call__(self, model: BaseModel) -> None:
        shared = self._sets
        given = frozenset(model.__pydantic_fields_set__)
        _SETATTR(model, "__pydantic_fields_set__", shared.setdefault(given, given))
        cls = type(model)
        names = self._nested.get(cls)
        if names is None:
            names = self._nested[cls] = _model_fields(model)
            self._lists[cls] = _list_fields(model)
        values = model.__dict__
        for name in self._lists[cls]:
            value = values.get(name)
            if value is not None and not value and type(value) is list:
                values[name] = NO_ITEMS
        for name in names:
            value = values.get(name)
            if isinstance(value, BaseModel):
                self(value)
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, BaseModel):
                        self(item)


def share_fields_sets(models: Iterable[BaseModel]) -> None:
    """Give every model (nested ones too) the one shared frozenset of its given fields,
    and the one shared empty list for each of its empty list fields."""
    share = Sharer()
    for model in models:
        share(model)


def _list_fields(model: BaseModel) -> tuple[str, ...]:
    """The fields of ``model``'s class that hold a list."""
    return tuple(
        name
        for name, info in type(model).model_fields.items()
        if typing.get_origin(info.annotation) is list
        or any(typing.get_origin(arg) is list for arg in typing.get_args(info.annotation))
    )


def _model_fields(model: BaseModel) -> tuple[str, ...]:
    """The fields of ``model``'s class that can hold models (the others need no walk)."""
    return tuple(
        name for name, info in type(model).model_fields.items() if _holds_models(info.annotation)
    )


def _holds_models(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_models(arg) for arg in typing.get_args(annotation))
