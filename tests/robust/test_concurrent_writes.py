"""Class 1 of issue 12: two writers at once lose nothing.

Two processes (not threads: the lock must hold between programs) each record 50
activities in one district file at the same moment. Every call must exit 0 and
every one of the 100 entries must be in the file afterwards. Without the lock in
edit/safe.apply_changes about a quarter of the entries were lost.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import sys
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import MiniFactory

ROUNDS = 50
DISTRICT = "data/districts/shapingba.yaml"


def _writer(root: str, prefix: str, first: str, start: Any, results: Any) -> None:
    """Record ROUNDS activities, one a day from ``first``; report the exit codes."""
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - the child's life
    sys.stderr = sys.stdout
    os.environ.pop("JGSW_ROOT", None)
    from jgsw_std.cli.app import run

    day = dt.date.fromisoformat(first)
    start.wait()
    codes = []
    for index in range(ROUNDS):
        date = (day + dt.timedelta(days=index)).isoformat()
        args = ["record", "activity", "shapingba", "--date", date, "--kind", "meeting"]
        codes.append(run([*args, "--title", f"{prefix}{index}", "--root", root]))
    results.put((prefix, codes))


def test_two_writers_on_one_file_lose_nothing(mini: MiniFactory) -> None:
    wh = mini()
    context = multiprocessing.get_context("spawn")  # as on Windows: no state shared
    start = context.Event()
    results = context.Queue()
    writers = [
        context.Process(target=_writer, args=(str(wh.root), "A", "2020-01-01", start, results)),
        context.Process(target=_writer, args=(str(wh.root), "B", "2021-01-01", start, results)),
    ]
    for process in writers:
        process.start()
    start.set()
    outcomes = dict(results.get(timeout=300) for _ in writers)
    for process in writers:
        process.join(timeout=60)
    assert outcomes == {"A": [0] * ROUNDS, "B": [0] * ROUNDS}
    data = yaml.safe_load(Path(wh.root, DISTRICT).read_text("utf-8"))
    titles = sorted(str(a["title"]) for a in data["activities"])
    assert titles == sorted([f"A{i}" for i in range(ROUNDS)] + [f"B{i}" for i in range(ROUNDS)])
    dates = [str(a["date"]) for a in data["activities"]]
    assert dates == sorted(dates)  # each writer planned against the other's latest file


def test_a_lock_held_elsewhere_stops_the_write_with_a_clear_message(mini: MiniFactory) -> None:
    from filelock import FileLock

    from jgsw_std.edit.locking import lock_path
    from tests.robust.helpers import run_jgsw

    wh = mini()
    before = Path(wh.root, DISTRICT).read_bytes()
    path = lock_path(wh.root, DISTRICT)
    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(path)):  # this process holds it; the child must wait, then give up
        done = run_jgsw(
            "record", "activity", "shapingba", "--date", "2020-01-01", "--kind", "meeting",
            "--title", "x", "--root", str(wh.root), "--lang", "en",
            env={"JGSW_LOCK_TIMEOUT": "0.2"},
        )  # fmt: skip
    assert done.returncode == 1
    assert "being written by another jgsw run" in done.stderr, done.stderr
    assert Path(wh.root, DISTRICT).read_bytes() == before


def test_the_lock_folder_ignores_itself_in_git(mini: MiniFactory) -> None:
    from jgsw_std.edit.locking import locked

    wh = mini()
    with locked(wh.root, [DISTRICT]):
        pass
    assert (wh.root / ".jgsw" / ".gitignore").read_text("utf-8").splitlines()[-1] == "*"
    assert not list((wh.root / "data" / "districts").glob("*.lock"))


def test_new_never_overwrites_a_file_written_meanwhile(mini: MiniFactory) -> None:
    from jgsw_std.edit.safe import apply_changes
    from jgsw_std.edit.scaffold import new_district
    from jgsw_std.errors import DataError

    wh = mini()
    scaffold = new_district(wh.load(), slug="yuzhong", name="渝中区", region="main-urban")
    theirs = b"slug: yuzhong\nname: someone else's\n"
    (wh.root / "data/districts/yuzhong.yaml").write_bytes(theirs)  # another `new` won
    try:
        apply_changes(wh.root, [scaffold.change])
    except DataError as exc:
        assert exc.key == "changed_meanwhile"
    else:
        raise AssertionError("the second new overwrote the first")
    assert (wh.root / "data/districts/yuzhong.yaml").read_bytes() == theirs


def test_a_record_planned_before_another_write_is_planned_again(mini: MiniFactory) -> None:
    """A stale change is planned again under the lock from what is on disk now."""
    from jgsw_std.app.record import run_record
    from jgsw_std.edit.record import plan_entry, record_into
    from jgsw_std.edit.safe import FileChange, apply_changes

    wh = mini()
    mine = {"date": "2021-05-01", "kind": "meeting", "title": "mine"}
    plan, stale = plan_entry(wh.load(), "activity", "shapingba", mine)
    theirs = {"date": "2021-04-01", "kind": "training", "title": "theirs"}
    run_record(wh.root, "activity", "shapingba", theirs, False)  # lands in between
    replanned: list[FileChange] = []

    def again(current: dict[str, bytes | None]) -> list[FileChange]:
        replanned.append(record_into(plan, current[plan.rel]))
        return replanned

    assert apply_changes(wh.root, [stale], replan=again) == [DISTRICT]
    assert len(replanned) == 1  # the stale plan was not written as it was
    data = yaml.safe_load((wh.root / DISTRICT).read_text("utf-8"))
    assert [a["title"] for a in data["activities"]] == ["theirs", "mine"]
