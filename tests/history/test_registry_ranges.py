"""Feedback answered on no recorded date: `trend` and `diff` show the range the records
leave (answered, unanswered past the limit, the in-time rate), never a bare 100%."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import pytest

from jgsw_std.history.compare import compare_registries
from jgsw_std.metrics.registry_figure import Figure, count_figure
from tests.conftest import CliRunner
from tests.history.conftest import GitWarehouse, standard

STD = "data/standards/vehicles/db50-t-1-2015.yaml"
DATED = "data/feedback/2025/2025-0001.yaml"
UNDATED = "data/feedback/2025/2025-0002.yaml"


def feedback(ident: str, received: str, tail: str = "") -> str:
    return (
        f"id: {ident}\nstandard: DB50/T 1-2015\nfrom: shapingba\nreceived: {received}\n"
        f"text: 条款难以执行。\n{tail}"
    )


#: answered in time on a recorded day (received 2025-02-01, due 2025-03-03)
ANSWERED = feedback("2025-0001", "2025-02-01", "response: {date: 2025-02-10, action: other}\n")
NO_DATE = "response: {by: chongqing, action: interpretation}\n"


def rows(text: str, label: str) -> list[str]:
    return next(line.split() for line in text.splitlines() if line.strip().startswith(label))


# the undated answer's item is due 30 days after receipt; the point is 2025-03-31
@pytest.mark.parametrize(
    ("received", "rate", "rate_json", "late"),
    [
        # received 03-02: due 04-01, the day after the point: not due, in time or not yet given
        ("2025-03-02", "100.0%", {"value": 1.0, "low": 1.0, "high": 1.0,
                                  "low_parts": [1, 1], "high_parts": [2, 2]}, "0"),
        # received 03-01: due 03-31, the point itself: not late yet
        ("2025-03-01", "100.0%", {"value": 1.0, "low": 1.0, "high": 1.0,
                                  "low_parts": [1, 1], "high_parts": [2, 2]}, "0"),
        # received 02-28: due 03-30, the day before the point: perhaps late
        ("2025-02-28", "50.0%–100.0%", {"value": None, "low": 0.5, "high": 1.0,
                                        "low_parts": [1, 2], "high_parts": [2, 2]}, "0–1"),
    ],
)  # fmt: skip
def test_trend_shows_the_range_of_an_undated_answer(
    git_wh: Callable[..., GitWarehouse],
    cli: CliRunner,
    received: str,
    rate: str,
    rate_json: dict[str, object],
    late: str,
) -> None:
    repo = git_wh(files={STD: standard("DB50/T 1-2015")})
    repo.commit("反馈与答复", {DATED: ANSWERED, UNDATED: feedback("2025-0002", received, NO_DATE)})
    args = ["trend", "--every", "month", "--since", "2025-03-01", "--until", "2025-03-31"]
    args += ["--root", str(repo.root)]
    text = cli(*args).stdout
    assert rows(text, "按时答复率")[1] == rate
    assert rows(text, "已答复")[1] == "1–2"
    assert rows(text, "逾期未答复")[1] == late
    assert rows(text, "收到反馈")[1] == "2"  # received: certain, one value as before

    (point,) = json.loads(cli(*args, "-f", "json").stdout)["points"]
    figures = {f["key"]: f for f in point["registries"]}
    assert figures["feedback.in_time_rate"] == {
        "key": "feedback.in_time_rate",
        "parts": None,  # the records do not fix them
        "maybe_empty": False,
        **rate_json,
    }
    assert figures["feedback.answered"] == {
        "key": "feedback.answered",
        "value": None,
        "low": 1,
        "high": 2,
        "parts": None,
        "low_parts": None,
        "high_parts": None,
        "maybe_empty": False,
    }
    assert figures["feedback.received"] == {"key": "feedback.received", "value": 2, "parts": None}
    # `status -f json` lists the very same figures, ranges and all
    status = cli("status", "--root", str(repo.root), "--as-of", "2025-03-31", "-f", "json")
    listed = json.loads(status.stdout)["registries"]["figures"]
    assert [{k: v for k, v in f.items() if k not in ("label", "unit")} for f in listed] == list(
        figures.values()
    )

    table = csv.DictReader(io.StringIO(cli(*args, "-f", "csv").stdout))
    own = {r["metric"]: r for r in table if r["indicator"] == ""}
    got = own["feedback.in_time_rate"]
    assert (got["status"], got["low"], got["high"]) == ("", str(rate_json["low"]), "1.0")
    assert got["value"] == ("" if rate_json["value"] is None else "1.0")
    assert (got["numerator"], got["denominator"]) == ("", "")
    assert (own["feedback.answered"]["value"], own["feedback.answered"]["low"]) == ("", "1")
    assert own["feedback.answered"]["high"] == "2"


@pytest.mark.parametrize(
    ("as_of", "rate_line", "late_line"),
    [
        # the undated answer's item received 03-02 is due 04-01
        ("2025-03-31", "100.0% (1/1) → 100.0% (1/1–2/2)\n", None),
        ("2025-04-01", "100.0% (1/1) → 100.0% (1/1–2/2)\n", None),
        (
            "2025-04-02",
            "50.0% (1/2) → 50.0%–100.0% (1/2–2/2)（下限 0，上限 +50.0 个百分点）\n",
            "  逾期未答复：1 → 0–1（下限 -1，上限 0）\n",
        ),
    ],
)
def test_diff_shows_the_range_an_undated_answer_leaves(
    git_wh: Callable[..., GitWarehouse],
    cli: CliRunner,
    as_of: str,
    rate_line: str,
    late_line: str | None,
) -> None:
    repo = git_wh(files={STD: standard("DB50/T 1-2015")})
    repo.commit("收到反馈", {DATED: ANSWERED, UNDATED: feedback("2025-0002", "2025-03-02")})
    repo.commit("答复（未记日期）", {UNDATED: feedback("2025-0002", "2025-03-02", NO_DATE)})
    run = ["diff", "HEAD~1", "HEAD", "--root", str(repo.root), "--as-of", as_of]
    text = cli(*run).stdout
    block = text.split("标准仓自有数据（专家库、信息反馈）\n", 1)[1]
    assert f"  按时答复率：{rate_line}" in block
    assert "  已答复：1 → 1–2（下限 0，上限 +1）\n" in block
    if late_line is None:
        assert "逾期未答复" not in block  # 0 before, 0 after: the records fix it
    else:
        assert late_line in block
    assert "→ 100.0% (2/2)" not in block and "→ 100.0%（" not in block

    data = json.loads(cli(*run, "-f", "json").stdout)
    moved = {d["key"]: d for d in data["registries"]}
    after = moved["feedback.in_time_rate"]["after"]
    past = as_of == "2025-04-02"
    assert after == {
        "value": None if past else 1.0,
        "low": 0.5 if past else 1.0,
        "high": 1.0,
        "parts": None,
        "low_parts": [1, 2] if past else [1, 1],
        "high_parts": [2, 2],
        "maybe_empty": False,
    }
    # the certain side reads as it always did
    before = moved["feedback.in_time_rate"]["before"]
    assert before == ({"value": 0.5, "parts": [1, 2]} if past else {"value": 1.0, "parts": [1, 1]})

    english = cli(*run, "--lang", "en").stdout
    assert "  answered: 1 → 1–2 (low 0, high +1)\n" in english
    if past:
        want = "  answered in time: 50.0% (1/2) → 50.0%–100.0% (1/2–2/2) (low 0, high +50.0 pp)\n"
        assert want in english


def test_an_answer_that_may_be_the_only_one_due_reads_or_no_data(
    git_wh: Callable[..., GitWarehouse], cli: CliRunner
) -> None:
    """Nothing answered on a recorded day, one answer undated and not yet due: the rate
    is 100% if it was given, and has no value if not."""
    repo = git_wh(files={STD: standard("DB50/T 1-2015")})
    repo.commit("收到反馈", {UNDATED: feedback("2025-0002", "2025-03-02")})
    repo.commit("答复（未记日期）", {UNDATED: feedback("2025-0002", "2025-03-02", NO_DATE)})
    run = ["diff", "HEAD~1", "HEAD", "--root", str(repo.root), "--as-of", "2025-04-01"]
    assert "  按时答复率：无数据 → 100.0% (1/1)（或无数据）\n" in cli(*run).stdout
    after = {d["key"]: d for d in json.loads(cli(*run, "-f", "json").stdout)["registries"]}
    assert after["feedback.in_time_rate"]["after"]["maybe_empty"] is True
    args = ["trend", "--every", "month", "--since", "2025-03-01", "--until", "2025-03-31"]
    text = cli(*args, "--root", str(repo.root)).stdout
    assert rows(text, "按时答复率")[1] == "100.0%?"


def test_only_the_range_that_moved_is_a_change() -> None:
    def rate(low: tuple[int, int], high: tuple[int, int]) -> Figure:
        lo, hi = low[0] / low[1], high[0] / high[1]
        value = lo if lo == hi else None
        return Figure("r", "r", "r", "rate", value, None, lo, hi, low, high)

    same = [
        rate((1, 2), (2, 2)),
        count_figure("a", "a", "a", 1, 1),
        count_figure("c", "c", "c", 3, 0),
    ]
    again = [
        rate((1, 2), (2, 2)),
        count_figure("a", "a", "a", 1, 1),
        count_figure("c", "c", "c", 3, 0),
    ]
    assert compare_registries(same, again) == []
    # the same ends from other parts, a wider count, a range that became one value
    moved = [
        rate((2, 4), (3, 3)),
        count_figure("a", "a", "a", 1, 2),
        count_figure("c", "c", "c", 3, 0),
    ]
    assert [d.key for d in compare_registries(same, moved)] == ["r", "a"]
    fixed = [
        rate((1, 2), (1, 2)),
        count_figure("a", "a", "a", 2, 0),
        count_figure("c", "c", "c", 3, 0),
    ]
    assert [d.key for d in compare_registries(same, fixed)] == ["r", "a"]
    assert count_figure("a", "a", "a", 2, 0) == Figure("a", "a", "a", "count", 2)


@pytest.mark.parametrize(
    ("closed", "rate"),
    [
        # received 03-02, due 04-01; the answer came before the closing (F904)
        ("2025-03-31", {"value": 1.0, "parts": [2, 2]}),
        ("2025-04-01", {"value": 1.0, "parts": [2, 2]}),
        # closed the day after: answered in time or late, nobody recorded when
        (
            "2025-04-02",
            {
                "value": None,
                "low": 0.5,
                "high": 1.0,
                "parts": None,
                "low_parts": [1, 2],
                "high_parts": [2, 2],
                "maybe_empty": False,
            },
        ),
    ],
)
def test_a_closed_loop_bounds_an_undated_answer(
    git_wh: Callable[..., GitWarehouse], cli: CliRunner, closed: str, rate: dict[str, object]
) -> None:
    tail = f"{NO_DATE}closed: {closed}\n"
    repo = git_wh(files={STD: standard("DB50/T 1-2015")})
    repo.commit("反馈与答复", {DATED: ANSWERED, UNDATED: feedback("2025-0002", "2025-03-02", tail)})
    status = cli("status", "--root", str(repo.root), "--as-of", "2025-04-10", "-f", "json")
    figures = {f["key"]: f for f in json.loads(status.stdout)["registries"]["figures"]}
    shown = {
        k: v for k, v in figures["feedback.in_time_rate"].items() if k not in ("label", "unit")
    }
    assert shown == {"key": "feedback.in_time_rate", **rate}
    # answered for certain either way: closing follows the answer
    assert figures["feedback.answered"]["value"] == 2
    assert "low" not in figures["feedback.answered"]
    args = ["trend", "--every", "month", "--since", "2025-04-01", "--until", "2025-04-30"]
    text = cli(*args, "--root", str(repo.root)).stdout
    assert rows(text, "按时答复率")[1] == ("100.0%" if rate["value"] else "50.0%–100.0%")
    words = cli("status", "--root", str(repo.root), "--as-of", "2025-04-10").stdout
    want = "100.0% (2/2)" if rate["value"] else "50.0%–100.0% (1/2–2/2)"
    assert f"按时答复率 {want}" in words


@pytest.mark.parametrize(
    ("as_of", "span"),
    [
        # the undated answer's item received 03-02 is due 04-01
        ("2025-03-31", {"in_time_rate": 1.0, "in_time_low": 1.0, "in_time_high": 1.0,
                        "in_time_low_parts": [1, 1], "in_time_high_parts": [2, 2]}),
        ("2025-04-01", {"in_time_rate": 1.0, "in_time_low": 1.0, "in_time_high": 1.0,
                        "in_time_low_parts": [1, 1], "in_time_high_parts": [2, 2]}),
        ("2025-04-02", {"in_time_rate": None, "in_time_low": 0.5, "in_time_high": 1.0,
                        "in_time_low_parts": [1, 2], "in_time_high_parts": [2, 2]}),
    ],
)  # fmt: skip
def test_status_totals_never_give_a_bare_rate_an_undated_answer_leaves_open(
    git_wh: Callable[..., GitWarehouse], cli: CliRunner, as_of: str, span: dict[str, object]
) -> None:
    repo = git_wh(files={STD: standard("DB50/T 1-2015")})
    undated = feedback("2025-0002", "2025-03-02", NO_DATE)
    repo.commit("反馈与答复", {DATED: ANSWERED, UNDATED: undated})
    status = cli("status", "--root", str(repo.root), "--as-of", as_of, "-f", "json")
    total = json.loads(status.stdout)["registries"]["feedback"]["total"]
    assert {key: total[key] for key in span} == span
    assert total["answered_in_time"] == 1 and total["answered_undated"] == 1
    # and the same for the standard the items are about
    (group,) = json.loads(status.stdout)["registries"]["feedback"]["by_standard"]
    assert {key: group[key] for key in span} == span


def test_status_totals_keep_their_shape_when_every_answer_is_dated(
    git_wh: Callable[..., GitWarehouse], cli: CliRunner
) -> None:
    repo = git_wh(files={STD: standard("DB50/T 1-2015")})
    repo.commit("反馈与答复", {DATED: ANSWERED})
    status = cli("status", "--root", str(repo.root), "--as-of", "2025-04-02", "-f", "json")
    total = json.loads(status.stdout)["registries"]["feedback"]["total"]
    assert total["in_time_rate"] == 1.0
    assert not any(key.startswith("in_time_") and key != "in_time_rate" for key in total)
