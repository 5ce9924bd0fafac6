"""The registries' figures over git history: `trend` at each period's end, `diff` as deltas."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

from jgsw_std.history.compare import compare_registries
from jgsw_std.metrics.registry_figure import Figure
from tests.conftest import CliRunner
from tests.history.conftest import GitWarehouse, standard

STD = "data/standards/vehicles/db50-t-1-2015.yaml"
ITEM = "data/feedback/2025/2025-0001.yaml"
AS_OF = ("--as-of", "2025-12-31")


def expert(slug: str, fields: str = "vehicles") -> dict[str, str]:
    return {
        f"data/experts/{slug}.yaml": (
            f"slug: {slug}\nname: 专家{slug}\norganization: 某院\nfields: [{fields}]\n"
            "appointed: 2021-03-01\ncontact: {phone: '13912345678'}\n"
        )
    }


def item(tail: str = "") -> dict[str, str]:
    return {
        ITEM: "id: 2025-0001\nstandard: DB50/T 1-2015\nfrom: shapingba\nreceived: 2025-03-02\n"
        f"text: 条款难以执行。\n{tail}"
    }


ANSWER = "response: {date: 2025-03-20, by: chongqing, action: interpretation}\n"


def test_trend_reads_the_figures_status_gives_at_each_year_end(
    demo_history: Path, cli: CliRunner
) -> None:
    args = ["--every", "year", "--until", "2025-12-31", "--root", str(demo_history)]
    trend = json.loads(cli("trend", *args, "-f", "json").stdout)
    keys = [r["key"] for r in trend["registries"]]
    assert keys[:2] == ["experts.in_pool", "experts.short_areas"]
    assert "feedback.in_time_rate" in keys and "experts.area.vehicles" in keys
    for point in trend["points"]:
        status = json.loads(
            cli(
                "status",
                "--root",
                str(demo_history),
                "--rev",
                point["commit"],
                "--as-of",
                point["end"],
                "-f",
                "json",
            ).stdout
        )
        want = {f["key"]: (f["value"], f["parts"]) for f in status["registries"]["figures"]}
        got = {f["key"]: (f["value"], f["parts"]) for f in point["registries"]}
        assert got == want, point["period"]
    # the demo's feedback starts in 2022: no data before, figures after
    first, last = trend["points"][0], trend["points"][-1]
    assert {f["key"]: f["value"] for f in first["registries"]}["feedback.received"] is None
    assert {f["key"]: f["value"] for f in last["registries"]}["feedback.received"] > 0

    text = cli("trend", *args).stdout
    assert "标准仓自有数据" in text
    row = next(line for line in text.splitlines() if line.strip().startswith("收到反馈"))
    assert row.split()[1] == "-"  # 2021: no data, never 0
    raw = cli("trend", *args, "-f", "csv", "--lang", "en").stdout
    rows = list(csv.DictReader(io.StringIO(raw)))
    own = [r for r in rows if r["indicator"] == ""]
    assert len(own) == len(keys) * len(trend["points"])
    received = [r for r in own if r["metric"] == "feedback.received"]
    assert received[0]["status"] == "no-data" and received[0]["value"] == ""
    assert received[-1]["status"] == "" and int(received[-1]["value"]) > 0
    rate = next(r for r in own if r["metric"] == "feedback.in_time_rate" and r["denominator"])
    assert rate["label"] == "answered in time" and rate["unit"] == "rate"
    assert float(rate["value"]) == int(rate["numerator"]) / int(rate["denominator"])


def test_diff_shows_the_figures_that_moved_after_the_indicators(
    git_wh: Callable[..., GitWarehouse], cli: CliRunner
) -> None:
    repo = git_wh(files={STD: standard("DB50/T 1-2015")})
    repo.commit("专家入库、收到反馈", {**expert("a"), **expert("b", "logistics"), **item()})
    reviewed = standard("DB50/T 1-2015", reviews=["{date: 2025-03-01, conclusion: continue}"])
    repo.commit("答复、复审并增补专家", {**item(ANSWER), **expert("c"), STD: reviewed})
    run = ["diff", "HEAD~1", "HEAD", "--root", str(repo.root), *AS_OF]
    text = cli(*run).stdout
    block = text.split("标准仓自有数据（专家库、信息反馈）\n", 1)[1]
    assert "  在库专家：2 → 3（+1）" in block
    assert "  公务用车在库专家：1 → 2（+1）" in block
    assert "  已答复：0 → 1（+1）" in block
    assert "  按时答复率：0.0% (0/1) → 100.0% (1/1)（+100.0 个百分点）" in block
    assert "  逾期未答复：1 → 0（-1）" in block
    assert "  答复用时中位数（天）：无数据 → 18" in block
    assert "收到反馈" not in block  # it did not move
    assert "自有数据：6 项变化" in text
    assert "13912345678" not in text

    data = json.loads(cli(*run, "-f", "json").stdout)
    moved = {d["key"]: d for d in data["registries"]}
    assert moved["feedback.answered"] == {
        "key": "feedback.answered",
        "label": "已答复",
        "unit": "count",
        "before": {"value": 0, "parts": None},
        "after": {"value": 1, "parts": None},
        "change": "+1",
    }
    assert moved["feedback.median_days"]["before"] == {"value": None, "parts": None}

    md = cli(*run, "-f", "md").stdout
    own = md.index("#### 标准仓自有数据")
    assert md.index("#### 指标") < own < md.index("#### 记录")
    assert "| 在库专家 | 2 | 3 | +1 |" in md
    assert "#### 新增问题" not in md or own < md.index("#### 新增问题")
    # a comment cut short keeps the limit: the figures come before the problems and
    # the records' rows, as many as fit, and the footer counts the rest
    for limit in range(1000, 3000, 50):
        short = cli(*run, "-f", "md", "--max-chars", str(limit)).stdout
        assert len(short) <= limit
        shown = short.count("\n| ", short.find("#### 标准仓自有数据"), short.find("#### 记录"))
        if "#### 标准仓自有数据" in short and "自有数据 " in short.splitlines()[-1]:
            break  # some rows shown, the others counted
    else:
        raise AssertionError("no limit shows only some of the figures")
    assert 0 < shown - 1 < 6  # the table's header row, then some of the six
    assert f"自有数据 {6 - (shown - 1)} 项" in short.splitlines()[-1]
    assert "#### 记录" in short  # the area summaries keep their room

    english = cli(*run, "--lang", "en").stdout
    assert "The warehouse's own figures" in english
    assert "  answered in time: 0.0% (0/1) → 100.0% (1/1) (+100.0 pp)" in english


def test_diff_without_registries_on_either_side_says_nothing_of_them(
    git_wh: Callable[..., GitWarehouse], cli: CliRunner
) -> None:
    repo = git_wh(files={STD: standard("DB50/T 1-2015")})
    repo.commit("修改", {STD: standard("DB50/T 1-2015", title="新标题")})
    text = cli("diff", "HEAD~1", "HEAD", "--root", str(repo.root), *AS_OF).stdout
    assert "自有数据" not in text
    data = json.loads(cli("diff", "HEAD~1", "HEAD", "--root", str(repo.root), "-f", "json").stdout)
    assert data["registries"] == []


def test_compare_registries_keeps_what_moved_and_what_came_or_went() -> None:
    def fig(key: str, value: float | None, parts: tuple[int, int] | None = None) -> Figure:
        return Figure(key, key, key, "rate" if parts else "count", value, parts)

    old = [fig("a", 1), fig("b", 2), fig("r", 0.5, (1, 2)), fig("gone", 3)]
    new = [fig("a", 1), fig("b", None), fig("r", 0.5, (2, 4)), fig("new", 0)]
    moved = compare_registries(old, new)
    assert [(d.key, d.before is None, d.after is None) for d in moved] == [
        ("b", False, False),
        ("r", False, False),  # the same rate from other parts still moved
        ("new", True, False),
        ("gone", False, True),
    ]
