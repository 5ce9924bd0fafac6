"""`jgsw record ...` as a person uses it: the diff first, --dry-run, clear refusals."""

from __future__ import annotations

from tests.conftest import CliRunner, MiniFactory

REL = "data/standards/vehicles/db50-t-7-2020.yaml"
TEXT = (
    "code: DB50/T 7-2020\ntitle: 公务用车管理规范\nstatus: published\n"
    "published: 2020-01-01\neffective: 2020-03-01\n"
)


def test_review_prints_the_diff_and_writes(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini({REL: TEXT})
    result = cli(
        "record",
        "review",
        "DB50/T 7-2020",
        "--date",
        "2025-10-20",
        "--conclusion",
        "继续有效",
        "--root",
        str(wh.root),
    )
    assert result.exit_code == 0, result.stderr
    assert "+reviews:\n+  - {date: 2025-10-20, conclusion: continue}\n" in result.stdout
    assert f"已记录到 {REL}" in result.stderr
    assert (wh.root / REL).read_text("utf-8") == (
        TEXT + "reviews:\n  - {date: 2025-10-20, conclusion: continue}\n"
    )


def test_dry_run_writes_nothing(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini({REL: TEXT})
    result = cli(
        "record",
        "evaluation",
        "DB50/T 7-2020",
        "--date",
        "2022-06-30",
        "--score",
        "91.5",
        "--method",
        "DB50/T 1053-2020",
        "--dry-run",
        "--root",
        str(wh.root),
        "--lang",
        "en",
    )
    assert result.exit_code == 0
    assert "+  - {date: 2022-06-30, method: DB50/T 1053-2020, score: 91.5}" in result.stdout
    assert "nothing written" in result.stderr
    assert (wh.root / REL).read_text("utf-8") == TEXT


def test_usage_and_activity(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini({REL: TEXT})
    usage = cli(
        "record",
        "usage",
        "DB50/T 7-2020",
        "--year",
        "2024",
        "--applying",
        "38",
        "--applicable",
        "42",
        "--root",
        str(wh.root),
    )
    assert usage.exit_code == 0
    activity = cli(
        "record",
        "activity",
        "shapingba",
        "--date",
        "2024-06-01",
        "--kind",
        "training",
        "--title",
        "标准化培训",
        "--attendees",
        "60",
        "--root",
        str(wh.root),
    )
    assert activity.exit_code == 0
    assert (
        (wh.root / "data/districts/shapingba.yaml")
        .read_text("utf-8")
        .endswith(
            "activities:\n  - {date: 2024-06-01, kind: training, title: 标准化培训, attendees: 60}\n"
        )
    )


def test_a_title_that_is_an_alias_word_is_kept_verbatim(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini({REL: TEXT})
    result = cli(
        "record",
        "activity",
        "shapingba",
        "--date",
        "2024-03-01",
        "--kind",
        "培训",
        "--title",
        "培训",
        "--root",
        str(wh.root),
    )
    assert result.exit_code == 0, result.stderr
    assert (
        (wh.root / "data/districts/shapingba.yaml")
        .read_text("utf-8")
        .endswith("activities:\n  - {date: 2024-03-01, kind: training, title: 培训}\n")
    )


def test_a_bad_value_is_refused_with_the_option_named(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini({REL: TEXT})
    result = cli(
        "record",
        "usage",
        "DB50/T 7-2020",
        "--year",
        "2024",
        "--applying",
        "-1",
        "--applicable",
        "42",
        "--root",
        str(wh.root),
    )
    assert result.exit_code == 1
    assert "--applying 的值 -1 不能小于 0" in result.stderr
    assert (wh.root / REL).read_text("utf-8") == TEXT


def test_a_bad_choice_lists_the_values_with_their_names(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini({REL: TEXT})
    args = ("record", "review", "DB50/T 7-2020", "--date", "2025-10-20", "--conclusion", "keep")
    zh = cli(*args, "--root", str(wh.root))
    assert zh.exit_code == 1
    assert "可选：continue（继续有效）、revise（修订）、repeal（废止）" in zh.stderr
    assert "'continue', 'revise' or 'repeal'" not in zh.stderr  # pydantic's English
    # the hint points at a page that lists the values
    assert "见 jgsw record review --help" in zh.stderr
    page = cli("record", "review", "--help").stdout
    assert "continue" in page and "继续有效" in page
    en = cli(*args, "--root", str(wh.root), "--lang", "en")
    assert "'keep' is not one of continue, revise or repeal" in en.stderr


def test_a_bad_value_in_a_file_names_the_choices_in_chinese(
    mini: MiniFactory, cli: CliRunner
) -> None:
    wh = mini({REL: TEXT + "reviews:\n  - {date: 2025-10-20, conclusion: keep}\n"})
    zh = cli("check", "--root", str(wh.root), "--select", "S103").stdout
    assert "应为以下之一：continue（继续有效）、revise（修订）、repeal（废止）" in zh
    en = cli("check", "--root", str(wh.root), "--select", "S103", "--lang", "en").stdout
    assert "must be one of continue, revise, repeal" in en


def test_an_unquoted_code_is_one_code(mini: MiniFactory, cli: CliRunner) -> None:
    # the shell splits DB50/T 7-2020 into two words: every command takes it whole
    wh = mini({REL: TEXT})
    result = cli(
        "record",
        "review",
        "DB50/T",
        "7-2020",
        "--date",
        "2025-10-20",
        "--conclusion",
        "revise",
        "--root",
        str(wh.root),
    )
    assert result.exit_code == 0, result.stderr
    assert "conclusion: revise" in (wh.root / REL).read_text("utf-8")
    made = cli(
        "new",
        "standard",
        "--code",
        "DB50/T",
        "9-2025",
        "--title",
        "公务用车处置规范",
        "--area",
        "vehicles",
        "--item",
        "vehicles.disposal",
        "--root",
        str(wh.root),
    )
    assert made.exit_code == 0, made.stderr
    assert (wh.root / "data/standards/vehicles/db50-t-9-2025.yaml").is_file()


def test_only_a_code_is_joined() -> None:
    from jgsw_std.cli.common import join_split_codes

    assert join_split_codes(["history", "GB/T", "41568-2022"]) == ["history", "GB/T 41568-2022"]
    assert join_split_codes(["x", "T/CQJGSW", "15-2021"]) == ["x", "T/CQJGSW 15-2021"]
    for argv in (
        ["due", "--as-of", "2025-12-31"],
        ["review", "2025-01-01"],
        ["diff", "HEAD~1", "HEAD"],
        ["record", "usage", "DB50/T 7-2020", "--year", "2024"],
        ["history", "shapingba", "2021-01"],
    ):
        assert join_split_codes(argv) == argv
