"""JSON Schema for each file kind, for editors (yaml-language-server) and CI validators.

Generated from the pydantic models, so field names, types, required fields,
enums, formats and the bilingual descriptions have one source. On top of what
pydantic writes, each enum value gets a label (``enumDescriptions``, shown in
completion lists), and, when the warehouse is known, ``area`` and ``items``
list the areas and business items of its own ``framework.yaml`` (the framework
is data, so the schemas of each warehouse say what that warehouse allows).
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from jgsw_std.edit.contract import KIND_MODELS
from jgsw_std.model.framework import GENERAL_AREA, Framework

KINDS: tuple[str, ...] = (
    "standard",
    "district",
    "framework",
    "indicators",
    "expert",
    "material",
    "feedback",
)
DRAFT = "https://json-schema.org/draft/2020-12/schema"

_TITLES: dict[str, tuple[str, str]] = {
    "standard": ("标准", "standard: data/standards/<area>/<slug>.yaml"),
    "district": ("区县（或市级）机关事务部门", "district or city: data/districts/<slug>.yaml"),
    "framework": ("“3+7N”标准体系框架", "the framework: data/framework.yaml"),
    "indicators": ("规划与指标", "the plan and its indicators: data/indicators.yaml"),
    "expert": ("专家库：专家", "expert: data/experts/<slug>.yaml"),
    "material": ("资料库：资料", "material: data/materials/<slug>.yaml"),
    "feedback": ("信息反馈", "feedback on a standard: data/feedback/<year>/<id>.yaml"),
}

# Labels for enum values, keyed by the whole set of values (the same word can
# mean different things: "national" is a level of standard and of a pilot).
_ENUM_LABELS: dict[frozenset[str], dict[str, str]] = {
    frozenset({"national", "industry", "local", "group", "enterprise", "internal"}): {
        "national": "国家标准",
        "industry": "行业标准",
        "local": "地方标准",
        "group": "团体标准",
        "enterprise": "企业标准",
        "internal": "组织内部标准",
    },
    frozenset({"general", "operation", "evaluation"}): {
        "general": "基础通用",
        "operation": "运行保障",
        "evaluation": "监督评价",
    },
    frozenset(
        {
            "planned",
            "drafting",
            "consultation",
            "technical-review",
            "approval",
            "published",
            "repealed",
        }
    ): {
        "planned": "立项",
        "drafting": "起草",
        "consultation": "征求意见",
        "technical-review": "技术审查",
        "approval": "报批",
        "published": "已发布",
        "repealed": "废止",
    },
    frozenset({"new", "revision"}): {"new": "制定", "revision": "修订"},
    frozenset({"continue", "revise", "repeal"}): {
        "continue": "继续有效",
        "revise": "修订",
        "repeal": "废止",
    },
    frozenset({"city", "district", "county", "autonomous-county", "zone"}): {
        "city": "市级",
        "district": "区",
        "county": "县",
        "autonomous-county": "自治县",
        "zone": "开发区、新区",
    },
    frozenset({"main-urban", "northeast", "southeast"}): {
        "main-urban": "主城都市区",
        "northeast": "渝东北三峡库区城镇群",
        "southeast": "渝东南武陵山区城镇群",
    },
    frozenset({"central", "new"}): {"central": "中心城区", "new": "主城新区"},
    frozenset({"meeting", "training", "publicity", "exchange"}): {
        "meeting": "会议",
        "training": "培训",
        "publicity": "宣贯",
        "exchange": "交流",
    },
    frozenset({"municipal", "national"}): {"municipal": "市级", "national": "国家级"},
    frozenset({"provincial", "national"}): {"provincial": "省级", "national": "国家级"},
    frozenset({"text", "announcement", "interpretation", "visualization", "training", "other"}): {
        "text": "标准文本",
        "announcement": "发布公告",
        "interpretation": "解读",
        "visualization": "图解",
        "training": "培训材料",
        "other": "其他",
    },
    frozenset({"policy", "research", "training", "case", "other"}): {
        "policy": "政策文件",
        "research": "研究成果",
        "training": "培训材料",
        "case": "案例",
        "other": "其他",
    },
    frozenset({"problem", "suggestion", "question"}): {
        "problem": "问题",
        "suggestion": "建议",
        "question": "咨询",
    },
    frozenset({"interpretation", "revise", "no-change", "other"}): {
        "interpretation": "解释说明",
        "revise": "修订标准",
        "no-change": "不作修改",
        "other": "其他",
    },
    frozenset({"mechanism", "system", "supply", "implementation"}): {
        "mechanism": "标准化机制",
        "system": "标准体系",
        "supply": "标准供给",
        "implementation": "标准实施",
    },
}


def _decorate(node: Any) -> None:
    """Drop pydantic's English auto-titles ("Date") and label enum values, recursively."""
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            for prop in props.values():
                if isinstance(prop, dict):
                    prop.pop("title", None)
        enum = node.get("enum")
        if isinstance(enum, list) and all(isinstance(v, str) for v in enum):
            labels = _ENUM_LABELS.get(frozenset(enum))
            if labels:
                node["enumDescriptions"] = [f"{labels[v]} / {v}" for v in enum]
        for value in node.values():
            _decorate(value)
    elif isinstance(node, list):
        for value in node:
            _decorate(value)


