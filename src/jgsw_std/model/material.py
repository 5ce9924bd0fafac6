"""Documents (资料库): on a standard (``documents:``) and data/materials/<slug>.yaml.

A document is found by ``path`` (relative to the warehouse root, inside it) or
by ``url`` (http or https); ``sha256`` is the file's digest, which is also the
``oid`` of a Git LFS pointer, so a pointer is checked without fetching it.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from jgsw_std.model.base import IsoDate, ListsModel, NonEmptyText, Slug, StrictModel, describe

DocumentKind = Literal[
    "text", "announcement", "interpretation", "visualization", "training", "other"
]
MaterialKind = Literal["policy", "research", "training", "case", "other"]

Sha256 = Annotated[str, Field(pattern=r"^[0-9a-fA-F]{64}$")]
"""A SHA-256 digest in hexadecimal (also a Git LFS pointer's oid)."""

_PATH = describe(
    "文件路径：相对标准仓根目录，不得超出根目录", "file path from the warehouse root, inside it"
)
_URL = describe("网址：只能是 http 或 https", "web address: http or https only")
_SHA256 = describe(
    "文件的 SHA-256 摘要（64 位十六进制；Git LFS 指针的 oid）", "the file's SHA-256 digest"
)


class Document(StrictModel):
    """A document of a standard: its text, announcement, interpretation..."""

    # DOMAIN.md does not mark it required: a document of unknown kind is kept, and
    # M905 (no text) becomes only possible until the kind is added
    kind: DocumentKind | None = Field(
        None,
        description=describe("类型：标准文本/发布公告/解读/图解/培训材料/其他", "kind of document"),
    )
    title: str | None = Field(None, description=describe("名称", "title"))
    path: NonEmptyText | None = Field(
        None, description=_PATH, examples=["files/db50-t-1056-2020.pdf"]
    )
    url: NonEmptyText | None = Field(None, description=_URL)
    sha256: Sha256 | None = Field(None, description=_SHA256)


class Material(ListsModel):
    """A document of the 资料库 not tied to one standard: policy, research, training, case."""

    slug: Slug = Field(
        description=describe("标识（必填，等于文件名）", "identifier (required)"),
        examples=["2021-plan-text"],
    )
    # DOMAIN.md marks only the slug (the file name) required: a material without its
    # title is kept and shown by its slug until the title is added
    title: NonEmptyText | None = Field(None, description=describe("名称", "title"))

    @property
    def shown_title(self) -> str:
        """The title, or the slug while none is recorded."""
        return self.title or self.slug

    kind: MaterialKind | None = Field(
        None, description=describe("类型：政策/研究/培训/案例/其他", "kind")
    )
    date: IsoDate | None = Field(None, description=describe("日期", "date"))
    areas: list[str] = Field(
        default_factory=list,
        description=describe("相关业务方面（framework.yaml 的代码，或 general）", "areas"),
    )
    tags: list[str] = Field(
        default_factory=list, description=describe("标签（自由词，供检索）", "tags")
    )
    path: NonEmptyText | None = Field(None, description=_PATH)
    url: NonEmptyText | None = Field(None, description=_URL)
    sha256: Sha256 | None = Field(None, description=_SHA256)
    source: str | None = Field(None, description=describe("信息来源", "source"))
