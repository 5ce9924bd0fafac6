"""Regenerate the report's screenshots in docs/ from a synthetic warehouse.

    python -m tests.reports.screenshots [--out docs]

Builds `jgsw demo --history` (invented records, labelled as such in the
report), writes the city report as of 2025-12-31, and photographs it in
headless Chromium: at 1366 px (report-desktop.png), on a 390 px phone (the
indicators, report-phone.png; the units and the trend, report-phone-units.png)
and as the A4 PDF it prints (report-print.png). Needs /usr/bin/chromium and
a Chinese font (Debian: fonts-noto-cjk).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

from jgsw_std.cli.app import run

REPO = Path(__file__).resolve().parents[2]
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "demo"
        if run(["demo", str(root), "-n", "300", "--history"]) != 0:
            return 1
        page_file = Path(scratch) / "report.html"
        code = run(
            ["report", "--root", str(root), "--as-of", dt.date(2025, 12, 31).isoformat(),
             "-o", str(page_file)]
        )  # fmt: skip
        if code != 0:
            return code
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            page = browser.new_page(viewport={"width": 1366, "height": 1800})
            page.goto(page_file.as_uri())
            page.screenshot(path=str(args.out / "report-desktop.png"))
            phone = browser.new_page(
                viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
            )
            phone.goto(page_file.as_uri())
            for name, where in (
                ("report-phone.png", "#indicators"),
                ("report-phone-units.png", "#sec-districts"),
            ):
                phone.evaluate(f"document.querySelector('{where}').scrollIntoView()")
                phone.wait_for_timeout(500)  # the scroll cues appear as boxes come into view
                phone.screenshot(path=str(args.out / name))
            # The print preview is the real thing: the A4 PDF Chromium prints,
            # shown in its own PDF viewer with the page breaks visible.
            pdf = Path(scratch) / "report.pdf"
            page.pdf(path=str(pdf), format="A4", print_background=True)
            viewer = browser.new_page(viewport={"width": 1200, "height": 1500})
            viewer.goto(pdf.as_uri())
            viewer.wait_for_timeout(3000)  # the viewer draws its pages asynchronously
            viewer.screenshot(path=str(args.out / "report-print.png"))
            browser.close()
    print(
        f"wrote report-desktop.png, report-phone.png, report-phone-units.png, report-print.png in {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
