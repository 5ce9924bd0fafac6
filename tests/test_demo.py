"""`jgsw demo`: synthetic, labelled, deterministic, and clean under `jgsw check`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from jgsw_std.demo.generator import SYNTHETIC, build_demo
from tests.conftest import CliRunner


def test_same_seed_same_files() -> None:
    a = build_demo(50, seed=3)
    b = build_demo(50, seed=3)
    c = build_demo(50, seed=4)
    assert [(f.rel, f.text) for f in a.files] == [(f.rel, f.text) for f in b.files]
    assert [f.text for f in a.files] != [f.text for f in c.files]


def test_every_invented_record_is_labelled() -> None:
    demo = build_demo(30, seed=1)
    for demo_file in demo.files:
        if demo_file.rel.startswith(
            (
                "data/standards/",
                "data/districts/",
                "data/experts/",
                "data/materials/",
                "data/feedback/",
                "files/",
            )
        ) and not demo_file.text.startswith("version https://git-lfs"):
            assert SYNTHETIC in demo_file.text, demo_file.rel
    indicators = next(f for f in demo.files if f.rel == "data/indicators.yaml")
    assert indicators.text.startswith(f"# {SYNTHETIC}")


def test_demo_passes_check(demo_root: Path, cli: CliRunner) -> None:
    result = cli("check", "--root", str(demo_root), "--as-of", "2025-12-31")
    assert result.exit_code == 0, result.stdout
    assert "标准 300 项" in result.stdout


def test_demo_refuses_a_non_empty_folder(cli: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("x")
    result = cli("demo", str(tmp_path), "-n", "5")
    assert result.exit_code == 1 and not (tmp_path / "data").exists()


def test_demo_spreads_levels_and_lifecycle() -> None:
    text = "\n".join(f.text for f in build_demo(400, seed=2).files)
    for word in (
        "level: national",
        "level: local",
        "level: group",
        "level: internal",
        "status: drafting",
        "status: repealed",
        "superseded_by:",
        "reviews:",
        "evaluations:",
        "usage:",
        "kind: training",
        "attendees:",
    ):
        assert word in text, word


REGISTRY_CODES = ("E902", "E903", "E904", "M905", "F905", "F906", "F907")


def test_every_registry_rule_shows_on_the_demo_and_only_where_planted(demo_root: Path) -> None:
    """Each warning and info of the E, M and F families shows on the demo as of 2025-12-31,
    and only on the records planted for it: everything else in the registries is clean."""
    from jgsw_std.app.check import check_warehouse
    from jgsw_std.load.warehouse import load_worktree

    demo = build_demo(300, seed=7)  # the demo_root warehouse
    wh = load_worktree(demo_root)
    result = check_warehouse(wh, dt.date(2025, 12, 31), select=["E", "M", "F"])
    found: dict[str, set[str]] = {}
    for problem in result.problems:
        found.setdefault(problem.code, set()).add(problem.path)
    assert set(found) == set(REGISTRY_CODES)
    for code, paths in found.items():
        assert paths <= demo.planted[code], code
    assert len(wh.experts) >= 10 and len(wh.materials) >= 4 and len(wh.feedback) >= 20
    assert any(m.model.sha256 and (m.model.path or "").endswith(".pdf") for m in wh.materials)


def test_the_demo_keeps_one_git_lfs_pointer_and_real_files(demo_root: Path) -> None:
    pointers = [
        p
        for p in (demo_root / "files").rglob("*")
        if p.is_file() and p.read_bytes().startswith(b"version https://git-lfs")
    ]
    assert len(pointers) == 1
    texts = list((demo_root / "files" / "standards").glob("*.txt"))
    assert len(texts) >= 20 and all(SYNTHETIC in p.read_text("utf-8") for p in texts)
