"""`jgsw check` as a person and a CI job see it: output, formats, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import REPO, CliRunner, MiniFactory

BAD_LEVEL = "code: DB50/T 7-2020\ntitle: 测试\nlevel: provincial\nstatus: planned\n"
UNEXPECTED = "note: x\n"


def test_shipped_data_passes_with_a_summary(cli: CliRunner) -> None:
    result = cli("check", "--root", str(REPO))
    assert result.exit_code == 0, result.stdout
    assert "检查了" in result.stdout and "地区 42 个" in result.stdout


def test_errors_exit_1_with_parsable_lines(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini({"data/standards/general/db50-t-7-2020.yaml": BAD_LEVEL})
    result = cli("check", "--root", str(wh.root))
    assert result.exit_code == 1
    line = next(x for x in result.stdout.splitlines() if "S103" in x)
    assert line.startswith("data/standards/general/db50-t-7-2020.yaml:3:8: error S103 ")
    assert "是不是 local" in line


def test_english_messages(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini({"data/standards/general/db50-t-7-2020.yaml": BAD_LEVEL})
    result = cli("check", "--lang", "en", "--root", str(wh.root))
    assert "did you mean local?" in result.stdout
    assert "Checked" in result.stdout


def test_warnings_fail_only_under_strict(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini({"data/notes/x.yaml": UNEXPECTED})
    root = str(wh.root)
    assert cli("check", "--select", "Y", "--root", root).exit_code == 0
    assert cli("check", "--select", "Y", "--strict", "--root", root).exit_code == 2


def test_select_and_ignore(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini({"data/standards/general/db50-t-7-2020.yaml": BAD_LEVEL})
    root = str(wh.root)
    assert cli("check", "--ignore", "S103", "--select", "S", "--root", root).exit_code == 0


def test_json_shape(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini({"data/standards/general/db50-t-7-2020.yaml": BAD_LEVEL})
    result = cli("check", "--format", "json", "--select", "S", "--root", str(wh.root))
    payload = json.loads(result.stdout)
    assert payload["version"] == 1
    assert set(payload["summary"]) >= {
        "files",
        "standards",
        "districts",
        "errors",
        "warnings",
        "infos",
        "suppressed",
    }
    (problem,) = payload["problems"]
    assert problem["code"] == "S103" and problem["name"] == "bad-value"
    assert (problem["line"], problem["col"], problem["severity"]) == (3, 8, "error")
    assert problem["message"] and problem["hint"] and len(problem["fingerprint"]) == 40


def test_github_annotations(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini({"data/standards/general/db50-t-7-2020.yaml": BAD_LEVEL})
    result = cli("check", "--format", "github", "--select", "S", "--root", str(wh.root))
    first = result.stdout.splitlines()[0]
    assert first.startswith(
        "::error file=data/standards/general/db50-t-7-2020.yaml,line=3,col=8,title=S103 bad-value::"
    )


def test_output_file(mini: MiniFactory, cli: CliRunner, tmp_path: Path) -> None:
    wh = mini({"data/standards/general/db50-t-7-2020.yaml": BAD_LEVEL})
    out = tmp_path / "findings.json"
    cli("check", "--format", "json", "-o", str(out), "--root", str(wh.root))
    assert json.loads(out.read_text("utf-8"))["summary"]["errors"] >= 1


def test_suppression_comment(mini: MiniFactory, cli: CliRunner) -> None:
    text = "code: DB50/T 7-2020\ntitle: 测试\nlevel: provincial  # jgsw: disable=S103 kept on purpose\n"
    wh = mini({"data/standards/general/db50-t-7-2020.yaml": text})
    result = cli("check", "--select", "S", "--root", str(wh.root))
    assert result.exit_code == 0
    assert "按注释忽略 1 个" in result.stdout


def test_no_warehouse_is_a_message_not_a_traceback(cli: CliRunner, tmp_path: Path) -> None:
    result = cli("check", cwd=tmp_path)
    assert result.exit_code == 1
    assert "没有找到标准仓" in result.stderr and "Traceback" not in result.stderr


def test_bad_option_value(cli: CliRunner) -> None:
    result = cli("check", "--as-of", "2025-13-01", "--root", str(REPO))
    assert result.exit_code == 1 and "不是有效日期" in result.stderr


def test_a_bug_exits_3_with_a_short_message(
    cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jgsw_std.app.check

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(jgsw_std.app.check, "run_check", broken)
    # --no-cache: a result an earlier test left in the cache would be printed instead
    result = cli("check", "--root", str(REPO), "--no-cache")
    assert result.exit_code == 3
    assert "这是 jgsw 的缺陷" in result.stderr and "RuntimeError: boom" in result.stderr
    assert "Traceback" not in result.stderr


def test_gbk_console_does_not_crash(mini: MiniFactory) -> None:
    # A Windows console in the Chinese locale encodes output as GBK; symbols it
    # cannot show are replaced, never a UnicodeEncodeError.
    import io

    from jgsw_std.cli import app as app_module

    wh = mini({"data/standards/general/db50-t-7-2020.yaml": BAD_LEVEL})
    raw = io.BytesIO()
    console = io.TextIOWrapper(raw, encoding="gbk", errors="strict")
    console.isatty = lambda: True  # type: ignore[method-assign]
    real = sys.stdout
    sys.stdout = console
    try:
        app_module._fix_console_encoding()
        print("✓ 检查")  # ✓ is not in GBK
        code = app_module.run(["check", "--root", str(wh.root)])
        console.flush()
    finally:
        sys.stdout = real
    text = raw.getvalue().decode("gbk")
    assert code == 1
    assert "? 检查" in text and "错误" in text and "S103" in text


def test_help_explains_every_option(cli: CliRunner) -> None:
    result = cli("check", "--help")
    for option in (
        "--root",
        "--format",
        "--strict",
        "--select",
        "--ignore",
        "--as-of",
        "--lang",
        "--output",
    ):
        assert option in result.stdout


def test_version(cli: CliRunner) -> None:
    result = cli("--version")
    assert result.exit_code == 0 and result.stdout.startswith("jgsw ")


def test_unknown_select_code_stops_the_run(cli: CliRunner) -> None:
    result = cli("check", "--select", "ZZZ", "--root", str(REPO))
    assert result.exit_code == 1 and "ZZZ" in result.stderr


def test_unknown_language_stops_the_run(cli: CliRunner) -> None:
    result = cli("check", "--lang", "fr", "--root", str(REPO))
    assert result.exit_code == 1 and "--lang" in result.stderr


def test_dates_outside_the_calendar_are_refused(cli: CliRunner) -> None:
    for day in ("0001-01-01", "9999-12-31"):
        result = cli("status", "--as-of", day, "--root", str(REPO))
        assert result.exit_code == 1 and "超出可用范围" in result.stderr


def test_piped_output_is_utf8_whatever_the_locale(mini: MiniFactory) -> None:
    # A Windows console is GBK; what goes to a file or a pipe is read as UTF-8
    # by JSON, CSV and HTML tools, so that is what jgsw writes there.
    wh = mini({"data/standards/general/db50-t-7-2020.yaml": BAD_LEVEL})
    env = {**os.environ, "PYTHONIOENCODING": "gbk"}
    proc = subprocess.run(
        [sys.executable, "-m", "jgsw_std", "check", "--format", "json", "--root", str(wh.root)],
        capture_output=True,
        env=env,
        check=False,
    )
    payload = json.loads(proc.stdout.decode("utf-8"))
    assert "错误" not in proc.stdout.decode("utf-8") or payload["problems"]
    assert any("是不是 local" in p["message"] for p in payload["problems"])


def test_an_unwritable_output_is_a_message_not_a_bug(cli: CliRunner, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = cli("check", "--format", "json", "-o", str(blocker / "out.json"), "--root", str(REPO))
    assert result.exit_code == 1 and "无法写入" in result.stderr
