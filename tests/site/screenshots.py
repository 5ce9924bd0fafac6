"""Regenerate docs/images/site-*.png: the site built from a synthetic warehouse, photographed.

    python -m tests.site.screenshots [--out docs/images]

Builds `jgsw demo --history` (invented records; every page says so), builds
its site with the search index as of 2026-06-30, serves it on 127.0.0.1 and
photographs the home page, a search for 物业, the catalogue, the first result
and the framework table at 1366 and 390 pixels wide, in headless Chromium with
every other host blocked. Needs /usr/bin/chromium, a Chinese font (Debian:
fonts-noto-cjk) and Pagefind.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

from jgsw_std.cli.app import run

from .browser import CHROMIUM, FLAGS, screenshots, served

REPO = Path(__file__).resolve().parents[2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "images")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch:
        root, site = Path(scratch) / "demo", Path(scratch) / "site"
        if run(["demo", str(root), "-n", "300", "--history"]) != 0:
            return 1
        as_of = dt.date(2026, 6, 30).isoformat()  # after the plan: now and its end differ
        if run(["site", str(site), "--root", str(root), "--as-of", as_of]) != 0:
            return 1
        with served(site) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
            written = screenshots(browser, base, args.out)
            browser.close()
    print("\n".join(str(p) for p in written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
