"""The site in a real browser, offline: search in Chinese and by code, the framework table
to a standard, no errors, nothing fetched from elsewhere, phone width, print, screenshots.

Needs Debian's chromium (`apt-get install -y chromium`, done by .ci/run), the
playwright package and Pagefind (`pagefind[extended]`, in the test extra);
skipped with the reason when one is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jgsw_std.model.code_match import compact, fold, looks_like_code
from tests.conftest import REPO

from .browser import CHROMIUM, FLAGS, screenshots, search, served, session
from .conftest import HAS_PAGEFIND, Built, build

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)"
    ),
    pytest.mark.skipif(
        not HAS_PAGEFIND, reason='needs Pagefind: python -m pip install "pagefind[extended]"'
    ),
]

TARGET = "DB50/T 1056-2020"
SPELLINGS = [
    "物业",
    "物业管理",
    "DB50T1056",
    "db50/t1056",
    "1056-2020",
    "DB50/T 1056-2020",
    "db50-t-1056-2020",
    "ＤＢ５０／Ｔ　１０５６－２０２０",
    "DB50/T1056—2020",
    "property management",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The real warehouse (data/) as a site, with its search index."""
    return build(REPO, tmp_path_factory.mktemp("real-site") / "site", search=True)


@pytest.fixture(scope="module")
def base(real_site: Built) -> Iterator[str]:
    with served(real_site.out) as url:
        yield url


def test_search_then_the_standard(browser: Any, base: str) -> None:
    with session(browser, base) as watch:
        page = watch.page()
        page.goto(base + "index.html")
        page.fill("form.search-form input[name=q]", "物业")
        page.press("form.search-form input[name=q]", "Enter")
        page.wait_for_selector("#search[data-ready] .search-results li a")
        first = page.locator(".search-results li a").first
        assert TARGET in first.inner_text()
        first.click()
        page.wait_for_url("**/standards/db50-t-1056-2020.html")
        assert TARGET in page.locator("h1").inner_text()
        assert "党政机关物业管理服务规范" in page.locator("h1").inner_text()
        assert watch.errors == []
        assert [m for m in watch.console if m[0] in ("error", "warning")] == []
        assert watch.blocked == [] and watch.outside() == []
        assert any(u.endswith(".pf_fragment") for u in watch.requests)  # Pagefind answered


@pytest.mark.parametrize("query", SPELLINGS)
def test_every_spelling_finds_it_first(browser: Any, base: str, query: str) -> None:
    with session(browser, base) as watch:
        codes = search(watch.page(), base, query)
        assert codes and codes[0] == TARGET, codes
        assert watch.errors == [] and watch.outside() == []


def test_browser_folds_queries_as_jgsw_find_does(browser: Any, base: str) -> None:
    queries = [*SPELLINGS, "GB/T 41568", "gbt41568-2022", "T/CSUS 15—2021", "公务用车 2020", "  "]
    with session(browser, base) as watch:
        page = watch.page()
        page.goto(base + "search.html")
        page.wait_for_selector("#search[data-ready]")
        folded = page.evaluate("qs => qs.map(q => window.jgswNormalizeQuery(q))", queries)
    expected = [compact(q) if looks_like_code(q) else fold(q).strip() for q in queries]
    assert folded == expected


def test_search_filters(browser: Any, base: str) -> None:
    with session(browser, base) as watch:
        page = watch.page()
        codes = search(page, base, "机关")
        assert TARGET in codes and "GB/T 29118-2012" in codes
        page.select_option("select[name=level]", "国家标准")
        page.wait_for_function(
            "() => [...document.querySelectorAll('.search-results li code')]"
            ".every(c => c.textContent.startsWith('GB'))"
        )
        assert watch.errors == []


def test_framework_table_leads_to_a_standard(browser: Any, base: str) -> None:
    with session(browser, base) as watch:
        page = watch.page()
        page.goto(base + "matrix.html")
        cell = page.locator("table.matrix tbody td a").filter(has_not_text="0").first
        count = int(cell.inner_text())
        cell.click()
        page.wait_for_url("**/catalogue.html?*")
        rows = page.locator("#catalogue tbody tr:not([hidden])")
        page.wait_for_function(
            "n => document.querySelectorAll('#catalogue tbody tr:not([hidden])').length === n",
            arg=count,
        )
        assert rows.count() == count
        code = rows.first.locator("td.code a").inner_text()
        rows.first.locator("td.code a").click()
        page.wait_for_url("**/standards/*.html")
        assert code in page.locator("h1").inner_text()
        assert watch.errors == [] and watch.outside() == []
        assert [m for m in watch.console if m[0] in ("error", "warning")] == []


