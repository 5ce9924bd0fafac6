"""What the loader makes of each file: its kind, its entry, and the validated records."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any, Literal

from jgsw_std.load.files import SourceFile
from jgsw_std.load.outline import Outline
from jgsw_std.model.codes import ParsedCode
from jgsw_std.model.district import District
from jgsw_std.model.expert import Expert
from jgsw_std.model.feedback import Feedback
from jgsw_std.model.material import Material
from jgsw_std.model.standard import Standard

Kind = Literal[
    "framework", "indicators", "standard", "district", "expert", "material", "feedback", "unknown"
]
#: Fields of each kind that hold personal data (never shown unless asked for).
PRIVATE_BY_KIND: dict[str, frozenset[str]] = {"expert": Expert.private_fields}
FRAMEWORK_PATH = "data/framework.yaml"
INDICATORS_PATH = "data/indicators.yaml"


def kind_of(rel: str) -> Kind:
    parts = rel.split("/")
    if rel == FRAMEWORK_PATH:
        return "framework"
    if rel == INDICATORS_PATH:
        return "indicators"
    if len(parts) >= 3 and parts[1] == "standards":
        return "standard"
    if len(parts) == 3 and parts[1] == "districts":
        return "district"
    if len(parts) == 3 and parts[1] == "experts":
        return "expert"
    if len(parts) == 3 and parts[1] == "materials":
        return "material"
    if len(parts) == 4 and parts[1] == "feedback":
        return "feedback"  # data/feedback/<year>/<id>.yaml
    return "unknown"


@dataclass(frozen=True, slots=True)
class StandardRecord:
    model: Standard
    path: str
    parsed: ParsedCode
    code: str = ""  # the model's code, kept here because every rule reads it
    #: business items as full ``area.item`` codes; a short ``item`` written in a
    #: standard of that area is expanded when the framework has it
    items: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.code:
            object.__setattr__(self, "code", self.model.code)


@dataclass(frozen=True, slots=True)
class DistrictRecord:
    model: District
    path: str

    @property
    def slug(self) -> str:
        return self.model.slug


@dataclass(frozen=True, slots=True)
class ExpertRecord:
    model: Expert
    path: str

    @property
    def slug(self) -> str:
        return self.model.slug


@dataclass(frozen=True, slots=True)
class MaterialRecord:
    model: Material
    path: str

    @property
    def slug(self) -> str:
        return self.model.slug


@dataclass(frozen=True, slots=True)
class FeedbackRecord:
    model: Feedback
    path: str
    #: the standard's code, normalized, as every lookup uses it
    code: str = ""

    def __post_init__(self) -> None:
        if not self.code:
            object.__setattr__(self, "code", self.model.standard)

    @property
    def id(self) -> str:
        return self.model.id


@dataclass
class FileEntry:
    rel: str
    kind: Kind
    source: SourceFile
    valid: bool = False
    outline: Outline | None = None  # positions of the top two levels, from parsing
    _data: Any = field(default=None, repr=False)
    _dropped: bool = field(default=False, repr=False)
    _kept_keys: tuple[Any, ...] | None = field(default=None, repr=False)

    @property
    def data(self) -> Any:
        """The parsed document; read again from the file's bytes if it was dropped, and
        kept then (a comparison of revisions asks a changed file's several times)."""
        if self._dropped:
            from jgsw_std.load.parse import parse_bytes

            self._data, self._dropped = parse_bytes(self.source.data)[0], False
        return self._data

    @data.setter
    def data(self, value: Any) -> None:
        self._data, self._dropped = value, False

    @property
    def keys(self) -> tuple[Any, ...] | None:
        """The top-level keys when the document is a mapping (None otherwise): what
        placing a problem needs to know of the document, kept when it is dropped."""
        if self._dropped:
            return self._kept_keys
        return tuple(self._data) if isinstance(self._data, dict) else None

    def drop_data(self) -> None:
        """Let the parsed document go (its model holds what the checks read).

        The parsed documents of a 50,000-standard warehouse take about 150 MB
        once validated; only a comparison of two revisions reads them again.
        Freeing them costs time (about 30 ms at 10,000), so the loader drops
        them only in a large warehouse.
        """
        if not self._dropped:  # dropped already (a model from the cache): the keys stay
            self.keep_keys_only(_keys(self._data) if isinstance(self._data, dict) else None)

    def keep_keys_only(self, keys: tuple[Any, ...] | None) -> None:
        """Hold the document's top-level keys (None: not a mapping), not the document."""
        self._kept_keys, self._data, self._dropped = keys, None, True


def _keys(document: dict[Any, Any]) -> tuple[Any, ...]:
    """The top-level keys, interned: every file spells the same few, one copy will do."""
    try:
        return tuple(map(sys.intern, document))  # in C: this runs once a file
    except TypeError:  # a key that is not text (YAML allows numbers, dates...)
        return tuple(document)
