"""Language selection and the small shared vocabulary.

Users read Chinese first; English on request (``--lang en`` or ``JGSW_LANG=en``).
Message templates for problems live with their rule codes (rules/registry.py);
the words here are the ones every view shares (statuses, levels, groups).
"""

from __future__ import annotations

import os
from typing import Literal

Lang = Literal["zh", "en"]

SUPPORTED: tuple[Lang, ...] = ("zh", "en")


def resolve_lang(value: str | None) -> Lang:
    """Pick the language: explicit option, then JGSW_LANG, then Chinese."""
    raw = (value or os.environ.get("JGSW_LANG") or "zh").strip().lower()
    if raw.startswith("en"):
        return "en"
    return "zh"


def pick(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


# Shared vocabulary: (zh, en) pairs keyed by a stable identifier.
WORDS: dict[str, tuple[str, str]] = {
    # standard levels
    "level.national": ("国家标准", "national"),
    "level.industry": ("行业标准", "industry"),
    "level.local": ("地方标准", "local"),
    "level.group": ("团体标准", "group"),
    "level.enterprise": ("企业标准", "enterprise"),
    "level.internal": ("组织内部标准", "internal"),
    # lifecycle
    "status.planned": ("立项", "planned"),
    "status.drafting": ("起草", "drafting"),
    "status.consultation": ("征求意见", "consultation"),
    "status.technical-review": ("技术审查", "technical review"),
    "status.approval": ("报批", "approval"),
    "status.published": ("已发布", "published"),
    "status.repealed": ("废止", "repealed"),
    # state at a date (catalogue view)
    "state.in-force": ("现行", "in force"),
    "state.upcoming": ("即将实施", "upcoming"),
    "state.repealed": ("废止", "repealed"),
    "state.superseded": ("被代替", "superseded"),
    "state.in-progress": ("制修订中", "in progress"),
    "state.unknown": ("日期不详", "dates unknown"),
    # indicator status
    "ind.met": ("已达标", "met"),
    "ind.not-met": ("未达标", "not met"),
    "ind.on-track": ("进度正常", "on track"),
    "ind.behind": ("进度滞后", "behind"),
    "ind.no-data": ("无数据", "no data"),
    # indicator groups
    "group.mechanism": ("标准化机制", "Mechanism"),
    "group.system": ("标准体系", "Standard system"),
    "group.supply": ("标准供给", "Standard supply"),
    "group.implementation": ("标准实施", "Implementation"),
    # regions
    "region.main-urban": ("主城都市区", "Main urban metropolitan area"),
    "region.northeast": ("渝东北三峡库区城镇群", "Northeast (Three Gorges reservoir) towns"),
    "region.southeast": ("渝东南武陵山区城镇群", "Southeast (Wuling mountains) towns"),
    "subregion.central": ("中心城区", "central urban districts"),
    "subregion.new": ("主城新区", "new main-urban districts"),
    # severities
    "sev.error": ("错误", "error"),
    "sev.warning": ("警告", "warning"),
    "sev.info": ("提示", "info"),
}


def word(key: str, lang: str) -> str:
    pair = WORDS.get(key)
    if pair is None:
        return key.split(".", 1)[-1]
    return pair[1] if lang == "en" else pair[0]
