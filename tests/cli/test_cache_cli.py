"""Finished results from the cache: the same output, from the fast path or through typer.

A hit is proved by breaking the computation after the first run: the second
run can only print what the first one left in the cache. Each test gets its
own cache folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import CliRunner, MiniFactory

import jgsw_std.app.check
import jgsw_std.app.status
import jgsw_std.app.trend
from jgsw_std.app import finished
from jgsw_std.load import cache
from jgsw_std.progress import SILENT, Progress

LATE = """\
code: DB50/T 7-2015
title: 公务用车编制管理规范
level: local
category: general
area: vehicles
items: [vehicles.quota]
owner: chongqing
status: published
published: 2015-03-01
effective: 2015-06-01
"""
PATH = "data/standards/vehicles/db50-t-7-2015.yaml"
DAY = "2025-12-31"


def _broken(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, computing a check, a status or a trend fails loudly."""

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("computed again")

    monkeypatch.setattr(jgsw_std.app.check, "run_check", boom)
    monkeypatch.setattr(jgsw_std.app.status, "run_status", boom)
    monkeypatch.setattr(jgsw_std.app.trend, "compute_trend", boom)


CHECK_LINES = [
    ["check", "--as-of", DAY],
    ["check", "--as-of", DAY, "--lang", "en"],
    ["check", "--as-of", DAY, "-f", "json"],
    ["check", "--as-of", DAY, "--format=sarif"],
    ["check", "--as-of", DAY, "--strict"],
    ["check", "--as-of", DAY, "--select", "L6", "--select", "D"],
    ["status", "--as-of", DAY],
    ["status", "--as-of", DAY, "-f", "json", "--explain"],
    ["status", "--as-of", DAY, "-i", "17"],
]


