"""Render the site's pages with jinja2, and hash what each page is made of.

Templates live in ``templates/site/`` (the report's ``templates/html/`` is
searched after it, so the site reuses the report's macros, indicator table
and trend partial). A page's key is a digest of the templates, the words
every page shares and the page's own context: equal keys, equal pages, which
is how a rebuild knows what it can leave alone.
"""

from __future__ import annotations

import hashlib
import json
import marshal
from pathlib import Path
from typing import Any

import jinja2

from jgsw_std import __version__
from jgsw_std.reports.site.base import Page
from jgsw_std.resources import resource_dir

#: Static files of the site: path in the site -> files under templates/ joined in order.
ASSETS: dict[str, tuple[str, ...]] = {
    "assets/site.css": ("html/style.css", "site/assets/site.css"),
    "assets/tables.js": ("html/script.js",),
    "assets/catalogue.js": ("site/assets/catalogue.js",),
    "assets/search.js": ("site/assets/search.js",),
}
#: The menu: (nav key, page, label key).
NAV = (
    ("home", "index.html", "nav_home"),
    ("catalogue", "catalogue.html", "nav_catalogue"),
    ("search", "search.html", "nav_search"),
    ("matrix", "matrix.html", "nav_matrix"),
    ("districts", "districts/index.html", "nav_districts"),
    ("due", "due.html", "nav_due"),
    ("materials", "materials/index.html", "nav_materials"),
    ("changes", "changes/index.html", "nav_changes"),
)


def _templates() -> Path:
    return resource_dir("templates")


def assets() -> dict[str, bytes]:
    """The site's static files, as they are written."""
    root = _templates()
    return {
        path: b"\n".join((root / part).read_bytes() for part in parts)
        for path, parts in ASSETS.items()
    }


def _fingerprint(common: dict[str, Any]) -> str:
    """The templates, jgsw's version and the shared words, as one digest."""
    digest = hashlib.sha256(__version__.encode())
    root = _templates()
    for folder in ("site", "html"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    digest.update(json.dumps(common, ensure_ascii=False, sort_keys=True).encode())
    return digest.hexdigest()


class SiteRenderer:
    """One jinja2 environment and the shared context for every page of a build."""

    def __init__(self, common: dict[str, Any]) -> None:
        root = _templates()
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(
                [str(root / "site"), str(root / "html")], encoding="utf-8"
            ),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,
            finalize=lambda value: "" if value is None else value,
        )
        self.common = common
        self.fingerprint = _fingerprint(common)

    def key(self, page: Page) -> str:
        """A digest of everything the page is made of."""
        digest = hashlib.sha256(self.fingerprint.encode())
        head = [page.path, page.template, page.title, page.nav]
        digest.update(json.dumps(head, ensure_ascii=False).encode())
        try:  # marshal's version 2 writes equal values as equal bytes, twice as fast as json
            body = marshal.dumps(page.context, 2)
        except ValueError:  # a value marshal does not know (a date, say)
            body = json.dumps(page.context, ensure_ascii=False, default=str).encode()
        digest.update(body)
        return digest.hexdigest()

    def search_key(self, page: Page) -> str | None:
        """A digest of what the search index reads of the page, or None for a page not searched."""
        if not page.indexed:
            return None
        digest = hashlib.sha256(self.fingerprint.encode())
        digest.update(page.path.encode())
        digest.update(marshal.dumps(page.searched, 2))
        return digest.hexdigest()

    def render_stub(self, page: Page) -> bytes:
        """The page's search stub: its searched header alone (templates/site/search_stub)."""
        context = {**self.common, "searched": page.searched}
        return self.env.get_template("search_stub.html.j2").render(context).encode("utf-8")

    def render(self, page: Page) -> bytes:
        context = {
            **self.common,
            **page.context,
            "base": page.base,
            "page_title": page.title,
            "nav_current": page.nav,
            "nav": [
                {"key": key, "url": url, "label": self.common["t"][label]}
                for key, url, label in NAV
            ],
        }
        html = self.env.get_template(page.template).render(context)
        return html.encode("utf-8")
