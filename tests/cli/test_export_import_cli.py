"""`jgsw export` and `jgsw import`: the 体系明细表 round trip, strict reading, safe writes."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from tests.conftest import REPO, CliRunner


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    """A copy of the shipped data (real comments, real framework)."""
    root = tmp_path / "wh"
    shutil.copytree(REPO / "data", root / "data")
    return root


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in (root / "data").rglob("*")
        if p.is_file()
    }


def _export(cli: CliRunner, root: Path, out: Path, *extra: str) -> None:
    result = cli("export", "-o", str(out), "--root", str(root), "--as-of", "2025-12-31", *extra)
    assert result.exit_code == 0, result.stderr


def test_export_then_import_proposes_no_change(
    warehouse: Path, cli: CliRunner, tmp_path: Path
) -> None:
    book = tmp_path / "体系明细表.xlsx"
    _export(cli, warehouse, book)
    before = _snapshot(warehouse)
    result = cli("import", str(book), "--apply", "--root", str(warehouse))
    assert result.exit_code == 0, result.stderr
    shipped = len(list((warehouse / "data" / "standards").rglob("*.yaml")))
    assert f"新增 0 项，修改 0 项，无变化 {shipped} 项" in result.stdout
    assert _snapshot(warehouse) == before


def test_the_demo_round_trips_too(demo_root: Path, cli: CliRunner, tmp_path: Path) -> None:
    book = tmp_path / "demo.xlsx"
    _export(cli, demo_root, book, "--lang", "en")
    result = cli("import", str(book), "--root", str(demo_root), "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert "0 new, 0 changed, 300 unchanged (sheet Standards)." in result.stdout


def test_workbook_has_both_tables_with_framework_names(
    warehouse: Path, cli: CliRunner, tmp_path: Path
) -> None:
    book = tmp_path / "out.xlsx"
    _export(cli, warehouse, book)
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames == ["体系明细表", "指标"]
    standards = wb["体系明细表"]
    header = [c.value for c in standards[1]]
    assert header[:3] == ["标准编号", "标准名称", "英文名称"]
    rows = {
        r[0]: dict(zip(header, r, strict=False))
        for r in standards.iter_rows(min_row=2, values_only=True)
    }
    row = rows["DB50/T 1056-2020"]
    assert row["业务方面"] == "后勤服务" and row["业务事项"] == "集中办公区物业服务"
    assert row["体系大类"] == "运行保障" and row["标准层级"] == "地方标准"
    assert row["文件（只读）"] == "data/standards/logistics/db50-t-1056-2020.yaml"
    indicators = list(wb["指标"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in indicators] == list(range(1, 21))


def test_edits_show_a_field_diff_first_and_apply_keeps_comments(
    warehouse: Path, cli: CliRunner, tmp_path: Path
) -> None:
    # DB50/T 1058-2020 is a shipped standard whose dates are still unverified, so
    # the import adds them (1056-2020 has had its dates since they were verified).
    book = tmp_path / "in.xlsx"
    _export(cli, warehouse, book)
    wb = openpyxl.load_workbook(book)
    sheet = wb["体系明细表"]
    header = [c.value for c in sheet[1]]
    col = {name: header.index(name) + 1 for name in header}
    row = next(
        r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "DB50/T 1058-2020"
    )
    sheet.cell(row, col["发布日期"], dt.date(2020, 11, 1))
    sheet.cell(row, col["实施日期"], "2021/2/1")
    new_row = sheet.max_row + 1
    for name, value in {
        "标准编号": "DB50/T 1999-2025",
        "标准名称": "机关食堂服务评价规范",
        "业务方面": "后勤服务",
        "业务事项": "餐饮服务",
        "状态": "立项",
        "计划年度": 2025,
        "制修订": "制定",
    }.items():
        sheet.cell(new_row, col[name], value)
    wb.save(book)

    rel = "data/standards/logistics/db50-t-1058-2020.yaml"
    original = (warehouse / rel).read_text("utf-8")
    shown = cli("import", str(book), "--root", str(warehouse))
    assert shown.exit_code == 0, shown.stderr
    assert f"~ {rel}（第 {row} 行）" in shown.stdout
    assert "    published: （空） -> 2020-11-01" in shown.stdout
    assert "+ 新增 data/standards/logistics/db50-t-1999-2025.yaml" in shown.stdout
    assert "    items: [logistics.catering]" in shown.stdout
    assert "未写入" in shown.stderr
    assert (warehouse / rel).read_text("utf-8") == original

    applied = cli("import", str(book), "--apply", "--root", str(warehouse))
    assert applied.exit_code == 0, applied.stderr
    assert (warehouse / rel).read_text("utf-8") == original.replace(
        "status: published  #",
        "status: published  #",
    ).replace("source: ", "published: 2020-11-01\neffective: 2021-02-01\nsource: ")
    created = (warehouse / "data/standards/logistics/db50-t-1999-2025.yaml").read_text("utf-8")
    assert "plan: {year: 2025, kind: new}" in created
    again = cli("import", str(book), "--root", str(warehouse))
    shipped = len(list((warehouse / "data" / "standards").rglob("*.yaml")))  # with the new one
    assert f"新增 0 项，修改 0 项，无变化 {shipped} 项" in again.stdout


def test_bad_cells_and_unknown_columns_are_refused_by_sheet_row_and_column(
    warehouse: Path, cli: CliRunner, tmp_path: Path
) -> None:
    book = tmp_path / "bad.xlsx"
    _export(cli, warehouse, book)
    wb = openpyxl.load_workbook(book)
    sheet = wb["体系明细表"]
    sheet["N2"] = "2021-02-30"  # 发布日期
    sheet["F3"] = "火星业务"  # 业务方面
    sheet.cell(1, sheet.max_column + 1, "备注")
    wb.save(book)
    before = _snapshot(warehouse)
    result = cli("import", str(book), "--apply", "--root", str(warehouse))
    assert result.exit_code == 1
    assert "工作表“体系明细表”第 2 行 N 列（发布日期）：日期 2021-02-30 无效" in result.stderr
    assert "工作表“体系明细表”第 3 行 F 列（业务方面）：未知的业务方面 火星业务" in result.stderr
    assert "第 1 行 Z 列（备注）：未知列 备注" in result.stderr
    english = cli("import", str(book), "--root", str(warehouse), "--lang", "en")
    assert (
        "sheet 体系明细表, row 2, column N (发布日期): invalid date '2021-02-30'" in english.stderr
    )
    assert _snapshot(warehouse) == before


def test_a_new_standard_needs_title_and_area(
    warehouse: Path, cli: CliRunner, tmp_path: Path
) -> None:
    book = tmp_path / "new.xlsx"
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.title = "体系明细表"
    sheet.append(["标准编号", "标准名称"])
    sheet.append(["DB50/T 1999-2025", "没有业务方面的标准"])
    wb.save(book)
    result = cli("import", str(book), "--root", str(warehouse))
    assert result.exit_code == 1
    assert "第 2 行" in result.stderr and "业务方面" in result.stderr


def test_csv_and_json(warehouse: Path, cli: CliRunner) -> None:
    csv_out = cli("export", "-f", "csv", "--root", str(warehouse))
    assert csv_out.exit_code == 0
    lines = csv_out.stdout.splitlines()
    assert lines[0].startswith("标准编号,标准名称,英文名称,标准层级")
    assert len(lines) == 1 + len(list((warehouse / "data" / "standards").rglob("*.yaml")))
    js = cli("export", "-f", "json", "--root", str(warehouse), "--as-of", "2025-12-31")
    doc = json.loads(js.stdout)
    assert sorted(doc) == ["indicators", "standards"]
    assert {s["code"] for s in doc["standards"]} >= {"DB50/T 1056-2020"}
    assert doc["indicators"][0]["as_of"] == "2025-12-31"
    assert len(doc["indicators"]) == 20


def test_xlsx_needs_an_output_file(warehouse: Path, cli: CliRunner) -> None:
    result = cli("export", "--root", str(warehouse), "--lang", "en")
    assert result.exit_code == 1
    assert "xlsx needs a file" in result.stderr


def test_an_updated_file_keeps_its_bom_and_crlf(
    warehouse: Path, cli: CliRunner, tmp_path: Path
) -> None:
    rel = "data/standards/energy/db50-t-1054-2020.yaml"
    path = warehouse / rel
    original = path.read_text("utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + original.replace("\n", "\r\n").encode("utf-8"))
    book = tmp_path / "crlf.xlsx"
    _export(cli, warehouse, book)
    wb = openpyxl.load_workbook(book)
    sheet = wb["体系明细表"]
    header = [c.value for c in sheet[1]]
    row = next(
        r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "DB50/T 1054-2020"
    )
    sheet.cell(row, header.index("信息来源") + 1, "渝机管发〔2021〕108号")
    wb.save(book)
    result = cli("import", str(book), "--apply", "--root", str(warehouse))
    assert result.exit_code == 0, result.stderr
    expected = original.replace(
        "source: 渝机管发〔2021〕108号 第一章", "source: 渝机管发〔2021〕108号"
    )
    assert expected != original
    assert path.read_bytes() == b"\xef\xbb\xbf" + expected.replace("\n", "\r\n").encode("utf-8")


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_dash_output_prints_to_stdout(
    warehouse: Path, cli: CliRunner, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(warehouse)
    plain = cli("export", "-f", fmt, "--root", str(warehouse), "--as-of", "2025-12-31")
    dashed = cli("export", "-f", fmt, "-o", "-", "--root", str(warehouse), "--as-of", "2025-12-31")
    assert dashed.exit_code == 0, dashed.stderr
    assert dashed.stdout == plain.stdout and dashed.stdout
    assert not (warehouse / "-").exists()
    assert "Exported" not in dashed.stderr and "已导出" not in dashed.stderr


def test_dash_output_is_refused_for_xlsx(
    warehouse: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(warehouse)
    result = cli("export", "-o", "-", "--root", str(warehouse), "--lang", "en")
    assert result.exit_code == 1
    assert "cannot go to stdout (-o -)" in result.stderr
    assert not (warehouse / "-").exists()
    chinese = cli("export", "-o", "-", "--root", str(warehouse))
    assert chinese.exit_code == 1
    assert "不能输出到标准输出" in chinese.stderr


def test_files_that_fail_validation_are_counted_in_a_note(warehouse: Path, cli: CliRunner) -> None:
    clean = cli("export", "-f", "csv", "--root", str(warehouse))
    assert "jgsw check" not in clean.stderr
    path = warehouse / "data/standards/energy/db50-t-1054-2020.yaml"
    path.write_text(path.read_text("utf-8").replace("level: local", "level: locale"), "utf-8")
    zh = cli("export", "-f", "csv", "--root", str(warehouse))
    assert zh.exit_code == 0
    assert "有 1 个文件未通过校验" in zh.stderr and "jgsw check" in zh.stderr
    assert "DB50/T 1054-2020" not in zh.stdout
    en = cli("export", "-f", "json", "--root", str(warehouse), "--lang", "en")
    assert en.exit_code == 0
    assert "note: 1 file was left out of the export (failed validation)" in en.stderr
    assert "run jgsw check to see why" in en.stderr


def test_json_values_are_codes_whatever_the_language(warehouse: Path, cli: CliRunner) -> None:
    zh = json.loads(
        cli("export", "-f", "json", "--root", str(warehouse), "--as-of", "2025-12-31").stdout
    )
    en = json.loads(
        cli(
            "export",
            "-f",
            "json",
            "--root",
            str(warehouse),
            "--as-of",
            "2025-12-31",
            "--lang",
            "en",
        ).stdout
    )
    first = next(s for s in zh["standards"] if s["code"] == "DB50/T 1056-2020")
    assert (first["level"], first["area"], first["status"]) == ("local", "logistics", "published")
    assert first["state"] == "in-force" and isinstance(first["items"], list)
    assert zh["standards"] == en["standards"]
    # the indicators' values are codes and numbers; only "why", a sentence, follows --lang
    strip = [{k: v for k, v in row.items() if k != "why"} for row in zh["indicators"]]
    assert strip == [{k: v for k, v in row.items() if k != "why"} for row in en["indicators"]]
    review_rate = next(r for r in zh["indicators"] if r["metric"] == "review_rate")
    assert review_rate["group"] == "implementation" and review_rate["target"] == 1
    assert review_rate["status"] in ("met", "not-met", "on-track", "behind", "unsettled", "no-data")
