"""The HTML report in a real browser: renders, stays offline, shows hostile titles as text.

Needs Debian's chromium (`apt-get install -y chromium`, done by .ci/run) and the
playwright Python package; skipped with the reason when either is missing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from jgsw_std.load.warehouse import load_worktree
from jgsw_std.reports.render import render

from .conftest import SCRIPT_TITLE, context_of

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)"
    ),
]


@pytest.fixture(scope="module")
def browser() -> Any:
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


class Visit:
    """One page load with every console message, error, request and dialog recorded."""

    def __init__(self, browser: Any, path: Path, width: int = 1280) -> None:
        self.console: list[tuple[str, str]] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.url = path.resolve().as_uri()
        # Count every request; let only the page itself through.
        self.context.route("**/*", self._route)
        self.page.goto(self.url)
        self.page.wait_for_load_state("load")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route: Any) -> None:
        url = route.request.url
        self.requests.append(url)
        if url == self.url:
            route.continue_()
        else:
            route.abort()

    def close(self) -> None:
        self.context.close()


def _write(tmp_path: Path, root: Path, name: str, lang: str = "zh") -> Path:
    out = tmp_path / name
    out.write_text(render(context_of(load_worktree(root), lang=lang), "html"), encoding="utf-8")
    return out


def test_demo_report_renders_offline_without_errors(
    browser: Any, tmp_path: Path, demo_root: Path
) -> None:
    visit = Visit(browser, _write(tmp_path, demo_root, "demo.html"))
    try:
        page = visit.page
        assert visit.requests == [visit.url]  # the file itself and nothing else
        assert [m for m in visit.console if m[0] in ("error", "warning")] == []
        assert visit.errors == []
        body = page.inner_text("body")
        assert len(body) > 5000
        for words in ("机关事务标准化工作报告", "指标总览", "体系明细表", "标准目录", "待办事项"):
            assert words in body
        heading = page.locator("h1")
        assert heading.is_visible() and heading.bounding_box()["height"] > 10
        assert page.locator("svg text").count() > 20  # chart labels are text
        # the script ran: sortable headers and filters exist
        assert page.locator("th button.sort").count() > 20
        assert page.locator(".filter-bar input").count() >= 4
    finally:
        visit.close()


def test_hostile_title_shows_as_text(browser: Any, tmp_path: Path, hostile_root: Path) -> None:
    visit = Visit(browser, _write(tmp_path, hostile_root, "hostile.html"))
    try:
        page = visit.page
        assert visit.dialogs == []
        assert page.get_by_text(SCRIPT_TITLE, exact=True).count() >= 1
        assert page.locator("script").count() == 1
        assert page.locator("b").count() == 0  # <b> in a title stayed text too
        assert visit.errors == [] and visit.requests == [visit.url]
    finally:
        visit.close()


def test_filter_and_sort_work(browser: Any, tmp_path: Path, demo_root: Path) -> None:
    visit = Visit(browser, _write(tmp_path, demo_root, "demo.html"))
    try:
        page = visit.page
        catalogue = page.locator("#sec-catalogue .filter-scope").first
        rows = catalogue.locator("tbody tr")
        total = rows.count()
        first_code = (rows.first.locator("td").first.text_content() or "").strip()
        assert first_code
        catalogue.locator(".filter-bar input").fill(first_code)
        page.wait_for_function(
            "() => document.querySelector('#sec-catalogue tbody tr.filter-hidden') !== null"
        )
        visible = catalogue.locator("tbody tr:not(.filter-hidden)")
        assert 1 <= visible.count() < total
        assert first_code in (visible.first.text_content() or "")

        table = page.locator("#sec-matrix table.matrix")
        header = table.locator("thead th").last  # total per area
        header.locator("button").click()
        header.locator("button").click()  # descending
        values = [int(v) for v in table.locator("tbody td.total").all_inner_texts()]
        assert values == sorted(values, reverse=True)
        assert header.get_attribute("aria-sort") == "descending"
    finally:
        visit.close()


def test_phone_width_and_print(browser: Any, tmp_path: Path, demo_root: Path) -> None:
    visit = Visit(browser, _write(tmp_path, demo_root, "demo.html"), width=390)
    try:
        page = visit.page
        # the page itself never scrolls sideways on a phone; wide tables scroll in their box
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= 390
        page.emulate_media(media="print")
        assert page.locator(".filter-bar").first.is_hidden()
        breaks = page.evaluate(
            "getComputedStyle(document.querySelector('#sec-matrix')).breakBefore"
        )
        assert breaks == "page"
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF") and len(pdf) > 10000
    finally:
        visit.close()


def test_english_report_in_browser(browser: Any, tmp_path: Path, demo_root: Path) -> None:
    visit = Visit(browser, _write(tmp_path, demo_root, "demo-en.html", lang="en"))
    try:
        body = visit.page.inner_text("body")
        assert "Standards catalogue" in body
        assert visit.errors == [] and visit.requests == [visit.url]
    finally:
        visit.close()


@pytest.fixture(scope="module")
def history_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The city report of a demo warehouse with history (so it has the trend section)."""
    from jgsw_std.cli.app import run

    root = tmp_path_factory.mktemp("phone") / "wh"
    assert run(["-q", "demo", str(root), "-n", "120", "--history", "--commits", "60"]) == 0
    out = root.parent / "report.html"
    assert run(["-q", "report", "--root", str(root), "--as-of", "2025-12-31", "-o", str(out)]) == 0
    return out


