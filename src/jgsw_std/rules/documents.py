"""Documents (family M, 资料库): a standard's `documents` and the files of data/materials/.

Each document is found by `path` (a file inside the warehouse) or `url` (a web
page). A path must stay inside the warehouse root, the file must be there and,
when `sha256` is recorded, have that digest; a Git LFS pointer is checked by
its `oid`, without fetching the object. A warehouse read from a git revision
(`--rev`) is checked against that revision's files.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from jgsw_std.lifecycle.known import Fact
from jgsw_std.load.attachments import Attachment, path_escape
from jgsw_std.load.warehouse import StandardRecord, Warehouse
from jgsw_std.model.framework import GENERAL_AREA
from jgsw_std.problems import Problem, Severity
from jgsw_std.rules.registry import CheckContext, rule

_WEB = frozenset({"http", "https"})


@dataclass(frozen=True, slots=True)
class _Located:
    """One document wherever it is recorded: on a standard, or a material file."""

    path: str  # the YAML file that records it
    at: tuple[str | int, ...]  # where in that file (() for a material: the whole file)
    title: str
    file: str | None
    url: str | None
    sha256: str | None


def _documents(wh: Warehouse, ctx: CheckContext) -> list[_Located]:
    """Every document of the warehouse (collected once per run)."""

    def build() -> list[_Located]:
        out: list[_Located] = []
        for rec in wh.standards:
            for index, doc in enumerate(rec.model.documents):
                title = doc.title or f"{rec.code} {doc.kind or index + 1}"
                out.append(
                    _Located(rec.path, ("documents", index), title, doc.path, doc.url, doc.sha256)
                )
        for mat in wh.materials:
            m = mat.model
            out.append(_Located(mat.path, (), m.shown_title, m.path, m.url, m.sha256))
        return out

    return ctx.at.memo("documents", build)


def _attachments(wh: Warehouse, ctx: CheckContext) -> dict[str, Attachment]:
    """What is at every document path (read once per run; {} without a reader)."""

    def build() -> dict[str, Attachment]:
        reader = wh.attachments
        if reader is None:
            return {}
        paths = [d.file for d in _documents(wh, ctx) if d.file and path_escape(d.file) is None]
        return reader.read_many(dict.fromkeys(paths))

    return ctx.at.memo("document-attachments", build)


@rule(
    "M901",
    "document-file-missing",
    Severity.ERROR,
    zh="资料“{title}”的文件 {file} {why_zh}",
    en="the file {file} of document '{title}' {why_en}",
    hint_zh="把文件放到该路径（路径相对标准仓根目录），或改正 path。",
    hint_en="Put the file at that path (relative to the warehouse root), or correct path.",
)
def document_file_missing(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A document's `path` names a file that is not there.

    The path is read from the warehouse root. A folder where a file should be
    is reported too. A Git LFS pointer counts as the file: the object itself
    need not be fetched.
    """
    found = _attachments(wh, ctx)
    for doc in _documents(wh, ctx):
        got = found.get(doc.file) if doc.file else None
        if got is None or got.found not in ("missing", "not-a-file"):
            continue
        folder = got.found == "not-a-file"
        yield document_file_missing.problem(
            doc.path,
            (*doc.at, "path"),
            title=doc.title,
            file=doc.file,
            why_zh="是文件夹，不是文件" if folder else "不存在",
            why_en="is a folder, not a file" if folder else "does not exist",
        )


