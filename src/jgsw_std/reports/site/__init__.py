"""The site's pages (`jgsw site`): each module builds the plain context of some pages.

:func:`build_other_pages` lists every page but the standards'
(standard.py's), which app/site.py builds first; app/site.py computes the
inputs once and output/site.py renders and writes what changed.
"""

from __future__ import annotations

from typing import Any

from jgsw_std.reports.site.activity import build_change_pages, build_due_page
from jgsw_std.reports.site.base import Page, SiteInputs
from jgsw_std.reports.site.catalogue import build_catalogue_page
from jgsw_std.reports.site.framework import build_matrix_page
from jgsw_std.reports.site.overview import build_home, build_search_page
from jgsw_std.reports.site.units import build_district_pages


def build_other_pages(
    site: SiteInputs,
    rows: list[dict[str, Any]],
    final: dict[str, Any] | None,
    registries: dict[str, Any] | None = None,
) -> list[Page]:
    """Every page but the standards': they need the report's sections (``site.report``)."""
    return [
        build_home(site, rows, final, registries),
        build_catalogue_page(site, rows),
        build_search_page(site),
        build_matrix_page(site),
        build_due_page(site),
        *build_district_pages(site),
        *build_change_pages(site),
    ]
