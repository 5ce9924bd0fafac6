"""`jgsw fmt` as a person and a CI job use it."""

from __future__ import annotations

import os

import pytest
from tests.conftest import CliRunner, MiniFactory

REL = "data/standards/vehicles/db50-t-7-2020.yaml"
MESSY = "title: 公务用车管理规范\ncode: 'DB50/T 7-2020'\nstatus: planned  # 待立项\n"
TIDY = (
    "# yaml-language-server: $schema=../../../schemas/standard.schema.json\n"
    "code: DB50/T 7-2020\ntitle: 公务用车管理规范\nstatus: planned  # 待立项\n"
)


def test_check_lists_what_would_change_exits_1_and_touches_nothing(
    mini: MiniFactory, cli: CliRunner
) -> None:
    wh = mini({REL: MESSY})
    path = wh.root / REL
    stamp = path.stat().st_mtime_ns
    result = cli("fmt", "--check", "--root", str(wh.root))
    assert result.exit_code == 1
    assert f"需要格式化：{REL}" in result.stdout
    assert path.read_text("utf-8") == MESSY
    assert path.stat().st_mtime_ns == stamp


def test_fmt_rewrites_then_check_passes(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini({REL: MESSY})
    result = cli("fmt", "--root", str(wh.root), "--lang", "en")
    assert result.exit_code == 0
    assert f"reformatted: {REL}" in result.stdout
    assert (wh.root / REL).read_text("utf-8") == TIDY
    again = cli("fmt", "--check", "--root", str(wh.root), "--lang", "en")
    assert again.exit_code == 0, again.stdout
    assert "0 would be reformatted" in again.stderr


def test_paths_limit_the_run_and_find_the_warehouse_from_the_file(
    mini: MiniFactory, cli: CliRunner
) -> None:
    other = "data/standards/vehicles/db50-t-8-2020.yaml"
    wh = mini({REL: MESSY, other: MESSY.replace("7-2020", "8-2020")})
    result = cli("fmt", REL, cwd=wh.root)
    assert result.exit_code == 0
    assert (wh.root / REL).read_text("utf-8") == TIDY
    assert (wh.root / other).read_text("utf-8").startswith("title:")


def test_diff_shows_the_change(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini({REL: MESSY})
    result = cli("fmt", "--check", "--diff", "--root", str(wh.root))
    assert f"--- a/{REL}" in result.stdout
    assert "+code: DB50/T 7-2020" in result.stdout


def test_a_file_that_does_not_parse_is_reported_and_left_alone(
    mini: MiniFactory, cli: CliRunner
) -> None:
    wh = mini({REL: "code: [DB50/T 7-2020\n"})
    result = cli("fmt", "--root", str(wh.root), "--lang", "en")
    assert result.exit_code == 1
    assert REL in result.stderr and "not valid YAML" in result.stderr
    assert (wh.root / REL).read_text("utf-8") == "code: [DB50/T 7-2020\n"


def test_a_path_outside_data_is_refused(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini()
    outside = wh.root / "notes.yaml"
    outside.write_text("a: 1\n", encoding="utf-8")
    result = cli("fmt", str(outside), "--root", str(wh.root), "--lang", "en")
    assert result.exit_code == 1
    assert "outside the warehouse's data/ folder" in result.stderr
    assert outside.read_text("utf-8") == "a: 1\n"


def test_written_files_keep_their_permissions(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini({REL: MESSY})
    path = wh.root / REL
    os.chmod(path, 0o640)
    cli("fmt", "--root", str(wh.root))
    assert path.read_text("utf-8") == TIDY
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o640


def test_a_file_whose_top_level_is_not_a_mapping_is_refused_and_the_others_formatted(
    mini: MiniFactory, cli: CliRunner
) -> None:
    listed = "data/standards/vehicles/list.yaml"
    scalar = "data/standards/vehicles/scalar.yaml"
    wh = mini({REL: MESSY, listed: "[1, 2]\n", scalar: "hello\n"})
    result = cli("fmt", "--root", str(wh.root), "--lang", "en")
    assert result.exit_code == 1
    assert f"{listed}: the top level of the file is not a mapping" in result.stderr
    assert f"{scalar}: the top level of the file is not a mapping" in result.stderr
    assert "Traceback" not in result.stderr and "IndexError" not in result.stderr
    assert (wh.root / listed).read_text("utf-8") == "[1, 2]\n"
    assert (wh.root / scalar).read_text("utf-8") == "hello\n"
    assert (wh.root / REL).read_text("utf-8") == TIDY


def test_an_unexpected_failure_in_one_file_does_not_stop_the_others(
    mini: MiniFactory, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jgsw_std.edit.canonical import canonical_text

    other = "data/standards/vehicles/db50-t-8-2020.yaml"
    wh = mini({REL: MESSY, other: MESSY.replace("7-2020", "8-2020")})

    def flaky(text: str, rel: str) -> str:
        if rel == other:
            raise IndexError("list index out of range")
        return canonical_text(text, rel)

    monkeypatch.setattr("jgsw_std.edit.fmt.canonical_text", flaky)
    result = cli("fmt", "--root", str(wh.root), "--lang", "en")
    assert result.exit_code == 1
    assert f"{other}: could not be formatted (IndexError" in result.stderr
    assert (wh.root / REL).read_text("utf-8") == TIDY
    assert (wh.root / other).read_text("utf-8").startswith("title:")


def test_a_folder_that_does_not_exist_fails_clearly(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini({REL: MESSY})
    result = cli("fmt", "--check", "data/standards/nope/", cwd=wh.root)
    assert result.exit_code == 1
    assert "data/standards/nope 不存在" in result.stderr
    english = cli("fmt", "--check", "data/standards/nope/", "--lang", "en", cwd=wh.root)
    assert english.exit_code == 1
    assert "does not exist" in english.stderr


def test_a_non_yaml_path_outside_data_is_reported_not_ignored(
    mini: MiniFactory, cli: CliRunner
) -> None:
    wh = mini({REL: MESSY})
    (wh.root / "README.md").write_text("# 说明\n", encoding="utf-8")
    result = cli("fmt", "README.md", REL, "--lang", "en", cwd=wh.root)
    assert result.exit_code == 1
    assert "README.md is outside the warehouse's data/ folder" in result.stderr
    assert (wh.root / "README.md").read_text("utf-8") == "# 说明\n"
    assert (wh.root / REL).read_text("utf-8") == TIDY  # the good file is still formatted


def test_a_non_yaml_file_inside_data_is_reported(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini({REL: MESSY})
    notes = wh.root / "data" / "notes.txt"
    notes.write_text("x\n", encoding="utf-8")
    result = cli("fmt", "--check", str(notes), "--root", str(wh.root), "--lang", "en")
    assert result.exit_code == 1
    assert "is not a YAML data file" in result.stderr
