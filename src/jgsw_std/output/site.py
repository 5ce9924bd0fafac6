"""Write the site: render what changed, delete what is gone, index for search, say what was done.

Each file's key (the digest of what it is made of) is compared with the
manifest of the previous build (reports/site/manifest.py): an unchanged page
is neither rendered nor written. The search index is rebuilt only when a
searched page (a standard's) was written or removed.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from jgsw_std.app.site import SitePlan
from jgsw_std.reports.site.manifest import MANIFEST, Manifest, read_manifest

#: The catalogue's downloads: path -> how the table becomes bytes.
DOWNLOADS: dict[str, str] = {
    "downloads/catalogue.xlsx": "xlsx",
    "downloads/catalogue.csv": "csv",
    "downloads/catalogue.json": "json",
}


@dataclass
class SiteWritten:
    out: Path
    total: int
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    indexed: bool = False  # the search index was (re)built
    seconds: float = 0.0


def _put(path: Path, data: bytes) -> None:
    """Replace a file whole (a server never sends half a page); no fsync: it is generated."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _safe(out: Path, rel: str) -> Path | None:
    """``out/rel`` when rel is a plain relative path inside the site (manifests are input)."""
    parts = PurePosixPath(rel).parts
    if not parts or PurePosixPath(rel).is_absolute() or ".." in parts or rel.startswith("/"):
        return None
    return out.joinpath(*parts)


def _download(plan: SitePlan, kind: str) -> Callable[[], bytes]:
    from jgsw_std.output.table import to_csv, to_json, to_xlsx

    def produce() -> bytes:
        if kind == "xlsx":
            return to_xlsx(plan.tables, plan.lang)
        if kind == "csv":  # a byte-order mark, so that Excel reads the Chinese as UTF-8
            return ("\ufeff" + to_csv(plan.tables[0], plan.lang)).encode("utf-8")
        return to_json(plan.tables).encode("utf-8")

    return produce


def _table_key(plan: SitePlan, kind: str) -> str:
    digest = hashlib.sha256(f"{kind}\0{plan.lang}\0".encode())
    for table in plan.tables:
        digest.update(
            json.dumps([table.name, table.rows], default=str, ensure_ascii=False).encode()
        )
    return digest.hexdigest()


def write_site(plan: SitePlan) -> SiteWritten:
    """Bring the folder up to date with the plan."""
    from jgsw_std.fsutil import write_atomic
    from jgsw_std.output.site_search import build_search, drop_search
    from jgsw_std.reports.site.render import SiteRenderer, assets

    start = time.perf_counter()
    out = plan.out
    out.mkdir(parents=True, exist_ok=True)
    old = read_manifest(out)
    if old.lang and old.lang != plan.lang:
        old = Manifest()  # another language: every page changes anyway
    new = Manifest(lang=plan.lang, search=old.search if plan.search else "none")
    result = SiteWritten(out, 0)
    searched_changed = False

    def offer(rel: str, key: str, produce: Callable[[], bytes], indexed: bool = False) -> None:
        nonlocal searched_changed
        new.files[rel] = {"key": key, "indexed": indexed}
        result.total += 1
        target = out.joinpath(*rel.split("/"))
        if old.key(rel) == key and target.is_file():
            return
        _put(target, produce())
        result.written.append(rel)
        searched_changed |= indexed

    renderer = SiteRenderer(plan.common)
    for page in plan.pages:
        offer(page.path, renderer.key(page), functools.partial(renderer.render, page), page.indexed)
    for rel, data in assets().items():
        offer(rel, hashlib.sha256(data).hexdigest(), functools.partial(bytes, data))
    for rel, kind in DOWNLOADS.items():
        offer(rel, _table_key(plan, kind), _download(plan, kind))

    for rel, entry in old.files.items():
        if rel in new.files:
            continue
        target = _safe(out, rel)
        if target is not None and target.is_file():
            target.unlink()
            result.removed.append(rel)
            searched_changed |= bool(entry.get("indexed"))

    if not plan.search:
        drop_search(out)
    elif searched_changed or old.search != "done" or not (out / "pagefind").is_dir():
        new.search = "pending"  # a failed run is retried by the next build
        write_atomic(out / MANIFEST, new.to_bytes())
        build_search(out)
        new.search = "done"
        result.indexed = True
    write_atomic(out / MANIFEST, new.to_bytes())
    result.seconds = time.perf_counter() - start
    return result


def done_message(plan: SitePlan, written: SiteWritten, lang: str) -> str:
    """One line for the terminal, plain characters (a GBK console shows it)."""
    w, r = len(written.written), len(written.removed)
    if lang == "en":
        search = (
            "search index rebuilt" if written.indexed else
            ("search index unchanged" if plan.search else "no search index (--no-search)")
        )  # fmt: skip
        return (
            f"Site in {written.out}: {written.total} files, {w} written, {r} removed, "
            f"{search} ({plan.counts['standards']} standards).\n"
        )
    search = (
        "检索索引已重建" if written.indexed else
        ("检索索引无需更新" if plan.search else "未建检索索引（--no-search）")
    )  # fmt: skip
    return (
        f"网站已生成：{written.out}（共 {written.total} 个文件，写入 {w} 个，删除 {r} 个；"
        f"{search}；标准 {plan.counts['standards']} 项）。\n"
    )
