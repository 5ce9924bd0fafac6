"""Shared pieces of the data-contract models: strictness, dates, codes, slugs."""

from __future__ import annotations

import datetime as dt
import typing
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from jgsw_std.model.codes import CodeError, normalize_code, parse_code

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG = SLUG_PATTERN


#: The `source` of every record `jgsw demo` writes: how reports and the site know a
#: warehouse is synthetic and say so on every page.
SYNTHETIC = "合成示例数据（jgsw demo 生成，非真实记录） / SYNTHETIC demo data, not real records"


class StrictModel(BaseModel):
    """Unknown fields are errors: a misspelt key must never be silently dropped."""

    model_config = ConfigDict(extra="forbid", validate_default=False, populate_by_name=True)

    #: Top-level fields holding personal data: their values are never shown in a
    #: message, a report, an export or a diff unless the person asks for them.
    private_fields: ClassVar[frozenset[str]] = frozenset()


#: What stands in for a private value wherever one would have been shown.
PRIVATE_MASK = "（个人信息，已隐去）/ (private)"


class ListsModel(StrictModel):
    """A model with list fields, where ``reviews:`` with nothing after it means none.

    YAML reads an empty value as null; people mean "none yet", so it becomes an
    empty list. Only models with list fields pay for this check.
    """

    @model_validator(mode="before")
    @classmethod
    def _empty_lists(cls, data: Any) -> Any:
        if isinstance(data, dict) and None in data.values():
            lists = _list_fields(cls)
            if lists:
                return {k: ([] if v is None and k in lists else v) for k, v in data.items()}
        return data


_LIST_FIELDS: dict[type, frozenset[str]] = {}


def _list_fields(model: type[BaseModel]) -> frozenset[str]:
    found = _LIST_FIELDS.get(model)
    if found is None:
        found = frozenset(
            name
            for name, info in model.model_fields.items()
            if typing.get_origin(info.annotation) is list
        )
        _LIST_FIELDS[model] = found
    return found


def _to_code(value: Any) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError("code_type", "a standard code must be text", {"value": value})
    try:
        return parse_code(normalize_code(value)).code
    except CodeError as exc:
        raise PydanticCustomError(
            "malformed_code",
            "malformed standard code {value}: {reason}",
            {"value": value, "reason": str(exc), "reason_zh": exc.zh},
        ) from None


# pydantic-core parses ISO dates natively (fast); the schema layer maps its error
# types (date_from_datetime_parsing, ...) to S105 with a position. The YAML reader
# keeps dates as text, so 2021-02-30 arrives here as text and is rejected here.
IsoDate = Annotated[dt.date, Field(json_schema_extra={"type": "string", "format": "date"})]
"""A calendar date written YYYY-MM-DD."""

StandardCode = Annotated[
    str,
    BeforeValidator(_to_code),
    Field(
        json_schema_extra={
            "pattern": r"^[A-Za-z]+[0-9]*( ?/ ?[A-Za-z]+)? ?[0-9A-Za-z.]+-[0-9]{2,4}$",
            "examples": ["DB50/T 1056-2020", "GB/T 41568-2022", "T/CSUS 15-2021"],
        }
    ),
]
"""A standard code, stored in canonical form (full-width slashes and dashes fixed)."""


def _number_as_text(value: Any) -> Any:
    # YAML reads an unquoted 13800138000 (a phone) or 5 (a clause) as an integer;
    # the contract means the text. Booleans stay refused: `true` is no phone number.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


DigitsText = Annotated[
    str,
    BeforeValidator(_number_as_text),
    Field(json_schema_extra={"type": ["string", "integer"]}),
]
"""Text that people often type as bare digits (a phone number, a clause number)."""

Slug = Annotated[str, Field(pattern=_SLUG, examples=["shapingba"])]
"""A lower-case identifier made of letters, digits and dashes."""

#: Longest name, title or plan wording (characters): a standard's title is a few
#: dozen; the bound keeps a hostile one from costing time in every rule and message.
MAX_TEXT = 1000
#: Counts (units, person-times, staff) stay below this: larger is a typing slip.
MAX_COUNT = 10**9

NonEmptyText = Annotated[str, Field(min_length=1, max_length=MAX_TEXT)]
Count = Annotated[int, Field(ge=0, lt=MAX_COUNT, strict=True)]
Year = Annotated[int, Field(ge=1900, le=2199, strict=True)]
#: A number a plan may set as a target or a threshold: finite and within a count's range.
Measure = Annotated[float, Field(ge=-MAX_COUNT, le=MAX_COUNT, allow_inf_nan=False)]


def describe(zh: str, en: str) -> str:
    """Bilingual field description for the generated JSON Schema (editor hover)."""
    return f"{zh} / {en}"
