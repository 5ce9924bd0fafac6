"""Every figure in the report is the one `jgsw status` and `jgsw check` print for the same date.

The report, status and check run as a person runs them (through the CLI); the
report's own data comes from `jgsw report --format json`, the context its
templates receive. No number here is hard-coded: each side is computed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from jgsw_std.app.check import check_warehouse
from jgsw_std.lifecycle.asof import AsOf
from jgsw_std.load.warehouse import load_worktree
from jgsw_std.metrics.registry import compute_all
from jgsw_std.reports.figures import target_text, value_text
from jgsw_std.reports.sections.duties import DUTY_FAMILIES
from tests.conftest import REPO, CliRunner

from .conftest import (
    END,
    MID,
    catalogue_rows,
    cli_json,
    district_rows,
    duty_rows,
    indicator_rows,
    report_json,
)


@pytest.fixture(params=["shipped", "demo"])
def root(request: pytest.FixtureRequest) -> Path:
    if request.param == "shipped":
        return REPO
    demo: Path = request.getfixturevalue("demo_root")
    return demo


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) < 1e-6


@pytest.mark.parametrize("as_of", [END, MID])
def test_indicators_equal_status_json(cli: CliRunner, root: Path, as_of: dt.date) -> None:
    day = as_of.isoformat()
    status = cli_json(cli, "status", "--root", str(root), "--as-of", day)
    report = report_json(cli, root, "--as-of", day)
    rows = indicator_rows(report)
    assert sorted(rows) == sorted(i["id"] for i in status["indicators"])
    for ind in status["indicators"]:
        row = rows[ind["id"]]
        assert row["status"] == ind["status"], ind["id"]
        assert _close(row["value"], ind["value"]), ind["id"]
        assert _close(row["numerator"], ind["numerator"]), ind["id"]
        assert _close(row["denominator"], ind["denominator"]), ind["id"]
        assert row["why"] == ind["why"], ind["id"]
    counts = {c["status"]: c["count"] for c in report["summary"]["counts"]}
    assert counts == status["summary"]
    assert report["cover"]["as_of"] == status["as_of"]


def test_indicator_wording_is_the_status_wording(demo_root: Path) -> None:
    from .conftest import context_of

    wh = load_worktree(demo_root)
    rows = indicator_rows(context_of(wh, END))
    for result in compute_all(AsOf(wh, END), None):
        row = rows[result.indicator_id]
        assert row["value_text"] == value_text(result, "zh")
        assert row["target_text"] == target_text(result, "zh")
        for figure in row["figures"]:
            second = result.figures[figure["key"]]
            assert (figure["status"], figure["value"]) == (second.status, second.value)


@pytest.mark.parametrize("as_of", [END, MID])
def test_duties_equal_check_json(cli: CliRunner, root: Path, as_of: dt.date) -> None:
    day = as_of.isoformat()
    check = cli_json(cli, "check", "--root", str(root), "--as-of", day)
    report = report_json(cli, root, "--as-of", day)

    def key(p: dict[str, Any]) -> tuple[str, str, int, str]:
        return (p["code"], p["path"], p["line"], p["message"])

    expected = Counter(key(p) for p in check["problems"] if p["code"][0] in DUTY_FAMILIES)
    listed = Counter(key(r) for r in duty_rows(report))
    assert listed == expected
    assert report["duties"]["total"] == sum(expected.values())
    summary = check["summary"]
    assert report["cover"]["checks"] == {
        "errors": summary["errors"],
        "warnings": summary["warnings"],
        "infos": summary["infos"],
        "suppressed": summary["suppressed"],
    }


def test_demo_has_duties_of_every_listed_kind(cli: CliRunner, demo_root: Path) -> None:
    # Guards the consistency test above against passing on an empty section.
    report = report_json(cli, demo_root, "--as-of", END.isoformat())
    kinds = {g["key"] for g in report["duties"]["groups"]}
    wanted = {"review-overdue", "evaluation-due", "low-usage", "duplicates"}
    assert wanted <= kinds


@pytest.mark.parametrize("as_of", [END, MID])
def test_matrix_gaps_are_the_coverage_and_g501_gaps(root: Path, as_of: dt.date) -> None:
    from .conftest import context_of

    wh = load_worktree(root)
    ctx = context_of(wh, as_of)
    items = ctx["matrix"]["business_items"]
    gaps = {i["code"] for i in items if i["gap"]}
    unknown = {i["code"] for i in items if i["state"] == "unknown"}
    # G501 names every item of the framework without a standard in force (certain)
    # and every item whose only standards are undated (possible, info).
    result = check_warehouse(wh, as_of)
    g501 = {p.args["item"] for p in result.problems if p.code == "G501"}
    possible = {
        p.args["item"] for p in result.problems if p.code == "G501" and p.args.get("possible")
    }
    assert gaps == g501 - possible
    assert unknown == possible
    # Indicator 5 counts the main areas' items: its "against" are the main gaps.
    coverage = next(r for r in compute_all(AsOf(wh, as_of), None) if r.metric == "coverage")
    main = {i["code"] for i in items if i["main"]}
    against = {ref.key for sub in coverage.breakdown.values() for ref in sub.counted_against}
    undated = {ref.key for sub in coverage.breakdown.values() for ref in sub.unknown}
    if coverage.low_parts is not None:
        assert gaps & main == against
        assert unknown & main == undated
        assert coverage.low_parts[0] == len(main - gaps - unknown)
        assert coverage.high_parts == (len(main - gaps), len(main))


@pytest.mark.parametrize("as_of", [END, MID])
def test_matrix_counts_standards_in_force(root: Path, as_of: dt.date) -> None:
    from .conftest import context_of

    wh = load_worktree(root)
    matrix = context_of(wh, as_of)["matrix"]
    in_force = [r for r in wh.standards if AsOf(wh, as_of).state(r) == "in-force"]
    assert matrix["total"] == len(in_force)
    categories = [c["code"] for c in matrix["categories"]]
    for row in matrix["rows"]:
        for code, cell in zip(categories, row["cells"], strict=True):
            expected = sum(
                1 for r in in_force if r.model.area == row["code"] and r.model.category == code
            )
            assert cell["count"] == expected, (row["code"], code)


def test_catalogue_lists_each_standard_once_with_its_state(root: Path) -> None:
    from .conftest import context_of

    wh = load_worktree(root)
    ctx = context_of(wh, END)
    listed = {r["path"]: r["state"] for r in catalogue_rows(ctx)}
    pipeline = {r["path"] for r in ctx["catalogue"]["pipeline"]}
    assert len(listed) == len(catalogue_rows(ctx))
    assert not listed.keys() & pipeline
    assert listed.keys() | pipeline == {r.path for r in wh.standards}
    for rec in wh.standards:
        state = AsOf(wh, END).state(rec)
        if rec.path in pipeline:
            assert state == "in-progress"
        else:
            assert listed[rec.path] == state
    states = {s["state"]: s["count"] for s in ctx["catalogue"]["states"]}
    assert sum(states.values()) == len(listed)


def test_district_rows_equal_district_status(cli: CliRunner, demo_root: Path) -> None:
    report = report_json(cli, demo_root, "--as-of", END.isoformat())
    rows = district_rows(report)
    wh = load_worktree(demo_root)
    assert set(rows) == {d.slug for d in wh.districts}
    columns = {
        "mechanism": "mechanism",
        "meetings": "annual_meetings",
        "trainings": "annual_training",
        "attendance": "training_attendance",
        "demo_sites": "demo_sites",
        "articles": "articles",
        "municipal_pilots": "municipal_pilots",
        "national_pilots": "national_pilots",
    }
    for slug in ("chongqing", "shapingba", "wanzhou", "youyang"):
        status = cli_json(
            cli,
            "status",
            "--root",
            str(demo_root),
            "--as-of",
            END.isoformat(),
            "--scope",
            f"district:{slug}",
        )
        by_metric = {i["metric"]: i for i in status["indicators"]}
        for column, metric in columns.items():
            cell, ind = rows[slug][column], by_metric[metric]
            assert cell["status"] == ind["status"], (slug, column)
            assert _close(cell["sort"], ind["value"]), (slug, column)
        summaries = by_metric["annual_meetings"]["figures"]["summaries"]
        assert _close(rows[slug]["summaries"]["sort"], summaries["value"])


def test_district_scope_shows_its_own_standards_and_duties(cli: CliRunner, demo_root: Path) -> None:
    wh = load_worktree(demo_root)
    owned = {r.path for r in wh.standards if r.model.owner == "shapingba"}
    assert owned, "the demo should give shapingba standards of its own"
    report = report_json(
        cli, demo_root, "--as-of", END.isoformat(), "--scope", "district:shapingba"
    )
    listed = {r["path"] for r in catalogue_rows(report)} | {
        r["path"] for r in report["catalogue"]["pipeline"]
    }
    assert listed == owned
    check = cli_json(cli, "check", "--root", str(demo_root), "--as-of", END.isoformat())
    own_files = owned | {"data/districts/shapingba.yaml"}
    expected = Counter(
        (p["code"], p["path"], p["line"])
        for p in check["problems"]
        if p["code"][0] in DUTY_FAMILIES and p["path"] in own_files
    )
    assert expected, "shapingba should have duties in the demo"
    assert Counter((r["code"], r["path"], r["line"]) for r in duty_rows(report)) == expected
    assert list(district_rows(report)) == ["shapingba"]
    status = cli_json(
        cli,
        "status",
        "--root",
        str(demo_root),
        "--as-of",
        END.isoformat(),
        "--scope",
        "district:shapingba",
    )
    assert {i["id"]: i["status"] for i in status["indicators"]} == {
        i: row["status"] for i, row in indicator_rows(report).items()
    }


def test_region_scope_lists_the_region_units(cli: CliRunner, demo_root: Path) -> None:
    wh = load_worktree(demo_root)
    report = report_json(cli, demo_root, "--as-of", END.isoformat(), "--scope", "region:southeast")
    expected = {d.slug for d in wh.districts if d.model.region == "southeast"}
    assert set(district_rows(report)) == expected
    assert report["cover"]["scope"] == "region:southeast"
