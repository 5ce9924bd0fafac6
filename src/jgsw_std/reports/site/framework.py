"""体系明细表 for the site: the report's framework table, every figure a link.

A count in the category × area table opens the catalogue filtered to those
standards in force; a business item's standards link to their pages, and the
item's count to the catalogue filtered by the item.
"""

from __future__ import annotations

import copy
from typing import Any
from urllib.parse import urlencode

from jgsw_std.reports.site.base import Page, SiteInputs


def catalogue_link(**filters: str | None) -> str:
    """The catalogue page with its filters set (the page's script reads them)."""
    return "catalogue.html?" + urlencode({k: v for k, v in filters.items() if v})


def build_matrix_page(site: SiteInputs) -> Page:
    matrix: dict[str, Any] = copy.deepcopy(site.report["matrix"])
    categories = [c["code"] for c in matrix["categories"]]
    for row in matrix["rows"]:
        area = row["code"] or ""
        for code, cell in zip(categories, row["cells"], strict=True):
            cell["url"] = catalogue_link(area=area, category=code, state="in-force")
        row["url"] = catalogue_link(area=area, state="in-force")
    matrix["column_urls"] = [catalogue_link(category=c, state="in-force") for c in categories]
    matrix["total_url"] = catalogue_link(state="in-force")
    for item in matrix["business_items"]:
        item["url"] = catalogue_link(item=item["code"], state="in-force")
        for entry in item["standards"] + item["undated"]:
            entry["url"] = site.links.code(entry["code"])
    context = {"matrix": matrix}
    return Page("matrix.html", "matrix.html.j2", site.t["nav_matrix"], "matrix", context)
