"""`jgsw explain`: every code has documentation a person can read."""

from __future__ import annotations

from tests.conftest import CliRunner

from jgsw_std.rules.registry import RULES, ensure_loaded


def test_every_rule_has_doc_messages_and_hint() -> None:
    ensure_loaded()
    for code, rule in RULES.items():
        assert rule.doc.strip(), code
        assert rule.zh and rule.en, code
        assert rule.hint_zh and rule.hint_en, code
        assert rule.name and rule.name == rule.name.lower(), code


def test_explain_a_code(cli: CliRunner) -> None:
    result = cli("explain", "D405")
    assert result.exit_code == 0
    assert "published-without-dates" in result.stdout and "修改建议" in result.stdout


def test_explain_by_name_in_english(cli: CliRunner) -> None:
    result = cli("explain", "duplicate-key", "--lang", "en")
    assert "Y002" in result.stdout and "Fix:" in result.stdout


def test_list_and_unknown(cli: CliRunner) -> None:
    listing = cli("explain").stdout
    assert "Y001" in listing and "D410" in listing
    assert cli("explain", "Z999").exit_code == 1
