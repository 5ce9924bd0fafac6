"""Without a Chinese font a report reads as boxes: jgsw report says so, and never fails."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from jgsw_std.reports import fonts
from tests.conftest import REPO, CliRunner


def _fake_fc_list(tmp_path: Path, output: str, code: int = 0) -> Path:
    script = tmp_path / "bin" / "fc-list"
    script.parent.mkdir()
    script.write_text(f"#!/bin/sh\nprintf '%s' '{output}'\nexit {code}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script.parent


@pytest.mark.skipif(os.name != "posix", reason="a shell script stands in for fc-list")
@pytest.mark.parametrize(
    ("output", "code", "expected"),
    [("Noto Sans CJK SC\n", 0, True), ("", 0, False), ("", 1, None)],
)
def test_fontconfig_is_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output: str, code: int, expected: bool | None
) -> None:
    monkeypatch.setenv("PATH", str(_fake_fc_list(tmp_path, output, code)))
    assert fonts.cjk_font_available("linux") is expected


def test_cannot_tell_is_not_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts.shutil, "which", lambda name: None)
    assert fonts.cjk_font_available("linux") is None  # no fontconfig at all
    assert fonts.cjk_font_available("win32") is None  # Windows has fonts built in


@pytest.mark.parametrize("found", [False, True, None])
def test_report_warns_when_there_is_no_chinese_font(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, found: bool | None
) -> None:
    monkeypatch.setattr(fonts, "cjk_font_available", lambda platform=None: found)
    out = tmp_path / "r.html"
    result = cli("report", "--root", str(REPO), "--as-of", "2025-12-31", "-o", str(out))
    assert result.exit_code == 0 and out.is_file()
    warned = "本机没有找到中文字体" in result.stderr
    assert warned == (found is False)
    if warned:
        assert "sudo apt-get install fonts-noto-cjk" in result.stderr


def test_report_help_names_the_font_package(cli: CliRunner) -> None:
    assert "fonts-noto-cjk" in cli("report", "--help").stdout
