"""The "3+7N" framework and the rule settings: data/framework.yaml."""

from __future__ import annotations

from functools import cached_property

from pydantic import Field

from jgsw_std.model.base import ListsModel, Measure, NonEmptyText, Slug, StrictModel, describe

GENERAL_AREA = "general"
"""Cross-area standards (e.g. the standardization guide) sit in area ``general``."""


class Named(StrictModel):
    code: Slug = Field(description=describe("代码", "code"))
    name: NonEmptyText = Field(description=describe("名称", "name"))
    name_en: str | None = Field(None, description=describe("英文名称", "English name"))

    def label(self, lang: str) -> str:
        return (self.name_en or self.code) if lang == "en" else self.name


class Item(StrictModel):
    code: str = Field(
        pattern=r"^[a-z0-9-]+(\.[a-z0-9-]+)?$",
        description=describe("业务事项代码（可带方面前缀）", "business item code"),
    )
    name: NonEmptyText = Field(description=describe("名称", "name"))
    name_en: str | None = Field(None, description=describe("英文名称", "English name"))

    def label(self, lang: str) -> str:
        return (self.name_en or self.code) if lang == "en" else self.name


class Area(Named, ListsModel):
    main: bool = Field(False, description=describe("是否主干业务领域", "main business area"))
    items: list[Item] = Field(default_factory=list, description=describe("业务事项", "items"))

    def item_code(self, item: Item) -> str:
        """Full item code ``<area>.<item>``; the file may write either form."""
        return item.code if "." in item.code else f"{self.code}.{item.code}"

    @property
    def item_codes(self) -> list[str]:
        return [self.item_code(i) for i in self.items]


class CheckSettings(ListsModel):
    """Per-warehouse overrides of the checker (also readable from jgsw.toml)."""

    severity: dict[str, str] = Field(
        default_factory=dict,
        description=describe("按代码改变严重级别：error/warning/info/off", "severity by code"),
    )
    select: list[str] = Field(default_factory=list, description=describe("只检查", "only these"))
    ignore: list[str] = Field(default_factory=list, description=describe("不检查", "skip these"))
    thresholds: dict[str, Measure] = Field(
        default_factory=dict, description=describe("阈值", "thresholds")
    )


class Framework(ListsModel):
    """The framework: categories × areas, items, collaboration groups, rule settings."""

    categories: list[Named] = Field(
        default_factory=list, description=describe("大类", "categories")
    )
    areas: list[Area] = Field(default_factory=list, description=describe("业务方面", "areas"))
    collab_groups: list[Named] = Field(
        default_factory=list, description=describe("川渝协作组", "collaboration groups")
    )
    internal_prefixes: list[str] = Field(
        default_factory=list,
        description=describe("组织内部标准编号前缀", "internal standard code prefixes"),
    )
    review_period_years: int = Field(
        5, ge=1, le=100, description=describe("复审周期（年）", "review period")
    )
    evaluation_after_years: int = Field(
        1, ge=0, le=100, description=describe("实施满几年应评价", "evaluate after years")
    )
    review_due_days: int = Field(
        90, ge=0, le=36_500, description=describe("复审提前提醒天数", "due window")
    )
    low_usage_rate: float = Field(
        0.5,
        ge=0,
        le=1,
        allow_inf_nan=False,
        description=describe("低运用率阈值", "low usage threshold"),
    )
    min_experts_per_area: int = Field(
        3,
        ge=0,
        description=describe(
            "每个主干业务领域至少应有的在库专家人数", "experts each main area needs in the pool"
        ),
    )
    feedback_response_days: int = Field(
        30,
        ge=1,
        description=describe("反馈应在收到后几天内答复", "days to answer a feedback item"),
    )
    feedback_revision_days: int = Field(
        365,
        ge=1,
        description=describe(
            "答复“修订”后几天内应列入修订计划或发布修订版",
            "days after a 'revise' answer to plan or publish the revision",
        ),
    )
    check: CheckSettings | None = Field(None, description=describe("检查设置", "checker settings"))
    source: str | None = Field(None, description=describe("信息来源", "source"))

    @cached_property
    def area_by_code(self) -> dict[str, Area]:
        return {a.code: a for a in self.areas}

    @cached_property
    def item_area(self) -> dict[str, str]:
        """Full item code -> its area code."""
        return {code: a.code for a in self.areas for code in a.item_codes}

    @cached_property
    def item_names(self) -> dict[str, Item]:
        return {a.item_code(i): i for a in self.areas for i in a.items}

    @property
    def main_areas(self) -> list[Area]:
        return [a for a in self.areas if a.main]

    @cached_property
    def category_codes(self) -> list[str]:
        return [c.code for c in self.categories]

    @cached_property
    def collab_codes(self) -> set[str]:
        return {g.code for g in self.collab_groups}

    def area_label(self, code: str, lang: str) -> str:
        if code == GENERAL_AREA:
            return "General (cross-area)" if lang == "en" else "通用（跨领域）"
        area = self.area_by_code.get(code)
        return area.label(lang) if area else code

    def category_label(self, code: str, lang: str) -> str:
        for c in self.categories:
            if c.code == code:
                return c.label(lang)
        return code