@pytest.mark.parametrize("line", CHECK_LINES, ids=" ".join)
def test_a_second_run_prints_the_first_runs_output(
    line: list[str],
    fresh: Path,
    mini: MiniFactory,
    cli: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = str(mini({PATH: LATE}).root)
    first = cli(*line, "--root", root)
    assert "computed again" not in first.stderr
    _broken(monkeypatch)
    second = cli(*line, "--root", root)
    assert (second.exit_code, second.stdout, second.stderr) == (
        first.exit_code,
        first.stdout,
        first.stderr,
    )


def test_typer_serves_the_same_hit_as_the_fast_path(
    fresh: Path, mini: MiniFactory, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = str(mini({PATH: LATE}).root)
    first = cli("check", "--as-of", DAY, "-f", "json", "--root", root)
    _broken(monkeypatch)
    # "-fjson" is a spelling the fast path leaves to typer: the hit comes from there
    import jgsw_std.cli.fast

    monkeypatch.setattr(jgsw_std.cli.fast, "serve", lambda argv: None)
    second = cli("check", "--as-of", DAY, "-fjson", "--root", root)
    assert second.stdout == first.stdout and second.exit_code == first.exit_code


MISS_LINES = [
    ["check", "--as-of", DAY],
    ["check", "--as-of", DAY, "-f", "json", "--strict", "--lang", "en"],
    ["check", "--as-of", DAY, "--select", "L6,D", "--ignore", "L602", "-q"],
    ["--lang", "en", "check", "--as-of", DAY, "-o", "OUT", "-f", "sarif"],
    ["check", "--as-of", "2025-02-30", "-f", "nope", "--select", "ZZ"],  # the first bad one
    ["check", "--as-of", DAY, "--select", "ZZ"],
]


@pytest.mark.parametrize("line", MISS_LINES, ids=" ".join)
def test_a_miss_on_the_fast_path_runs_without_typer_and_prints_what_typer_prints(
    line: list[str],
    fresh: Path,
    mini: MiniFactory,
    cli: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    import jgsw_std.cli.app
    import jgsw_std.cli.fast

    root = str(mini({PATH: LATE}).root)
    out = str(tmp_path / "findings.txt")
    args = [out if arg == "OUT" else arg for arg in [*line, "--root", root]]
    real_build, real_serve = jgsw_std.cli.app.build_command, jgsw_std.cli.fast.serve
    with monkeypatch.context() as typer_only:
        typer_only.setattr(jgsw_std.cli.fast, "serve", lambda argv: None)
        by_typer = cli(*args)
    written = Path(out).read_bytes() if Path(out).exists() else None
    cache.close()
    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path / "another"))  # a miss again
    Path(out).unlink(missing_ok=True)
    served: list[int | None] = []

    def serve(argv: list[str]) -> int | None:
        served.append(real_serve(argv))
        return served[-1]

    monkeypatch.setattr(jgsw_std.cli.fast, "serve", serve)
    if "ZZ" not in line:  # a bad value is typer's to report
        monkeypatch.setattr(jgsw_std.cli.app, "build_command", None)
    by_fast = cli(*args)
    assert (by_fast.exit_code, by_fast.stdout, by_fast.stderr) == (
        by_typer.exit_code,
        by_typer.stdout,
        by_typer.stderr,
    )
    assert (Path(out).read_bytes() if Path(out).exists() else None) == written
    assert served == ([None] if "ZZ" in line else [by_typer.exit_code])
    assert real_build is not None


def test_what_is_not_in_the_key_is_computed_again(
    fresh: Path, mini: MiniFactory, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    wh = mini({PATH: LATE})
    root = str(wh.root)
    cli("check", "--as-of", DAY, "--root", root)
    calls: list[object] = []
    real = jgsw_std.app.check.run_check

    def counted(
        request: jgsw_std.app.check.CheckRequest, progress: Progress = SILENT
    ) -> jgsw_std.app.check.CheckOutcome:
        calls.append(request)
        return real(request, progress)

    monkeypatch.setattr(jgsw_std.app.check, "run_check", counted)
    cli("check", "--as-of", DAY, "--root", root)
    assert calls == []
    cli("check", "--as-of", "2025-12-30", "--root", root)  # another date
    cli("check", "--as-of", DAY, "--root", root, "--lang", "en")  # another language
    cli("check", "--as-of", DAY, "--root", root, "--ignore", "L")  # other options
    (wh.root / "jgsw.toml").write_text('[check]\nignore = ["Q"]\n', encoding="utf-8")
    cli("check", "--as-of", DAY, "--root", root)  # other settings
    cli("check", "--as-of", DAY, "--root", root, "--no-cache")  # asked not to
    assert len(calls) == 5


def test_a_changed_file_is_judged_again(fresh: Path, mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini({PATH: LATE})
    before = cli("check", "--as-of", DAY, "--root", str(wh.root))
    wh.write({PATH: LATE.replace("level: local", "level: locall")})
    after = cli("check", "--as-of", DAY, "--root", str(wh.root))
    assert "locall" in after.stdout and "locall" not in before.stdout
    assert after.exit_code == 1


def test_output_to_a_file_from_the_cache(
    fresh: Path, mini: MiniFactory, cli: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = str(mini({PATH: LATE}).root)
    first = cli(
        "check", "--as-of", DAY, "-f", "json", "-o", str(tmp_path / "a.json"), "--root", root
    )
    _broken(monkeypatch)
    second = cli(
        "check", "--as-of", DAY, "-f", "json", "-o", str(tmp_path / "b.json"), "--root", root
    )
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    # the "wrote" line names this run's file (it is never stored), then the summary line
    assert second.stderr == first.stderr.replace("a.json", "b.json")
    assert second.stderr.startswith(f"已写入 {tmp_path / 'b.json'}（") and "检查了" in second.stderr
    _broken(monkeypatch)
    quiet = cli(
        "-q", "check", "--as-of", DAY, "-f", "json", "-o", str(tmp_path / "c.json"), "--root", root
    )
    assert quiet.stderr == first.stderr.split("\n", 1)[1]  # the summary line alone


def test_no_cache_and_the_environment_leave_no_file(
    fresh: Path, mini: MiniFactory, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = str(mini({PATH: LATE}).root)
    cli("check", "--as-of", DAY, "--root", root, "--no-cache")
    cli("status", "--as-of", DAY, "--root", root, "--no-cache")
    assert not fresh.exists()
    monkeypatch.setenv(cache.ENV_OFF, "1")
    cli("check", "--as-of", DAY, "--root", root)
    assert not fresh.exists()


def test_trend_is_remembered_by_its_starting_commit(
    fresh: Path, tmp_path: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jgsw_std.demo.generator import build_demo, write_demo
    from jgsw_std.demo.history import build_history

    root = tmp_path / "wh"
    demo = build_demo(20, 3)
    write_demo(root, demo)
    build_history(root, demo, commits=12, seed=3)
    line = ["trend", "--every", "quarter", "--until", DAY, "--root", str(root)]
    first = cli(*line)
    assert first.exit_code == 0
    real = jgsw_std.app.trend.compute_trend
    calls: list[object] = []

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jgsw_std.app.trend, "compute_trend", counted)
    assert cli(*line).stdout == first.stdout and calls == []
    subprocess.run(
        ["git", "commit", "--allow-empty", "-q", "-m", "later", "--author", "a <a@example.com>"],
        cwd=root,
        check=True,
        env={**os.environ, "GIT_COMMITTER_NAME": "a", "GIT_COMMITTER_EMAIL": "a@example.com"},
    )
    cli(*line)  # a new commit: another starting point
    assert len(calls) == 1


def test_the_warm_path_imports_nothing_heavy(fresh: Path, mini: MiniFactory) -> None:
    root = str(mini({PATH: LATE}).root)
    line = ["check", "--as-of", DAY, "--root", root]
    subprocess.run([sys.executable, "-m", "jgsw_std", *line], capture_output=True, check=True)
    probe = (
        "import sys\n"
        "from jgsw_std.cli.app import run\n"
        f"code = run({line!r})\n"
        "heavy = ('pydantic', 'yaml', 'yaml_rs', 'ruamel', 'rich', 'jinja2', 'git', 'typer',\n"
        "         'jgsw_std.rules', 'jgsw_std.model', 'jgsw_std.load.warehouse')\n"
        "found = sorted(m for m in sys.modules if m.split('.')[0] in heavy or m.startswith(heavy))\n"
        "sys.stderr.write(repr(found))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, check=True)
    assert done.stderr.decode() == "[]"
    assert done.stdout  # and it printed the findings


def test_cache_info_and_clear(fresh: Path, mini: MiniFactory, cli: CliRunner) -> None:
    empty = cli("cache", "info")
    assert empty.exit_code == 0 and "尚未缓存" in empty.stdout
    cli("check", "--as-of", DAY, "--root", str(mini({PATH: LATE}).root))
    info = cli("cache", "info", "--lang", "en")
    assert str(fresh) in info.stdout and "finished results: 1" in info.stdout
    root = mini({PATH: LATE}).root
    assert cli("find", "DB50", "--root", str(root)).exit_code in (0, 1)
    assert list((fresh / "find").glob("*.sqlite"))  # find's index lives in the cache folder
    cleared = cli("cache", "clear")
    assert cleared.exit_code == 0 and "已删除缓存" in cleared.stdout
    assert not (fresh / cache.FILE_NAME).exists()
    assert not list((fresh / "find").glob("*.sqlite*"))  # and goes with it
    assert "尚未缓存" in cli("cache", "info").stdout


def test_cache_info_on_a_damaged_file_and_clear_removes_it(fresh: Path, cli: CliRunner) -> None:
    fresh.mkdir()
    (fresh / cache.FILE_NAME).write_bytes(b"garbage" * 1000)
    info = cli("cache", "info", "-f", "json")
    assert info.exit_code == 0 and '"problem": "file is not a database"' in info.stdout
    assert cli("cache", "clear").exit_code == 0
    assert not (fresh / cache.FILE_NAME).exists()


# -- the fast path reads the options typer declares, and nothing else -----------------


@pytest.mark.parametrize("command", ["check", "status", "trend"])
def test_the_fast_paths_options_are_the_commands_options(command: str) -> None:
    import typer.main

    from jgsw_std.cli import fast
    from jgsw_std.cli.app import build_app

    click_command = typer.main.get_command(build_app([command]))
    sub = click_command.commands[command]  # type: ignore[attr-defined]
    declared: dict[str, tuple[str, bool, bool]] = {}
    for param in sub.params:
        for spelling in param.opts:
            declared[spelling] = (param.name, not param.is_flag, param.multiple)
    for helper in ("--help", "-h"):
        declared.pop(helper, None)
    table = {
        "check": fast.CHECK_OPTIONS,
        "status": fast.STATUS_OPTIONS,
        "trend": fast.TREND_OPTIONS,
    }
    assert table[command] == declared


def test_the_fast_paths_root_options_are_the_root_commands() -> None:
    import typer.main

    from jgsw_std.cli import app, fast

    root = typer.main.get_command(app.build_app(["check"]))
    declared = {
        spelling: (param.name, not param.is_flag, param.multiple)  # type: ignore[attr-defined]
        for param in root.params
        for spelling in param.opts
        # options that end the run on their own are left to typer
        if spelling
        not in ("--version", "--help", "-h", "--install-completion", "--show-completion")
    }
    assert declared == fast.ROOT_OPTIONS
    # and the boundary skips the same ones to find the command
    valued = {name for name, (_, takes, _) in fast.ROOT_OPTIONS.items() if takes}
    flags = {name for name, (_, takes, _) in fast.ROOT_OPTIONS.items() if not takes}
    assert (set(app.ROOT_VALUED), set(app.ROOT_FLAGS)) == (valued, flags)


@pytest.mark.parametrize(
    ("argv", "split"),
    [
        (["--lang", "en", "-q", "check", "-f", "json"], (["--lang", "en", "-q"], "check")),
        (["--root=x", "status"], (["--root=x"], "status")),
        (["--version"], ([], None)),
        (["--lang", "en"], ([], None)),
        (["--help", "check"], ([], None)),
        (["check"], ([], "check")),
    ],
)
def test_the_fast_path_finds_the_command_behind_root_options(
    argv: list[str], split: tuple[list[str], str | None]
) -> None:
    from jgsw_std.cli import fast

    before, command, _ = fast._split(argv)
    assert (before, command) == split


@pytest.mark.parametrize(
    "args",
    [
        ["-fjson"],
        ["--help"],
        ["--as-of"],
        ["--as-of", "-1"],
        ["--strict=1"],
        ["--root", "a", "--root", "b"],
        ["positional"],
    ],
)
def test_the_fast_path_leaves_unusual_command_lines_to_typer(args: list[str]) -> None:
    from jgsw_std.cli import fast

    assert fast.read_options(args, fast.CHECK_OPTIONS) is None


def test_the_fast_path_reads_plain_command_lines() -> None:
    from jgsw_std.cli import fast

    values = fast.read_options(
        ["--select", "L6,D", "--select=Q", "-f", "json", "--strict", "--as-of=2025-01-01"],
        fast.CHECK_OPTIONS,
    )
    assert values == {
        "select": ["L6,D", "Q"],
        "fmt": "json",
        "strict": True,
        "as_of": "2025-01-01",
    }


def test_a_failure_on_the_fast_path_is_reported_like_any_other(
    fresh: Path, mini: MiniFactory, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jgsw_std.cli.fast

    def broken(argv: list[str]) -> int | None:
        raise RuntimeError("fast path")

    monkeypatch.setattr(jgsw_std.cli.fast, "serve", broken)
    result = cli("check", "--as-of", DAY, "--root", str(mini({PATH: LATE}).root))
    assert result.exit_code == 3 and "RuntimeError: fast path" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_hit_written_as_bytes_is_what_the_run_printed(fresh: Path, mini: MiniFactory) -> None:
    # in a process of its own, stdout is a UTF-8 pipe: the stored bytes go out as they are
    root = str(mini({PATH: LATE}).root)
    line = [sys.executable, "-m", "jgsw_std", "check", "--as-of", DAY, "--root", root]
    first = subprocess.run(line, capture_output=True, check=False)
    second = subprocess.run(line, capture_output=True, check=False)
    assert first.stdout and (second.stdout, second.returncode) == (first.stdout, first.returncode)
    cache.reset("zh")
    store = cache.store()
    assert store is not None
    rows = store.conn.execute("SELECT value FROM results").fetchall()
    cache.close()
    held = [finished.Finished.decode(row[0]) for row in rows]
    assert [one.out_utf8() for one in held if one is not None] == [first.stdout]


def test_a_text_that_utf8_cannot_carry_is_kept_as_text() -> None:
    odd = "data/\udce9.yaml: Y011\n"  # a file name that is not UTF-8, as Python reads it
    back = finished.Finished.decode(finished.Finished(odd, "note", 1, 2).encode())
    assert back is not None and back.out_utf8() is None and back.out == odd
    plain = finished.Finished.decode(finished.Finished("标准\n", "", 0, 0).encode())
    assert plain is not None and plain.out_utf8() == "标准\n".encode() and plain.out == "标准\n"
