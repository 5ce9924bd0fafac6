"""Class 4 of issue 12: the right words. An unreadable file says why; fmt says only what
it wrote; a value with a newline never splits a problem over two lines."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from tests.conftest import CliRunner, MiniFactory

STANDARD = "data/standards/vehicles/db50-t-7-2020.yaml"
GOOD = (
    "code: DB50/T 7-2020\ntitle: 公务用车管理规范\nlevel: local\ncategory: operation\n"
    "area: vehicles\nitems: [vehicles.quota]\nstatus: published\n"
    "published: 2020-01-01\neffective: 2020-03-01\n"
)


def _link(path: Path, target: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        path.symlink_to(target)
    except OSError:
        pytest.skip("no symbolic links here")


def _check_lines(cli: CliRunner, root: Path) -> list[str]:
    result = cli("check", "--root", str(root), "--lang", "en")
    assert result.exit_code == 1
    return result.stdout.splitlines()


def test_a_dangling_link_cannot_be_read(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini({STANDARD: GOOD})
    _link(wh.root / "data/standards/vehicles/gone.yaml", "nothing-here.yaml")
    lines = _check_lines(cli, wh.root)
    assert (
        "data/standards/vehicles/gone.yaml:1:1: error Y007 cannot read: the link points to nothing"
        in lines
    )
    assert not any("Y001" in line for line in lines)  # never a made-up YAML error


def test_a_loop_of_links_cannot_be_read(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini({STANDARD: GOOD})
    folder = wh.root / "data/standards/vehicles"
    _link(folder / "a.yaml", "b.yaml")
    _link(folder / "b.yaml", "a.yaml")
    lines = _check_lines(cli, wh.root)
    for name in ("a", "b"):
        assert (
            f"data/standards/vehicles/{name}.yaml:1:1: error Y007 cannot read: symbolic link loop"
            in lines
        )


def test_a_link_to_a_file_inside_the_warehouse_is_read(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini({"data/standards/shared/db50-t-7-2020.yaml": GOOD})
    _link(wh.root / STANDARD, "../shared/db50-t-7-2020.yaml")
    lines = _check_lines(cli, wh.root)
    assert not any(line.startswith(STANDARD) and " Y00" in line for line in lines)
    assert any(line.startswith(STANDARD) and " N203 " in line for line in lines)  # read twice


def test_a_file_without_read_permission_says_so(
    mini: MiniFactory, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    wh = mini({STANDARD: GOOD})
    real_open = os.open

    def refusing(path: str, *args: object, **kwargs: object) -> int:
        if os.fspath(path).endswith("db50-t-7-2020.yaml"):  # root reads anything: pretend
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refusing)
    lines = _check_lines(cli, wh.root)
    assert f"{STANDARD}:1:1: error Y007 cannot read: permission denied" in lines
    result = cli("check", "--root", str(wh.root))
    assert f"{STANDARD}:1:1: error Y007 无法读取：没有读取权限" in result.stdout


def test_one_problem_is_one_line_naming_its_file(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini({STANDARD: GOOD.replace("level: local", 'level: "loc\\nal\\r\\e[31m\\u2028"')})
    for lang in ("zh", "en"):
        result = cli("check", "--root", str(wh.root), "--lang", lang)
        assert "\x1b" not in result.stdout and "\r" not in result.stdout
        assert "\u2028" not in result.stdout
        lines = result.stdout.splitlines()
        problem = next(line for line in lines if line.startswith(STANDARD) and "S103" in line)
        assert "loc\\nal\\r\\x1b[31m\\u2028" in problem
        # every line is a problem naming its file, a hint under it, a blank, or the summary
        for index, line in enumerate(lines[:-1]):
            assert line.startswith(("data/", "  ")) or not line, (index, line)


def test_github_annotations_stay_one_line_each(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini({STANDARD: GOOD.replace("level: local", 'level: "loc\\nal"')})
    result = cli("check", "--root", str(wh.root), "--format", "github")
    assert all(line.startswith("::") for line in result.stdout.splitlines()[:-1] if line)


def test_one_line_escapes_controls_and_keeps_text() -> None:
    from jgsw_std.i18n import one_line

    assert one_line("党政机关　物业") == "党政机关　物业"  # ideographic space is text
    assert one_line("a\nb\tc\rd\x00e\x7f\x85\u2029") == "a\\nb\\tc\\rd\\x00e\\x7f\\x85\\u2029"


def _messy(mini: MiniFactory) -> tuple[Path, list[str]]:
    rels = [f"data/standards/vehicles/db50-t-{n}-2020.yaml" for n in (7, 8, 9)]
    files = {
        rel: GOOD.replace("DB50/T 7-2020", f"DB50/T {n}-2020").replace(
            "title: 公务用车管理规范", 'title: "公务用车管理规范"'
        )
        for rel, n in zip(rels, (7, 8, 9), strict=True)
    }
    return mini(files).root, rels


def test_fmt_on_a_full_disk_writes_nothing_and_says_so(
    mini: MiniFactory, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jgsw_std import fsutil

    root, rels = _messy(mini)
    before = {rel: (root / rel).read_bytes() for rel in rels}
    real_stage = fsutil._stage
    staged: list[Path] = []

    def fill_up(path: Path, data: bytes) -> str:
        staged.append(path)
        if len(staged) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_stage(path, data)

    monkeypatch.setattr(fsutil, "_stage", fill_up)
    result = cli("fmt", str(root / "data/standards"), "--root", str(root), "--lang", "en")
    assert result.exit_code == 1
    assert "reformatted:" not in result.stdout
    assert "No space left on device; no file was changed" in result.stderr
    assert "3 to reformat, 0 written" in result.stderr
    assert {rel: (root / rel).read_bytes() for rel in rels} == before  # all or nothing
    assert not [p for p in (root / "data/standards/vehicles").iterdir() if p.suffix == ".tmp"]


def test_fmt_stopped_part_way_names_exactly_the_files_written(
    mini: MiniFactory, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, rels = _messy(mini)
    real_replace = os.replace
    done: list[str] = []

    def refuse_third(src: str, dst: object) -> None:
        if len(done) == 2:
            raise PermissionError(errno.EACCES, "Permission denied")  # Excel holds it open
        real_replace(src, dst)  # type: ignore[arg-type]
        done.append(str(dst))

    monkeypatch.setattr(os, "replace", refuse_third)
    result = cli("fmt", str(root / "data/standards"), "--root", str(root), "--lang", "en")
    assert result.exit_code == 1
    assert result.stdout == "".join(f"reformatted: {rel}\n" for rel in rels[:2])
    assert f"cannot write {rels[2]}: Permission denied. Written: {rels[0]}, {rels[1]}" in (
        result.stderr
    )
    assert "3 to reformat, 2 written" in result.stderr
    assert b'title: "' in (root / rels[2]).read_bytes()


def test_fmt_refuses_to_write_through_a_link(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini({"data/standards/shared/x.yaml": GOOD.replace("title: 公", 'title: "公') + '"'})
    _link(wh.root / STANDARD, "../shared/x.yaml")
    result = cli("fmt", "--root", str(wh.root), "--lang", "en")
    assert result.exit_code == 1
    assert f"{STANDARD} is a symbolic link; jgsw does not write through links" in result.stderr
    assert (wh.root / STANDARD).is_symlink()
