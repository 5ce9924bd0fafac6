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


def test_every_code_reads_in_both_languages_with_no_blank_left(cli: CliRunner) -> None:
    """Chinese documentation for every code; message templates with their blanks in words."""
    import re

    from jgsw_std.problems.docs import _table, doc_zh
    from jgsw_std.rules.registry import all_codes

    labels = _table()["placeholders"]
    for entry in all_codes():
        assert doc_zh(entry.code), f"{entry.code} has no Chinese documentation in docs_zh.toml"
        for template in (entry.zh, entry.en, entry.hint_zh, entry.hint_en):
            for blank in re.findall(r"\{(\w+)\}", template):
                base = blank[:-3] if blank.endswith(("_zh", "_en")) else blank
                assert base in labels, f"{entry.code}: no label for {{{blank}}}"
        for lang in ("zh", "en"):
            result = cli("explain", entry.code, "--lang", lang)
            assert result.exit_code == 0, result.stderr
            assert "{" not in result.stdout and "}" not in result.stdout, (entry.code, lang)
        chinese = cli("explain", entry.code).stdout
        body = chinese.split("\n", 2)[2].split("提示信息：", 1)[0]
        # the documentation is Chinese, not the English docstring
        assert entry.doc.splitlines()[0] not in body, entry.code
        assert sum(1 for c in body if "\u4e00" <= c <= "\u9fff") >= 8, entry.code


def test_the_blanks_are_named_in_words(cli: CliRunner) -> None:
    zh = cli("explain", "L601").stdout
    assert "提示信息：实施已满〈年数〉年，近〈年数〉年内没有复审（〈起算依据〉）" in zh
    assert "本单位标准实施已满复审周期" in zh
    en = cli("explain", "L601", "--lang", "en").stdout
    assert "Message: in force for <years> years or more" in en
    assert "An own standard in force for the review period" in en


def test_the_list_follows_the_language(cli: CliRunner) -> None:
    zh = cli("explain").stdout
    assert "D401  error    effective-before-published      标准的实施日期早于发布日期。" in zh
    en = cli("explain", "--lang", "en").stdout
    assert "A standard takes effect before it is published." in en


def test_hints_name_the_values_they_ask_for() -> None:
    from jgsw_std.rules.registry import find_code

    l601 = find_code("L601")
    assert l601 is not None
    assert "continue 继续有效、revise 修订、repeal 废止" in l601.hint_zh
