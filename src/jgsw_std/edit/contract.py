"""What the data contract says about a key path: its model, key order, date fields.

Everything is read off the pydantic models, so a field added to a model gets
its canonical place in `jgsw fmt`, `new` and `import` without a second list.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from jgsw_std.model.district import District
from jgsw_std.model.expert import Expert
from jgsw_std.model.feedback import Feedback
from jgsw_std.model.framework import Framework
from jgsw_std.model.indicators import IndicatorSet
from jgsw_std.model.material import Material
from jgsw_std.model.standard import Standard

#: The model of each file kind (see load.warehouse.kind_of).
KIND_MODELS: dict[str, type[BaseModel]] = {
    "standard": Standard,
    "district": District,
    "framework": Framework,
    "indicators": IndicatorSet,
    "expert": Expert,
    "material": Material,
    "feedback": Feedback,
}


def _inner(annotation: Any) -> list[Any]:
    """The leaf types inside ``list[X] | None``, ``Annotated[...]`` and the like."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _inner(typing.get_args(annotation)[0])
    if origin in (list, tuple, set, typing.Union, types.UnionType):
        out: list[Any] = []
        for arg in typing.get_args(annotation):
            out.extend(_inner(arg))
        return out
    return [annotation]


@cache
def field_order(model: type[BaseModel]) -> tuple[str, ...]:
    """The keys of ``model`` in the order of the data contract (as the files write them:
    a field's alias, such as feedback's ``from``, when it has one)."""
    return tuple(info.alias or name for name, info in model.model_fields.items())


@cache
def _by_key(model: type[BaseModel]) -> dict[str, FieldInfo]:
    return {info.alias or name: info for name, info in model.model_fields.items()}


def field_info(model: type[BaseModel], key: str) -> FieldInfo | None:
    """The field a file's key names (by its alias when it has one)."""
    return _by_key(model).get(key)


@cache
def child_model(model: type[BaseModel], key: str) -> type[BaseModel] | None:
    """The model of the value (or of each list element) under ``key``."""
    info = field_info(model, key)
    if info is None:
        return None
    for leaf in _inner(info.annotation):
        if isinstance(leaf, type) and issubclass(leaf, BaseModel):
            return leaf
    return None


@cache
def is_date_field(model: type[BaseModel], key: str) -> bool:
    info = field_info(model, key)
    return info is not None and dt.date in _inner(info.annotation)


def sort_keys(keys: list[str], model: type[BaseModel] | None) -> list[str]:
    """``keys`` in contract order; an unknown key stays right after the key it followed."""
    if model is None:
        return list(keys)
    order = {name: index for index, name in enumerate(field_order(model))}
    ranked: list[tuple[float, int, str]] = []
    last = -1.0
    for position, key in enumerate(keys):
        rank = order.get(key)
        if rank is None:
            ranked.append((last + 0.5, position, key))
        else:
            last = float(rank)
            ranked.append((last, position, key))
    return [key for _, _, key in sorted(ranked)]