def test_catalogue_filters_and_address(browser: Any, base: str) -> None:
    with session(browser, base) as watch:
        page = watch.page()
        page.goto(base + "catalogue.html")
        total = page.locator("#catalogue tbody tr").count()
        assert total == 11
        page.select_option("select[name=level]", "national")
        page.wait_for_function("() => location.search.includes('level=national')")
        shown = page.locator("#catalogue tbody tr:not([hidden])").all_inner_texts()
        assert len(shown) == 4 and all(t.startswith("GB") for t in shown)
        page.fill("input[name=q]", "29118")
        page.wait_for_function(
            "() => document.querySelectorAll('#catalogue tbody tr:not([hidden])').length === 2"
        )
        page.click("button[type=reset]")
        page.wait_for_function(
            "() => document.querySelectorAll('#catalogue tbody tr:not([hidden])').length === 11"
        )
        assert watch.errors == []


def test_phone_width_and_print(browser: Any, base: str) -> None:
    with session(browser, base, width=390) as watch:
        page = watch.page()
        for rel in (
            "index.html",
            "catalogue.html",
            "search.html?q=%E7%89%A9%E4%B8%9A",
            "matrix.html",
            "standards/db50-t-1056-2020.html",
            "districts/index.html",
            "districts/shapingba.html",
            "due.html",
        ):
            page.goto(base + rel)
            page.wait_for_load_state("networkidle")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, (rel, width)  # wide tables scroll inside their own box
        page.goto(base + "standards/db50-t-1056-2020.html")
        page.emulate_media(media="print")
        assert page.locator("nav.site-nav").is_hidden()
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF") and len(pdf) > 5000
        assert watch.errors == [] and watch.outside() == []


def test_local_files_say_to_serve(browser: Any, real_site: Built) -> None:
    """Opened from disk, the pages still read and filter; search says how to serve it."""
    context = browser.new_context()
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((real_site.out / "search.html").as_uri())
        assert page.locator(".search-offline").is_visible()
        assert "jgsw site --serve" in page.locator(".search-offline").inner_text()
        page.goto((real_site.out / "catalogue.html").as_uri() + "?level=national")
        page.wait_for_function(
            "() => document.querySelectorAll('#catalogue tbody tr:not([hidden])').length === 4"
        )
        color = page.evaluate(
            "getComputedStyle(document.querySelector('.site-header')).borderBottomStyle"
        )
        assert color == "solid"  # the stylesheet loaded from disk too
        assert errors == []
    finally:
        context.close()


def test_screenshots(browser: Any, base: str, tmp_path: Path) -> None:
    """The README's pictures come from this code (python -m tests.site.screenshots)."""
    written = screenshots(browser, base, tmp_path)
    assert len(written) == 10
    for path in written:
        assert path.stat().st_size > 8000, path


def test_english_site_searches_both_languages(
    browser: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    site = build(REPO, tmp_path_factory.mktemp("english-site") / "site", lang="en", search=True)
    with served(site.out) as url, session(browser, url) as watch:
        page = watch.page()
        for query in ("property management", "物业", "DB50T1056"):
            assert search(page, url, query)[:1] == [TARGET], query
        assert page.locator("html").get_attribute("lang") == "en"
        assert watch.errors == [] and watch.outside() == []
        assert [m for m in watch.console if m[0] in ("error", "warning")] == []


def test_material_titles_lead_to_the_material(
    browser: Any, demo_root: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A material (资料库) belongs to no standard: its title finds its own page."""
    site = build(demo_root, tmp_path_factory.mktemp("demo-search") / "site", search=True)
    with served(site.out) as url, session(browser, url) as watch:
        page = watch.page()
        assert search(page, url, "节约型机关创建案例")[:1] == ["资料"]
        first = page.locator(".search-results li a").first
        assert "节约型机关创建案例" in first.inner_text()
        first.click()
        page.wait_for_url("**/materials/energy-case.html")
        assert "files/materials/energy-case.txt" in page.locator("main").inner_text()
        # a standard's own document title still finds the standard
        assert search(page, url, "标准文本")[0] != "资料"
        assert watch.errors == [] and watch.outside() == []
        assert [m for m in watch.console if m[0] in ("error", "warning")] == []
