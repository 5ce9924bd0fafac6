"""`check` on a large warehouse shares the rules with a forked child: same result as alone."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from jgsw_std import forking
from jgsw_std.app import check as check_module
from jgsw_std.app.check import SIDE_FAMILIES, CheckRequest, run_check
from jgsw_std.forking import can_fork
from jgsw_std.load import warehouse as loader

DAY = dt.date(2025, 12, 31)


def _found(root: Path, **options: object) -> tuple[list[tuple[str, int, int, str]], int]:
    outcome = run_check(CheckRequest(root=root, as_of=DAY, **options))  # type: ignore[arg-type]
    problems = [(p.path, p.line, p.col, p.code) for p in outcome.result.problems]
    return problems, outcome.result.suppressed


def _alone_then_shared(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[tuple[str, int, int, str]], int]:
    """The result in one process; afterwards, runs share the work (from 10 files)."""
    monkeypatch.setenv("JGSW_NO_FORK", "1")
    alone = _found(root)
    monkeypatch.delenv("JGSW_NO_FORK")
    monkeypatch.setenv(check_module.FORK_SWITCH, "1")  # sharing is asked for (off by default)
    monkeypatch.setattr(forking, "PARALLEL_FROM", 10)  # the demo has about 350 files
    return alone


@pytest.mark.skipif(not can_fork(), reason="sharing needs fork and a second core (Linux)")
def test_shared_and_single_process_checks_agree(
    demo_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = _alone_then_shared(demo_root, monkeypatch)
    shared = _found(demo_root)
    assert shared == alone
    codes = {code for *_, code in alone[0]}
    assert any(c.startswith(SIDE_FAMILIES) for c in codes)  # the child's share found some
    assert any(not c.startswith(SIDE_FAMILIES) for c in codes)  # and so did this process's


@pytest.mark.skipif(not can_fork(), reason="sharing needs fork and a second core (Linux)")
def test_select_and_ignore_reach_the_child(
    demo_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(check_module.FORK_SWITCH, "1")
    monkeypatch.setattr(forking, "PARALLEL_FROM", 10)
    problems, _ = _found(demo_root, select=["L6"], ignore=["L601"])
    codes = {code for *_, code in problems}
    assert codes and all(c.startswith("L6") and c != "L601" for c in codes)


@pytest.mark.skipif(not can_fork(), reason="sharing needs fork and a second core (Linux)")
def test_a_child_that_dies_leaves_its_share_to_this_process(
    demo_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = _alone_then_shared(demo_root, monkeypatch)
    parent = os.getpid()
    real = loader.build_warehouse

    def dies_in_child(*args: object, **kwargs: object) -> object:
        if os.getpid() != parent:
            os._exit(3)  # the child dies before sending anything
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "build_warehouse", dies_in_child)  # app.check imports it late
    assert _found(demo_root) == alone


@pytest.mark.skipif(not can_fork(), reason="sharing needs fork and a second core (Linux)")
def test_a_refused_fork_leaves_all_the_work_to_this_process(
    demo_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = _alone_then_shared(demo_root, monkeypatch)
    before = len(os.listdir("/proc/self/fd"))

    def refused() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    assert _found(demo_root) == alone
    assert len(os.listdir("/proc/self/fd")) == before  # the pipe was closed again


def test_sharing_is_off_unless_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(check_module.FORK_SWITCH, raising=False)
    monkeypatch.delenv("JGSW_NO_FORK", raising=False)
    big = forking.PARALLEL_FROM
    assert not check_module.share_work(big)  # the default: one process (README, performance)
    monkeypatch.setenv(check_module.FORK_SWITCH, "1")
    assert check_module.share_work(big) == can_fork()
    assert not check_module.share_work(big - 1)  # below the threshold, never
    monkeypatch.setenv("JGSW_NO_FORK", "1")
    assert not check_module.share_work(big)  # and JGSW_NO_FORK still wins
