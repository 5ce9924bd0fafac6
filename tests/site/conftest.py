"""Sites built for the tests: from the real warehouse, a demo, and small git warehouses."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from jgsw_std.app.site import SitePlan, SiteRequest, plan_site
from jgsw_std.output.site import SiteWritten, write_site
from tests.history.conftest import git_home, git_wh  # noqa: F401 - fixtures used here

AS_OF = dt.date(2025, 12, 31)
NOW = dt.datetime(2026, 1, 5, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))

HAS_PAGEFIND = importlib.util.find_spec("pagefind_bin_extended") is not None
needs_pagefind = pytest.mark.skipif(
    not HAS_PAGEFIND, reason='needs Pagefind: python -m pip install "pagefind[extended]"'
)


@dataclass
class Built:
    out: Path
    plan: SitePlan
    written: SiteWritten

    def html(self, rel: str) -> str:
        return (self.out / rel).read_text("utf-8")

    def pages(self) -> list[Path]:
        return sorted(p for p in self.out.rglob("*.html") if "pagefind" not in p.parts)


def build(
    root: Path,
    out: Path,
    *,
    lang: str = "zh",
    as_of: dt.date = AS_OF,
    search: bool = False,
    now: dt.datetime = NOW,
) -> Built:
    plan = plan_site(
        SiteRequest(out=out, root=root, lang=lang, as_of=as_of, search=search, now=now)
    )
    return Built(out, plan, write_site(plan))


Build = Callable[..., Built]


@pytest.fixture(scope="session")
def demo_site(demo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The 300-standard demo (no git history) as a site, without search."""
    return build(demo_root, tmp_path_factory.mktemp("demo-site") / "site")


class Links(HTMLParser):
    """Every attribute that loads or links something, with the tag it is on."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str]] = []  # tag, attribute, value

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "action", "srcset", "data") and value is not None:
                self.found.append((tag, name, value))


def links_of(text: str) -> list[tuple[str, str, str]]:
    parser = Links()
    parser.feed(text)
    return parser.found


def visible_text(html: str) -> str:
    """The page's text with tags removed (good enough for assertions)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
