"""`--help`: every option explained in Chinese and English, with the value names people expect."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from tests.conftest import CliRunner

from jgsw_std.cli.app import build_command

CJK = re.compile(r"[\u4e00-\u9fff]")
#: What a Python type looks like in typer's help: <str>, <bool>, <list[str]>, <path>
TYPE_NAME = re.compile(r"<(?:str|int|bool|float|path|Path|list\[[^\]]*\]|integer|float)[^>]*>")


def _commands() -> Iterator[tuple[str, Any]]:
    root = build_command([])

    def walk(command: Any, path: str) -> Iterator[tuple[str, Any]]:
        yield path, command
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, f"{path} {name}".strip())

    yield from walk(root, "")


def test_every_option_has_chinese_and_english_help() -> None:
    missing = []
    for path, command in _commands():
        for param in command.params:
            text = param.help or ""
            if " / " not in text or not CJK.search(text.split(" / ", 1)[0]):
                missing.append(f"jgsw {path} {param.opts or param.name}")
    assert missing == []


def test_every_value_has_a_name_and_flags_have_none() -> None:
    unnamed = []
    for path, command in _commands():
        for param in command.params:
            flag = getattr(param, "is_flag", False)
            if not flag and param.metavar is None:
                unnamed.append(f"jgsw {path} {param.opts or param.name}")
    assert unnamed == []


COMMANDS = [path for path, _ in _commands()]


@pytest.mark.parametrize("path", COMMANDS)
def test_help_pages_show_no_python_types(
    cli: CliRunner, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    result = cli(*path.split(), "--help")
    assert result.exit_code == 0
    assert TYPE_NAME.findall(result.stdout) == []
    assert "显示本帮助并退出。 / Show this message and exit." in result.stdout
    # rich cuts a long run of Chinese short with "…" unless told to fold it
    assert "…" not in result.stdout


def test_the_date_option_reads_date(cli: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    page = cli("check", "--help").stdout
    assert re.search(r"--as-of\s+DATE\s", page)
    assert re.search(r"--strict\s+有警告而无错误时", page)  # a flag: no type column


def test_completion_is_offered(cli: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    page = cli("--help").stdout
    assert "--install-completion" in page and "--show-completion" in page
    assert "为当前的 shell 安装命令补全" in page


def test_chinese_wraps_in_a_narrow_terminal_without_losing_words(
    cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    page = cli("check", "--help").stdout
    assert "…" not in page  # rich would cut a long run of Chinese short
    assert "只报告此" in page and "引起的问题" in page
