"""Driving a built site in headless Chromium, offline: shared by the browser test and
the README's screenshots (``python -m tests.site.screenshots``)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jgsw_std.output.site_serve import make_server

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
#: The pages photographed for the README, at desktop and phone width.
SHOTS = {
    "home": "index.html",
    "search": "search.html?q=%E7%89%A9%E4%B8%9A",
    "catalogue": "catalogue.html?area=logistics",
    "standard": None,  # the first search result for 物业
    "matrix": "matrix.html",
}
WIDTHS = (1366, 390)


@contextmanager
def served(out: Path) -> Iterator[str]:
    """The site at http://127.0.0.1:<port>/ for the duration (`jgsw site --serve`'s server)."""
    server = make_server(out, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@dataclass
class Session:
    """A browser context that lets only the local server through and records everything."""

    context: Any
    base: str
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def route(self, route: Any) -> None:
        url = route.request.url
        self.requests.append(url)
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != "127.0.0.1":
            self.blocked.append(url)
            route.abort()
        else:
            route.continue_()

    def page(self) -> Any:
        page = self.context.new_page()
        page.on("console", lambda m: self.console.append((m.type, m.text)))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        return page

    def outside(self) -> list[str]:
        """Requests to anything but the local server."""
        return [u for u in self.requests if not u.startswith((self.base, "data:", "blob:"))]


@contextmanager
def session(browser: Any, base: str, width: int = 1366) -> Iterator[Session]:
    context = browser.new_context(viewport={"width": width, "height": 900})
    watch = Session(context, base)
    context.route("**/*", watch.route)
    try:
        yield watch
    finally:
        context.close()


def search(page: Any, base: str, query: str) -> list[str]:
    """The codes the site's search lists for ``query``, best first."""
    from urllib.parse import quote

    page.goto(f"{base}search.html?q={quote(query)}")
    page.wait_for_selector("#search[data-ready]")
    return [c.strip() for c in page.locator(".search-results li code").all_inner_texts()]


def screenshots(browser: Any, base: str, dest: Path) -> list[Path]:
    """site-<name>-<width>.png for each page of SHOTS at each width; the paths written."""
    written = []
    for width in WIDTHS:
        with session(browser, base, width) as watch:
            page = watch.page()
            page.set_viewport_size({"width": width, "height": 900 if width > 500 else 844})
            standard = None
            for name, rel in SHOTS.items():
                if rel is None:
                    rel = standard or "index.html"
                page.goto(base + rel)
                if name == "search":
                    page.wait_for_selector(".search-results li a")
                    standard = page.locator(".search-results li a").first.get_attribute("href")
                page.wait_for_load_state("networkidle")
                path = dest / f"site-{name}-{width}.png"
                page.screenshot(path=str(path))
                written.append(path)
    return written
