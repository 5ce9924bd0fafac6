"""Class 3 of issue 12: numbers and names in the data give exit 1, never 3.

Exit 3 means "a bug in jgsw"; a 5,000-digit number, a target of 1e308 or .nan,
a file name that is not UTF-8, a full disk are the data's or the machine's
problems and get a clear message with exit 1 (or 0 where the command only
notes broken files).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from tests.conftest import MINI_INDICATORS, CliRunner, MiniFactory

STANDARD = "data/standards/vehicles/db50-t-7-2020.yaml"
GOOD = (
    "code: DB50/T 7-2020\ntitle: 公务用车管理规范\nlevel: local\ncategory: operation\n"
    "area: vehicles\nitems: [vehicles.quota]\nstatus: published\n"
    "published: 2020-01-01\neffective: 2020-03-01\n"
)
HUGE = "9" * 5000
READERS = (
    ("check",),
    ("status",),
    ("report", "--format", "md", "-o", "-"),
    ("due",),
    ("export", "-f", "csv"),
)


def _never_a_bug(cli: CliRunner, root: Path) -> dict[str, int]:
    codes = {}
    for args in READERS:
        result = cli(*args, "--root", str(root))
        assert "内部错误" not in result.stderr, (args, result.stderr)
        codes[args[0]] = result.exit_code
    assert all(code in (0, 1) for code in codes.values()), codes
    return codes


@pytest.mark.parametrize(
    "tail",
    [
        f"usage:\n  - {{year: 2024, applying: {HUGE}, applicable: 50}}\n",
        f"usage:\n  - {{year: {HUGE}, applying: 1, applicable: 50}}\n",
        f"usage:\n  - {{year: 2024, applying: -{HUGE}, applicable: 50}}\n",
        "usage:\n  - {year: 2024, applying: 1000000000, applicable: 50}\n",
        "usage:\n  - {year: 2200, applying: 1, applicable: 50}\n",
        "usage:\n  - {year: 1899, applying: 1, applicable: 50}\n",
        "evaluations:\n  - {date: 2021-01-01, score: .nan}\n",
    ],
    ids=["applying", "year", "negative", "count-bound", "2200", "1899", "nan-score"],
)
def test_numbers_out_of_range_are_schema_errors(
    mini: MiniFactory, cli: CliRunner, tail: str
) -> None:
    wh = mini({STANDARD: GOOD + tail})
    codes = _never_a_bug(cli, wh.root)
    assert codes["check"] == 1
    result = cli("check", "--root", str(wh.root), "--lang", "en")
    line = next(x for x in result.stdout.splitlines() if x.startswith(STANDARD))
    assert " error S103 field " in line
    assert len(line) < 300  # the value is shown shortened, never in full


@pytest.mark.parametrize(
    ("year", "shown"),
    [(HUGE, "≥10^4000"), ("2200", "2200"), ("1899", "1899")],
    ids=["5000-digits", "2200", "1899"],
)
def test_a_year_out_of_range_says_the_bound(
    mini: MiniFactory, cli: CliRunner, year: str, shown: str
) -> None:
    wh = mini({STANDARD: GOOD + f"usage:\n  - {{year: {year}, applying: 1, applicable: 5}}\n"})
    result = cli("check", "--root", str(wh.root), "--lang", "en")
    bound = "must be at most 2199" if year != "1899" else "must be at least 1900"
    assert f"field usage[0].year has a bad value {shown}: {bound}" in result.stdout


@pytest.mark.parametrize("target", ["1e308", "-1e308", ".nan", ".inf", "-.inf", "1e10"])
def test_a_target_that_is_not_a_sane_number_is_a_schema_error(
    mini: MiniFactory, cli: CliRunner, target: str
) -> None:
    wh = mini(
        {STANDARD: GOOD}, indicators=MINI_INDICATORS.replace("target: 0.9", f"target: {target}")
    )
    codes = _never_a_bug(cli, wh.root)
    assert codes["check"] == 1
    result = cli("check", "--root", str(wh.root), "--lang", "en")
    assert "data/indicators.yaml:3:" in result.stdout
    assert "error S103 field indicators[0].target has a bad value" in result.stdout


def test_a_file_name_that_is_not_utf8_is_shown_replaced(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini({STANDARD: GOOD})
    folder = os.fsencode(wh.root / "data" / "standards" / "vehicles")
    try:
        with open(os.path.join(folder, b"bad\xff\xfe.yaml"), "wb") as handle:
            handle.write(GOOD.encode())
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    _never_a_bug(cli, wh.root)
    for fmt in ("text", "json", "sarif", "github", "gitlab"):
        result = cli("check", "--root", str(wh.root), "--format", fmt)
        assert result.exit_code == 1, (fmt, result.stderr)
        assert "bad\ufffd\ufffd.yaml" in result.stdout
    result = cli("check", "--root", str(wh.root), "--lang", "en")
    assert (
        "data/standards/vehicles/bad\ufffd\ufffd.yaml:1:1: error Y011 the file name is not UTF-8"
        in result.stdout
    )
    out = wh.root / "report.md"
    assert cli("report", "--format", "md", "-o", str(out), "--root", str(wh.root)).exit_code == 0
    out.read_text("utf-8")  # valid UTF-8 all through
    assert cli("fmt", "--root", str(wh.root)).exit_code == 1


def _disk_full(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
def test_export_to_a_full_disk_is_a_clear_exit_1(
    mini: MiniFactory, cli: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fmt: str
) -> None:
    from jgsw_std import fsutil

    wh = mini({STANDARD: GOOD})
    monkeypatch.setattr(fsutil, "_stage", _disk_full)
    target = tmp_path / f"out.{fmt}"
    result = cli("export", "-f", fmt, "-o", str(target), "--root", str(wh.root), "--lang", "en")
    assert result.exit_code == 1
    assert "No space left on device; no file was changed" in result.stderr
    assert not target.exists()


def test_an_xlsx_that_cannot_be_built_is_a_clear_exit_1(
    mini: MiniFactory, cli: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    wh = mini({STANDARD: GOOD})
    monkeypatch.setattr(Workbook, "save", lambda *a, **k: _disk_full())  # openpyxl's temp files
    target = tmp_path / "out.xlsx"
    result = cli("export", "-o", str(target), "--root", str(wh.root), "--lang", "en")
    assert result.exit_code == 1
    assert "cannot build the xlsx file: No space left on device" in result.stderr
    assert not target.exists()
