"""`jgsw import`: a 体系明细表 workbook back into standard files, diff first.

Reading is strict: an unknown column, a date that does not exist or an area
the framework does not know stops the import, and every such cell is named by
sheet, row and column, so the person can fix the workbook in one pass. Only
the columns present in the sheet are compared, so a sheet with a subset of
the columns changes only those fields. Nothing is written until every new
file validates (edit.safe).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jgsw_std.edit import rt
from jgsw_std.edit.canonical import canonical_text, modeline
from jgsw_std.edit.cells import (
    CellError,
    Readers,
    read_code,
    read_codes,
    read_date,
    read_slugs,
    read_text,
    read_year,
)
from jgsw_std.edit.contract import field_order
from jgsw_std.edit.quoting import render_flow_value, render_scalar
from jgsw_std.edit.safe import FileChange, current_bytes, validate
from jgsw_std.edit.sheet_layout import SHEET_STANDARDS, STANDARD_COLUMNS, Column, Sheet
from jgsw_std.edit.textio import decode, encode
from jgsw_std.errors import JgswError
from jgsw_std.load.warehouse import Warehouse
from jgsw_std.model.codes import code_slug
from jgsw_std.model.standard import PlanEntry, Standard

LIST_FIELDS = ("items", "joint", "supersedes", "references")


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index + 1))


@dataclass(frozen=True)
class CellProblem:
    sheet: str
    row: int  # as Excel numbers it (1 = header)
    column: str  # letter, as Excel shows it
    header: str
    zh: str
    en: str

    def text(self, lang: str) -> str:
        if lang == "en":
            where = f"sheet {self.sheet}, row {self.row}, column {self.column}"
            return f"{where} ({self.header}): {self.en}"
        return f"工作表“{self.sheet}”第 {self.row} 行 {self.column} 列（{self.header}）：{self.zh}"


class ImportRefused(JgswError):
    """The workbook has cells that cannot be read; nothing was changed."""

    def __init__(self, problems: list[CellProblem]) -> None:
        self.problems = problems
        super().__init__(
            "import_refused",
            zh="工作簿中有无法导入的内容，未修改任何文件：\n  "
            + "\n  ".join(p.text("zh") for p in problems),
            en="the workbook has cells that cannot be imported; no file was changed:\n  "
            + "\n  ".join(p.text("en") for p in problems),
            hint_zh="按上面的位置修改工作簿后重新导入（列名须与 jgsw export 导出的一致）。",
            hint_en="Fix those cells and import again (headers as jgsw export writes them).",
        )


@dataclass
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass
class RecordChange:
    code: str
    row: int
    rel: str
    created: bool
    moved_from: str | None = None
    fields: list[FieldChange] = field(default_factory=list)
    files: list[FileChange] = field(default_factory=list)


@dataclass
class ImportPlan:
    sheet: str
    records: list[RecordChange]
    unchanged: int

    @property
    def file_changes(self) -> list[FileChange]:
        return [change for record in self.records for change in record.files]


# -- reading the sheet --------------------------------------------------------------


def _header_index() -> dict[str, Column]:
    out: dict[str, Column] = {}
    for column in STANDARD_COLUMNS:
        for name in (column.key, column.zh, column.en):
            out[name.strip().lower()] = column
    return out


def _pick_sheet(sheets: list[Sheet]) -> Sheet:
    for sheet in sheets:
        if sheet.name in SHEET_STANDARDS:
            return sheet
    return sheets[0]


def read_rows(wh: Warehouse, sheets: list[Sheet]) -> tuple[str, list[tuple[int, dict[str, Any]]]]:
    """``(sheet name, [(row number, {field: value})])``; raises ImportRefused."""
    if not sheets or (not sheets[0].rows and len(sheets) == 1):
        raise ImportRefused(
            [CellProblem("-", 1, "A", "-", "工作簿是空的", "the workbook is empty")]
        )
    sheet = _pick_sheet(sheets)
    problems: list[CellProblem] = []
    header = sheet.rows[0] if sheet.rows else []
    index = _header_index()
    columns: dict[int, Column] = {}
    seen: dict[str, int] = {}
    for col, cell in enumerate(header):
        name = read_text(cell)
        if name is None:
            continue
        column = index.get(name.lower())
        if column is None:
            problems.append(
                CellProblem(
                    sheet.name, 1, _letter(col), name, f"未知列 {name}", f"unknown column {name!r}"
                )
            )
            continue
        if column.key in seen:
            problems.append(
                CellProblem(
                    sheet.name,
                    1,
                    _letter(col),
                    name,
                    "与前面的列重复",
                    "the same column appears twice",
                )
            )
            continue
        seen[column.key] = col
        if not column.derived:
            columns[col] = column
    if "code" not in seen:
        problems.append(
            CellProblem(sheet.name, 1, "A", "标准编号", "缺少“标准编号”列", "no Code column")
        )
    for col in range(len(header), max((len(r) for r in sheet.rows), default=0)):
        if any(len(r) > col and read_text(r[col]) for r in sheet.rows[1:]):
            problems.append(
                CellProblem(
                    sheet.name,
                    1,
                    _letter(col),
                    "-",
                    "该列有内容但没有列名",
                    "values in a column without a header",
                )
            )
    if "code" not in seen:
        raise ImportRefused(problems)
    # Go on with the cells: one pass should name every problem of the workbook.
    readers = Readers(wh)
    rows: list[tuple[int, dict[str, Any]]] = []
    codes: dict[str, int] = {}
    for number, cells in enumerate(sheet.rows[1:], start=2):
        if not any(read_text(c) for c in cells):
            continue
        values: dict[str, Any] = {}
        area_col = seen.get("area")
        area_value = cells[area_col] if area_col is not None and area_col < len(cells) else None
        try:
            row_area = readers.area(area_value)
        except CellError:
            row_area = None  # reported below, in its own column
        for col, column in columns.items():
            raw = cells[col] if col < len(cells) else None
            try:
                values[column.key] = _read(readers, column.key, raw, row_area)
            except CellError as exc:
                problems.append(
                    CellProblem(
                        sheet.name, number, _letter(col), str(header[col]).strip(), exc.zh, exc.en
                    )
                )
        code = values.get("code")
        if "code" in values and code is None:
            problems.append(
                CellProblem(
                    sheet.name,
                    number,
                    _letter(seen["code"]),
                    str(header[seen["code"]]).strip(),
                    "缺少标准编号",
                    "the code is empty",
                )
            )
        elif isinstance(code, str):
            if code in codes:
                problems.append(
                    CellProblem(
                        sheet.name,
                        number,
                        _letter(seen["code"]),
                        str(header[seen["code"]]).strip(),
                        f"与第 {codes[code]} 行的标准编号重复",
                        f"same code as row {codes[code]}",
                    )
                )
            codes[code] = number
        rows.append((number, values))
    if problems:
        raise ImportRefused(problems)
    return sheet.name, rows


def _read(readers: Readers, key: str, raw: Any, area: str | None) -> Any:
    simple = {
        "code": read_code,
        "title": read_text,
        "title_en": read_text,
        "source": read_text,
        "level": readers.level,
        "category": readers.category,
        "area": readers.area,
        "owner": readers.owner,
        "collab_group": readers.collab_group,
        "status": readers.status,
        "plan_year": read_year,
        "plan_kind": readers.plan_kind,
        "published": read_date,
        "effective": read_date,
        "repealed": read_date,
        "supersedes": read_codes,
        "references": read_codes,
        "superseded_by": read_code,
        "joint": read_slugs,
    }
    if key == "items":
        return readers.items(raw, area)
    return simple[key](raw)


# -- comparing with the warehouse -----------------------------------------------------


def _desired(values: dict[str, Any], current: Standard | None) -> dict[str, Any]:
    """Sheet values keyed by model field (plan year and kind become ``plan``)."""
    out = {k: v for k, v in values.items() if k not in ("plan_year", "plan_kind")}
    if "plan_year" in values or "plan_kind" in values:
        year = values.get("plan_year", current.plan.year if current and current.plan else None)
        kind = values.get("plan_kind") or (current.plan.kind if current and current.plan else "new")
        out["plan"] = PlanEntry(year=year, kind=kind) if year is not None else None
    return out


def _plan_map(plan: PlanEntry) -> dict[str, Any]:
    """A plan as its flow mapping; a year or kind nobody recorded is left out."""
    return {k: v for k, v in (("year", plan.year), ("kind", plan.kind)) if v is not None}


def _current(std: Standard, fields: list[str]) -> dict[str, Any]:
    return {name: getattr(std, name) for name in fields}


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, list) or isinstance(new, list):
        return list(old or []) == list(new or [])
    return bool(old == new)


def _yaml_value(value: Any) -> Any:
    # a planned revision reads back as its own flow mapping, {year: 2024, kind: revision}
    if isinstance(value, PlanEntry):
        value = _plan_map(value)
    return rt.flow_node(value)


def _edit_text(text: str, rel: str, updates: dict[str, Any]) -> str:
    """``text`` with ``updates`` applied through the round trip; comments stay attached."""
    tree = rt.load(text, rel)
    order = field_order(Standard)
    for name, value in updates.items():
        empty = value is None or value == []
        if empty:
            if name in tree:
                if any(tree.ca.items.get(name) or []):  # keep the comment: write null
                    tree[name] = _yaml_value([] if name in LIST_FIELDS else None)
                else:
                    del tree[name]
            continue
        if name in tree:
            tree[name] = _yaml_value(value)
        else:
            rank = order.index(name)
            position = sum(1 for k in tree if k in order and order.index(k) < rank)
            tree.insert(position, name, _yaml_value(value))
    return canonical_text(rt.dump(tree), rel)


def _new_text(rel: str, values: dict[str, Any], sheet: str, row: int) -> str:
    lines = [modeline(rel, "standard"), f"# 由 jgsw import 自工作表“{sheet}”第 {row} 行导入"]
    for name in field_order(Standard):
        value = values.get(name)
        if value is None or value == []:
            continue
        if isinstance(value, PlanEntry):
            value = _plan_map(value)
        shown = (
            render_flow_value(value) if isinstance(value, (list, dict)) else render_scalar(value)
        )
        lines.append(f"{name}: {shown}")
    return canonical_text("\n".join(lines) + "\n", rel)


def plan_import(wh: Warehouse, sheets: list[Sheet]) -> ImportPlan:
    """What importing the workbook would change; validated, nothing written."""
    if wh.root is None:
        raise JgswError("no_root", zh="没有标准仓目录。", en="no warehouse folder.")
    sheet_name, rows = read_rows(wh, sheets)
    records: list[RecordChange] = []
    unchanged = 0
    problems: list[CellProblem] = []
    for number, values in rows:
        code = values["code"]
        rec = wh.standard(code)
        desired = _desired(values, rec.model if rec else None)
        desired.pop("code", None)
        if rec is None:
            missing = [f for f in ("title", "area") if not desired.get(f)]
            if missing:
                names = {"title": ("标准名称", "Title"), "area": ("业务方面", "Area")}
                problems.extend(
                    CellProblem(
                        sheet_name,
                        number,
                        "-",
                        names[f][0],
                        "新标准必须填写",
                        "required for a new standard",
                    )
                    for f in missing
                )
                continue
            rel = f"data/standards/{desired['area']}/{code_slug(code)}.yaml"
            text = _new_text(rel, {"code": code, **desired}, sheet_name, number)
            change = FileChange(rel, None, text.encode("utf-8"))
            fields = [FieldChange(k, None, v) for k, v in desired.items() if v not in (None, [])]
            records.append(RecordChange(code, number, rel, True, None, fields, [change]))
            continue
        current = _current(rec.model, list(desired))
        diffs = [
            FieldChange(k, current[k], v) for k, v in desired.items() if not _same(current[k], v)
        ]
        if not diffs:
            unchanged += 1
            continue
        before = current_bytes(wh.root, rec.path)
        if before is None:
            continue  # removed since the warehouse was read: nothing to update
        text, form = decode(before, rec.path)
        new_text = _edit_text(text, rec.path, {d.field: d.new for d in diffs})
        after = encode(new_text, form)
        area = desired.get("area", rec.model.area)
        target = f"data/standards/{area}/{code_slug(code)}.yaml" if area else rec.path
        if target != rec.path and area:
            files = [FileChange(rec.path, before, None), FileChange(target, None, after)]
            records.append(RecordChange(code, number, target, False, rec.path, diffs, files))
        else:
            records.append(
                RecordChange(
                    code,
                    number,
                    rec.path,
                    False,
                    None,
                    diffs,
                    [FileChange(rec.path, before, after)],
                )
            )
    if problems:
        raise ImportRefused(problems)
    plan = ImportPlan(sheet_name, records, unchanged)
    validate(plan.file_changes, wh.root)
    return plan


def show_value(value: Any, lang: str) -> str:
    if value is None or value == []:
        return "(empty)" if lang == "en" else "（空）"
    if isinstance(value, PlanEntry):
        return render_flow_value(_plan_map(value))
    if isinstance(value, list):
        return render_flow_value(value)
    return render_scalar(value)


def describe_plan(plan: ImportPlan, lang: str) -> str:
    """The semantic diff a person reads before deciding to --apply."""
    out: list[str] = []
    for record in plan.records:
        if record.created:
            head = (
                f"+ new {record.rel} (row {record.row})"
                if lang == "en"
                else f"+ 新增 {record.rel}（第 {record.row} 行）"
            )
        elif record.moved_from:
            head = (
                f"~ {record.moved_from} -> {record.rel} (row {record.row})"
                if lang == "en"
                else f"~ {record.moved_from} 移至 {record.rel}（第 {record.row} 行）"
            )
        else:
            head = (
                f"~ {record.rel} (row {record.row})"
                if lang == "en"
                else f"~ {record.rel}（第 {record.row} 行）"
            )
        out.append(head)
        for change in record.fields:
            if record.created:
                out.append(f"    {change.field}: {show_value(change.new, lang)}")
            else:
                out.append(
                    f"    {change.field}: {show_value(change.old, lang)} -> "
                    f"{show_value(change.new, lang)}"
                )
    created = sum(1 for r in plan.records if r.created)
    changed = len(plan.records) - created
    if lang == "en":
        out.append(
            f"{created} new, {changed} changed, {plan.unchanged} unchanged (sheet {plan.sheet})."
        )
    else:
        out.append(
            f"新增 {created} 项，修改 {changed} 项，无变化 {plan.unchanged} 项"
            f"（工作表“{plan.sheet}”）。"
        )
    return "\n".join(out) + "\n"
