"""`jgsw trend`: indicator values at period ends, each from the commit current then."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from jgsw_std.app.trend import compute_trend, trend_or_none
from jgsw_std.history.trend import Period, periods
from tests.conftest import CliRunner
from tests.history.conftest import ZONE, GitWarehouse, standard

A = "data/standards/vehicles/db50-t-1001-2015.yaml"
REVIEW = "{date: 2021-05-01, conclusion: continue}"


def test_periods_are_the_period_ends_inside_the_range() -> None:
    since, until = dt.date(2021, 1, 1), dt.date(2022, 3, 31)
    assert periods("year", since, until) == [Period("2021", dt.date(2021, 12, 31))]
    assert [p.label for p in periods("quarter", since, until)] == [
        "2021-Q1",
        "2021-Q2",
        "2021-Q3",
        "2021-Q4",
        "2022-Q1",
    ]
    months = periods("month", dt.date(2024, 1, 15), dt.date(2024, 3, 30))
    assert months == [
        Period("2024-01", dt.date(2024, 1, 31)),
        Period("2024-02", dt.date(2024, 2, 29)),
    ]
    assert periods("quarter", dt.date(2021, 5, 1), dt.date(2021, 6, 29)) == []


def test_trend_every_year_equals_status_at_each_year_end(
    demo_history: Path, cli: CliRunner
) -> None:
    # Acceptance: `trend --every year` matches `status --rev <that year's last
    # commit> --as-of <year end>` for every indicator.
    result = cli(
        "trend",
        "--every",
        "year",
        "--until",
        "2025-12-31",
        "--root",
        str(demo_history),
        "-f",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    trend = json.loads(result.stdout)
    assert [p["period"] for p in trend["points"]] == ["2021", "2022", "2023", "2024", "2025"]
    for point in trend["points"]:
        last_commit = _last_commit_on_or_before(demo_history, point["end"])
        assert point["commit"] == last_commit
        status = json.loads(
            cli(
                "status",
                "--root",
                str(demo_history),
                "--rev",
                last_commit,
                "--as-of",
                point["end"],
                "-f",
                "json",
            ).stdout
        )
        expected = {i["id"]: i for i in status["indicators"]}
        got = {v["id"]: v for v in point["values"]}
        assert sorted(got) == sorted(expected) == list(range(1, 21))
        for ident, value in got.items():
            want = expected[ident]
            assert value["status"] == want["status"], (point["period"], ident)
            for key in ("value", "numerator", "denominator"):
                assert value[key] == pytest.approx(want[key], abs=5e-5), (
                    point["period"],
                    ident,
                    key,
                )


def _last_commit_on_or_before(root: Path, day: str) -> str:
    """What `git rev-list --first-parent` says was current at the end of that day (+08:00)."""
    import subprocess

    out = subprocess.run(
        ["git", "rev-list", "--first-parent", "-1", f"--before={day}T23:59:59+08:00", "HEAD"],
        cwd=root,
        capture_output=True,
        check=True,
    )
    return out.stdout.decode().strip()


def test_text_table_and_csv(demo_history: Path, cli: CliRunner) -> None:
    text = cli(
        "trend",
        "--every",
        "year",
        "--since",
        "2022-01-01",
        "--until",
        "2024-12-31",
        "--root",
        str(demo_history),
    ).stdout
    assert "指标趋势 (每年末) 2022-01-01 - 2024-12-31" in text
    header = next(line for line in text.splitlines() if line.split()[:1] == ["指标"])
    assert header.split()[1:] == ["2022", "2023", "2024"]
    assert any(line.startswith("17 标准复审率") for line in text.splitlines())
    assert any(line.startswith("提交") for line in text.splitlines())

    raw = cli(
        "trend",
        "--every",
        "quarter",
        "--since",
        "2024-01-01",
        "--until",
        "2024-12-31",
        "--root",
        str(demo_history),
        "-f",
        "csv",
        "--lang",
        "en",
    ).stdout
    rows = [r for r in csv.DictReader(io.StringIO(raw)) if r["indicator"]]  # not the registries
    assert len(rows) == 4 * 20
    assert {r["period"] for r in rows} == {"2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"}
    review = next(r for r in rows if r["period"] == "2024-Q4" and r["indicator"] == "17")
    assert review["label"] == "Review rate" and review["unit"] == "rate"
    assert 0 <= float(review["value"]) <= 1


def test_points_follow_the_main_line_not_unmerged_branch_work(
    git_wh: Callable[..., GitWarehouse], cli: CliRunner
) -> None:
    repo = git_wh()
    repo.commit(
        "一项", {A: standard("DB50/T 1001-2015")}, when=dt.datetime(2022, 3, 1, 9, 0, tzinfo=ZONE)
    )
    repo.git("checkout", "-q", "-b", "review")
    repo.commit(
        "复审（分支）",
        {A: standard("DB50/T 1001-2015", reviews=[REVIEW])},
        when=dt.datetime(2022, 5, 10, 9, 0, tzinfo=ZONE),
    )
    repo.git("checkout", "-q", "main")
    repo.clock = dt.datetime(2022, 8, 20, 9, 0, tzinfo=ZONE)
    repo.git("merge", "-q", "--no-ff", "-m", "合并复审", "review", when=repo.clock)
    trend = compute_trend(repo.root, "quarter", dt.date(2021, 10, 1), dt.date(2022, 12, 31))
    by_period = {p.period: p for p in trend.points}
    assert by_period["2021-Q4"].commit is None and by_period["2021-Q4"].note == "no-commit"
    # the review was committed in May on a branch; main had it only from the August merge
    assert by_period["2022-Q2"].values[17].value == 0.0
    assert by_period["2022-Q3"].values[17].value == 1.0
    assert by_period["2022-Q3"].commit == repo.git("rev-parse", "HEAD")
    text = cli(
        "trend",
        "--every",
        "quarter",
        "--since",
        "2021-10-01",
        "--until",
        "2022-12-31",
        "--root",
        str(repo.root),
    ).stdout
    commits = next(line for line in text.splitlines() if line.startswith("提交"))
    assert commits.split()[1] == "无"  # no commit yet at the end of 2021


def test_forked_and_serial_computation_agree(
    demo_history: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = (demo_history, "quarter", dt.date(2021, 1, 1), dt.date(2025, 12, 31))
    parallel = compute_trend(*args)  # 20 jobs: shared with a forked child on Linux
    monkeypatch.setenv("JGSW_NO_FORK", "1")
    serial = compute_trend(*args)
    assert parallel.points == serial.points
    assert len(parallel.points) == 20 and all(p.values for p in parallel.points)


def test_scope_and_bad_options(demo_history: Path, cli: CliRunner) -> None:
    district = cli(
        "trend",
        "--every",
        "year",
        "--scope",
        "district:shapingba",
        "--until",
        "2023-12-31",
        "--root",
        str(demo_history),
        "-f",
        "json",
    )
    assert json.loads(district.stdout)["scope"] == "district:shapingba"
    for args, message in (
        (("--every", "week"), "--every 的值 week 无效"),
        (("--scope", "district:nowhere"), "nowhere"),
        (("--since", "2025-01-01", "--until", "2024-01-01"), "晚于"),
        (("--since", "yesterday"), "--since 的值"),
        (("-f", "xlsx"), "不支持的输出格式 xlsx"),
    ):
        result = cli("trend", "--root", str(demo_history), *args)
        assert result.exit_code in (1, 2), args
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr


def test_no_history_means_an_error_for_the_command_and_none_for_the_report(
    git_wh: Callable[..., GitWarehouse], cli: CliRunner, tmp_path: Path, demo_history: Path
) -> None:
    repo = git_wh()
    repo.commit("一项", {A: standard("DB50/T 1001-2015")})
    repo.commit("复审", {A: standard("DB50/T 1001-2015", reviews=[REVIEW])})
    clone = repo.shallow_clone(tmp_path / "ci")
    shallow = cli("trend", "--root", str(clone))
    assert shallow.exit_code == 1 and "git fetch --unshallow" in shallow.stderr
    assert trend_or_none(clone) is None

    plain = tmp_path / "plain"
    from tests.conftest import MINI_FRAMEWORK, MINI_INDICATORS, write_tree

    write_tree(
        plain, {"data/framework.yaml": MINI_FRAMEWORK, "data/indicators.yaml": MINI_INDICATORS}
    )
    assert trend_or_none(plain) is None
    assert "不在 git 仓库中" in cli("trend", "--root", str(plain)).stderr

    found = trend_or_none(demo_history, "year", until=dt.date(2025, 12, 31))
    assert found is not None and [p.period for p in found.points][-1] == "2025"
    assert found.rows[16].indicator_id == 17 and found.rows[16].label("en") == "Review rate"


def test_empty_repository_has_no_trend(git_wh: Callable[..., GitWarehouse], cli: CliRunner) -> None:
    repo = git_wh(commit=False)
    assert trend_or_none(repo.root) is None
    result = cli("trend", "--root", str(repo.root))
    assert result.exit_code == 1 and "还没有任何提交" in result.stderr


def test_periods_stop_at_the_end_of_the_calendar() -> None:
    last = dt.date.max  # 9999-12-31: no period after it can be computed
    assert periods("year", dt.date(9998, 6, 1), last) == [
        Period("9998", dt.date(9998, 12, 31)),
        Period("9999", last),
    ]
    assert [p.label for p in periods("quarter", dt.date(9999, 8, 1), last)] == [
        "9999-Q3",
        "9999-Q4",
    ]
    assert periods("month", dt.date(9999, 11, 30), last)[-1] == Period("9999-12", last)
    assert periods("month", last, last) == [Period("9999-12", last)]


def test_until_the_last_day_of_the_calendar_is_no_internal_error(
    git_wh: Callable[..., GitWarehouse], cli: CliRunner
) -> None:
    repo = git_wh()
    repo.commit("一项", {A: standard("DB50/T 1001-2015")})
    last = dt.date.max
    for every in ("month", "quarter", "year"):
        found = compute_trend(repo.root, every, dt.date(9999, 10, 1), last)
        assert [p.end for p in found.points][-1] == last, every
    # the command line may refuse such a date (a usage error), but never crashes
    result = cli(
        "trend", "--root", str(repo.root), "--since", "9999-01-01", "--until", "9999-12-31"
    )
    assert result.exit_code in (0, 1), result.stderr
    assert "内部错误" not in result.stderr and "Traceback" not in result.stderr
