"""Feedback on a standard (信息反馈): data/feedback/<year>/<id>.yaml, one file per item."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from jgsw_std.model.base import (
    DigitsText,
    IsoDate,
    NonEmptyText,
    Slug,
    StandardCode,
    StrictModel,
    describe,
)

FEEDBACK_ID = r"^[0-9]{4}-[0-9]{4}$"
FeedbackKind = Literal["problem", "suggestion", "question"]
Action = Literal["interpretation", "revise", "no-change", "other"]


class Response(StrictModel):
    """The answer given to the item."""

    # DOMAIN.md marks no field of a response required. Without its date the item is
    # answered at an unknown time: F905 and the figures leave it open (a range).
    date: IsoDate | None = Field(None, description=describe("答复日期", "date answered"))
    by: Slug | None = Field(
        None,
        description=describe("答复单位（地区 slug）", "unit that answered"),
        examples=["chongqing"],
    )
    # without its action the answer may have promised a revision: F906 stays possible
    action: Action | None = Field(
        None,
        description=describe(
            "处理方式：解释/修订/不修改/其他", "interpretation / revise / no-change / other"
        ),
    )
    text: str | None = Field(None, description=describe("答复内容", "the answer"))


class Feedback(StrictModel):
    """One item of feedback on a standard, from its receipt to the loop closed."""

    # `from` is a Python keyword, so the field is `from_` with the contract's name as
    # its alias; only the alias is accepted in a file (a stray `from_:` is unknown).
    model_config = ConfigDict(populate_by_name=False, validate_by_name=False)

    id: str = Field(
        pattern=FEEDBACK_ID,
        description=describe(
            "编号（必填）：年份-四位序号，等于文件名", "id (required): <year>-NNNN"
        ),
        examples=["2024-0012"],
    )
    standard: StandardCode = Field(
        description=describe("所涉标准编号（必填）", "the standard it is about (required)")
    )
    from_: Slug = Field(
        alias="from",
        description=describe("提出单位（地区 slug，必填）", "unit that raised it (required)"),
        examples=["shapingba"],
    )
    received: IsoDate = Field(description=describe("收到日期（必填）", "received (required)"))
    kind: FeedbackKind | None = Field(
        None, description=describe("类型：问题/建议/咨询", "problem / suggestion / question")
    )
    clause: DigitsText | None = Field(
        None, description=describe('涉及条款（写成文本，如 "5.3"）', "clause concerned")
    )
    text: NonEmptyText = Field(description=describe("反馈内容（必填）", "what was said (required)"))
    response: Response | None = Field(
        None, description=describe("答复（答复后填写）", "the response, once answered")
    )
    closed: IsoDate | None = Field(
        None, description=describe("闭环日期：处理措施已落实", "loop closed: the action is done")
    )
    source: str | None = Field(None, description=describe("信息来源", "source"))
