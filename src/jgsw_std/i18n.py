"""Language selection and the small shared vocabulary.

Users read Chinese first; English on request (``--lang en`` or ``JGSW_LANG=en``).
Message templates for problems live with their rule codes (rules/registry.py);
the words here are the ones every view shares (statuses, levels, groups).
"""

from __future__ import annotations

import os
import re
from typing import Literal

Lang = Literal["zh", "en"]

SUPPORTED: tuple[Lang, ...] = ("zh", "en")


def resolve_lang(value: str | None) -> Lang:
    """Pick the language: explicit option, then JGSW_LANG, then Chinese.

    An explicit ``--lang`` that is neither Chinese nor English stops the run; an
    unusable JGSW_LANG falls back to Chinese (the environment is not the command).
    """
    if value is not None and value.strip():
        raw = value.strip().lower()
        if raw.startswith("en"):
            return "en"
        if raw.startswith(("zh", "cn")):
            return "zh"
        from jgsw_std.errors import UsageError

        raise UsageError(
            "bad_lang",
            zh=f"--lang 只支持 zh（中文）或 en（英文），不支持 {value!r}。",
            en=f"--lang takes zh (Chinese) or en (English), not {value!r}.",
        )
    raw = (os.environ.get("JGSW_LANG") or "zh").strip().lower()
    return "en" if raw.startswith("en") else "zh"


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
    "ind.unsettled": ("待核实", "unsettled"),
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
    # indicator metrics: short names for tables (milestones show the plan's text)
    "metric.mechanism": ("工作机制健全的单位占比", "Units with a full mechanism"),
    "metric.milestone": ("里程碑", "Milestone"),
    "metric.annual_meetings": ("每年召开标准化工作会议", "Annual standardization meeting"),
    "metric.coverage": ("主干业务领域标准覆盖率", "Main-area standard coverage"),
    "metric.completion": ("标准制修订完成率", "Formulation completion rate"),
    "metric.new_local_per_main_area": ("主干领域新增地方标准", "New local standards per main area"),
    "metric.evaluation_per_main_area": ("主干领域评价类标准", "Evaluation standards per main area"),
    "metric.group_per_collab_group": ("协作组团体标准", "Group standards per collaboration group"),
    "metric.usage_records": ("标准综合运用率统计", "Usage counted"),
    "metric.municipal_pilots": ("市级试点完成数", "Municipal pilots accepted"),
    "metric.national_pilots": ("国家级试点申报数", "National pilot applications"),
    "metric.demo_sites": ("标准化示范点", "Demonstration sites"),
    "metric.annual_training": ("每年开展培训宣贯", "Annual training or publicity"),
    "metric.evaluation_rate": ("实施效果评价比例", "Effect evaluation rate"),
    "metric.review_rate": ("标准复审率", "Review rate"),
    "metric.articles": ("省级以上刊物发表文章", "Provincial-or-higher articles"),
    "metric.training_attendance": ("标准化培训人次", "Training person-times"),
    # second figures of an indicator (MetricResult.figures)
    "figure.summaries": ("年度总结报送", "Annual summaries sent"),
    "figure.joint": ("川渝联合地方标准", "Joint Sichuan-Chongqing local standards"),
    # the indicator table (jgsw status)
    "view.id": ("序号", "No."),
    "view.indicator": ("指标", "Indicator"),
    "view.target": ("目标", "Target"),
    "view.value": ("当前值", "Value"),
    "view.status": ("状态", "Status"),
    "view.why": ("说明", "Notes"),
    "view.done": ("已完成", "done"),
    "view.not-done": ("未完成", "not done"),
    "view.target-done": ("完成", "done"),
    "view.expected": ("按进度应达", "pace expects"),
    "view.at-least": ("至少", "at least"),
    "view.at-most": ("至多", "at most"),
    "view.as-of": ("截至", "As of"),
    "view.scope": ("范围", "Scope"),
}


def word(key: str, lang: str) -> str:
    pair = WORDS.get(key)
    if pair is None:
        return key.split(".", 1)[-1]
    return pair[1] if lang == "en" else pair[0]


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """``text`` safe to print as one line: control characters written as escapes.

    A value from a file may hold a newline, a carriage return or an escape
    sequence; echoed raw it would split one problem over two lines (the second
    naming no file) or repaint the terminal. Newline, CR and tab become
    ``\\n``, ``\\r``, ``\\t``; other controls (C0, DEL, C1, line and paragraph
    separators) become ``\\xNN`` or ``\\uNNNN``.
    """
    if text.isprintable():
        return text
    return _CONTROL.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


# -- the values people type, with their Chinese names ------------------------------
#
# A message that lists the allowed values of a field shows them as codes (what
# is typed in a file or on the command line) with their names in Chinese:
# continue（继续有效）、revise（修订）、repeal（废止）. One table per set of
# choices of the data contract: the same code can name two things ("new" is a
# new standard in a plan and 主城新区 in a subregion), and the set tells which.

CHOICES: tuple[dict[str, str], ...] = (
    {"continue": "继续有效", "revise": "修订", "repeal": "废止"},
    {"meeting": "会议", "training": "培训", "publicity": "宣贯", "exchange": "交流"},
    {
        "city": "市级",
        "district": "区",
        "county": "县",
        "autonomous-county": "自治县",
        "zone": "开发区（功能区）",
    },
    {"main-urban": "主城都市区", "northeast": "渝东北", "southeast": "渝东南"},
    {"central": "中心城区", "new": "主城新区"},
    {"new": "制定", "revision": "修订"},
    {"municipal": "市级", "national": "国家级"},
    {"provincial": "省级", "national": "国家级"},
    {"general": "基础通用", "operation": "运行保障", "evaluation": "监督评价"},
    {key.split(".", 1)[1]: zh for key, (zh, _) in WORDS.items() if key.startswith("level.")},
    {key.split(".", 1)[1]: zh for key, (zh, _) in WORDS.items() if key.startswith("status.")},
    {key.split(".", 1)[1]: zh for key, (zh, _) in WORDS.items() if key.startswith("group.")},
)


def choice_names(values: list[str]) -> dict[str, str]:
    """The Chinese names of a field's allowed values (the table holding them all)."""
    wanted = set(values)
    for table in CHOICES:
        if wanted <= table.keys():
            return table
    return {}


def choice_list(values: list[str], lang: str) -> str:
    """``continue（继续有效）、revise（修订）、repeal（废止）`` / ``continue, revise or repeal``."""
    if lang == "en":
        if len(values) < 2:
            return "".join(values)
        return ", ".join(values[:-1]) + " or " + values[-1]
    names = choice_names(values)
    return "、".join(f"{v}（{names[v]}）" if v in names else v for v in values)
