"""The plan and its indicators: data/indicators.yaml (or another plan's file)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from jgsw_std.model.base import (
    MAX_COUNT,
    IsoDate,
    ListsModel,
    Measure,
    NonEmptyText,
    StrictModel,
    describe,
)

Group = Literal["mechanism", "system", "supply", "implementation"]
GROUPS: tuple[Group, ...] = ("mechanism", "system", "supply", "implementation")
MetricName = Literal[
    "mechanism",
    "milestone",
    "annual_meetings",
    "coverage",
    "completion",
    "new_local_per_main_area",
    "evaluation_per_main_area",
    "group_per_collab_group",
    "usage_records",
    "municipal_pilots",
    "national_pilots",
    "demo_sites",
    "annual_training",
    "evaluation_rate",
    "review_rate",
    "articles",
    "training_attendance",
]


class Plan(StrictModel):
    name: NonEmptyText = Field(description=describe("规划名称", "plan name"))
    name_en: str | None = Field(None, description=describe("英文名称", "English name"))
    document: str | None = Field(None, description=describe("文号", "document number"))
    start: IsoDate = Field(description=describe("规划期开始", "plan start"))
    end: IsoDate = Field(description=describe("规划期结束", "plan end"))
    grouping_date: IsoDate | None = Field(
        None,
        description=describe(
            "分区统计采用哪一天的一区两群划分（默认规划期开始）",
            "the date whose 一区两群 grouping breakdowns use (default: the plan's start)",
        ),
    )

    @property
    def grouping_day(self) -> dt.date:
        """The day whose grouping the plan's breakdowns use."""
        return self.grouping_date or self.start

    @model_validator(mode="after")
    def _ordered(self) -> Plan:
        if self.end < self.start:
            raise PydanticCustomError("plan_order", "plan ends before it starts", {})
        return self


class Range(StrictModel):
    min: Measure | None = Field(None, description=describe("下限", "lower bound"))
    max: Measure | None = Field(None, description=describe("上限", "upper bound"))

    @model_validator(mode="after")
    def _bounded(self) -> Range:
        # An empty range would count every value as met.
        if self.min is None and self.max is None:
            raise PydanticCustomError("range_empty", "a target range needs min or max", {})
        if self.min is not None and self.max is not None and self.max < self.min:
            raise PydanticCustomError("range_order", "target max is below min", {})
        return self


class Evidence(StrictModel):
    # documented but not yet dated: the milestone is open (0-1) until the date is added
    date: IsoDate | None = Field(None, description=describe("日期", "date"))
    note: str | None = Field(None, description=describe("说明", "note"))
    ref: str | None = Field(None, description=describe("文号或链接", "reference"))


class Indicator(ListsModel):
    id: int = Field(
        ge=1, lt=MAX_COUNT, strict=True, description=describe("指标序号", "indicator number")
    )
    group: Group = Field(description=describe("指标组", "group"))
    text: NonEmptyText = Field(description=describe("规划原文", "the plan's wording"))
    text_en: str | None = Field(None, description=describe("英文", "English wording"))
    metric: MetricName = Field(description=describe("计算方法", "metric"))
    target: Measure | Range | None = Field(
        None, description=describe("目标值：数字（≥）或 {min, max}", "target")
    )
    deadline: IsoDate | None = Field(
        None, description=describe("完成期限（默认规划期末）", "deadline (default: plan end)")
    )
    evidence: list[Evidence] = Field(
        default_factory=list, description=describe("里程碑佐证", "milestone evidence")
    )

    @model_validator(mode="after")
    def _target_for_computed(self) -> Indicator:
        if self.metric != "milestone" and self.target is None:
            raise PydanticCustomError(
                "target_missing", "indicator {id} needs a target", {"id": self.id}
            )
        return self


class IndicatorSet(ListsModel):
    """A plan with its indicators (14th plan by default, any later plan the same way)."""

    plan: Plan = Field(description=describe("规划", "plan"))
    indicators: list[Indicator] = Field(description=describe("指标", "indicators"))

    def deadline(self, indicator: Indicator) -> dt.date:
        return indicator.deadline or self.plan.end

    def by_id(self, ident: int) -> Indicator | None:
        return next((i for i in self.indicators if i.id == ident), None)
