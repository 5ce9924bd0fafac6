"""A standard (标准): one file under data/standards/<area>/<slug>.yaml."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from jgsw_std.model.base import (
    Count,
    IsoDate,
    ListsModel,
    NonEmptyText,
    Slug,
    StandardCode,
    StrictModel,
    Year,
    describe,
)
from jgsw_std.model.material import Document

Level = Literal["national", "industry", "local", "group", "enterprise", "internal"]
Category = Literal["general", "operation", "evaluation"]
Status = Literal[
    "planned", "drafting", "consultation", "technical-review", "approval", "published", "repealed"
]
IN_PROGRESS: frozenset[str] = frozenset(
    {"planned", "drafting", "consultation", "technical-review", "approval"}
)
#: Levels the bureaus issue themselves; indicators 10, 16 and 17 count only these.
OWN_LEVELS: frozenset[str] = frozenset({"local", "group", "internal"})


class PlanEntry(StrictModel):
    # DOMAIN.md does not mark it required: a plan without its year leaves indicator 6
    # open for the standard and L607 only possible, naming plan.year
    year: Year | None = Field(
        None, description=describe("计划完成（发布）年度", "plan year it is due in")
    )
    # no default: a plan that does not say whether it is new or a revision is shown
    # as not recorded rather than silently as "new" (no figure reads it)
    kind: Literal["new", "revision"] | None = Field(
        None, description=describe("制定 new / 修订 revision", "formulation or revision")
    )


class Review(StrictModel):
    # A review known to have happened but not yet dated is kept: it leaves the
    # review rate (indicator 17) and the review duty open until its date is added.
    date: IsoDate | None = Field(None, description=describe("复审日期", "review date"))
    # DOMAIN.md marks no field of a review required: a review whose conclusion is not
    # yet recorded still restarts the review clock (indicator 17, L601).
    conclusion: Literal["continue", "revise", "repeal"] | None = Field(
        None, description=describe("复审结论：继续有效/修订/废止", "continue / revise / repeal")
    )
    # None rather than an empty list: reviews are many, and a list default would make
    # every one of them pay ListsModel's check for an empty `experts:` (10 ms a 10,000)
    experts: list[Slug] | None = Field(
        None, description=describe("参加复审的专家（专家库 slug）", "experts who reviewed it")
    )
    note: str | None = Field(None, description=describe("备注", "note"))


class Evaluation(StrictModel):
    # An evaluation known to have been made but not yet dated is kept, as a review is:
    # indicator 16 and the evaluation duty stay open (a range) until its date is added.
    date: IsoDate | None = Field(
        None, description=describe("实施效果评价日期", "effect evaluation date")
    )
    method: str | None = Field(
        None, description=describe("评价依据，如 DB50/T 1053-2020", "evaluation method")
    )
    score: float | None = Field(
        None, ge=0, le=100, allow_inf_nan=False, description=describe("得分", "score")
    )
    experts: list[Slug] | None = Field(
        None, description=describe("参加评价的专家（专家库 slug）", "experts who evaluated it")
    )
    note: str | None = Field(None, description=describe("备注", "note"))


class Usage(StrictModel):
    # DOMAIN.md marks none of these required: an entry lacking one is kept, and
    # indicator 10, L608 and L609 leave the standard open (lifecycle/usage.py).
    year: Year | None = Field(None, description=describe("统计年度", "year counted"))
    applying: Count | None = Field(
        None, description=describe("实际运用单位数", "units applying it")
    )
    applicable: Count | None = Field(
        None, description=describe("适用单位数", "units it applies to")
    )

    @property
    def rate(self) -> float | None:
        """applying / applicable; None when either is unknown or nothing applies."""
        if self.applying is None or not self.applicable:
            return None
        return self.applying / self.applicable


class Standard(ListsModel):
    """One published or planned standard and its lifecycle record."""

    code: StandardCode = Field(description=describe("标准编号（必填）", "standard code (required)"))
    title: NonEmptyText = Field(
        description=describe("标准名称（必填）", "title (required)"),
        examples=["党政机关物业管理服务规范"],
    )
    title_en: str | None = Field(None, description=describe("英文名称", "English title"))
    level: Level | None = Field(None, description=describe("标准层级", "level"))
    category: Category | None = Field(
        None, description=describe("体系大类：基础通用/运行保障/监督评价", "framework category")
    )
    area: str | None = Field(
        None,
        description=describe("业务方面（framework.yaml 的 area 代码，或 general）", "area"),
        examples=["logistics", "vehicles", "general"],
    )
    items: list[str] = Field(
        default_factory=list,
        description=describe("覆盖的业务事项代码，如 logistics.property", "business items"),
        examples=[["logistics.property"]],
    )
    owner: Slug | None = Field(
        None, description=describe("牵头单位（地区 slug）", "lead unit"), examples=["chongqing"]
    )
    joint: list[Slug] = Field(
        default_factory=list, description=describe("联合发布的其他省份，如 sichuan", "joint with")
    )
    collab_group: Slug | None = Field(
        None, description=describe("川渝协作组代码（团体标准）", "collaboration group")
    )
    drafters: list[NonEmptyText] = Field(
        default_factory=list,
        description=describe("起草单位", "drafting organizations"),
        examples=[["重庆市机关事务管理局", "重庆市标准化研究院"]],
    )
    status: Status | None = Field(None, description=describe("生命周期状态", "lifecycle status"))
    plan: PlanEntry | None = Field(None, description=describe("制修订计划", "formulation plan"))
    published: IsoDate | None = Field(
        None, description=describe("发布日期", "publication date"), examples=["2020-11-01"]
    )
    effective: IsoDate | None = Field(
        None, description=describe("实施日期", "effective date"), examples=["2021-02-01"]
    )
    repealed: IsoDate | None = Field(None, description=describe("废止日期", "repeal date"))
    supersedes: list[StandardCode] = Field(
        default_factory=list, description=describe("本标准代替的标准", "codes this replaces")
    )
    superseded_by: StandardCode | None = Field(
        None, description=describe("代替本标准的标准", "code that replaces this")
    )
    references: list[StandardCode] = Field(
        default_factory=list, description=describe("规范性引用文件", "codes it cites")
    )
    reviews: list[Review] = Field(
        default_factory=list,
        description=describe("复审记录", "reviews"),
        examples=[[{"date": "2025-10-20", "conclusion": "continue"}]],
    )
    evaluations: list[Evaluation] = Field(
        default_factory=list, description=describe("实施效果评价", "effect evaluations")
    )
    usage: list[Usage] = Field(
        default_factory=list, description=describe("标准综合运用率统计", "usage counts")
    )
    documents: list[Document] = Field(
        default_factory=list,
        description=describe(
            "标准文本、公告、解读等资料", "text, announcement and other documents"
        ),
    )
    source: str | None = Field(
        None,
        description=describe("信息来源", "where the facts come from"),
        examples=["渝市监公告〔2020〕25号"],
    )

    @property
    def lifecycle(self) -> str:
        """The status, inferred from the dates when the file does not say it."""
        if self.status is not None:
            return self.status
        if self.repealed is not None:
            return "repealed"
        if self.published is not None or self.effective is not None:
            return "published"
        return "planned"

    def last_review(self, on_or_before: dt.date) -> dt.date | None:
        dates = [r.date for r in self.reviews if r.date is not None and r.date <= on_or_before]
        return max(dates) if dates else None
