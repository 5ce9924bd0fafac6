"""`jgsw due`: what falls due in the next days, by owner, as text, JSON and CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from tests.conftest import CliRunner, MiniFactory

from jgsw_std.app.due import due_calendar
from jgsw_std.lifecycle.asof import AsOf
from jgsw_std.rules.registry import CheckContext
from jgsw_std.rules.runner import CheckOptions, run_checks

AS_OF = "2025-11-01"


def standard(code: str, owner: str | None, effective: str | None, tail: str = "") -> str:
    lines = [f"code: {code}", f"title: {code} 规范", "area: vehicles", "items: [vehicles.quota]"]
    if owner:
        lines.append(f"owner: {owner}")
    if effective:
        lines += [
            "status: published",
            f"published: {effective[:4]}-01-01",
            f"effective: {effective}",
        ]
    return "\n".join(lines) + "\n" + tail


FILES = {
    # review due 2025-12-01 (30 days ahead), owned by Shapingba
    "data/standards/vehicles/db50-t-1-2020.yaml": standard(
        "DB50/T 1-2020",
        "shapingba",
        "2020-12-01",
        "evaluations:\n  - {date: 2021-12-20, score: 90}\n",
    ),
    # evaluation overdue since 2025-03-01, owned by the city
    "data/standards/vehicles/db50-t-2-2024.yaml": standard(
        "DB50/T 2-2024", "chongqing", "2024-03-01"
    ),
    # planned for 2025, no owner: due 2025-12-31
    "data/standards/vehicles/db50-t-3-2025.yaml": (
        "code: DB50/T 3-2025\ntitle: 计划中的规范\narea: vehicles\nstatus: drafting\n"
        "plan: {year: 2025, kind: new}\n"
    ),
    # a national standard: its issuer reviews it
    "data/standards/vehicles/gb-t-4-2015.yaml": standard("GB/T 4-2015", None, "2015-01-01"),
}
DISTRICTS = {
    "data/districts/chongqing.yaml": (
        "slug: chongqing\nname: 重庆市\nkind: city\nactivities:\n"
        "  - {date: 2025-03-01, kind: meeting, title: 部署会}\n"
        "  - {date: 2025-05-01, kind: training, title: 培训, attendees: 100}\n"
        "summaries:\n  - {year: 2025, sent: 2025-10-30}\n"
    ),
    "data/districts/shapingba.yaml": (
        "slug: shapingba\nname: 沙坪坝区\nkind: district\nregion: main-urban\nactivities:\n"
        "  - {date: 2025-03-01, kind: meeting, title: 部署会}\n"
    ),
}


def test_the_summary_comes_first_then_the_duties_due(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini(FILES, districts=DISTRICTS)
    result = cli("due", "--root", str(wh.root), "--as-of", AS_OF)
    assert result.exit_code == 0
    assert result.stdout == (
        "到期事项（截至 2025-11-01）\n"
        "  未来 90 天内到期（2025-11-01 至 2026-01-30）：4 项\n"
        "  新近逾期（2025-08-03 至 2025-10-31 到期）：0 项\n"
        "  长期逾期（2025-08-03 之前到期）：1 项，只计数不列出（加 --all 列出）\n"
        "\n"
        "按事项                  到期  新近逾期  长期逾期\n"
        "  复审                     1         0         0\n"
        "  实施效果评价             0         0         1\n"
        "  按计划发布               1         0         0\n"
        "  年度培训或宣贯           1         0         0\n"
        "  年度工作总结报送         1         0         0\n"
        "\n"
        "按单位                       到期  新近逾期  长期逾期\n"
        "  沙坪坝区（shapingba）         3         0         0\n"
        "  未指定牵头单位                1         0         0\n"
        "  重庆市（chongqing）           0         0         1\n"
        "\n"
        "即将到期（4 项）\n"
        "\n"
        "沙坪坝区（shapingba）\n"
        "  2025-12-01  还有 30 天  复审  DB50/T 1-2020 DB50/T 1-2020 规范\n"
        "  2025-12-31  还有 60 天  年度培训或宣贯  2025 年度\n"
        "  2025-12-31  还有 60 天  年度工作总结报送  2025 年度\n"
        "\n"
        "未指定牵头单位\n"
        "  2025-12-31  还有 60 天  按计划发布  DB50/T 3-2025 计划中的规范\n"
    )
    listed = cli("due", "--root", str(wh.root), "--as-of", AS_OF, "--all").stdout
    assert listed.endswith(
        "长期逾期（1 项）\n\n重庆市（chongqing）\n"
        "  2025-03-01  已逾期 245 天  实施效果评价  DB50/T 2-2024 DB50/T 2-2024 规范\n"
    )


def test_window_overdue_and_district_filters(mini: MiniFactory, cli: CliRunner) -> None:
    root = str(mini(FILES, districts=DISTRICTS).root)
    short = cli("due", "--root", root, "--as-of", AS_OF, "--days", "30", "--lang", "en").stdout
    assert short.splitlines()[:4] == [
        "Duties as of 2025-11-01",
        "  due in the next 30 days (2025-11-01 to 2025-12-01): 1",
        "  newly overdue (due 2025-10-02 to 2025-10-31): 0",
        "  long overdue (due before 2025-10-02): 1, counted, not listed (--all lists them)",
    ]
    assert "  2025-12-01  in 30 days  review  DB50/T 1-2020 DB50/T 1-2020 规范" in short
    # a longer --since makes the evaluation overdue since 2025-03-01 news again
    since = cli("due", "--root", root, "--as-of", AS_OF, "--since", "2025-03-01").stdout
    assert "新近逾期（2025-03-01 至 2025-10-31 到期）：1 项" in since
    assert "  2025-03-01  已逾期 245 天  实施效果评价" in since
    later = cli("due", "--root", root, "--as-of", AS_OF, "--since", "2025-03-02").stdout
    assert "新近逾期（2025-03-02 至 2025-10-31 到期）：0 项" in later
    assert "已逾期 245 天" not in later
    ahead = cli("due", "--root", root, "--as-of", AS_OF, "--no-overdue").stdout
    assert "逾期" not in ahead and "（--no-overdue：只看尚未到期的事项）" in ahead
    assert "未来 90 天内到期（2025-11-01 至 2026-01-30）：4 项" in ahead
    for option in ("--district", "--owner"):
        only = cli("due", "--root", root, "--as-of", AS_OF, option, "chongqing", "--all").stdout
        assert "沙坪坝区" not in only and "重庆市（chongqing）" in only
    bad = cli("due", "--root", root, "--district", "atlantis")
    assert bad.exit_code == 1 and "data/districts/ 中没有 atlantis" in bad.stderr
    future = cli("due", "--root", root, "--as-of", AS_OF, "--since", "2025-11-02")
    assert future.exit_code == 1 and "--since 2025-11-02 晚于统计日期" in future.stderr


def test_limit_lists_no_more_and_says_how_many_are_left(mini: MiniFactory, cli: CliRunner) -> None:
    root = str(mini(FILES, districts=DISTRICTS).root)
    two = cli("due", "--root", root, "--as-of", AS_OF, "--limit", "2").stdout
    assert two.count("  2025-12-") == 2
    assert two.endswith("\n另有 2 项未列出（--limit 0 列出全部）。\n")
    assert "：4 项" in two  # the summary still counts them all


# A review falls due on 2025-12-01 (effective 2020-12-01, five years).
REVIEW_DAY = dt.date(2025, 12, 1)


def test_due_today_is_due_not_overdue(mini: MiniFactory, cli: CliRunner) -> None:
    """The exact day, and one day either side: late only once the day has passed."""
    root = str(mini(FILES, districts=DISTRICTS).root)
    one = dt.timedelta(days=1)

    def run(day: dt.date, *extra: str) -> tuple[str, dict[str, object]]:
        args = ("due", "--root", root, "--as-of", day.isoformat(), "--days", "10", *extra)
        text = cli(*args).stdout
        data = json.loads(cli(*args, "-f", "json").stdout)
        found = [d for g in data["groups"] for d in g["duties"] if d["key"] == "DB50/T 1-2020"]
        return text, found[0] if found else {}

    before, duty = run(REVIEW_DAY - one)
    assert "  2025-12-01  还有 1 天  复审" in before
    assert (duty["overdue"], duty["standing"], duty["days_left"]) == (False, "due", 1)

    today, duty = run(REVIEW_DAY)
    assert "  2025-12-01  今天到期  复审" in today
    assert (duty["overdue"], duty["standing"], duty["days_left"]) == (False, "due", 0)
    assert "新近逾期（2025-11-21 至 2025-11-30 到期）：0 项" in today
    ahead, duty = run(REVIEW_DAY, "--no-overdue")
    assert "  2025-12-01  今天到期  复审" in ahead
    assert "已逾期" not in ahead and duty["standing"] == "due"

    after, duty = run(REVIEW_DAY + one)
    assert "  2025-12-01  已逾期 1 天  复审" in after
    assert "新近逾期（2025-11-22 至 2025-12-01 到期）：1 项" in after
    assert (duty["overdue"], duty["standing"], duty["days_left"]) == (True, "newly-overdue", -1)
    gone, _ = run(REVIEW_DAY + one, "--no-overdue")
    assert "DB50/T 1-2020" not in gone


def test_the_window_ends_on_its_last_day(mini: MiniFactory, cli: CliRunner) -> None:
    root = str(mini(FILES, districts=DISTRICTS).root)
    # as of 2025-11-01 the review (2025-12-01) is 30 days ahead
    for days, listed in ((29, False), (30, True), (31, True)):
        out = cli("due", "--root", root, "--as-of", AS_OF, "--days", str(days)).stdout
        assert ("DB50/T 1-2020" in out) == listed, days


def test_newly_overdue_starts_on_since(mini: MiniFactory, cli: CliRunner) -> None:
    root = str(mini(FILES, districts=DISTRICTS).root)
    as_of = "2025-12-11"  # the review is 10 days late
    for since, standing in (
        ("2025-11-30", "newly-overdue"),
        ("2025-12-01", "newly-overdue"),
        ("2025-12-02", "long-overdue"),
    ):
        data = json.loads(
            cli("due", "--root", root, "--as-of", as_of, "--since", since, "-f", "json").stdout
        )
        duty = next(d for g in data["groups"] for d in g["duties"] if d["key"] == "DB50/T 1-2020")
        assert duty["standing"] == standing, since


def test_json_and_csv(mini: MiniFactory, cli: CliRunner, tmp_path: object) -> None:
    wh = mini(FILES, districts=DISTRICTS)
    data = json.loads(cli("due", "--root", str(wh.root), "--as-of", AS_OF, "-f", "json").stdout)
    assert (data["as_of"], data["until"], data["total"], data["overdue"]) == (
        "2025-11-01",
        "2026-01-30",
        5,
        1,
    )
    summary = data["summary"]
    assert (summary["due"], summary["newly-overdue"], summary["long-overdue"]) == (4, 0, 1)
    assert summary["by_kind"]["evaluation"] == {"due": 0, "newly-overdue": 0, "long-overdue": 1}
    assert [g["owner"] for g in data["groups"]] == ["chongqing", "shapingba", None]
    first = data["groups"][0]["duties"][0]
    assert first == {
        "owner": "chongqing",
        "owner_name": "重庆市",
        "due": "2025-03-01",
        "days_left": -245,
        "overdue": True,
        "standing": "long-overdue",
        "kind": "evaluation",
        "kind_name": "实施效果评价",
        "key": "DB50/T 2-2024",
        "label": "DB50/T 2-2024 规范",
        "path": "data/standards/vehicles/db50-t-2-2024.yaml",
        "open_feedback": [],
    }
    out = wh.root / "due.csv"
    result = cli("due", "--root", str(wh.root), "--as-of", AS_OF, "-f", "csv", "-o", str(out))
    assert result.exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads the Chinese as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 5
    assert rows[-1]["kind"] == "publication" and rows[-1]["owner"] == ""
    assert rows[0]["overdue"] == "yes" and rows[1]["overdue"] == "no"


def test_unknown_format(mini: MiniFactory, cli: CliRunner) -> None:
    result = cli("due", "--root", str(mini().root), "--format", "xlsx")
    assert result.exit_code == 1 and "csv" in result.stderr


def test_calendar_overdue_is_what_check_reports(demo_root: object) -> None:
    """The overdue duties of the calendar are exactly what check reports: reviews L601,
    evaluations L603, publications L607, feedback answers F905, promised revisions F906."""
    from pathlib import Path

    from jgsw_std.load.warehouse import load_worktree

    wh = load_worktree(Path(str(demo_root)))
    as_of = dt.date(2025, 12, 31)
    calendar = due_calendar(AsOf(wh, as_of), 0)
    overdue = {(d.kind, d.path) for g in calendar.groups for d in g.duties if d.overdue}
    result = run_checks(
        wh,
        CheckContext.on(wh, as_of),
        CheckOptions(select=["L601", "L603", "L607", "F905", "F906"]),
    )
    kinds = {
        "L601": "review",
        "L603": "evaluation",
        "L607": "publication",
        "F905": "feedback-answer",
        "F906": "feedback-revision",
    }
    assert overdue == {(kinds[p.code], p.path) for p in result.problems}
    assert len(overdue) > 20
    assert {"feedback-answer", "feedback-revision"} <= {kind for kind, _ in overdue}
