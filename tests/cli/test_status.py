"""`jgsw status` as a person and a script see it: the table, --explain, JSON, options."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from tests.conftest import MINI_INDICATORS, REPO, CliRunner, MiniFactory
from tests.metrics.build import END, std, warehouse

from jgsw_std.lifecycle.asof import AsOf
from jgsw_std.load.warehouse import load_worktree
from jgsw_std.metrics import compute_one

STATUS_WORDS_ZH = ("已达标", "未达标", "进度正常", "进度滞后", "待核实", "无数据")
ANSI = re.compile(r"\x1b\[")

NEXT_PLAN = """\
plan: {name: 重庆市机关事务标准化工作“十五五”规划（测试）, start: 2026-01-01, end: 2030-12-31}
indicators:
  - {id: 1, group: implementation, text: 实施满5年的标准，复审率达到100%。, metric: review_rate, target: 1.0}
  - {id: 2, group: implementation, text: 省级以上刊物公开发表文章不少于8篇。, metric: articles, target: 8}
"""


def _rows(stdout: str) -> dict[int, str]:
    """Table rows by indicator number (the first cell of a row)."""
    rows: dict[int, str] = {}
    for line in stdout.splitlines():
        match = re.match(r"^\s*(\d{1,2})\s{2,}(.*)$", line)
        if match and int(match[1]) not in rows:
            rows[int(match[1])] = match[2]
    return rows


def test_shipped_data_every_indicator_is_a_value_a_range_or_no_data(cli: CliRunner) -> None:
    # Several shipped standards and pilots have no dates: their figures are ranges
    # (counted both ways), decided when the whole range lies on one side of the
    # target. "No data" is left for the figures nothing stands behind (see
    # test_metric_registry for the rule that any number has records behind it).
    result = cli("status", "--as-of", "2025-12-31", "--root", str(REPO))
    assert result.exit_code == 0, result.stderr
    rows = _rows(result.stdout)
    assert sorted(rows) == list(range(1, 21))
    wh = load_worktree(REPO)
    for ident, row in rows.items():
        figure = compute_one(AsOf(wh, END), None, ident)
        assert any(w in row for w in STATUS_WORDS_ZH), row
        if figure.status == "no-data":
            assert "无数据" in row and not re.search(r"\d+(\.\d+)?% \(", row), row
        elif figure.is_range:  # the range is shown as one: 10.5%–15.8%, 0–5, ≥0
            assert "–" in row or "≥" in row, row
    nothing = sum(1 for i in rows if compute_one(AsOf(wh, END), None, i).status == "no-data")
    assert f"无数据 {nothing}" in result.stdout


def test_text_table_groups_and_plain_words(cli: CliRunner, demo_root: Path) -> None:
    result = cli("status", "--as-of", "2025-12-31", "--root", str(demo_root))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert not ANSI.search(out)  # a pipe gets no colour codes
    # the plan's four groups, in order
    positions = [out.index(g) for g in ("标准化机制", "标准体系", "标准供给", "标准实施")]
    assert positions == sorted(positions)
    assert any(w in out for w in STATUS_WORDS_ZH)
    out.encode("gbk")  # a GBK console can show every character


def test_colour_only_when_asked_for_a_terminal(
    cli: CliRunner, demo_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    coloured = cli("status", "--as-of", "2025-12-31", "--root", str(demo_root))
    assert ANSI.search(coloured.stdout)
    # the words are there with or without colour
    assert "已达标" in ANSI.sub("", coloured.stdout) or "未达标" in coloured.stdout
    monkeypatch.setenv("NO_COLOR", "1")
    plain = cli("status", "--as-of", "2025-12-31", "--root", str(demo_root))
    assert not ANSI.search(plain.stdout)


def test_english(cli: CliRunner, demo_root: Path) -> None:
    result = cli("status", "--as-of", "2025-12-31", "--root", str(demo_root), "--lang", "en")
    assert "Implementation" in result.stdout and "Review rate" in result.stdout
    assert not re.search(r"[\u4e00-\u9fff]", _rows(result.stdout)[17])


def test_mid_term_and_final_differ_where_the_data_says(cli: CliRunner, demo_root: Path) -> None:
    args = ("status", "--root", str(demo_root), "--format", "json")
    mid = json.loads(cli(*args, "--as-of", "2023-12-31").stdout)
    end = json.loads(cli(*args, "--as-of", "2025-12-31").stdout)
    mid_by = {i["id"]: i for i in mid["indicators"]}
    end_by = {i["id"]: i for i in end["indicators"]}
    # Indicator 18 (the information platform) has evidence dated 2025-06-30 in the
    # demo plan: not done at the mid-term (on track) and done at the end (met).
    demo = load_worktree(demo_root)
    assert demo.indicators is not None
    platform = demo.indicators.by_id(18)
    assert platform and [e.date.isoformat() for e in platform.evidence] == ["2025-06-30"]
    assert (mid_by[18]["status"], end_by[18]["status"]) == ("on-track", "met")
    # and 20: person-times of trainings keep adding up between the two dates
    assert end_by[20]["value"] > mid_by[20]["value"]


def test_json_shape(cli: CliRunner, demo_root: Path) -> None:
    result = cli("status", "--as-of", "2025-12-31", "--root", str(demo_root), "-f", "json")
    doc = json.loads(result.stdout)
    assert doc["format"] == "jgsw-status/1"
    assert set(doc) == {
        "format",
        "as_of",
        "scope",
        "scope_label",
        "lang",
        "plan",
        "warehouse",
        "summary",
        "indicators",
        "registries",
    }
    assert doc["as_of"] == "2025-12-31" and doc["scope"] == "city"
    assert set(doc["plan"]) == {"name", "document", "start", "end", "file"}
    assert sum(doc["summary"].values()) == len(doc["indicators"]) == 20
    keys = {
        "id",
        "metric",
        "group",
        "label",
        "text",
        "scope",
        "as_of",
        "deadline",
        "status",
        "status_label",
        "unit",
        "value",
        "low",
        "high",
        "low_parts",
        "high_parts",
        "maybe_empty",
        "numerator",
        "denominator",
        "target",
        "target_min",
        "target_max",
        "expected",
        "period",
        "why",
        "counts",
        "counted_for",
        "counted_against",
        "unknown",
        "settle",
        "low_usage",
        "figures",
        "breakdown",
    }
    for item in doc["indicators"]:
        assert set(item) == keys, item["id"]
        assert item["status"] in ("met", "on-track", "behind", "not-met", "unsettled", "no-data")
        assert (item["low"] is None) == (item["status"] == "no-data"), item["id"]
        if item["value"] is not None:
            assert item["low"] == item["value"] == item["high"], item["id"]
        assert item["counts"]["against"] == len(item["counted_against"])
        for ref in item["counted_against"]:
            assert set(ref) == {"kind", "key", "label", "path", "note", "note_en"}
    by_id = {i["id"]: i for i in doc["indicators"]}
    assert by_id[13]["target_min"] == 1 and by_id[13]["target_max"] == 2
    assert set(by_id[5]["breakdown"]) == {
        "area:office-space",
        "area:vehicles",
        "area:energy",
        "area:logistics",
    }
    assert "summaries" in by_id[3]["figures"] and "joint" in by_id[7]["figures"]
    assert isinstance(by_id[17]["numerator"], int)


@pytest.mark.parametrize("ident", [16, 17])
def test_explain_lists_exactly_the_standards_counted_against(
    cli: CliRunner, demo_root: Path, ident: int
) -> None:
    result = cli(
        "status",
        "--as-of",
        "2025-12-31",
        "--root",
        str(demo_root),
        "--indicator",
        str(ident),
        "--explain",
    )
    figure = compute_one(AsOf(load_worktree(demo_root), END), None, ident)
    assert figure.counted_against  # the demo has some, or this test proves nothing
    section = result.stdout.split(f"[{ident}]", 1)[1]
    listed = [
        line.strip().split("  ")[0]
        for line in section.splitlines()[1:]
        if line.startswith("  ") and "data/standards/" in line
    ]
    against = [r.key for r in figure.counted_against]
    open_ = [r.key for r in figure.unknown]
    assert sorted(listed) == sorted(against + open_)
    assert f"计入不利的记录 {len(against)} 项" in section.splitlines()[1]


def test_explain_review_on_a_hand_built_warehouse(mini: MiniFactory, cli: CliRunner) -> None:
    # One standard due (effective 2020-12-31, never reviewed), one reviewed, one undated.
    wh = warehouse(
        mini,
        std(
            "DB50/T 1-2020",
            level="local",
            status="published",
            published="2020-12-01",
            effective="2020-12-31",
        ),
        std(
            "DB50/T 2-2019",
            level="local",
            status="published",
            published="2019-04-01",
            effective="2019-05-01",
            reviews=[{"date": "2022-01-01", "conclusion": "continue"}],
        ),
        std("DB50/T 3-2018", level="local", status="published"),
    )
    result = cli("status", "--as-of", "2025-12-31", "--root", str(wh.root), "-i", "17", "--explain")
    assert result.exit_code == 0, result.stderr
    # the undated one is overdue (1/3) or not yet due (1/2): below 100% either way
    assert "33.3%–50% (1/3–1/2)" in result.stdout
    explained = result.stdout.split("[17]", 1)[1]
    assert explained.splitlines()[0].strip().endswith("未达标（至多 50%）")
    against, open_ = explained.split("日期不详、按两种可能计入范围的记录 1 项", 1)
    assert "DB50/T 1-2020" in against and "从未复审" in against
    assert "DB50/T 2-2019" not in explained
    assert "DB50/T 3-2018" in open_ and "实施日期不详" in open_


def test_another_plan_file(cli: CliRunner, demo_root: Path, tmp_path: Path) -> None:
    path = tmp_path / "indicators-15th.yaml"
    path.write_text(NEXT_PLAN, encoding="utf-8")
    result = cli(
        "status",
        "--root",
        str(demo_root),
        "--as-of",
        "2030-12-31",
        "--indicators",
        str(path),
        "-f",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["plan"]["start"] == "2026-01-01" and doc["plan"]["file"] == str(path)
    assert [i["id"] for i in doc["indicators"]] == [1, 2]
    # the demo's articles all predate 2026: none in this plan's period
    assert doc["indicators"][1]["status"] == "no-data"


def test_scope_option(cli: CliRunner, demo_root: Path) -> None:
    result = cli(
        "status",
        "--root",
        str(demo_root),
        "--as-of",
        "2025-12-31",
        "--scope",
        "district:shapingba",
        "-i",
        "15",
    )
    assert result.exit_code == 0
    figure = compute_one(AsOf(load_worktree(demo_root), END), None, 15, "district:shapingba")
    assert figure.denominator == 5  # one unit x the years 2021-2025
    assert "沙坪坝区" in result.stdout
    assert f"({figure.numerator:.0f}/5)" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--scope", "region:west"), "--scope"),
        (("--scope", "district:atlantis"), "--scope"),
        (("--indicator", "42"), "指标 42"),
        (("--format", "xml"), "xml"),
        (("--as-of", "2025-02-30"), "--as-of"),
    ],
)
def test_bad_options_stop_with_a_clear_message(
    cli: CliRunner, demo_root: Path, args: tuple[str, ...], message: str
) -> None:
    result = cli("status", "--root", str(demo_root), *args)
    assert result.exit_code == 1
    assert message in result.stderr and "Traceback" not in result.stderr


def test_unusable_indicators_file(cli: CliRunner, demo_root: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("plan: {name: x}\n", encoding="utf-8")
    result = cli("status", "--root", str(demo_root), "--indicators", str(path))
    assert result.exit_code == 1 and "bad.yaml" in result.stderr


def test_explain_lists_a_second_figure_short_of_target(mini: MiniFactory, cli: CliRunner) -> None:
    from tests.metrics.build import city, merge, shapingba

    # Both units met in 2021; only the city sent its 2021 summary (on 2021-12-20).
    units = merge(
        city(
            activities=[{"date": "2021-03-01", "kind": "meeting", "title": "推进会"}],
            summaries=[{"year": 2021, "sent": "2021-12-20"}],
        ),
        shapingba(activities=[{"date": "2021-05-01", "kind": "meeting", "title": "部署会"}]),
    )
    plan = MINI_INDICATORS + (
        "  - {id: 3, group: mechanism, text: 每年召开推进会并报送总结。, "
        "metric: annual_meetings, target: 1.0}\n"
    )
    wh = warehouse(mini, units=units, indicators=plan)
    result = cli("status", "--as-of", "2021-12-31", "--root", str(wh.root), "-i", "3", "--explain")
    assert result.exit_code == 0, result.stderr
    # meetings 2/2 met, summaries 1/2 behind -> the indicator is behind
    assert "进度滞后" in _rows(result.stdout)[3]
    explained = result.stdout.split("[3]", 1)[1]
    assert "计入不利的记录 0 项" in explained
    assert "年度总结报送：50% (1/2) 进度滞后" in explained and "shapingba:2021" in explained