@rule(
    "M902",
    "digest-mismatch",
    Severity.ERROR,
    zh="资料“{title}”的文件 {file} 的 SHA-256 为 {actual}…{lfs_zh}，与记录的 {expected}… 不符",
    en="the file {file} of document '{title}' has SHA-256 {actual}...{lfs_en}, not the "
    "recorded {expected}...",
    hint_zh="文件被替换过：核对是哪一版，再更新 sha256（sha256sum 文件名）或换回原文件。",
    hint_en="The file was replaced: find out which version is right, then update sha256 "
    "(sha256sum FILE) or restore the file.",
)
def digest_mismatch(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A document's file does not have the digest recorded in `sha256`.

    `sha256` pins the exact file (the published text, say). For a Git LFS
    pointer file the pointer's `oid sha256:` is compared, so a warehouse that
    keeps large files in LFS is checked without fetching them. Digests are
    compared in lower case.
    """
    found = _attachments(wh, ctx)
    for doc in _documents(wh, ctx):
        got = found.get(doc.file) if doc.file else None
        if got is None or got.sha256 is None or doc.sha256 is None:
            continue
        if got.sha256 != doc.sha256.lower():
            yield digest_mismatch.problem(
                doc.path,
                (*doc.at, "sha256"),
                title=doc.title,
                file=doc.file,
                actual=got.sha256[:12],
                expected=doc.sha256.lower()[:12],
                lfs_zh="（Git LFS 指针的 oid）" if got.lfs else "",
                lfs_en=" (the Git LFS pointer's oid)" if got.lfs else "",
            )


_ESCAPES = {
    "absolute": ("是绝对路径", "is an absolute path"),
    "drive": ("带有盘符", "names a drive"),
    "parent": ("含有 ..", "contains .."),
    "outside": ("经符号链接指向根目录之外", "leads outside through a symbolic link"),
}


@rule(
    "M903",
    "path-outside-root",
    Severity.ERROR,
    zh="资料“{title}”的路径 {file} 超出标准仓根目录：{why_zh}",
    en="the path {file} of document '{title}' leaves the warehouse root: it {why_en}",
    hint_zh="把文件放进标准仓（如 files/ 下），path 写相对根目录的路径，用 / 分隔，不含 ..。",
    hint_en="Keep the file inside the warehouse (e.g. under files/) and write its path from "
    "the root, with / and without ...",
)
def path_outside_root(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A document's `path` points outside the warehouse.

    Paths are relative to the warehouse root and stay inside it, so that the
    warehouse, copied or cloned anywhere, carries its documents. An absolute
    path (`/x`, `C:\\x`, `\\\\server\\x`), a drive (`C:x`), a `..` step (with
    `/` or `\\`) or a symbolic link that leads out of the root is reported.
    """
    found = _attachments(wh, ctx)
    for doc in _documents(wh, ctx):
        if not doc.file:
            continue
        why = path_escape(doc.file)
        if why is None:
            got = found.get(doc.file)
            why = "outside" if got is not None and got.found == "outside" else None
        if why is not None:
            zh, en = _ESCAPES[why]
            yield path_outside_root.problem(
                doc.path, (*doc.at, "path"), title=doc.title, file=doc.file, why_zh=zh, why_en=en
            )


@rule(
    "M904",
    "url-scheme",
    Severity.ERROR,
    zh="资料“{title}”的网址 {url} 不是 http 或 https 地址",
    en="the address {url} of document '{title}' is not an http or https address",
    hint_zh="url 只写 http:// 或 https:// 开头的网址；本地文件用 path。",
    hint_en="Write only http:// or https:// addresses in url; use path for files.",
)
def url_scheme(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A document's `url` is not an http(s) address.

    Reports, the site and editors make these addresses into links; other
    schemes (`file:`, `javascript:`, `ftp:`) or an address without a host
    would be unsafe or broken there.
    """
    for doc in _documents(wh, ctx):
        if doc.url is None:
            continue
        try:
            parts = urlsplit(doc.url.strip())
            ok = parts.scheme.lower() in _WEB and bool(parts.netloc)
        except ValueError:
            ok = False
        if not ok:
            yield url_scheme.problem(doc.path, (*doc.at, "url"), title=doc.title, url=doc.url)


@rule(
    "M905",
    "local-standard-without-text",
    Severity.INFO,
    zh="现行地方标准没有标准文本（documents 中 kind: text 的资料）",
    en="a current local standard without its text (a document of kind text)",
    hint_zh="在 documents 下记录标准文本：kind: text、title、path（或 url）和 sha256。",
    hint_en="Record the text under documents: kind: text, title, path (or url) and sha256.",
    maybe_zh="现行地方标准可能没有标准文本：取决于 {settle}",
    maybe_en="a current local standard may lack its text: it depends on {settle}",
)
def local_standard_without_text(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A local standard in force (or about to be) has no text in the 资料库.

    The platform the plan asks for shares and publishes the standards' texts.
    Local standards (DB50/...) in force or published and not yet effective on
    the as-of date are listed when no `documents` entry has `kind: text`.
    Only a warehouse that keeps documents (a standard with `documents`, or a
    file under data/materials/) is judged, so an older warehouse stays quiet.
    A document recorded without its `kind` may be the text: the finding is
    then only possible, naming the kind that settles it.
    """
    if not (wh.keeps("material") or _documents(wh, ctx)):
        return
    for rec in wh.standards:
        if rec.parsed.level != "local" or ctx.at.state(rec) not in ("in-force", "upcoming"):
            continue
        docs = rec.model.documents
        if any(doc.kind == "text" for doc in docs):
            continue
        unknown = [i for i, doc in enumerate(docs) if doc.kind is None]
        if unknown:
            settle = [_kind_fact(rec, i) for i in unknown]
            yield local_standard_without_text.possible(
                rec.path, ("documents", unknown[0]), key=True, settle=settle
            )
            continue
        loc, key = (("documents",), True) if docs else (("code",), False)
        yield local_standard_without_text.problem(rec.path, loc, key=key)


def _kind_fact(rec: StandardRecord, index: int) -> Fact:
    """The missing ``kind`` of the standard's document at ``index``."""
    doc = rec.model.documents[index]
    name = f"{rec.code}「{doc.title or doc.path or doc.url or index + 1}」"
    return Fact(f"{rec.code}:documents[{index}]", name, rec.path, "document-kind", name=name)


@rule(
    "M906",
    "document-without-location",
    Severity.ERROR,
    zh="资料“{title}”既没有 path 也没有 url",
    en="document '{title}' has neither a path nor a url",
    hint_zh="写 path（标准仓内的文件）或 url（http/https 网址）。",
    hint_en="Give a path (a file in the warehouse) or a url (http/https).",
)
def document_without_location(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A document says neither where its file is nor where it is online."""
    for doc in _documents(wh, ctx):
        if not doc.file and not doc.url:
            yield document_without_location.problem(doc.path, doc.at or ("slug",), title=doc.title)


@rule(
    "M907",
    "unknown-material-area",
    Severity.ERROR,
    zh="资料的业务方面 {area} 不是 framework.yaml 中的业务方面",
    en="area {area} of the material is not an area of framework.yaml",
    hint_zh="areas 写业务方面代码（如 vehicles）或 general。",
    hint_en="Write area codes (e.g. vehicles) or general in areas.",
)
def unknown_material_area(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A material's `areas` names an area the framework does not have."""
    known = wh.framework.area_by_code
    if not known:
        return
    for rec in wh.materials:
        for index, area in enumerate(rec.model.areas):
            if area != GENERAL_AREA and area not in known:
                yield unknown_material_area.problem(rec.path, ("areas", index), area=area)
