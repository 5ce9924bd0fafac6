"""What the loader makes of each file: its kind, its entry, and the validated records."""

from __future__ import annotations

from dataclasses import dataclass
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
    data: Any = None
    valid: bool = False
    outline: Outline | None = None  # positions of the top two levels, from parsing
