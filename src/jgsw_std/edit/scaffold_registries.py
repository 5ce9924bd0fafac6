"""`jgsw new expert|material|feedback`: a valid, commented first file for each registry.

Like the standard and district scaffolds (edit/scaffold.py): the file lands
where the checker expects it (``data/experts/<slug>.yaml``,
``data/materials/<slug>.yaml``, ``data/feedback/<year>/<id>.yaml``), is in
canonical form, names what to fill in later in comments, and never replaces
an existing file. A feedback item gets the next free id of its year; a
material's digest is computed from its file.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from urllib.parse import urlsplit

from jgsw_std.edit.canonical import canonical_text, modeline
from jgsw_std.edit.quoting import normalize_date, render_flow_map, render_flow_value, render_scalar
from jgsw_std.edit.safe import FileChange, validate
from jgsw_std.edit.scaffold import Scaffold
from jgsw_std.errors import UsageError
from jgsw_std.load.attachments import WorktreeFiles, path_escape
from jgsw_std.load.warehouse import Warehouse
from jgsw_std.model.codes import normalize_code
from jgsw_std.model.framework import GENERAL_AREA

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MATERIAL_KINDS = ("policy", "research", "training", "case", "other")
FEEDBACK_KINDS = ("problem", "suggestion", "question")
#: Chinese words accepted for the enum values on the command line
KIND_ALIASES = {
    "政策": "policy",
    "研究": "research",
    "培训": "training",
    "案例": "case",
    "其他": "other",
    "问题": "problem",
    "建议": "suggestion",
    "咨询": "question",
}


def _stamp(command: str, today: dt.date | None) -> str:
    day = (today or dt.date.today()).isoformat()
    return f"# 由 jgsw new {command} 于 {day} 生成；请核对，并按注释补全。"


def _date(text: str, option: str) -> str:
    iso = normalize_date(text.strip())
    if iso is None:
        raise UsageError(
            "bad_date",
            zh=f"{option} 的值 {text!r} 不是有效日期（写成 YYYY-MM-DD）。",
            en=f"{option}: {text!r} is not a date (write YYYY-MM-DD).",
        )
    return iso


def _slug(slug: str, what_zh: str, what_en: str) -> str:
    if not _SLUG.match(slug):
        raise UsageError(
            "bad_slug",
            zh=f"{what_zh}标识 {slug!r} 不合要求：只能用小写字母、数字和连字符（如 zhang-wei）。",
            en=f"{what_en} identifier {slug!r}: use lower-case letters, digits and dashes "
            "(e.g. zhang-wei).",
        )
    return slug


def _areas(wh: Warehouse, values: list[str]) -> list[str]:
    """Area codes from codes or names; ``general`` is always known."""
    out: list[str] = []
    for value in values:
        wanted = value.strip()
        if wanted in (GENERAL_AREA, "通用"):
            out.append(GENERAL_AREA)
            continue
        found = next(
            (a.code for a in wh.framework.areas if wanted in (a.code, a.name, a.name_en)), None
        )
        if found is None:
            choices = ", ".join([GENERAL_AREA, *(a.code for a in wh.framework.areas)])
            raise UsageError(
                "unknown_area",
                zh=f"framework.yaml 中没有业务方面 {wanted}。可选：{choices}",
                en=f"framework.yaml has no area {wanted}. Choose one of: {choices}",
            )
        out.append(found)
    return list(dict.fromkeys(out))


def _kind(value: str | None, allowed: tuple[str, ...]) -> str | None:
    if value is None:
        return None
    kind = KIND_ALIASES.get(value.strip(), value.strip())
    if kind not in allowed:
        raise UsageError(
            "bad_kind",
            zh=f"类型 {value} 不在可选值之内：{'、'.join(allowed)}",
            en=f"kind {value} is not one of {', '.join(allowed)}",
        )
    return kind


def _refuse_existing(wh: Warehouse, rel: str) -> None:
    if rel in wh.files or (wh.root is not None and wh.root.joinpath(*rel.split("/")).exists()):
        raise UsageError(
            "file_exists",
            zh=f"{rel} 已存在，未覆盖。",
            en=f"{rel} already exists; not overwritten.",
        )


def _finish(rel: str, lines: list[str]) -> FileChange:
    text = canonical_text("\n".join(lines) + "\n", rel)
    change = FileChange(rel, None, text.encode("utf-8"))
    validate([change])
    return change


def new_expert(
    wh: Warehouse,
    slug: str,
    name: str,
    organization: str,
    appointed: str,
    fields: list[str] | None = None,
    title: str | None = None,
    term_ends: str | None = None,
    phone: str | None = None,
    email: str | None = None,
    today: dt.date | None = None,
) -> Scaffold:
    """The file of a new expert of the pool; refuses a slug already taken."""
    rel = f"data/experts/{_slug(slug, '专家', 'expert')}.yaml"
    if slug in wh.expert_by_slug:
        raise UsageError(
            "expert_exists",
            zh=f"专家 {slug} 已在专家库中（{wh.expert_by_slug[slug].path}），未覆盖。",
            en=f"expert {slug} is already in the pool ({wh.expert_by_slug[slug].path}).",
        )
    _refuse_existing(wh, rel)
    areas = _areas(wh, fields or [])
    lines = [
        modeline(rel, "expert"),
        _stamp("expert", today),
        f"slug: {render_scalar(slug)}",
        f"name: {render_scalar(name)}",
        f"organization: {render_scalar(organization)}",
        f"fields: {render_flow_value(areas)}  # 业务方面代码 / area codes",
        "# specialties: [节能审计, 标准化]  # 专长，供检索 / free words for search",
    ]
    if title:
        lines.append(f"title: {render_scalar(title)}")
    lines.append(f"appointed: {_date(appointed, '--appointed')}")
    if term_ends:
        lines.append(f"term_ends: {_date(term_ends, '--term-ends')}")
    else:
        lines.append("# term_ends: YYYY-MM-DD  # 聘期届满日期；不写 = 长期 / absent: open-ended")
    contact = {k: v for k, v in (("phone", phone), ("email", email)) if v}
    lines.append("# 联系方式是个人信息：报告、网站和导出中不显示 / contact is private")
    if contact:
        lines.append(f"contact: {render_flow_map(contact)}")
    else:
        lines.append("# contact: {phone: ..., email: ...}")
    notes_zh, notes_en = [], []
    if not areas:
        notes_zh.append("未填写专业领域 fields：专家按领域计入各主干业务领域的专家数。")
        notes_en.append("no fields given: experts are counted by area for each main area.")
    return Scaffold(_finish(rel, lines), notes_zh, notes_en)


def new_material(
    wh: Warehouse,
    slug: str,
    title: str,
    kind: str | None = None,
    date: str | None = None,
    areas: list[str] | None = None,
    tags: list[str] | None = None,
    path: str | None = None,
    url: str | None = None,
    today: dt.date | None = None,
) -> Scaffold:
    """The file of a new material; a file's SHA-256 is computed from the file itself."""
    rel = f"data/materials/{_slug(slug, '资料', 'material')}.yaml"
    _refuse_existing(wh, rel)
    if not path and not url:
        raise UsageError(
            "no_location",
            zh="资料须有 --path（标准仓内的文件）或 --url（http/https 网址）。",
            en="a material needs --path (a file in the warehouse) or --url (http/https).",
        )
    digest = None
    if path:
        if path_escape(path) is not None or wh.root is None:
            raise UsageError(
                "path_outside",
                zh=f"路径 {path} 须相对标准仓根目录，且不超出根目录（不写盘符、不含 ..）。",
                en=f"path {path} must be relative to the warehouse root and stay inside it.",
            )
        found = WorktreeFiles(wh.root).read(path)
        if found.found != "file":
            raise UsageError(
                "no_file",
                zh=f"{path} 不是标准仓中的文件（{found.found}）；先把文件放进标准仓。",
                en=f"{path} is not a file in the warehouse ({found.found}); put it there first.",
            )
        digest = found.sha256
    if url:
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            raise UsageError(
                "bad_url",
                zh=f"网址 {url} 须以 http:// 或 https:// 开头。",
                en=f"the address {url} must start with http:// or https://.",
            )
    lines = [
        modeline(rel, "material"),
        _stamp("material", today),
        f"slug: {render_scalar(slug)}",
        f"title: {render_scalar(title)}",
    ]
    chosen = _kind(kind, MATERIAL_KINDS)
    if chosen:
        lines.append(f"kind: {chosen}  # policy | research | training | case | other")
    if date:
        lines.append(f"date: {_date(date, '--date')}")
    lines.append(f"areas: {render_flow_value(_areas(wh, areas or []))}")
    lines.append(f"tags: {render_flow_value(list(tags or []))}")
    if path:
        lines.append(f"path: {render_scalar(path)}")
    if url:
        lines.append(f"url: {render_scalar(url)}")
    if digest:
        lines.append(f"sha256: {render_scalar(digest)}")
    return Scaffold(_finish(rel, lines))


