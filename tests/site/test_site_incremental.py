"""Rebuilding a site rewrites only what changed, deletes what is gone, and keeps the index lean."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jgsw_std.load.warehouse import load_worktree
from jgsw_std.model.codes import code_slug
from jgsw_std.reports.site.manifest import MANIFEST
from tests.conftest import REPO

from .conftest import build, needs_pagefind


@pytest.fixture
def demo_copy(demo_root: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "wh"
    shutil.copytree(demo_root, dest)
    return dest


def _mtimes(out: Path) -> dict[str, int]:
    return {
        p.relative_to(out).as_posix(): p.stat().st_mtime_ns
        for p in out.rglob("*")
        if p.is_file() and "pagefind" not in p.parts and p.name != MANIFEST
    }


def _loner(root: Path) -> tuple[str, Path]:
    """A standard no other standard names (no supersession, no references either way)."""
    wh = load_worktree(root)
    named = {c for r in wh.standards for c in (*r.model.supersedes, *r.model.references)}
    named |= {r.model.superseded_by for r in wh.standards if r.model.superseded_by}
    rec = next(
        r
        for r in sorted(wh.standards, key=lambda r: r.code)
        if r.code not in named and not r.model.supersedes and not r.model.superseded_by
    )
    return rec.code, root / rec.path


def test_nothing_changed_nothing_written(demo_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = build(demo_copy, out)
    assert len(first.written.written) == first.written.total > 300
    before = _mtimes(out)
    manifest = (out / MANIFEST).stat().st_mtime_ns
    second = build(demo_copy, out)
    assert second.written.written == [] and second.written.removed == []
    assert _mtimes(out) == before and (out / MANIFEST).stat().st_mtime_ns == manifest


def test_one_changed_standard_rewrites_its_pages_only(demo_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(demo_copy, out)
    before = _mtimes(out)
    code, path = _loner(demo_copy)
    text = path.read_text("utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    path.write_text(text.replace(title, title + "（第二版）"), "utf-8")

    again = build(demo_copy, out)
    written = set(again.written.written)
    page = f"standards/{code_slug(code)}.html"
    assert page in written
    assert "（第二版）" in (out / page).read_text("utf-8")
    # one standard's page, and the pages and downloads that list every standard
    assert [w for w in written if w.startswith("standards/")] == [page]
    assert {"catalogue.html", "downloads/catalogue.xlsx", "downloads/catalogue.json"} <= written
    assert len(written) < 15
    after = _mtimes(out)
    untouched = [rel for rel in before if rel not in written]
    assert len(untouched) > 300
    assert all(after[rel] == before[rel] for rel in untouched)


def test_a_removed_standard_loses_its_page(demo_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(demo_copy, out)
    code, path = _loner(demo_copy)
    path.unlink()
    again = build(demo_copy, out)
    page = f"standards/{code_slug(code)}.html"
    assert again.written.removed == [page]
    assert not (out / page).exists()
    assert page not in (out / MANIFEST).read_text("utf-8")


def test_language_or_damaged_manifest_rebuilds_everything(demo_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = build(demo_copy, out)
    english = build(demo_copy, out, lang="en")
    assert len(english.written.written) == first.written.total
    (out / MANIFEST).write_text("{not json", "utf-8")
    again = build(demo_copy, out, lang="en")
    assert len(again.written.written) == first.written.total


def test_manifest_paths_cannot_leave_the_site(demo_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(demo_copy, out)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    manifest = (out / MANIFEST).read_text("utf-8")
    poisoned = manifest.replace('"files": {', '"files": {"../victim.txt": {"key": "x"}, ', 1)
    (out / MANIFEST).write_text(poisoned, "utf-8")
    build(demo_copy, out)
    assert victim.read_text() == "keep"


@needs_pagefind
def test_search_index_follows_the_pages(tmp_path: Path) -> None:
    root = tmp_path / "wh"
    shutil.copytree(REPO / "data", root / "data")
    out = tmp_path / "site"
    first = build(root, out, search=True)
    assert first.written.indexed
    bundle = out / "pagefind"
    fragments = sorted(p.name for p in (bundle / "fragment").iterdir())
    assert len(fragments) == 11

    same = build(root, out, search=True)
    assert not same.written.indexed  # no searched page changed: the index stays

    path = root / "data" / "standards" / "logistics" / "db50-t-1056-2020.yaml"
    # a review: the page changes, not what the search reads of it
    path.write_text(
        path.read_text("utf-8") + "reviews:\n  - {date: 2025-10-20, conclusion: continue}\n",
        "utf-8",
    )
    reviewed = build(root, out, search=True)
    assert "standards/db50-t-1056-2020.html" in reviewed.written.written
    assert not reviewed.written.indexed
    assert sorted(p.name for p in (bundle / "fragment").iterdir()) == fragments

    path.write_text(path.read_text("utf-8").replace("物业管理", "保洁管理"), "utf-8")
    changed = build(root, out, search=True)
    assert changed.written.indexed
    after = sorted(p.name for p in (bundle / "fragment").iterdir())
    # one fragment replaced, none left behind
    assert len(after) == 11 and len(set(after) - set(fragments)) == 1
    assert len(list(bundle.glob("pagefind.*.pf_meta"))) == 1
    live = {p.stem for p in (bundle / "index").iterdir()}
    meta = next(bundle.glob("pagefind.*.pf_meta")).read_bytes()
    import gzip

    assert all(name.encode() in gzip.decompress(meta) for name in live)

    (root / "data" / "standards" / "reception" / "db50-t-1060-2020.yaml").unlink()
    removed = build(root, out, search=True)
    assert removed.written.indexed and len(list((bundle / "fragment").iterdir())) == 10

    no_search = build(root, out, search=False)
    assert not bundle.exists() and not no_search.written.indexed


def test_a_failed_first_build_can_be_resumed(
    demo_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jgsw_std.reports.site import render

    out = tmp_path / "site"

    def broken(self: object, page: object) -> bytes:
        raise OSError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(render.SiteRenderer, "render", broken)
        with pytest.raises(OSError):
            build(demo_copy, out)
    assert (out / MANIFEST).is_file()  # the folder is marked as a site already
    again = build(demo_copy, out)
    assert len(again.written.written) == again.written.total


@needs_pagefind
def test_search_stubs_live_in_the_cache_and_match_the_pages(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jgsw_std.output.site_search import Stubs

    root = tmp_path / "wh"
    shutil.copytree(REPO / "data", root / "data")
    out = tmp_path / "site"
    build(root, out, search=True)
    stubs = Stubs(out).root
    assert cache_dir in stubs.parents and out not in stubs.parents
    names = sorted(p.name for p in (stubs / "standards").iterdir())
    assert names == sorted(p.name for p in (out / "standards").iterdir())
    for name in names:  # the stub is the page's searched header, word for word
        page = (out / "standards" / name).read_text("utf-8")
        stub = (stubs / "standards" / name).read_text("utf-8")
        header = page[page.index("<header data-pagefind-body>") : page.index("</header>") + 9]
        assert header in stub and len(stub) < len(page) / 2

    (root / "data" / "standards" / "reception" / "db50-t-1060-2020.yaml").unlink()
    build(root, out, search=True)
    assert not (stubs / "standards" / "db50-t-1060-2020.html").exists()

    # a cache folder that cannot be written: Pagefind reads the pages themselves
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("JGSW_CACHE_DIR", str(blocker))
    shutil.rmtree(out / "pagefind")
    again = build(root, out, search=True)
    assert again.written.indexed
    assert len(list((out / "pagefind" / "fragment").iterdir())) == 10


def test_one_feedback_item_rewrites_its_standard_and_the_home_page(
    demo_copy: Path, tmp_path: Path
) -> None:
    """Closing a feedback item changes its standard's page and the home page's figures,
    nothing else (the feedback is not in what the search reads)."""
    out = tmp_path / "site"
    build(demo_copy, out)
    wh = load_worktree(demo_copy)
    item = next(r for r in sorted(wh.feedback, key=lambda r: r.id) if r.model.closed is None)
    std = wh.standard(item.model.standard)
    assert std is not None
    path = demo_copy / item.path
    text = path.read_text("utf-8")
    path.write_text(text.rstrip("\n") + "\nclosed: 2025-12-30\n", "utf-8")

    again = build(demo_copy, out)
    page = f"standards/{code_slug(std.code)}.html"
    assert set(again.written.written) == {page, "index.html"}
