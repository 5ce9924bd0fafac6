"""Class 2 of issue 12: nothing hangs. Every input is bounded before work is done on it.

Each case runs jgsw in a child process with a deadline (helpers.DEADLINE): a
hang fails the test with TimeoutExpired instead of stalling the suite, and the
answer must name a clear code. The five-second budget of each case is measured
by bench/bench_hostile.py (tests never time anything).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import MiniFactory
from tests.robust.helpers import run_jgsw

STANDARD = "data/standards/vehicles/db50-t-7-2020.yaml"
GOOD = (
    "code: DB50/T 7-2020\ntitle: 公务用车管理规范\nlevel: local\ncategory: operation\n"
    "area: vehicles\nitems: [vehicles.quota]\nstatus: published\n"
    "published: 2020-01-01\neffective: 2020-03-01\n"
)
READERS = ("check", "status", "report")


def alias_bomb() -> str:
    """Ten aliases of ten aliases, nine deep: ten billion values in 700 bytes."""
    lines = ["k0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"k{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    return "\n".join(lines) + "\ncode: *a9\ntitle: *a9\n"


@pytest.mark.parametrize("command", READERS)
def test_an_alias_bomb_is_refused_with_y010(mini: MiniFactory, command: str) -> None:
    wh = mini({STANDARD: GOOD, "data/standards/vehicles/bomb.yaml": alias_bomb()})
    done = run_jgsw(command, "--root", str(wh.root))
    assert done.returncode in (0, 1), done.stderr
    if command == "check":
        assert "data/standards/vehicles/bomb.yaml:1:1: error Y010" in done.stdout


def test_the_reference_reader_measures_aliases_before_building_values() -> None:
    from jgsw_std.load.yamlread import MAX_EXPANDED, TooManyValues, load

    with pytest.raises(TooManyValues):
        load(alias_bomb())
    # just under the limit still reads: aliases are legal YAML
    fine = "a: &a [" + ", ".join(["x"] * 99) + "]\nb: [" + ", ".join(["*a"] * 99) + "]\n"
    data, _ = load(fine)
    assert len(data["b"]) == 99 and MAX_EXPANDED > 99 * 100


def test_the_fast_reader_leaves_every_alias_to_the_reference_reader() -> None:
    from jgsw_std.load.fastyaml import MISS, fast_load

    text = alias_bomb()
    assert fast_load(text.encode(), text) is MISS


def test_a_schema_message_shows_a_huge_value_in_bounded_time() -> None:
    from jgsw_std.load.schema_problems import SHOWN, _short

    shared: list[object] = ["x"] * 10
    for _ in range(9):  # the alias bomb's shape, as plain values: 10^10 items
        shared = [shared] * 10
    shown = _short(shared)
    assert len(shown) <= SHOWN
    assert _short(10**4000) == "≥10^4000"
    assert _short(-(10**4999)) == "≤-10^4000"
    assert _short(-(10**50)) == "-1" + "0" * 19 + "…"
    assert len(_short("x" * 10_000_000)) == SHOWN


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_fifo_named_yaml_is_not_read(mini: MiniFactory) -> None:
    wh = mini({STANDARD: GOOD})
    os.mkfifo(wh.root / "data" / "standards" / "vehicles" / "pipe.yaml")
    for command in READERS:
        done = run_jgsw(command, "--root", str(wh.root))
        assert done.returncode == 1 if command == "check" else done.returncode in (0, 1)
    done = run_jgsw("check", "--root", str(wh.root), "--lang", "en")
    assert "pipe.yaml:1:1: error Y008 not a regular file; not read: a named pipe" in done.stdout


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_link_to_dev_zero_is_not_read(mini: MiniFactory) -> None:
    wh = mini({STANDARD: GOOD})
    try:
        (wh.root / "data" / "standards" / "vehicles" / "zero.yaml").symlink_to("/dev/zero")
    except OSError:
        pytest.skip("no symbolic links here")
    for command in (*READERS, "fmt"):
        done = run_jgsw(command, "--root", str(wh.root))
        assert done.returncode in (0, 1), done.stderr
    done = run_jgsw("check", "--root", str(wh.root), "--lang", "en")
    assert "zero.yaml:1:1: error Y008" in done.stdout
    assert "a symbolic link out of the warehouse" in done.stdout


def test_a_link_to_a_device_inside_the_warehouse_is_not_read(tmp_path: Path) -> None:
    from jgsw_std.load.files import FileUnreadable, read_regular

    if not Path("/dev/null").exists():
        pytest.skip("no /dev/null here")
    try:
        (tmp_path / "null.yaml").symlink_to("/dev/null")
    except OSError:
        pytest.skip("no symbolic links here")
    with pytest.raises(FileUnreadable) as caught:
        read_regular(tmp_path / "null.yaml")  # inside=None: anywhere, but regular only
    assert caught.value.reason.kind == "special"
    assert caught.value.reason_en == "a symbolic link to a device"


def test_a_50_mb_title_is_refused_by_size_before_it_is_read(mini: MiniFactory) -> None:
    wh = mini({STANDARD: GOOD.replace("公务用车管理规范", "规" * 17_000_000)})  # 51 MB
    done = run_jgsw("check", "--root", str(wh.root), "--lang", "en")
    assert done.returncode == 1
    assert f"{STANDARD}:1:1: error Y009 the file is too large (51000" in done.stdout


def test_a_long_title_under_the_size_limit_is_a_schema_error(mini: MiniFactory) -> None:
    wh = mini({STANDARD: GOOD.replace("公务用车管理规范", "规" * 1_000_000)})  # 3 MB
    for command in READERS:
        done = run_jgsw(command, "--root", str(wh.root), "--lang", "en")
        assert done.returncode in (0, 1), done.stderr
    done = run_jgsw("check", "--root", str(wh.root), "--lang", "en")
    assert "error S103 field title has a bad value" in done.stdout
    assert "too long: at most 1000 characters" in done.stdout


def test_the_size_limit_is_configurable(mini: MiniFactory) -> None:
    wh = mini({STANDARD: GOOD})
    done = run_jgsw("check", "--root", str(wh.root), env={"JGSW_MAX_FILE_BYTES": "100"})
    assert f"{STANDARD}:1:1: error Y009" in done.stdout
    assert "data/framework.yaml:1:1: error Y009" in done.stdout  # 100 bytes is too few for it
    done = run_jgsw("check", "--root", str(wh.root), env={"JGSW_MAX_FILE_BYTES": "1M"})
    assert "Y009" not in done.stdout


def test_title_grams_are_bounded() -> None:
    from jgsw_std.rules.quality import MAX_GRAM_CHARS, title_grams

    grams = title_grams("".join(chr(0x4E00 + i) for i in range(50_000)))
    assert len(grams) == MAX_GRAM_CHARS - 1


def test_a_100000_character_history_target_is_refused(tmp_path: Path) -> None:
    from jgsw_std.app.history import MAX_TARGET_CHARS, record_history
    from jgsw_std.errors import UsageError

    with pytest.raises(UsageError) as caught:
        record_history(tmp_path, "a" * 100_000)
    assert caught.value.key == "target_too_long"
    assert str(MAX_TARGET_CHARS) in caught.value.en


def test_a_100000_character_code_is_refused_before_any_pattern_runs() -> None:
    import time

    from jgsw_std.model.codes import CodeError, code_slug, parse_code

    started = time.perf_counter()
    for text in ("a" * 100_000, "DB50/T " + "1 " * 50_000, "a-" * 50_000):
        code_slug(text)
        with pytest.raises(CodeError):
            parse_code(text)
    # not a timing goal: minutes before the bound, well under a second after
    assert time.perf_counter() - started < 5


def test_history_cli_answers_a_huge_target_quickly(mini: MiniFactory) -> None:
    wh = mini({STANDARD: GOOD})
    done = run_jgsw("history", "--root", str(wh.root), "--lang", "en", "--", "a" * 100_000)
    assert done.returncode == 1
    assert "over the limit of 400" in done.stderr
    assert "Traceback" not in done.stderr


def test_without_o_nofollow_links_are_judged_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows has no O_NOFOLLOW: the reader looks at links first instead."""
    from jgsw_std.load import files

    folder = tmp_path / "data" / "standards" / "vehicles"
    folder.mkdir(parents=True)
    (folder / "db50-t-7-2020.yaml").write_text(GOOD, "utf-8")
    try:
        (folder / "zero.yaml").symlink_to("/dev/zero")
        (folder / "gone.yaml").symlink_to("nothing.yaml")
        (folder / "same.yaml").symlink_to("db50-t-7-2020.yaml")
    except OSError:
        pytest.skip("no symbolic links here")
    with_flag = files.read_worktree(tmp_path)
    monkeypatch.setattr(files, "_NOFOLLOW", 0)
    without = files.read_worktree(tmp_path)
    assert without == with_flag
    kinds = {
        s.rel.rsplit("/", 1)[-1]: (s.unread.kind if s.unread else len(s.data)) for s in without
    }
    assert kinds == {
        "db50-t-7-2020.yaml": len(GOOD.encode()),
        "gone.yaml": "unreadable",
        "same.yaml": len(GOOD.encode()),
        "zero.yaml": "special",
    }
