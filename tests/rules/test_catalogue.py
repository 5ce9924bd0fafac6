"""The G, L, Q and U codes: documented, stable, bilingual, and printable on a GBK console."""

from __future__ import annotations

from jgsw_std.rules.registry import RULES, THRESHOLDS, ensure_loaded
from tests.conftest import CliRunner

NEW_CODES = {
    "G501": "item-without-standard",
    "G502": "main-area-without-new-local",
    "G503": "main-area-without-evaluation-standard",
    "G504": "collab-group-without-group-standard",
    "G505": "standard-outside-items",
    "L601": "review-overdue",
    "L602": "review-due-soon",
    "L603": "evaluation-due",
    "L604": "revision-not-planned",
    "L605": "revision-overdue",
    "L606": "repeal-not-carried-out",
    "L607": "planned-past-year",
    "L608": "low-usage",
    "L609": "usage-not-recorded",
    "Q701": "likely-duplicate",
    "Q702": "cites-obsolete-standard",
    "Q703": "low-evaluation-score",
    "U801": "framework-not-built",
    "U802": "year-without-meeting",
    "U803": "year-without-training",
    "U804": "year-without-summary",
    "U805": "mechanism-incomplete",
}


def test_codes_names_and_docs() -> None:
    ensure_loaded()
    for code, name in NEW_CODES.items():
        rule = RULES[code]
        assert rule.name == name
        assert rule.check is not None
        assert len(rule.doc.splitlines()) >= 2, code  # a title line and an explanation
        assert rule.zh and rule.en and rule.hint_zh and rule.hint_en, code
    # only duties due soon are a note; nothing new fails a run by default
    assert {c for c in NEW_CODES if RULES[c].severity.value == "info"} == {"L602"}
    assert all(RULES[c].severity.value != "error" for c in NEW_CODES)


def test_every_message_is_gbk_printable() -> None:
    ensure_loaded()
    for code in NEW_CODES:
        rule = RULES[code]
        for text in (rule.zh, rule.en, rule.hint_zh, rule.hint_en, rule.doc):
            text.encode("gbk")  # raises on ✓, emoji and the like
    for zh, en in THRESHOLDS.values():
        zh.encode("gbk")
        en.encode("gbk")


def test_thresholds_are_declared() -> None:
    ensure_loaded()
    assert {
        "review_due_days",
        "low_usage_rate",
        "duplicate_similarity",
        "evaluation_score_floor",
    } <= set(THRESHOLDS)


def test_explain_prints_the_user_doc(cli: CliRunner) -> None:
    result = cli("explain", "L601")
    assert result.exit_code == 0
    assert result.stdout.startswith("L601 review-overdue (warning)\n")
    assert "指标 17" in result.stdout
    assert "indicator 17" in cli("explain", "L601", "--lang", "en").stdout
    listing = cli("explain").stdout
    for code in NEW_CODES:
        assert f"\n{code}  " in "\n" + listing


def test_docs_list_every_new_code() -> None:
    from tests.conftest import REPO

    text = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    ensure_loaded()
    for code, name in NEW_CODES.items():
        assert f"| {code} | {name} | {RULES[code].severity.value} |" in text, code
    for name in THRESHOLDS:
        assert f"`{name}`" in text, name


def test_docs_list_every_registry_code_with_its_severity() -> None:
    from tests.conftest import REPO

    text = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    ensure_loaded()
    registry = {c: r for c, r in RULES.items() if c[0] in "EMF" or c == "N206"}
    assert len(registry) == 21
    for code, rule_ in registry.items():
        assert f"| {code} | {rule_.name} | {rule_.severity.value} |" in text, code
        assert rule_.doc and rule_.zh and rule_.en and rule_.hint_zh and rule_.hint_en, code
