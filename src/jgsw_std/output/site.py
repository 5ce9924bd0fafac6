"""Write the site: render what changed, delete what is gone, index for search, say what was done.

Each file's key (the digest of what it is made of) is compared with the
manifest of the previous build (reports/site/manifest.py): an unchanged page
is neither rendered nor written. The search index is rebuilt only when a
searched page (a standard's) was written or removed.
"""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from jgsw_std.app.site import SitePlan
from jgsw_std.progress import SILENT, Progress, track
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
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step (bench/)


def _put(path: Path, data: bytes) -> None:
    """Write a file whole. Generated output: no temporary file, no fsync (10,000 pages)."""
    try:
        path.write_bytes(data)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


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


def _table_key(plan: SitePlan, kind: str, rows_digest: str) -> str:
    return hashlib.sha256(f"{kind}\0{plan.lang}\0{rows_digest}".encode()).hexdigest()


def _rows_digest(plan: SitePlan) -> str:
    digest = hashlib.sha256()
    for table in plan.tables:  # plain values and dates: their repr is exact and quick
        digest.update(repr((table.name, [c.key for c in table.columns], table.rows)).encode())
    return digest.hexdigest()


def write_site(plan: SitePlan, progress: Progress = SILENT) -> SiteWritten:
    """Bring the folder up to date with the plan."""
    from jgsw_std.fsutil import write_atomic
    from jgsw_std.output.site_search import SearchBuild, Stubs, drop_search
    from jgsw_std.reports.site.render import SiteRenderer, assets

    start = time.perf_counter()
    out = plan.out
    out.mkdir(parents=True, exist_ok=True)
    if not (out / MANIFEST).exists():  # mark the folder as a site now: a build that
        write_atomic(out / MANIFEST, Manifest(lang=plan.lang).to_bytes())  # fails may resume
    old = read_manifest(out)
    if old.lang and old.lang != plan.lang:
        old = Manifest()  # another language: every page changes anyway
    new = Manifest(lang=plan.lang, search=old.search if plan.search else "none")
    result = SiteWritten(out, 0)
    searched_changed = False  # a searched page was written or removed
    last = [start]

    def lap(name: str) -> None:
        now = time.perf_counter()
        result.timings[name] = now - last[0]
        last[0] = now

    def offer(
        rel: str, key: str, produce: Callable[[], bytes], search_key: str | None = None
    ) -> None:
        nonlocal searched_changed
        entry: dict[str, object] = {"key": key, "indexed": search_key is not None}
        if search_key is not None:
            entry["search"] = search_key
        before = old.files.get(rel, {})
        new.files[rel] = entry
        result.total += 1
        target = out.joinpath(*rel.split("/"))
        if before.get("key") == key and target.is_file():
            return
        _put(target, produce())
        result.written.append(rel)
        # the index reads only the page's searched part: rebuild it only when that changed
        searched_changed |= search_key is not None and before.get("search") != search_key

    def remove(keep: Callable[[str, dict[str, object]], bool]) -> None:
        """Delete the old build's files that this one does not make (and ``keep`` allows)."""
        nonlocal searched_changed
        for rel, entry in old.files.items():
            if rel in new.files or keep(rel, entry):
                continue
            target = _safe(out, rel)
            if target is not None and target.is_file():
                target.unlink()
                result.removed.append(rel)
                searched_changed |= bool(entry.get("indexed"))

    renderer = SiteRenderer(plan.common)
    stubs = Stubs(out) if plan.search else None
    searched = [p for p in plan.pages if p.indexed]
    # The searched pages first: the index is built from them while the rest is written.
    for page in track(progress, searched, "写入标准页面", "writing the standards' pages"):
        produce = functools.partial(renderer.render, page)
        search_key = renderer.search_key(page)
        changed = old.files.get(page.path, {}).get("search") != search_key
        offer(page.path, renderer.key(page), produce, search_key)
        if stubs is not None:
            stubs.offer(page.path, changed, functools.partial(renderer.render_stub, page))
    remove(lambda _rel, entry: not entry.get("indexed"))
    lap("searched pages")
    search = None
    if stubs is None:
        drop_search(out)
    elif searched_changed or old.search != "done" or not (out / "pagefind").is_dir():
        # a failed or interrupted run is redone by the next build
        pending = Manifest({**old.files, **new.files}, plan.lang, "pending")
        write_atomic(out / MANIFEST, pending.to_bytes())
        search = SearchBuild(out, stubs.source(out))
    try:
        with progress.step("生成其他页面与下载文件", "making the other pages and downloads"):
            plan.rest()  # the other pages and the tables, while the index is built
            for page in plan.pages:
                if not page.indexed:
                    produce = functools.partial(renderer.render, page)
                    offer(page.path, renderer.key(page), produce)
            for rel, data in assets().items():
                offer(rel, hashlib.sha256(data).hexdigest(), functools.partial(bytes, data))
            rows = _rows_digest(plan)
            for rel, kind in DOWNLOADS.items():
                offer(rel, _table_key(plan, kind, rows), _download(plan, kind))
            remove(lambda _rel, _entry: False)
        lap("other pages and downloads")
    except BaseException:
        if search is not None:
            search.stop()
        raise
    if search is not None:
        with progress.step("建立检索索引", "building the search index"):
            search.wait()
        new.search = "done"
        result.indexed = True
        lap("waiting for the search index")
    manifest = new.to_bytes()
    if _read_bytes(out / MANIFEST) != manifest:
        write_atomic(out / MANIFEST, manifest)
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
