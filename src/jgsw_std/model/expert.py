"""An expert of the 专家库 (expert pool): data/experts/<slug>.yaml."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from pydantic import Field

from jgsw_std.model.base import (
    DigitsText,
    IsoDate,
    ListsModel,
    NonEmptyText,
    Slug,
    StrictModel,
    describe,
)


class Contact(StrictModel):
    """How to reach the expert: personal data (see PRIVATE_FIELDS)."""

    phone: DigitsText | None = Field(
        None, description=describe("电话（个人信息）", "phone (private)")
    )
    email: str | None = Field(None, description=describe("电子邮箱（个人信息）", "email (private)"))


class Expert(ListsModel):
    """One expert of the pool: who, from where, for which areas, and when in the pool."""

    #: `contact` is personal data: never printed by `check`, `report`, `export`,
    #: `history`, `diff` or anything published, unless asked for explicitly.
    private_fields: ClassVar[frozenset[str]] = frozenset({"contact"})

    slug: Slug = Field(
        description=describe("标识（必填，等于文件名）", "identifier (required)"),
        examples=["zhang-wei"],
    )
    name: NonEmptyText = Field(
        description=describe("姓名（必填）", "name (required)"), examples=["张伟"]
    )
    organization: NonEmptyText = Field(
        description=describe("工作单位（必填）", "organization (required)"),
        examples=["重庆市标准化研究院"],
    )
    fields: list[str] = Field(
        default_factory=list,
        description=describe(
            "专业领域：framework.yaml 的业务方面代码，或 general", "areas (framework area codes)"
        ),
        examples=[["vehicles", "energy"]],
    )
    specialties: list[str] = Field(
        default_factory=list,
        description=describe("专长（自由词，供检索）", "specialties (free words)"),
        examples=[["节能审计", "标准化"]],
    )
    title: str | None = Field(None, description=describe("职称", "professional title"))
    appointed: IsoDate = Field(
        description=describe("入库日期（必填）", "joined the pool (required)"),
        examples=["2022-05-20"],
    )
    term_ends: IsoDate | None = Field(
        None, description=describe("聘期届满日期（空 = 长期）", "term ends (absent: open-ended)")
    )
    left: IsoDate | None = Field(None, description=describe("出库日期", "removed from the pool"))
    contact: Contact | None = Field(
        None,
        description=describe(
            "联系方式：个人信息，报告、网站和导出中一律不显示（除非明确要求）",
            "contact: private, never in a report, site or export unless asked for",
        ),
    )
    source: str | None = Field(None, description=describe("信息来源", "source"))

    def in_pool(self, on: dt.date) -> bool:
        """In the pool on ``on``: appointed by then, and neither term end nor leaving before it.

        The last day of a term (``term_ends``) and the day recorded as ``left``
        still count: the pool loses the expert the day after.
        """
        if self.appointed > on:
            return False
        if self.term_ends is not None and self.term_ends < on:
            return False
        return not (self.left is not None and self.left < on)
