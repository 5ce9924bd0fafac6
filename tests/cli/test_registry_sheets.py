"""The registries as spreadsheets: export -> import proposes no change; a bureau's own
feedback sheet becomes files; bad cells are named; contact details stay private."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pytest
from tests.conftest import CliRunner, MiniFactory, MiniWarehouse

STD = "data/standards/vehicles/db50-t-7-2020.yaml"
FILES: dict[str, str | bytes] = {
    STD: (
        "code: DB50/T 7-2020\ntitle: 公务用车管理规范\nlevel: local\narea: vehicles\n"
        "items: [vehicles.quota]\nstatus: published\npublished: 2022-01-01\n"
        "effective: 2022-02-01\n"
    ),
    "data/experts/zhang-wei.yaml": (
        "# 专家库：2022 年第一批\nslug: zhang-wei\nname: 张伟\norganization: 重庆市标准化研究院\n"
        "fields: [vehicles, general]\nspecialties: [节能审计, 标准化]\ntitle: 高级工程师\n"
        "appointed: 2022-05-20\nterm_ends: 2025-05-19\n"
        'contact: {phone: "13800138000", email: zhang.wei@example.org}\n'
    ),
    "data/materials/plan-text.yaml": (
        "slug: plan-text\ntitle: 规划文本\nkind: policy\ndate: 2021-06-01\nareas: [general]\n"
        "tags: [规划]\nurl: https://example.org/plan.pdf\n"
    ),
    "data/feedback/2024/2024-0001.yaml": (
        "id: 2024-0001  # 来函\nstandard: DB50/T 7-2020\nfrom: shapingba\nreceived: 2024-03-02\n"
        'kind: problem\nclause: "5.3"\ntext: 条款难以执行。\n'
        "response: {date: 2024-03-20, by: chongqing, action: revise, text: 纳入修订。}\n"
        "closed: 2024-04-01\n"
    ),
}


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in (root / "data").rglob("*")
        if p.is_file()
    }


def _run(cli: CliRunner, wh: MiniWarehouse, *args: str) -> str:
    result = cli(*args, "--root", str(wh.root))
    assert result.exit_code == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("private", [False, True])
def test_export_then_import_proposes_no_change(
    mini: MiniFactory, cli: CliRunner, tmp_path: Path, lang: str, private: bool
) -> None:
    wh = mini(FILES)
    book = tmp_path / "book.xlsx"
    extra = ["--include-private"] if private else []
    _run(cli, wh, "export", "-o", str(book), "--as-of", "2025-12-31", "--lang", lang, *extra)
    assert openpyxl.load_workbook(book).sheetnames == (
        ["体系明细表", "指标", "专家库", "资料库", "信息反馈"]
        if lang == "zh"
        else ["Standards", "Indicators", "Experts", "Materials", "Feedback"]
    )
    before = _tree(wh.root)
    out = _run(cli, wh, "import", str(book), "--apply", "--lang", lang)
    assert _tree(wh.root) == before
    if lang == "zh":
        for sheet, count in (("体系明细表", 1), ("专家库", 1), ("资料库", 1), ("信息反馈", 1)):
            assert f"新增 0 项，修改 0 项，无变化 {count} 项（工作表“{sheet}”）。" in out


def test_a_warehouse_without_registries_exports_as_before(
    mini: MiniFactory, cli: CliRunner, tmp_path: Path
) -> None:
    wh = mini({STD: FILES[STD]})
    book = tmp_path / "book.xlsx"
    _run(cli, wh, "export", "-o", str(book))
    assert openpyxl.load_workbook(book).sheetnames == ["体系明细表", "指标"]
    payload = json.loads(_run(cli, wh, "export", "-f", "json", "-t", "feedback").split("\n已")[0])
    assert payload == {"feedback": []}


def _sheet(rows: list[list[object]], name: str = "Sheet1") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = name
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_bureaus_own_feedback_sheet_becomes_files(
    mini: MiniFactory, cli: CliRunner, tmp_path: Path
) -> None:
    wh = mini(FILES)
    book = tmp_path / "反馈汇总.xlsx"
    book.write_bytes(
        _sheet(
            [
                ["编号", "标准编号", "提出单位", "收到日期", "类型", "反馈内容", "条款"],
                [None, "DB50／T 7—2020", "万州区", "2024/5/6", "建议", "建议增加示例。", 5.3],
                [None, "DB50/T 7-2020", "shapingba", "2025-01-08", "咨询", "如何适用？", None],
                [
                    "2024-0001",
                    "DB50/T 7-2020",
                    "沙坪坝区",
                    "2024-03-02",
                    "问题",
                    "条款难以执行。",
                    "5.3",
                ],
            ]
        )
    )
    out = _run(cli, wh, "import", str(book))
    assert "+ 新增 data/feedback/2024/2024-0002.yaml（第 2 行）" in out
    assert "+ 新增 data/feedback/2025/2025-0001.yaml（第 3 行）" in out
    assert "新增 2 项，修改 0 项，无变化 1 项（工作表“Sheet1”）。" in out
    assert "体系明细表" not in out  # a feedback-only workbook imports no standards
    assert not (wh.root / "data/feedback/2024/2024-0002.yaml").exists()  # not without --apply
    _run(cli, wh, "import", str(book), "--apply")
    text = (wh.root / "data/feedback/2024/2024-0002.yaml").read_text("utf-8")
    assert "from: wanzhou\n" in text and 'clause: "5.3"\n' in text and "kind: suggestion" in text
    assert "received: 2024-05-06\n" in text
    check = cli("check", "--root", str(wh.root), "--as-of", "2024-05-07", "--select", "F,N,S")
    assert check.exit_code == 0, check.stdout


def test_edits_keep_comments_and_never_show_contact_details(
    mini: MiniFactory, cli: CliRunner, tmp_path: Path
) -> None:
    wh = mini(FILES)
    book = tmp_path / "experts.xlsx"
    book.write_bytes(
        _sheet(
            [
                ["标识", "姓名", "工作单位", "入库日期", "电话（个人信息）"],
                ["zhang-wei", "张伟", "重庆市标准化研究院", "2022-05-20", "13911112222"],
                ["li-na", "李娜", "重庆市节能中心", "2023-01-01", "13733334444"],
            ],
            name="专家库",
        )
    )
    out = _run(cli, wh, "import", str(book), "--apply")
    assert "13911112222" not in out and "13800138000" not in out and "13733334444" not in out
    assert "phone: （个人信息，已隐去）/ (private) -> （个人信息，已隐去）/ (private)" in out
    text = (wh.root / "data/experts/zhang-wei.yaml").read_text("utf-8")
    assert text.split("\n")[1] == "# 专家库：2022 年第一批"  # below the schema line fmt adds
    assert 'contact: {phone: "13911112222", email: zhang.wei@example.org}' in text
    assert (wh.root / "data/experts/li-na.yaml").is_file()


def test_bad_cells_are_named_by_sheet_row_and_column(
    mini: MiniFactory, cli: CliRunner, tmp_path: Path
) -> None:
    wh = mini(FILES)
    book = tmp_path / "bad.xlsx"
    book.write_bytes(
        _sheet(
            [
                ["编号", "标准编号", "提出单位", "收到日期", "反馈内容", "心情"],
                ["24-1", "DB50/T 7-2020", "火星区", "2024-02-30", "x", "好"],
                [None, "DB50/T 7-2020", "shapingba", None, "缺收到日期", None],
            ],
            name="信息反馈",
        )
    )
    result = cli("import", str(book), "--root", str(wh.root))
    assert result.exit_code == 1
    for where in (
        "工作表“信息反馈”第 1 行 F 列（心情）：未知列 心情",
        "第 2 行 A 列（编号）：编号 24-1 应写成 年份-四位序号",
        "第 2 行 C 列（提出单位）：未知的单位 火星区",
        "第 2 行 D 列（收到日期）：日期 2024-02-30 无效",
        "第 3 行 - 列（编号）：新记录必须填写",
        "第 3 行 - 列（收到日期）：新记录必须填写",
    ):
        assert where in result.stderr, result.stderr


def test_contact_details_are_exported_only_when_asked_for(
    mini: MiniFactory, cli: CliRunner
) -> None:
    wh = mini(FILES)
    for fmt in ("csv", "json"):
        plain = _run(cli, wh, "export", "-f", fmt, "-t", "experts")
        assert "13800138000" not in plain and "zhang.wei@example.org" not in plain
        asked = _run(cli, wh, "export", "-f", fmt, "-t", "experts", "--include-private")
        assert "13800138000" in asked and "zhang.wei@example.org" in asked