def next_feedback_id(wh: Warehouse, year: int, taken: set[str] | None = None) -> str:
    """The next free ``<year>-NNNN``: one more than the highest of that year (file names
    and ids, valid files or not), skipping ``taken``."""
    prefix = f"{year:04d}-"
    used = set(taken or ())
    for rel, entry in wh.files.items():
        if entry.kind != "feedback":
            continue
        used.add(rel.rsplit("/", 1)[-1].rsplit(".", 1)[0])
        data = entry.data
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            used.add(data["id"])
    numbers = [int(u[5:]) for u in used if u.startswith(prefix) and u[5:].isdigit()]
    number = max(numbers, default=0) + 1
    if number > 9999:
        raise UsageError(
            "ids_exhausted",
            zh=f"{year} 年的反馈编号已用完（{prefix}9999）。",
            en=f"the feedback ids of {year} are used up ({prefix}9999).",
        )
    return f"{prefix}{number:04d}"


def known_standard(wh: Warehouse, code: str) -> str:
    """The standard's canonical code; refuses one the warehouse does not have."""
    rec = wh.standard(code)
    if rec is not None:
        return rec.code
    wanted = normalize_code(code)
    close = difflib.get_close_matches(wanted, list(wh.by_code), n=1, cutoff=0.7)
    raise UsageError(
        "no_such_standard",
        zh=f"标准仓中没有编号为 {wanted} 的标准" + (f"；是不是 {close[0]}？" if close else "。"),
        en=f"no standard {wanted} in the warehouse"
        + (f"; did you mean {close[0]}?" if close else "."),
    )


