"""--root, --lang and --quiet work before the command as well as after it."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import REPO, CliRunner

from jgsw_std.cli.app import _command_in


def test_lang_and_root_before_the_command(cli: CliRunner, tmp_path: Path) -> None:
    before = cli(
        "--lang", "en", "--root", str(REPO), "check", "--as-of", "2025-12-31", cwd=tmp_path
    )
    after = cli("check", "--as-of", "2025-12-31", "--lang", "en", "--root", str(REPO), cwd=tmp_path)
    assert before.exit_code == after.exit_code == 0, before.stderr
    assert before.stdout == after.stdout
    assert before.stdout.splitlines()[-1].startswith("Checked ")


def test_the_command_s_own_value_wins(cli: CliRunner) -> None:
    result = cli(
        "--lang", "en", "check", "--root", str(REPO), "--as-of", "2025-12-31", "--lang", "zh"
    )
    assert result.stdout.splitlines()[-1].startswith("检查了 ")


def test_options_before_a_subcommand_of_a_group(cli: CliRunner, tmp_path: Path) -> None:
    result = cli(
        "--lang=en",
        "--root",
        str(tmp_path),
        "record",
        "review",
        "X",
        "--date",
        "2025-01-01",
        "--conclusion",
        "continue",
    )
    assert result.exit_code == 1
    assert f"{tmp_path} is not a warehouse" in result.stderr  # English, and that root


def test_the_command_is_found_behind_root_options() -> None:
    # only the command being run is imported (start-up time): root options are skipped
    assert _command_in(["--lang", "en", "--root", "x", "-q", "check"]) == "check"
    assert _command_in(["--lang=en", "due"]) == "due"
    assert _command_in(["--help"]) is None
    assert _command_in(["--lang", "check"]) is None  # "check" is --lang's value here
