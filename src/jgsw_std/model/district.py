"""A district-level unit or the city: data/districts/<slug>.yaml."""

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
    StrictModel,
    Year,
    describe,
)

Kind = Literal["city", "district", "county", "autonomous-county", "zone"]
Region = Literal["main-urban", "northeast", "southeast"]
Subregion = Literal["central", "new"]
ActivityKind = Literal["meeting", "training", "publicity", "exchange"]

#: Activities that count for indicator 3 (a yearly meeting) and indicator 15 (a
#: yearly training or publicity event, per DOMAIN.md; the plan's wording also
#: names 学习交流, which would add "exchange" here). Both `check` (U802, U803,
#: `due`) and `status` read these, so they cannot disagree.
MEETING_KINDS: frozenset[str] = frozenset({"meeting"})
TRAINING_KINDS: frozenset[str] = frozenset({"training", "publicity"})


class Staff(StrictModel):
    full_time: Count = Field(0, description=describe("专职人员数", "full-time staff"))
    part_time: Count = Field(0, description=describe("兼职人员数", "part-time staff"))


class Mechanism(StrictModel):
    leading_group: IsoDate | None = Field(
        None, description=describe("领导小组成立日期", "leading group set up")
    )
    working_body: IsoDate | None = Field(
        None, description=describe("工作机构明确日期", "working body set up")
    )
    staff: Staff | None = Field(None, description=describe("专（兼）职人员", "staff"))
    staff_date: IsoDate | None = Field(
        None, description=describe("人员明确日期（可选）", "date staff were assigned (optional)")
    )
    budget_channel: IsoDate | None = Field(
        None, description=describe("稳定经费渠道建立日期", "stable budget channel set up")
    )


class Pilot(StrictModel):
    # a pilot whose level is not recorded may count for indicator 12 or 13:
    # both leave it open (a range) until the level is added
    level: Literal["municipal", "national"] | None = Field(
        None, description=describe("试点级别：市级/国家级", "pilot level")
    )
    topic: str = Field("", description=describe("试点项目名称", "pilot topic"))
    started: IsoDate | None = Field(None, description=describe("启动日期", "started"))
    applied: IsoDate | None = Field(None, description=describe("申报日期", "applied"))
    accepted: IsoDate | None = Field(None, description=describe("验收通过日期", "accepted"))
    source: str | None = Field(None, description=describe("信息来源", "source"))


class DemoSite(StrictModel):
    name: str = Field("", description=describe("示范点名称", "site name"))
    established: IsoDate | None = Field(None, description=describe("建成日期", "established"))
    source: str | None = Field(None, description=describe("信息来源", "source"))


class Activity(StrictModel):
    # An activity known to have taken place but not yet dated is kept: it leaves
    # the unit-year and attendance figures open (a range) until its date is added.
    date: IsoDate | None = Field(None, description=describe("活动日期", "date"))
    # An activity whose kind is not recorded is kept too: it may be the year's
    # meeting or its training, so it leaves both unit-years open (a range).
    kind: ActivityKind | None = Field(
        None,
        description=describe("会议/培训/宣贯/交流", "meeting / training / publicity / exchange"),
    )
    title: str = Field("", description=describe("活动名称", "title"))
    attendees: Count | None = Field(None, description=describe("参加人次", "person-times"))
    source: str | None = Field(None, description=describe("信息来源", "source"))


class Regrouping(StrictModel):
    """A change of the unit's 一区两群 grouping after the plan's own grouping date."""

    # Neither is marked required (DOMAIN.md): a change missing one cannot be placed,
    # so breakdowns keep the plan's grouping and R312 asks for the missing field.
    date: IsoDate | None = Field(
        None, description=describe("调整生效日期", "date the grouping changed")
    )
    region: Region | None = Field(
        None, description=describe("调整后的一区两群归属", "region from that date")
    )
    subregion: Subregion | None = Field(
        None, description=describe("调整后的中心城区/主城新区", "subregion from that date")
    )
    source: str | None = Field(None, description=describe("信息来源", "source"))


class Summary(StrictModel):
    # sent but for a year nobody recorded: it may be any one missing year's summary
    year: Year | None = Field(None, description=describe("总结所属年度", "year summarized"))
    # sent but not yet dated: that unit-year of indicator 3's second figure stays open
    sent: IsoDate | None = Field(None, description=describe("报送日期", "date sent up"))


class Article(StrictModel):
    title: str = Field("", description=describe("文章题目", "title"))
    journal: str = Field("", description=describe("刊物", "journal"))
    # a journal whose level is not recorded may be below provincial: indicator 19
    # counts the article both ways (a range) until the level is added
    level: Literal["provincial", "national"] | None = Field(
        None, description=describe("刊物级别：省级/国家级", "journal level")
    )
    # published but not yet dated: indicator 19 counts it both ways (a range)
    date: IsoDate | None = Field(None, description=describe("发表日期", "publication date"))
    source: str | None = Field(None, description=describe("信息来源", "source"))


class District(ListsModel):
    """One bureau: the city or a district-level unit, and its standardization record."""

    slug: Slug = Field(description=describe("标识（必填，等于文件名）", "identifier (required)"))
    name: NonEmptyText = Field(
        description=describe("名称（必填）", "name (required)"), examples=["沙坪坝区"]
    )
    name_en: str | None = Field(None, description=describe("英文名称", "English name"))
    kind: Kind | None = Field(None, description=describe("类型", "kind"))
    region: Region | None = Field(None, description=describe("一区两群归属", "region"))
    subregion: Subregion | None = Field(
        None, description=describe("主城都市区内：中心城区/主城新区", "subregion")
    )
    regrouped: list[Regrouping] = Field(
        default_factory=list,
        description=describe(
            "规划之后的分区调整（region/subregion 保留规划采用的分区）",
            "later changes of grouping (region/subregion keep the plan's)",
        ),
    )
    mechanism: Mechanism | None = Field(None, description=describe("工作机制", "mechanism"))
    framework_built: IsoDate | None = Field(
        None, description=describe("标准体系框架搭建完成日期", "framework built")
    )
    pilots: list[Pilot] = Field(default_factory=list, description=describe("试点", "pilots"))
    demo_sites: list[DemoSite] = Field(
        default_factory=list, description=describe("标准化示范点", "demonstration sites")
    )
    activities: list[Activity] = Field(
        default_factory=list,
        description=describe("会议、培训、宣贯、交流", "activities"),
        examples=[[{"date": "2022-06-10", "kind": "training", "title": "标准化培训"}]],
    )
    summaries: list[Summary] = Field(
        default_factory=list, description=describe("年度总结报送", "annual summaries sent up")
    )
    articles: list[Article] = Field(
        default_factory=list, description=describe("公开发表文章", "published articles")
    )
    source: str | None = Field(None, description=describe("信息来源", "source"))

    def grouping_at(self, day: dt.date | None) -> tuple[Region | None, Subregion | None]:
        """The unit's region and subregion in force on ``day`` (DOMAIN.md, "Regrouping").

        ``region``/``subregion`` are the plan's own grouping; a ``regrouped``
        entry dated on or before ``day`` replaces it (the latest one wins).
        Without a day, the plan's grouping. A change without its date or its
        region cannot be placed and is not applied (R312 reports it).
        """
        region, subregion = self.region, self.subregion
        if day is None:
            return region, subregion
        latest: dt.date | None = None
        for change in self.regrouped:
            when, to = change.date, change.region
            if when is None or to is None:
                continue
            if when <= day and (latest is None or when >= latest):
                latest = when
                region, subregion = to, change.subregion
        return region, subregion
