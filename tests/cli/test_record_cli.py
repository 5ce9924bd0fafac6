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
