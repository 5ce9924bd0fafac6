"""`jgsw demo`: synthetic, labelled, deterministic, and clean under `jgsw check`."""

from __future__ import annotations

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
        if demo_file.rel.startswith(("data/standards/", "data/districts/")):
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