def _framework_enums(schema: dict[str, Any], framework: Framework) -> None:
    """Limit a standard's ``area`` and ``items`` to what this warehouse's framework holds."""
    props = schema["properties"]
    areas = [GENERAL_AREA, *(a.code for a in framework.areas)]
    names = ["通用（跨领域） / general", *(f"{a.name} / {a.code}" for a in framework.areas)]
    props["area"]["anyOf"] = [
        {"type": "string", "enum": areas, "enumDescriptions": names},
        {"type": "null"},
    ]
    codes = [a.item_code(i) for a in framework.areas for i in a.items]
    labels = [f"{a.name}：{i.name} / {a.item_code(i)}" for a in framework.areas for i in a.items]
    if codes:
        props["items"]["items"] = {"type": "string", "enum": codes, "enumDescriptions": labels}
    groups = [g.code for g in framework.collab_groups]
    if groups:
        props["collab_group"]["anyOf"] = [{"type": "string", "enum": groups}, {"type": "null"}]


def _area_list_enum(schema: dict[str, Any], key: str, framework: Framework) -> None:
    """A list of area codes (an expert's ``fields``, a material's ``areas``) limited to
    this warehouse's areas and ``general``."""
    areas = [GENERAL_AREA, *(a.code for a in framework.areas)]
    names = ["通用（跨领域） / general", *(f"{a.name} / {a.code}" for a in framework.areas)]
    schema["properties"][key]["items"] = {
        "type": "string",
        "enum": areas,
        "enumDescriptions": names,
    }


def build_schema(kind: str, framework: Framework | None = None) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one file kind."""
    model: type[BaseModel] = KIND_MODELS[kind]
    body = model.model_json_schema(mode="validation")
    _decorate(body)
    zh, en = _TITLES[kind]
    schema: dict[str, Any] = {
        "$schema": DRAFT,
        "$comment": "Generated by `jgsw schema` from the jgsw data models; do not edit by hand.",
        "title": f"{zh} / {en}",
    }
    schema.update({k: v for k, v in body.items() if k != "title"})
    if kind == "standard" and framework is not None and framework.areas:
        _framework_enums(schema, framework)
    if kind in ("expert", "material") and framework is not None and framework.areas:
        _area_list_enum(schema, "fields" if kind == "expert" else "areas", framework)
    return schema


def render_schema(schema: dict[str, Any]) -> str:
    """Stable text: two-space JSON, Chinese kept readable, a final newline."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def all_schemas(framework: Framework | None = None) -> dict[str, str]:
    """``{file name: text}`` for every kind, as committed under ``schemas/``."""
    return {f"{kind}.schema.json": render_schema(build_schema(kind, framework)) for kind in KINDS}
