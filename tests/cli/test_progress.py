"""The progress bar: drawn on a terminal, never in a pipe, never in the command's output.

The terminal tests run jgsw in a real process whose standard error is a
pseudo-terminal (the pty module), as a person at a terminal runs it;
standard output goes to a file, as with ``> out.json``.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from jgsw_std.progress import SILENT, track

pty = pytest.importorskip("pty")  # POSIX only; Windows has no pseudo-terminals

BAR = "━".encode()
ERASE_LINE = b"\x1b[2K"


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, JGSW_PROGRESS_DELAY="0", COLUMNS="100", TERM="xterm")
    env.pop("CI", None)  # CI runs these tests too: what is tested is a person's terminal
    env.update(extra)
    src = str(Path(__file__).resolve().parents[2] / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    return env


def run_on_terminal(*args: str, cwd: Path, **env: str) -> tuple[int, bytes, bytes]:
    """(exit code, standard output, what the terminal showed on standard error)."""
    master, slave = pty.openpty()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "jgsw_std", *args],
            stdout=out,
            stderr=slave,
            stdin=subprocess.DEVNULL,
            cwd=cwd,
            env=_env(**env),
        )
        os.close(slave)
        shown = bytearray()
        while True:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the other side closed (Linux reports EIO)
                    break
                if not chunk:
                    break
                shown.extend(chunk)
            elif proc.poll() is not None:
                break
        code = proc.wait(timeout=120)
        os.close(master)
        out.seek(0)
        return code, out.read(), bytes(shown)


def run_in_pipe(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "jgsw_std", *args],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        cwd=cwd,
        env=_env(**env),
        timeout=120,
    )


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    from jgsw_std.demo.generator import build_demo, write_demo

    root = tmp_path_factory.mktemp("progress") / "wh"
    write_demo(root, build_demo(10, seed=3))
    yield root


def test_a_terminal_sees_the_bar_and_then_it_is_erased(warehouse: Path) -> None:
    code, out, shown = run_on_terminal("fmt", "--check", cwd=warehouse)
    assert code == 0, shown.decode("utf-8", "replace")
    assert "格式检查".encode() in shown and BAR in shown
    files = len(list((warehouse / "data").rglob("*.yaml")))
    assert f"/{files}".encode() in shown  # the count of files checked so far, out of all
    assert shown.rstrip().endswith(b"\x1b[?25h") or ERASE_LINE in shown[-200:]
    assert b"\x1b[" not in out and BAR not in out


def test_a_pipe_sees_no_bar(warehouse: Path) -> None:
    done = run_in_pipe("fmt", "--check", cwd=warehouse)  # what draws a bar on a terminal
    assert done.returncode == 0
    assert BAR not in done.stderr and b"\x1b[" not in done.stderr
    assert "格式检查".encode() not in done.stderr
    files = len(list((warehouse / "data").rglob("*.yaml")))
    assert f"共 {files} 个文件".encode() in done.stderr  # the summary stays


def test_quiet_turns_it_off_before_or_after_the_command(warehouse: Path) -> None:
    for args in (("check", "--quiet"), ("-q", "check")):
        code, out, shown = run_on_terminal(*args, "--as-of", "2025-12-31", cwd=warehouse)
        assert code in (0, 1) and "检查了".encode() in out
        assert BAR not in shown


def test_json_output_holds_no_byte_of_the_bar(warehouse: Path) -> None:
    code, out, shown = run_on_terminal(
        "check", "--format", "json", "--as-of", "2025-12-31", cwd=warehouse
    )
    assert code in (0, 1)
    assert BAR in shown  # the bar was drawn on the terminal ...
    doc = json.loads(out.decode("utf-8"))  # ... and standard output is pure JSON
    assert doc["summary"]["standards"] == 10


def test_ci_sees_no_bar_even_on_a_terminal(warehouse: Path) -> None:
    code, _, shown = run_on_terminal("check", "--as-of", "2025-12-31", cwd=warehouse, CI="true")
    assert code in (0, 1) and BAR not in shown


def test_writing_a_file_says_where_and_how_big(warehouse: Path, tmp_path: Path) -> None:
    target = tmp_path / "status.json"
    done = run_in_pipe(
        "status", "-f", "json", "-o", str(target), "--as-of", "2025-12-31", cwd=warehouse
    )
    assert done.returncode == 0
    size = target.stat().st_size
    line = done.stderr.decode("utf-8").strip().splitlines()[-1]
    assert line == f"已写入 {target}（{size / 1024:.1f} KB）"
    quiet = run_in_pipe(
        "--quiet", "status", "-f", "json", "-o", str(target), "--as-of", "2025-12-31", cwd=warehouse
    )
    assert quiet.returncode == 0 and "已写入" not in quiet.stderr.decode("utf-8")


def test_the_silent_progress_and_track() -> None:
    items = ["a", "b", "c"]
    assert list(track(SILENT, items, "步骤", "step")) == items
    with SILENT.step("步骤", "step", 3) as step:
        step.advance(2)


def test_a_forked_child_never_draws(warehouse: Path) -> None:
    """The child of a shared check holds a copy of the bar: it must stay silent."""
    from jgsw_std.cli.progress import TerminalProgress

    with open(os.devnull, "w", encoding="utf-8") as sink:
        bar = TerminalProgress("zh", stream=sink, delay=60)
        try:
            assert bar.here()
            bar._pid = -1  # what a forked child sees: another process id
            assert not bar.here()
            with bar.step("步骤", "step", 2) as step:
                step.advance()
            assert bar.rich.tasks == []  # nothing recorded, nothing drawn
        finally:
            bar._pid = os.getpid()
            bar.close()


def test_site_and_find_draw_the_bar_on_a_terminal_and_quiet_stops_it(
    warehouse: Path, tmp_path: Path
) -> None:
    """The two platform commands report like the others (a site at 10,000 standards: ~15 s)."""
    out_dir = tmp_path / "site"
    code, out, shown = run_on_terminal("site", str(out_dir), "--no-search", cwd=warehouse)
    assert code == 0, shown.decode("utf-8", "replace")
    assert "写入标准页面".encode() in shown and BAR in shown
    assert BAR not in out and (out_dir / "index.html").is_file()
    code, out, shown = run_on_terminal("site", str(out_dir), "--no-search", "-q", cwd=warehouse)
    assert code == 0 and BAR not in shown and out == b""
    code, out, shown = run_on_terminal("find", "标准", "-f", "json", cwd=warehouse)
    assert code == 0 and BAR in shown
    assert json.loads(out.decode("utf-8"))  # standard output is pure JSON
    code, _, shown = run_on_terminal("find", "标准", "--quiet", cwd=warehouse)
    assert code == 0 and BAR not in shown
