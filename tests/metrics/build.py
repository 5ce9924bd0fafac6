"""Hand-built warehouses for metric tests: one line per record, values worked by hand.

Records are written as JSON, which is YAML; each test spells out every field
that matters to its figure, so the expected values can be checked by reading.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from jgsw_std.lifecycle.asof import AsOf
from jgsw_std.load.warehouse import Warehouse
from jgsw_std.metrics.base import MetricResult
from jgsw_std.metrics.registry import REGISTRY
from jgsw_std.model.codes import code_slug
from jgsw_std.model.indicators import IndicatorSet
from tests.conftest import MINI_FRAMEWORK, MINI_INDICATORS, MiniFactory

#: The 14th plan's period, as in data/indicators.yaml.
PLAN = {
    "name": "测试规划",
    "document": "测试〔2021〕1号",
    "start": "2021-01-01",
    "end": "2025-12-31",
}
END = dt.date(2025, 12, 31)

#: The mini framework with two collaboration groups (indicator 9 needs more than one).
TWO_GROUPS = MINI_FRAMEWORK.replace(
    "collab_groups:\n  - {code: cq-sc-logistics, name: 川渝后勤协作组}\n",
    "collab_groups:\n  - {code: cq-sc-logistics, name: 川渝后勤协作组}\n"
    "  - {code: cq-sc-vehicles, name: 川渝公务用车协作组}\n",
)
NO_GROUPS = MINI_FRAMEWORK.replace(
    "collab_groups:\n  - {code: cq-sc-logistics, name: 川渝后勤协作组}\n", "collab_groups: []\n"
)
assert TWO_GROUPS != MINI_FRAMEWORK and NO_GROUPS != MINI_FRAMEWORK


def std(code: str, **fields: Any) -> dict[str, str]:
    """One standard file ``{path: text}``; ``area`` picks the folder (default general)."""
    data: dict[str, Any] = {"code": code, "title": f"测试标准{code}", **fields}
    area = data.get("area", "general")
    return {f"data/standards/{area}/{code_slug(code)}.yaml": json.dumps(data, ensure_ascii=False)}


def unit(slug: str, name: str, **fields: Any) -> dict[str, str]:
    """One district (or city) file."""
    data: dict[str, Any] = {"slug": slug, "name": name, **fields}
    return {f"data/districts/{slug}.yaml": json.dumps(data, ensure_ascii=False)}


def city(**fields: Any) -> dict[str, str]:
    return unit("chongqing", "重庆市", kind="city", **fields)


def shapingba(**fields: Any) -> dict[str, str]:
    return unit(
        "shapingba", "沙坪坝区", kind="district", region="main-urban", subregion="central", **fields
    )


def wanzhou(**fields: Any) -> dict[str, str]:
    return unit("wanzhou", "万州区", kind="district", region="northeast", **fields)


def merge(*parts: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in parts:
        out.update(part)
    return out


def warehouse(
    mini: MiniFactory,
    *standards: dict[str, str],
    units: dict[str, str] | None = None,
    framework: str = MINI_FRAMEWORK,
    indicators: str = MINI_INDICATORS,
) -> Warehouse:
    """The mini framework, the given standards, and the given units (default: mini's three)."""
    files = merge(*standards)
    return mini(files, framework=framework, districts=units, indicators=indicators).load()


def plan(
    metric: str,
    target: Any = None,
    *,
    ident: int = 99,
    evidence: Any = None,
    start: str = "2021-01-01",
    end: str = "2025-12-31",
) -> IndicatorSet:
    """A one-indicator plan for ``metric`` (group does not matter to any figure)."""
    indicator: dict[str, Any] = {
        "id": ident,
        "group": "implementation",
        "text": "测试指标",
        "metric": metric,
    }
    if target is not None:
        indicator["target"] = target
    if evidence is not None:
        indicator["evidence"] = evidence
    return IndicatorSet.model_validate(
        {"plan": {**PLAN, "start": start, "end": end}, "indicators": [indicator]}
    )


def figure(
    wh: Warehouse,
    metric: str,
    as_of: dt.date,
    target: Any = None,
    scope: str = "city",
    **plan_kw: Any,
) -> MetricResult:
    """Run one metric function as the registry does, with a one-indicator plan."""
    iset = plan(metric, target, **plan_kw)
    return REGISTRY[metric](AsOf(wh, as_of), iset, iset.indicators[0], scope)


def keys(refs: list[Any]) -> list[str]:
    return sorted(r.key for r in refs)
