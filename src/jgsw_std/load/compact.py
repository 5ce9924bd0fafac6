"""Memory of a large warehouse: one copy of each model's set of given fields.

pydantic keeps, on every model instance, the set of the fields the document
gave (``model_fields_set``). A standard and its nested reviews, evaluations,
usage counts and plan are about five models, and each set takes about 300
bytes: at 50,000 standards, some 75 MB of sets, nearly all equal to one of a
hundred or so. Once a warehouse is loaded, each model gets the shared frozen
copy of its set instead. Frozen, so that a later attribute assignment (which
pydantic records by adding to the set) fails loudly instead of changing every
model that shares it; jgsw never assigns to a loaded model.

It costs a walk over every model (about 40 ms at 10,000 standards), so it is
done only from :data:`SHARE_FROM` standards, where memory, not time, is short.
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


def share_fields_sets(models: Iterable[BaseModel]) -> None:
    """Give every model (nested ones too) the one shared frozenset of its given fields."""
    shared: dict[frozenset[str], frozenset[str]] = {}
    nested: dict[type, tuple[str, ...]] = {}
    for model in models:
        _share(model, shared, nested)


def _share(
    model: BaseModel,
    shared: dict[frozenset[str], frozenset[str]],
    nested: dict[type, tuple[str, ...]],
) -> None:
    given = frozenset(model.__pydantic_fields_set__)
    _SETATTR(model, "__pydantic_fields_set__", shared.setdefault(given, given))
    cls = type(model)
    names = nested.get(cls)
    if names is None:
        names = nested[cls] = _model_fields(model)
    values = model.__dict__
    for name in names:
        value: Any = values.get(name)
        if isinstance(value, BaseModel):
            _share(value, shared, nested)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, BaseModel):
                    _share(item, shared, nested)


def _model_fields(model: BaseModel) -> tuple[str, ...]:
    """The fields of ``model``'s class that can hold models (the others need no walk)."""
    return tuple(
        name for name, info in type(model).model_fields.items() if _holds_models(info.annotation)
    )


def _holds_models(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_models(arg) for arg in typing.get_args(annotation))
