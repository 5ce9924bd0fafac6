"""The small xlsx writer: what openpyxl (and so `jgsw import`) reads back."""

from __future__ import annotations

import datetime as dt
import io
import warnings

import openpyxl

from jgsw_std.output.xlsx import Sheet, write_xlsx


def test_values_dates_and_layout_read_back() -> None:
    rows = [
        ["DB50/T 1056-2020", dt.date(2021, 2, 1), 2020, 0.5, True, None],
        ["<b>&amp;\"'", dt.date(1900, 3, 1), -3, 1e-9, False, "  spaced  "],
        ["bell\x07tab\tend", dt.date(2099, 12, 31), 0, 12.25, None, "第二行\n换行"],
    ]
    data = write_xlsx(
        [
            Sheet(
                "标准 & <表>",
                ["编号", "日期", "年", "率", "是", "备注"],
                rows,
                [20, 12, 8, 8, 6, 30],
            ),
            Sheet("second", ["a"], [["x"]], [10]),
        ]
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a part openpyxl finds incomplete warns
        book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["标准 & <表>", "second"]
    sheet = book.worksheets[0]
    assert sheet.freeze_panes == "B2"
    assert sheet["A1"].value == "编号" and sheet["A1"].font.b and not sheet["A2"].font.b
    assert sheet.column_dimensions["A"].width == 20
    got = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert got[0] == ["DB50/T 1056-2020", dt.datetime(2021, 2, 1), 2020, 0.5, True, None]
    assert got[1] == ["<b>&amp;\"'", dt.datetime(1900, 3, 1), -3, 1e-9, False, "  spaced  "]
    # characters XML cannot hold are dropped, tabs and newlines kept
    assert got[2] == ["belltab\tend", dt.datetime(2099, 12, 31), 0, 12.25, None, "第二行\n换行"]
    assert sheet["B2"].number_format == "yyyy-mm-dd"
    assert book.worksheets[1]["A2"].value == "x"
