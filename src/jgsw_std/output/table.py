"""Tables to xlsx, csv and json (the layout is edit/sheet_layout.py)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from typing import Any

from jgsw_std.edit.sheet_layout import Table

#: --format names of `jgsw export`
FORMATS = ("xlsx", "csv", "json")


def to_xlsx(tables: Sequence[Table], lang: str) -> bytes:
    """One sheet per table: bold frozen header, real dates, readable widths (output/xlsx.py)."""
    from jgsw_std.output.xlsx import Sheet, write_xlsx

    sheets = []
    for table in tables:
        widths = []
        for column in table.columns:
            longest = max(
                [len(str(row.get(column.key) or "")) for row in table.rows]
                + [len(column.header(lang))]
            )
            widths.append(min(max(10, longest * 1.6), 60))
        sheets.append(
            Sheet(
                name=table.name,
                header=[c.header(lang) for c in table.columns],
                rows=[[row.get(c.key) for c in table.columns] for row in table.rows],
                widths=widths,
            )
        )
    return write_xlsx(sheets)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def to_csv(table: Table, lang: str) -> str:
    """UTF-8 text with a header row (write it with a BOM so that Excel reads Chinese)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.header(lang) for c in table.columns])
    for row in table.rows:
        writer.writerow([_text(row.get(c.key)) for c in table.columns])
    return out.getvalue()


def to_json(tables: Sequence[Table]) -> str:
    """``{"standards": [...], "indicators": [...]}``, rows keyed by field; dates YYYY-MM-DD."""
    doc = {
        table_key(table): [
            {c.key: _json_value(row.get(c.key)) for c in table.columns} for row in table.rows
        ]
        for table in tables
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def table_key(table: Table) -> str:
    return "standards" if table.columns and table.columns[0].key == "code" else "indicators"


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value
