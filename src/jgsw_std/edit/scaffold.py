"""`jgsw new`: a valid, commented first version of a standard's or a district's file.

The file lands at the path the checker expects (``data/standards/<area>/<slug
of the code>.yaml``, ``data/districts/<slug>.yaml``), is already in canonical
form, and says in comments what to fill in later. An existing file is never
overwritten.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from jgsw_std.edit.canonical import canonical_text, modeline
from jgsw_std.edit.quoting import render_flow_value, render_scalar
from jgsw_std.edit.safe import FileChange, validate
from jgsw_std.errors import UsageError
from jgsw_std.load.warehouse import Warehouse
from jgsw_std.model.base import SLUG_PATTERN
from jgsw_std.model.codes import CodeError, parse_code
from jgsw_std.model.framework import GENERAL_AREA, Area

# Words in a title that tell the category when none is given (DOMAIN.md, "The framework").
_EVALUATION_WORDS = ("评价", "考核", "检查", "满意度", "评估", "监督")
_GENERAL_WORDS = ("指南", "术语", "符号", "导则", "通则", "分类", "编码", "体系")


@dataclass
class Scaffold:
    """The new file, and what to tell the person who asked for it."""

    change: FileChange
    notes_zh: list[str] = field(default_factory=list)
    notes_en: list[str] = field(default_factory=list)


def guess_category(title: str, area: str) -> str:
    """基础通用 for guides and terms, 监督评价 for evaluation, else 运行保障."""
    if any(word in title for word in _EVALUATION_WORDS):
        return "evaluation"
    if area == GENERAL_AREA or any(word in title for word in _GENERAL_WORDS):
        return "general"
    return "operation"


def _find_area(wh: Warehouse, text: str) -> str:
    wanted = text.strip()
    if wanted in (GENERAL_AREA, "通用", "通用（跨领域）"):
        return GENERAL_AREA
    for area in wh.framework.areas:
        if wanted in (area.code, area.name, area.name_en):
            return area.code
    choices = "、".join(f"{a.code}（{a.name}）" for a in wh.framework.areas)
    raise UsageError(
        "unknown_area",
        zh=f"framework.yaml 中没有业务方面 {wanted}。可选：general（通用）、{choices}",
        en=f"framework.yaml has no area {wanted}. Choose general or one of: "
        + ", ".join(a.code for a in wh.framework.areas),
    )


def _item_suggestions(area: Area | None) -> list[str]:
    if area is None:
        return []
    return [f"#   {area.item_code(item)}  {item.name}" for item in area.items]


class ItemsNeeded(UsageError):
    """A new standard of an area with business items names none of them.

    `items: []` would be reported at once (G505: the standard is missing from
    the 体系明细表), so the file is not written; ``choices`` are the area's
    items (code, name), for a prompt or the message.
    """

    def __init__(self, area: Area) -> None:
        self.choices = [(area.item_code(item), item.name) for item in area.items]
        listed_zh = "、".join(f"{code}（{name}）" for code, name in self.choices)
        listed_en = ", ".join(f"{code} ({name})" for code, name in self.choices)
        super().__init__(
            "items_needed",
            zh=f"新标准须归入{area.name}的业务事项（否则 jgsw check 会报 G505）；未写入文件。"
            f"可选：{listed_zh}",
            en=f"a new standard must name its business items of {area.code} (else jgsw check "
            f"reports G505); nothing was written. Items: {listed_en}",
            hint_zh="用 --item 指定（可重复，或 --items a,b），例如 "
            f"--item {self.choices[0][0]}；在终端中运行时会逐项询问。",
            hint_en=f"Pass --item (repeatable, or --items a,b), e.g. --item {self.choices[0][0]}; "
            "at a terminal jgsw asks.",
        )


def _check_items(wh: Warehouse, items: list[str]) -> list[str]:
    known = wh.framework.item_area
    out: list[str] = []
    for item in items:
        if item not in known:
            raise UsageError(
                "unknown_item",
                zh=f"framework.yaml 中没有业务事项 {item}。",
                en=f"framework.yaml has no business item {item}.",
                hint_zh="业务事项写成 方面.事项，如 vehicles.disposal；见新文件中的注释。",
                hint_en="Write items as area.item, e.g. vehicles.disposal.",
            )
        out.append(item)
    return out


def new_standard(
    wh: Warehouse,
    code: str,
    title: str,
    area: str,
    category: str | None = None,
    items: list[str] | None = None,
    owner: str | None = None,
    status: str = "planned",
    title_en: str | None = None,
    today: dt.date | None = None,
) -> Scaffold:
    """The file of a new standard; refuses a code the warehouse already has."""
    try:
        parsed = parse_code(code, tuple(wh.framework.internal_prefixes))
    except CodeError as exc:
        raise UsageError(
            "bad_code",
            zh=f"标准编号 {code} 无法识别：{exc}",
            en=f"cannot read the standard code {code}: {exc}",
            hint_zh="编号形如 DB50/T 1234-2025、GB/T 41568-2022、T/CSUS 15-2021。",
            hint_en="Codes look like DB50/T 1234-2025, GB/T 41568-2022, T/CSUS 15-2021.",
        ) from None
    existing = wh.standard(parsed.code)
    if existing is not None or parsed.code in wh.broken_codes:
        where = existing.path if existing is not None else "data/standards/"
        raise UsageError(
            "standard_exists",
            zh=f"标准 {parsed.code} 已在标准仓中（{where}），未覆盖。",
            en=f"{parsed.code} is already in the warehouse ({where}); not overwritten.",
            hint_zh="要记录复审、评价等，用 jgsw record；要改内容，直接编辑该文件。",
            hint_en="Use jgsw record for reviews and evaluations; edit the file for the rest.",
        )
    area_code = _find_area(wh, area)
    if category is not None and category not in ("general", "operation", "evaluation"):
        raise UsageError(
            "unknown_category",
            zh=f"体系大类 {category} 不存在；可选：general（基础通用）、operation（运行保障）、"
            "evaluation（监督评价）。",
            en=f"no category {category}; choose general, operation or evaluation.",
        )
    chosen_category = category or guess_category(title, area_code)
    chosen_items = _check_items(wh, list(items or []))
    if owner is not None and owner not in wh.district_by_slug:
        raise UsageError(
            "unknown_owner",
            zh=f"没有标识为 {owner} 的地区（data/districts/{owner}.yaml）。",
            en=f"no district {owner} (data/districts/{owner}.yaml).",
        )
    if status not in ("planned", "drafting", "consultation", "technical-review", "approval"):
        raise UsageError(
            "bad_status",
            zh="新建标准的状态只能是 planned、drafting、consultation、technical-review 或 "
            "approval；已发布的标准请在文件中补上 published 和 effective 日期。",
            en="a new standard's status is planned, drafting, consultation, technical-review "
            "or approval; for a published one, add its published and effective dates.",
        )

    rel = f"data/standards/{area_code}/{parsed.slug}.yaml"
    path = wh.root.joinpath(*rel.split("/")) if wh.root else None
    if path is not None and path.exists():
        raise UsageError(
            "file_exists",
            zh=f"{rel} 已存在，未覆盖。",
            en=f"{rel} already exists; not overwritten.",
        )
    area_model = wh.framework.area_by_code.get(area_code)
    if area_model is not None and area_model.items and not chosen_items:
        raise ItemsNeeded(area_model)
    year = parsed.year
    lines = [
        modeline(rel, "standard"),
        f"# 由 jgsw new standard 于 {(today or dt.date.today()).isoformat()} 生成；"
        "请核对各字段，并按注释补全。",
        f"code: {render_scalar(parsed.code)}",
        f"title: {render_scalar(title)}",
    ]
    if title_en:
        lines.append(f"title_en: {render_scalar(title_en)}")
    lines.append(f"level: {parsed.level}  # 由编号推断 / from the code")
    lines.append(
        f"category: {chosen_category}  # general 基础通用 | operation 运行保障 | "
        "evaluation 监督评价"
    )
    lines.append(f"area: {area_code}")
    suggestions = _item_suggestions(area_model)
    if suggestions:
        lines.append("# 本方面的业务事项（items 可多选）/ business items of this area:")
        lines.extend(suggestions)
    lines.append(f"items: {render_flow_value(chosen_items)}")
    if owner:
        lines.append(f"owner: {owner}")
    if parsed.joint:
        lines.append("joint: [sichuan]  # 川渝联合地方标准 / Sichuan-Chongqing joint standard")
    if parsed.level == "group" and wh.framework.collab_groups:
        lines.append(
            "# 协作组 / collaboration groups: "
            + ", ".join(g.code for g in wh.framework.collab_groups)
        )
    lines.append(f"status: {status}")
    lines.append(f"plan: {{year: {year}, kind: new}}  # kind: new 制定 | revision 修订")
    lines.append("# 发布后补充 / once published: published: YYYY-MM-DD, effective: YYYY-MM-DD")
    text = "\n".join(lines) + "\n"
    text = canonical_text(text, rel)
    change = FileChange(rel, None, text.encode("utf-8"))
    validate([change], wh.root)
    notes_zh = [
        f"已选择体系大类 {chosen_category}" + ("" if category else "（按标题推断，请核对）")
    ]
    notes_en = [f"category {chosen_category}" + ("" if category else " (guessed from the title)")]
    return Scaffold(change, notes_zh, notes_en)


_REGIONS = ("main-urban", "northeast", "southeast")


def new_district(
    wh: Warehouse,
    slug: str,
    name: str,
    kind: str = "district",
    region: str | None = None,
    subregion: str | None = None,
    name_en: str | None = None,
    today: dt.date | None = None,
) -> Scaffold:
    """The file of a new district-level unit; refuses a slug already taken or malformed."""
    if not re.fullmatch(SLUG_PATTERN, slug):
        raise UsageError(
            "bad_slug",
            zh=f"地区标识 {slug!r} 不合要求：只能用小写字母、数字和连字符（如 shapingba），"
            "它也是文件名。",
            en=f"the district identifier {slug!r} is not valid: use lower-case letters, digits "
            "and dashes (e.g. shapingba); it is also the file name.",
        )
    rel = f"data/districts/{slug}.yaml"
    if slug in wh.district_by_slug or (wh.root and wh.root.joinpath(*rel.split("/")).exists()):
        raise UsageError(
            "district_exists",
            zh=f"{rel} 已存在，未覆盖。",
            en=f"{rel} already exists; not overwritten.",
        )
    lines = [
        modeline(rel, "district"),
        f"# 由 jgsw new district 于 {(today or dt.date.today()).isoformat()} 生成；"
        "请核对，并按注释补全。",
        f"slug: {render_scalar(slug)}",
        f"name: {render_scalar(name)}",
    ]
    if name_en:
        lines.append(f"name_en: {render_scalar(name_en)}")
    lines.append(
        f"kind: {render_scalar(kind)}  # city | district | county | autonomous-county | zone"
    )
    if region:
        lines.append(f"region: {render_scalar(region)}  # main-urban | northeast | southeast")
    if subregion:
        lines.append(f"subregion: {render_scalar(subregion)}  # central 中心城区 | new 主城新区")
    lines += [
        "# 工作机制（指标1），各项写成立日期 / mechanism (indicator 1), dates set up:",
        "# mechanism:",
        "#   leading_group: YYYY-MM-DD",
        "#   working_body: YYYY-MM-DD",
        "#   staff: {full_time: 1, part_time: 2}",
        "#   budget_channel: YYYY-MM-DD",
        "# framework_built: YYYY-MM-DD  # 标准体系框架搭建完成日期",
        "# 会议、培训等活动用 jgsw record activity 记录 / record activities with it",
    ]
    text = canonical_text("\n".join(lines) + "\n", rel)
    change = FileChange(rel, None, text.encode("utf-8"))
    validate([change], wh.root)
    notes_zh: list[str] = []
    notes_en: list[str] = []
    if kind != "city" and region is None:
        notes_zh.append("未填写 region（一区两群归属）：main-urban、northeast 或 southeast。")
        notes_en.append("no region given: main-urban, northeast or southeast.")
    return Scaffold(change, notes_zh, notes_en)
