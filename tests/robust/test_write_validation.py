"""Class 6 of issue 12: no command writes what `check` rejects.

Every write runs the same single-file validation as check (the loader's Y and S
codes, the D and N rules) on the resulting file and refuses, exit 1, nothing
written, when the change would bring in an error.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CliRunner, MiniFactory

STANDARD = "data/standards/vehicles/db50-t-7-2020.yaml"
GOOD = (
    "code: DB50/T 7-2020\ntitle: 公务用车管理规范\nlevel: local\ncategory: operation\n"
    "area: vehicles\nitems: [vehicles.quota]\nstatus: published\n"
    "published: 2020-01-01\neffective: 2020-03-01\n"
)


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*.yaml")}


@pytest.mark.parametrize("slug", ["a/b", "/tmp/x", "../x", "A", "shapingba.yaml", "a b", ""])
def test_new_district_refuses_a_slug_that_is_not_one(
    mini: MiniFactory, cli: CliRunner, slug: str
) -> None:
    wh = mini()
    before = _tree(wh.root)
    result = cli("new", "district", "--slug", slug, "--name", "某区", "--root", str(wh.root))
    assert result.exit_code == 1
    assert "不合要求" in result.stderr
    assert _tree(wh.root) == before


def test_a_good_new_district_passes_check(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini()
    result = cli(
        "new", "district", "--slug", "yuzhong", "--name", "渝中区", "--region", "main-urban",
        "--root", str(wh.root),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    check = cli("check", "--root", str(wh.root), "--select", "Y,S,N,D")
    assert "yuzhong" not in check.stdout


def test_record_usage_that_check_would_reject_is_not_written(
    mini: MiniFactory, cli: CliRunner
) -> None:
    wh = mini({STANDARD: GOOD})
    result = cli(
        "record", "usage", "DB50/T 7-2020", "--year", "2024", "--applying", "60",
        "--applicable", "50", "--root", str(wh.root), "--lang", "en",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "D410 in 2024, applying (60) exceeds applicable (50)" in result.stderr
    assert "nothing was written" in result.stderr
    assert (wh.root / STANDARD).read_text("utf-8") == GOOD


def test_record_with_dates_out_of_order_is_refused(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini({STANDARD: GOOD})
    result = cli(
        "record", "review", "DB50/T 7-2020", "--date", "2019-01-01", "--conclusion", "continue",
        "--root", str(wh.root), "--lang", "en",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "D402" in result.stderr
    assert (wh.root / STANDARD).read_text("utf-8") == GOOD


def test_an_error_already_in_the_file_does_not_block_a_good_entry(
    mini: MiniFactory, cli: CliRunner
) -> None:
    """Only errors the change brings in stop it: D410 on 2023 is the person's to fix."""
    text = GOOD + "usage:\n  - {year: 2023, applying: 9, applicable: 5}\n"
    wh = mini({STANDARD: text})
    result = cli(
        "record", "usage", "DB50/T 7-2020", "--year", "2024", "--applying", "4",
        "--applicable", "5", "--root", str(wh.root),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "{year: 2024, applying: 4, applicable: 5}" in (wh.root / STANDARD).read_text("utf-8")


def test_validate_refuses_a_file_check_would_skip() -> None:
    from jgsw_std.edit.safe import FileChange, ValidationFailed, validate

    with pytest.raises(ValidationFailed) as caught:
        validate([FileChange("data/districts/a/b.yaml", None, b"slug: b\nname: x\n")])
    assert [p.code for p in caught.value.problems] == ["Y005"]


def test_the_single_file_rules_are_the_d_and_n_families() -> None:
    from jgsw_std.edit.safe import FileChange, ValidationFailed, validate

    misplaced = GOOD.replace("area: vehicles", "area: logistics")  # N202: wrong folder
    with pytest.raises(ValidationFailed) as caught:
        validate([FileChange(STANDARD, None, misplaced.encode())])
    assert [p.code for p in caught.value.problems] == ["N202"]
    validate([FileChange(STANDARD, None, GOOD.encode())])  # and a good file passes


def test_a_code_the_warehouse_turns_off_or_the_file_suppresses_does_not_block(
    mini: MiniFactory, cli: CliRunner
) -> None:
    """The write is judged as check judges: framework severities and file comments count."""
    from tests.conftest import MINI_FRAMEWORK

    args = ["record", "usage", "DB50/T 7-2020", "--year", "2024", "--applying", "60",
            "--applicable", "50"]  # fmt: skip
    wh = mini({STANDARD: GOOD}, framework=MINI_FRAMEWORK + "check:\n  severity: {D410: warning}\n")
    assert cli(*args, "--root", str(wh.root)).exit_code == 0
    wh = mini({STANDARD: "# jgsw: disable-file=D410 counted by hand\n" + GOOD})
    assert cli(*args, "--root", str(wh.root)).exit_code == 0
