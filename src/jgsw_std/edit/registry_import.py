"""`jgsw import` for the registries: 专家库, 资料库 and 信息反馈 sheets back into files.

Bureaus collect feedback in spreadsheets: a 信息反馈 sheet (as `jgsw export`
writes it, or any sheet with those columns) becomes feedback files, a row
without an id getting the next free id of the year it was received. The
rules are those of the standards sheet (edit/sheet_import.py): strict
reading with every bad cell named by sheet, row and column; only the columns
present are compared; comments in existing files stay; nothing is written
until every new file validates. Personal data (an expert's phone and email)
is written to the files but never shown in the summary of changes.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from jgsw_std.edit import rt
from jgsw_std.edit.canonical import canonical_text, modeline
from jgsw_std.edit.cells import CellError, read_text
from jgsw_std.edit.contract import field_order
from jgsw_std.edit.quoting import render_flow_value, render_scalar
from jgsw_std.edit.registry_sheets import (
    GROUPS,
    Layout,
    RegistryCells,
    classify,
    file_values,
    flat_values,
    header_names,
    same_value,
)
from jgsw_std.edit.safe import FileChange, validate
from jgsw_std.edit.scaffold_registries import next_feedback_id
from jgsw_std.edit.sheet_import import (
    CellProblem,
    FieldChange,
    ImportPlan,
    ImportRefused,
    plan_import,
)
from jgsw_std.edit.sheet_import import RecordChange as Change
from jgsw_std.edit.sheet_layout import Column, Sheet
from jgsw_std.edit.textio import decode, encode
from jgsw_std.load.warehouse import Warehouse
from jgsw_std.model.base import PRIVATE_MASK


def _edit(text: str, rel: str, updates: dict[str, Any], model: type[BaseModel]) -> str:
    """``text`` with top-level ``updates`` applied through the round trip (None deletes)."""
    tree = rt.load(text, rel)
    order = field_order(model)
    for name, value in updates.items():
        if value is None or value == []:
            if name in tree:
                del tree[name]
            continue
        if name in tree:
            tree[name] = rt.flow_node(value)
        else:
            rank = order.index(name)
            position = sum(1 for k in tree if k in order and order.index(k) < rank)
            tree.insert(position, name, rt.flow_node(value))
    return canonical_text(rt.dump(tree), rel)


def _new_text(layout: Layout, rel: str, values: dict[str, Any], sheet: str, row: int) -> str:
    lines = [modeline(rel, layout.kind), f"# 由 jgsw import 自工作表“{sheet}”第 {row} 行导入"]
    for name in field_order(layout.model):
        value = values.get(name)
        if value is None or value == []:
            continue
        shown = (
            render_flow_value(value) if isinstance(value, (list, dict)) else render_scalar(value)
        )
        lines.append(f"{name}: {shown}")
    return canonical_text("\n".join(lines) + "\n", rel)


# -- the plan ------------------------------------------------------------------------------


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index + 1))


def _read_sheet(
    wh: Warehouse, layout: Layout, sheet: Sheet
) -> tuple[list[tuple[int, dict[str, Any]]], list[CellProblem]]:
    """``[(row number, {column key: value})]`` of the editable columns, and the cells that
    could not be read (their rows left out); raises ImportRefused without a key column."""
    problems: list[CellProblem] = []
    header = sheet.rows[0] if sheet.rows else []
    index = header_names(layout.columns)
    columns: dict[int, Column] = {}
    seen: dict[str, int] = {}
    for col, cell in enumerate(header):
        name = read_text(cell)
        if name is None:
            continue
        column = index.get(name.lower())
        if column is None or column.key in seen:
            zh, en = (
                (f"未知列 {name}", f"unknown column {name!r}")
                if column is None
                else ("与前面的列重复", "the same column appears twice")
            )
            problems.append(CellProblem(sheet.name, 1, _letter(col), name, zh, en))
            continue
        seen[column.key] = col
        if not column.derived:
            columns[col] = column
    if layout.key not in seen:
        key = next(c for c in layout.columns if c.key == layout.key)
        problems.append(
            CellProblem(sheet.name, 1, "A", key.zh, f"缺少“{key.zh}”列", f"no {key.en} column")
        )
        raise ImportRefused(problems)
    cells_of = RegistryCells(wh)
    rows: list[tuple[int, dict[str, Any]]] = []
    keys: dict[str, int] = {}
    for number, cells in enumerate(sheet.rows[1:], start=2):
        if not any(read_text(c) for c in cells):
            continue
        values: dict[str, Any] = {}
        known = len(problems)
        for col, column in columns.items():
            raw = cells[col] if col < len(cells) else None
            try:
                if column.key == "kind":
                    reader = (
                        cells_of.material_kind
                        if layout.kind == "material"
                        else cells_of.feedback_kind
                    )
                    values["kind"] = reader(raw)
                else:
                    values[column.key] = cells_of.read(column.key, raw)
            except CellError as exc:
                shown = str(header[col]).strip()
                problems.append(
                    CellProblem(sheet.name, number, _letter(col), shown, exc.zh, exc.en)
                )
        ident = values.get(layout.key)
        if isinstance(ident, str):
            if ident in keys:
                problems.append(
                    CellProblem(
                        sheet.name,
                        number,
                        _letter(seen[layout.key]),
                        str(header[seen[layout.key]]).strip(),
                        f"与第 {keys[ident]} 行重复",
                        f"same as row {keys[ident]}",
                    )
                )
            keys[ident] = number
        if len(problems) == known:  # a row with a bad cell is not planned: it is refused
            rows.append((number, values))
    return rows, problems


def _records(wh: Warehouse, layout: Layout) -> dict[str, Any]:
    if layout.kind == "expert":
        return dict(wh.expert_by_slug)
    if layout.kind == "material":
        return dict(wh.material_by_slug)
    return dict(wh.feedback_by_id)


def _shown(key: str, value: Any) -> Any:
    return PRIVATE_MASK if key in ("phone", "email") and value is not None else value


def plan_registry(wh: Warehouse, layout: Layout, sheet: Sheet) -> ImportPlan:
    """What importing one registry sheet would change; validated, nothing written."""
    assert wh.root is not None
    rows, problems = _read_sheet(wh, layout, sheet)
    existing = _records(wh, layout)
    broken = wh.unusable(layout.kind, layout.key)
    taken = {v[layout.key] for _, v in rows if v.get(layout.key)}
    records: list[Change] = []
    unchanged = 0
    for number, values in rows:
        ident = values.get(layout.key)
        rec = existing.get(ident) if ident else None
        if rec is None:
            if ident is None and layout.kind == "feedback" and values.get("received"):
                ident = next_feedback_id(wh, values["received"].year, taken)  # a new item
                taken.add(ident)
                values["id"] = ident
            needed = dict.fromkeys((layout.key, *layout.required))
            missing = [k for k in needed if values.get(k) in (None, [])]
            if missing:
                for key in missing:
                    column = next(c for c in layout.columns if c.key == key)
                    problems.append(
                        CellProblem(
                            sheet.name,
                            number,
                            "-",
                            column.zh,
                            "新记录必须填写",
                            "required for a new record",
                        )
                    )
                continue
            assert isinstance(ident, str)
            rel = layout.rel(ident)
            if ident in broken or rel in wh.files:
                column = next(c for c in layout.columns if c.key == layout.key)
                problems.append(
                    CellProblem(
                        sheet.name,
                        number,
                        "-",
                        column.zh,
                        "该记录的文件有错误，先修正（jgsw check）再导入",
                        "the record's file has errors; fix it first (jgsw check)",
                    )
                )
                continue
            text = _new_text(layout, rel, file_values(values), sheet.name, number)
            fields = [
                FieldChange(k, None, _shown(k, v)) for k, v in values.items() if v not in (None, [])
            ]
            change = FileChange(rel, None, text.encode("utf-8"))
            records.append(Change(ident, number, rel, True, None, fields, [change]))
            continue
        current = flat_values(layout, rec.model)
        diffs = [k for k in values if not same_value(current[k], values[k])]
        if not diffs:
            unchanged += 1
            continue
        merged = {**current, **values}
        top = file_values(merged)
        touched = {(GROUPS[k][0] if k in GROUPS else k) for k in diffs}
        path = wh.root.joinpath(*rec.path.split("/"))
        before = path.read_bytes()
        text, form = decode(before, rec.path)
        updates = {key: top.get(key) for key in touched}
        after = encode(_edit(text, rec.path, updates, layout.model), form)
        fields = [FieldChange(k, _shown(k, current[k]), _shown(k, values[k])) for k in diffs]
        changes = [FileChange(rec.path, before, after)]
        records.append(Change(str(ident), number, rec.path, False, None, fields, changes))
    if problems:
        raise ImportRefused(problems)
    plan = ImportPlan(sheet.name, records, unchanged)
    validate(plan.file_changes)
    return plan


def plan_workbook(wh: Warehouse, sheets: list[Sheet]) -> list[ImportPlan]:
    """One plan per sheet the workbook holds: the standards (体系明细表) and each registry.

    A workbook of registry sheets only imports no standards; one with no sheet
    recognized is read as a standards table (its first sheet), as before. The
    problems of every sheet are collected before the import is refused.
    """
    standards: list[Sheet] = []
    registries: list[tuple[Layout, Sheet]] = []
    for sheet in sheets:
        found = classify(sheet)
        if found == "standards":
            standards.append(sheet)
        elif isinstance(found, Layout):
            registries.append((found, sheet))
    plans: list[ImportPlan] = []
    problems: list[CellProblem] = []
    jobs: list[tuple[Layout | None, list[Sheet]]] = []
    if standards or not registries:
        jobs.append((None, standards or sheets))
    jobs.extend((layout, [sheet]) for layout, sheet in registries)
    for layout, chosen in jobs:
        try:
            if layout is None:
                plans.append(plan_import(wh, chosen))
            else:
                plans.append(plan_registry(wh, layout, chosen[0]))
        except ImportRefused as refused:
            problems.extend(refused.problems)
    if problems:
        raise ImportRefused(problems)
    return plans