def known_unit(wh: Warehouse, slug: str, option: str) -> str:
    """A district slug the warehouse has; refuses others with the closest one."""
    if slug in wh.district_by_slug:
        return slug
    close = difflib.get_close_matches(slug, list(wh.district_by_slug), n=1, cutoff=0.6)
    raise UsageError(
        "no_such_district",
        zh=f"{option}：没有标识为 {slug} 的地区" + (f"；是不是 {close[0]}？" if close else "。"),
        en=f"{option}: no district {slug}" + (f"; did you mean {close[0]}?" if close else "."),
        hint_zh="地区标识即 data/districts/ 下的文件名，如 shapingba；市级为 chongqing。",
        hint_en="The identifier is the file name under data/districts/, e.g. shapingba.",
    )


def new_feedback(
    wh: Warehouse,
    standard: str,
    from_unit: str,
    received: str,
    text: str,
    kind: str | None = None,
    clause: str | None = None,
    today: dt.date | None = None,
) -> Scaffold:
    """The file of a new feedback item, with the next free id of the year it was received."""
    code = known_standard(wh, standard)
    unit = known_unit(wh, from_unit, "--from")
    day = _date(received, "--received")
    if not text.strip():
        raise UsageError("empty_text", zh="--text 不能为空。", en="--text must not be empty.")
    ident = next_feedback_id(wh, int(day[:4]))
    rel = f"data/feedback/{day[:4]}/{ident}.yaml"
    _refuse_existing(wh, rel)
    lines = [
        modeline(rel, "feedback"),
        _stamp("feedback", today),
        f"id: {render_scalar(ident)}",
        f"standard: {render_scalar(code)}",
        f"from: {render_scalar(unit)}",
        f"received: {day}",
    ]
    chosen = _kind(kind, FEEDBACK_KINDS)
    if chosen:
        lines.append(f"kind: {chosen}  # problem 问题 | suggestion 建议 | question 咨询")
    if clause:
        lines.append(f"clause: {render_scalar(str(clause))}")
    lines.append(f"text: {render_scalar(text.strip())}")
    lines.append(
        "# 答复后：jgsw record feedback-response "
        f"{ident} --date ... --by ... --action ... / once answered"
    )
    return Scaffold(_finish(rel, lines), [f"编号 {ident}"], [f"id {ident}"])