def test_at_390_px_nothing_is_off_screen_without_a_cue(browser: Any, history_report: Path) -> None:
    visit = Visit(browser, history_report, width=390)
    try:
        page = visit.page
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        # the indicator table is a card per indicator: every cell on screen
        right = page.evaluate(
            "Math.max(...Array.from(document.querySelectorAll('table.indicators td'))"
            ".map(td => td.getBoundingClientRect().right))"
        )
        assert right <= 390
        labels = page.locator("table.indicators td.c-why").first
        assert "说明" in page.evaluate(
            "el => getComputedStyle(el, '::before').content", labels.element_handle()
        )
        # the trend chart fits: no year is cut off
        box = page.locator("figure.chart.line svg").bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
        # unit names keep one line (they wrapped two characters a line)
        lines = page.evaluate(
            "Array.from(document.querySelectorAll('table.districts tbody th[scope=row]'))"
            ".map(th => { const r = document.createRange(); r.selectNodeContents(th);"
            " return new Set(Array.from(r.getClientRects()).map(x => Math.round(x.top))).size; })"
        )
        assert lines and max(lines) == 1
        # a table that scrolls sideways says so once it is in view, and shades its right edge
        page.locator("table.trend").scroll_into_view_if_needed()
        shell = page.locator(".scroll-shell:has(table.trend)")
        shell.locator(".scroll-hint").wait_for(state="visible")
        assert "左右滑动" in (shell.locator(".scroll-hint").text_content() or "")
        assert "more-right" in (shell.get_attribute("class") or "")
        # the colours are explained: the district chart's groups and the figures' statuses
        caption = page.locator("#sec-districts figure.chart figcaption")
        assert caption.locator(".key-box[class*='grp-']").count() >= 3
        assert page.locator("#sec-districts p.legend .key-box").count() == 5
        assert visit.errors == [] and visit.requests == [visit.url]
    finally:
        visit.close()


def test_at_1366_px_the_cues_stay_away(browser: Any, history_report: Path) -> None:
    visit = Visit(browser, history_report, width=1366)
    try:
        page = visit.page
        page.locator("table.indicators").first.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        shell = page.locator(".scroll-shell:has(table.indicators)").first
        assert shell.locator(".scroll-hint").is_hidden()
        assert page.locator("table.indicators thead").first.is_visible()  # a table again
    finally:
        visit.close()
