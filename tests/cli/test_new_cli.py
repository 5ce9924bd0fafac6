"""`jgsw new`: valid, canonical, commented files at the right path; never overwrite."""

from __future__ import annotations

import pytest
from tests.conftest import CliRunner, MiniFactory

from jgsw_std.edit.fmt import format_bytes
from jgsw_std.load.warehouse import load_worktree


def test_new_standard_is_valid_canonical_and_lists_the_items(
    mini: MiniFactory, cli: CliRunner
) -> None:
    wh = mini()
    result = cli(
        "new",
        "standard",
        "--code",
        "DB50／T 1234—2025",
        "--title",
        "公务用车处置评价规范",
        "--area",
        "公务用车",
        "--items",
        "vehicles.disposal,vehicles.quota",
        "--root",
        str(wh.root),
    )
    assert result.exit_code == 0, result.stderr
    rel = "data/standards/vehicles/db50-t-1234-2025.yaml"
    assert f"已创建 {rel}" in result.stdout
    raw = (wh.root / rel).read_bytes()
    text = raw.decode("utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=../../../schemas/standard.schema.json\n"
    )
    assert "code: DB50/T 1234-2025\n" in text
    assert "category: evaluation  #" in text  # guessed from 评价 in the title
    assert "#   vehicles.disposal  处置\n" in text
    assert "items: [vehicles.disposal, vehicles.quota]\n" in text
    assert "plan: {year: 2025, kind: new}" in text
    assert format_bytes(rel, raw) == raw
    loaded = load_worktree(wh.root)
    assert [p for p in loaded.problems if p.path == rel] == []
    check = cli("check", "--root", str(wh.root), "--select", "S,N,Y,G505")
    assert check.exit_code == 0, check.stdout
    assert "G505" not in check.stdout


NEW = ("new", "standard", "--code", "DB50/T 1235-2025", "--title", "公务用车编制规范")


def test_no_items_is_refused_with_the_choices(mini: MiniFactory, cli: CliRunner) -> None:
    # items: [] would be G505 at once: away from a terminal, nothing is written
    wh = mini()
    result = cli(*NEW, "--area", "vehicles", "--root", str(wh.root))
    assert result.exit_code == 1
    assert "新标准须归入公务用车的业务事项" in result.stderr
    assert "vehicles.quota（编制）、vehicles.disposal（处置）" in result.stderr
    assert "--item vehicles.quota" in result.stderr
    assert not (wh.root / "data/standards/vehicles/db50-t-1235-2025.yaml").exists()
    # cross-area standards have no items: nothing to ask
    general = cli(*NEW, "--area", "general", "--root", str(wh.root))
    assert general.exit_code == 0, general.stderr


def test_at_a_terminal_the_items_are_asked_for(
    mini: MiniFactory, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from jgsw_std.cli import new as new_cli

    wh = mini()
    monkeypatch.setattr(new_cli, "_at_a_terminal", lambda: True)
    monkeypatch.setattr("sys.stdin", io.StringIO("2, vehicles.quota\n"))
    result = cli(*NEW, "--area", "vehicles", "--root", str(wh.root))
    assert result.exit_code == 0, result.stderr
    assert "  1. vehicles.quota  编制" in result.stderr and "归入哪些事项" in result.stderr
    text = (wh.root / "data/standards/vehicles/db50-t-1235-2025.yaml").read_text("utf-8")
    assert "items: [vehicles.disposal, vehicles.quota]\n" in text


def test_an_empty_answer_writes_nothing(
    mini: MiniFactory, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from jgsw_std.cli import new as new_cli

    wh = mini()
    monkeypatch.setattr(new_cli, "_at_a_terminal", lambda: True)
    monkeypatch.setattr("sys.stdin", io.StringIO("\n"))
    result = cli(*NEW, "--area", "vehicles", "--root", str(wh.root))
    assert result.exit_code == 1 and "新标准须归入" in result.stderr
    assert not (wh.root / "data/standards/vehicles/db50-t-1235-2025.yaml").exists()


def test_answers_are_numbers_or_codes() -> None:
    from jgsw_std.cli.new import items_from_answer

    choices = [("a.one", "一"), ("a.two", "二"), ("a.three", "三")]
    assert items_from_answer("1，3", choices) == ["a.one", "a.three"]
    assert items_from_answer(" a.two 2 ", choices) == ["a.two"]
    assert items_from_answer("9 x.y", choices) == ["9", "x.y"]  # refused later, by name
    assert items_from_answer("", choices) == []


def test_items_owner_and_category_are_checked_against_the_framework(
    mini: MiniFactory, cli: CliRunner
) -> None:
    wh = mini()
    ok = cli(
        "new",
        "standard",
        "--code",
        "DB50/T 10001-2025",
        "--title",
        "机关食堂服务规范",
        "--area",
        "logistics",
        "--category",
        "operation",
        "--item",
        "logistics.catering",
        "--owner",
        "shapingba",
        "--root",
        str(wh.root),
    )
    assert ok.exit_code == 0, ok.stderr
    text = (wh.root / "data/standards/logistics/db50-t-10001-2025.yaml").read_text("utf-8")
    assert "items: [logistics.catering]\nowner: shapingba\njoint: [sichuan]" in text
    bad = cli(
        "new",
        "standard",
        "--code",
        "DB50/T 9-2025",
        "--title",
        "x",
        "--area",
        "logistics",
        "--item",
        "logistics.laundry",
        "--root",
        str(wh.root),
        "--lang",
        "en",
    )
    assert bad.exit_code == 1
    assert "no business item logistics.laundry" in bad.stderr


def test_refuses_to_overwrite_and_names_unknown_areas(mini: MiniFactory, cli: CliRunner) -> None:
    existing = "code: DB50/T 7-2020\ntitle: 已有标准\n"
    wh = mini({"data/standards/vehicles/db50-t-7-2020.yaml": existing})
    again = cli(
        "new",
        "standard",
        "--code",
        "DB50/T 7-2020",
        "--title",
        "x",
        "--area",
        "vehicles",
        "--root",
        str(wh.root),
    )
    assert again.exit_code == 1
    assert "已在标准仓中" in again.stderr
    assert (wh.root / "data/standards/vehicles/db50-t-7-2020.yaml").read_text("utf-8") == existing
    unknown = cli(
        "new",
        "standard",
        "--code",
        "DB50/T 8-2020",
        "--title",
        "x",
        "--area",
        "cars",
        "--root",
        str(wh.root),
    )
    assert unknown.exit_code == 1
    assert "没有业务方面 cars" in unknown.stderr and "vehicles（公务用车）" in unknown.stderr


def test_new_district(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini()
    result = cli(
        "new",
        "district",
        "--slug",
        "bishan",
        "--name",
        "璧山区",
        "--region",
        "main-urban",
        "--subregion",
        "new",
        "--root",
        str(wh.root),
    )
    assert result.exit_code == 0, result.stderr
    rel = "data/districts/bishan.yaml"
    raw = (wh.root / rel).read_bytes()
    assert b"slug: bishan\nname: \xe7\x92\xa7\xe5\xb1\xb1\xe5\x8c\xba\nkind: district" in raw
    assert format_bytes(rel, raw) == raw
    assert [p for p in load_worktree(wh.root).problems if p.path == rel] == []
    twice = cli("new", "district", "--slug", "bishan", "--name", "x", "--root", str(wh.root))
    assert twice.exit_code == 1 and "已存在" in twice.stderr
